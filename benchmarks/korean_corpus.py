"""A generated Korean corpus for the search benchmark, with its relevance judgments.

Each entry of `VOCABULARY` is one word as a dictionary lists it (a noun, or a verb or
adjective in its -다 form), the forms a writer's sentences put it in (particles, endings,
irregular and contracted conjugations, compounds written without a space), and the
queries a reader types for it. A post is relevant to a query when its text uses the
query's entry in any form: that is the judgment, made by construction. Entries
`COLLIDING` begin like another entry's forms without being related (가지 "branch" and
가지다 "to have"), so a search that matches by beginnings alone loses precision there.

    write_korean_corpus(root, posts=150) -> {query: set of relevant slugs}
"""

from __future__ import annotations

import datetime
import random
from pathlib import Path

# kind: [(entry, the forms sentences use, the queries readers type for it)]
GROUPS = {
    # Nouns: particles attach without a space.
    "noun": [
    ("서울", ["서울은", "서울에서", "서울의", "서울까지", "서울로"], ["서울", "서울에서"]),
    ("필터", ["필터를", "필터가", "필터의", "필터는", "필터로"], ["필터", "필터를"]),
    ("센서", ["센서가", "센서를", "센서에서", "센서의"], ["센서"]),
    ("데이터베이스", ["데이터베이스에", "데이터베이스를", "데이터베이스에서"], ["데이터베이스"]),
    ("노트북", ["노트북이", "노트북을", "노트북으로", "노트북에서"], ["노트북", "노트북으로"]),
    ("파이썬", ["파이썬으로", "파이썬은", "파이썬을", "파이썬의"], ["파이썬"]),
    ("배터리", ["배터리가", "배터리를", "배터리는"], ["배터리"]),
    ("온도", ["온도가", "온도를", "온도는", "온도의"], ["온도", "온도가"]),
    ("그래프", ["그래프를", "그래프가", "그래프에"], ["그래프"]),
    ("서버", ["서버가", "서버를", "서버에서", "서버는"], ["서버"]),
    ("모터", ["모터가", "모터를", "모터의"], ["모터"]),
    ("가지", ["가지를", "가지가", "가지마다"], ["가지"]),
    ("차", ["차를", "차가", "차로"], ["차"]),
    ],
    # Nouns that also stand inside compounds written without a space.
    "compound": [
    ("신호", ["신호를", "잡음신호가", "입력신호의", "신호는"], ["신호"]),
    ("모델", ["모델을", "예측모델이", "학습모델의"], ["모델"]),
    ("설계", ["설계를", "회로설계가", "시스템설계는"], ["설계"]),
    ("오차", ["오차가", "측정오차를", "추정오차는"], ["오차"]),
    ],
    # Verbs and adjectives, regular.
    "verb": [
    ("만들다", ["만들었다", "만들고", "만드는", "만들어서"], ["만들다"]),
    ("측정하다", ["측정했다", "측정하고", "측정하는", "측정해서"], ["측정하다", "측정했다"]),
    ("고치다", ["고쳤다", "고치고", "고치는", "고쳐서"], ["고치다"]),
    ("바꾸다", ["바꿨다", "바꾸고", "바꾸는", "바꿔서"], ["바꾸다"]),
    ("줄이다", ["줄였다", "줄이고", "줄이는"], ["줄이다"]),
    ("돌리다", ["돌렸다", "돌리고", "돌리는"], ["돌리다"]),
    ("떨어지다", ["떨어졌다", "떨어지는", "떨어지고"], ["떨어지다"]),
    ("올리다", ["올렸다", "올리고", "올리는"], ["올리다"]),
    ("저장하다", ["저장했다", "저장하고", "저장하는"], ["저장하다"]),
    ("비교하다", ["비교했다", "비교하면", "비교하는"], ["비교하다", "비교"]),
    ("확인하다", ["확인했다", "확인하고", "확인한"], ["확인하다"]),
    ("가지다", ["가지고", "가졌다", "가진"], ["가지다"]),
    ],
    # Irregular and contracted conjugations: the stem changes its letters.
    "irregular": [
    ("덥다", ["더워서", "더운", "더웠다", "덥고"], ["덥다"]),
    ("어렵다", ["어려운", "어려웠다", "어렵고"], ["어렵다"]),
    ("나누다", ["나눴다", "나누고", "나누어"], ["나누다"]),
    ("모르다", ["몰라서", "몰랐다", "모르는"], ["모르다"]),
    ("쓰다", ["써서", "썼다", "쓰는", "쓰고"], ["쓰다"]),
    ("듣다", ["들었다", "듣고", "들어서"], ["듣다"]),
    ("빠르다", ["빨라졌다", "빠른", "빨랐다"], ["빠르다"]),
    ("느리다", ["느려졌다", "느린", "느리고"], ["느리다"]),
    ("켜다", ["켰다", "켜고", "켜는"], ["켜다"]),
    ],
}  # fmt: skip
VOCABULARY = [entry for entries in GROUPS.values() for entry in entries]


def query_kinds() -> dict[str, str]:
    """Each query's kind: its entry's group, or "with particle/ending" when typed so."""
    return {
        query: kind if query == entry or kind == "compound" else f"{kind}, inflected"
        for kind, entries in GROUPS.items()
        for entry, _, queries in entries
        for query in queries
    }


# Entries that begin like another entry's forms: (entry, the unrelated one).
COLLIDING = [("가지", "가지다"), ("차", "차트"), ("모델", "모델하우스")]
# Words that begin like an entry without being it ("chart" for 차 "car", a show house
# for 모델 "model"), used in sentences of their own.
DECOYS = {"차트": ["차트를", "차트가"], "모델하우스": ["모델하우스를", "모델하우스에서"]}

# Sentence frames by the form they take: a noun with its particle, a verb's final form
# (-다), its connective form (-고, -서, -면, -어) or the form before a noun (-는, -ㄴ).
# Their own words begin like no entry's queries.
FRAMES = {
    "noun": [
        "이번 주에는 {} 다시 보았다.",
        "기록을 보니 {} 눈에 띈다.",
        "메모에 따르면 {} 문제였다.",
    ],
    "final": ["어제 실험에서 결국 {}.", "그날 저녁에 처음으로 {}."],
    "linking": ["{} 기록을 남겼다.", "{} 표를 정리했다."],
    "before-noun": ["{} 과정을 따로 적었다.", "{} 경우가 많았다."],
}
FILLER = [
    "오늘 기록은 짧게 남긴다.",
    "자세한 숫자는 표에 정리해 두었다.",
    "다음 주에 한 번 더 살펴볼 예정이다.",
    "이 글은 작업 일지의 한 부분이다.",
]


VERB_FORMS = {form for entry, forms, _ in VOCABULARY if entry.endswith("다") for form in forms}


def kind_of(form: str) -> str:
    """Which frames take `form` (see `FRAMES`)."""
    if form not in VERB_FORMS:
        return "noun"
    if form.endswith("다"):
        return "final"
    return "linking" if form[-1] in "고서면어" else "before-noun"


def write_korean_corpus(root: Path, posts: int = 150, seed: int = 11) -> dict[str, set[str]]:
    """Write `posts` Korean posts under `root/content`; return each query's relevant slugs.

    Each post uses four entries (and, one time in three, a decoy), each in one or two of
    its forms, in random frames; the same seed writes the same files.
    """
    rng = random.Random(seed)
    content = root / "content"
    content.mkdir(parents=True, exist_ok=True)
    relevant: dict[str, set[str]] = {q: set() for _, _, queries in VOCABULARY for q in queries}
    start = datetime.datetime(2025, 3, 1, 9, 0)
    for number in range(posts):
        slug = f"ko-{number:04d}"
        used = rng.sample(VOCABULARY, 4)
        forms = [form for _, entry_forms, _ in used for form in rng.sample(entry_forms, 2)]
        if number % 3 == 0:
            forms.append(rng.choice(rng.choice(list(DECOYS.values()))))
        rng.shuffle(forms)
        sentences = [rng.choice(FRAMES[kind_of(form)]).format(form) for form in forms]
        sentences.insert(rng.randrange(len(sentences)), rng.choice(FILLER))
        for _, _, queries in used:
            for query in queries:
                relevant[query].add(slug)
        date = start + datetime.timedelta(hours=13 * number)
        (content / f"{slug}.ko.md").write_text(
            f"Title: 작업 일지 {number + 1}\nDate: {date:%Y-%m-%d %H:%M}\nSlug: {slug}\n"
            f"Lang: ko\n\n" + " ".join(sentences) + "\n",
            encoding="utf-8",
        )
    return relevant
