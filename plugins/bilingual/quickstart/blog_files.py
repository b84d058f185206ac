"""The files a new blog starts with: what `pelican-bilingual-quickstart` writes.

`files(answers)` gives {relative path: text} from the templates in `files/` and the
answers (`Answers`); `write(folder, files)` writes them. The requirement line the blog
installs the package with (`default_requirement`) keeps a wheel in the blog's `vendor/`
when the package was installed from this machine (`vendor_wheel`).
"""

from __future__ import annotations

import datetime
import json
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path
from string import Template

DISTRIBUTION = "pelican-bilingual"
SERIES_ID = "first-steps"


class QuickstartError(Exception):
    """An answer or a folder the quickstart cannot use; the message says which and why."""


@dataclass(frozen=True)
class Answers:
    """What the new blog is: `langs` has the main language first; `url` may be ""."""

    sitename: str
    author: str
    langs: tuple[str, ...]
    timezone: str
    url: str
    requirement: str  # the requirements.txt line; "" until the wheel is vendored
    names: tuple[tuple[str, str], ...] = ()  # (lang, the site's name there), other languages

    def name_in(self, lang: str) -> str:
        """The site's name in `lang` (the main name where none was given)."""
        return dict(self.names).get(lang) or self.sitename


@dataclass(frozen=True)
class Example:
    """The example post in one language; `text` has `{site}` and `{path}` to fill in."""

    series: str
    description: str
    title: str
    tag: str
    text: str


# The example post per language (keys in lower case). Languages without an entry get the
# English one, to translate (the quickstart says so).
EXAMPLES = {
    "en": Example(
        "First Steps",
        "Where this blog starts.",
        "Hello, world",
        "blog",
        "This is the first post of *{site}*. It lives in `{path}`; its other versions sit "
        "beside it with the same name and another language, and the site links them to "
        "each other.\n\n"
        'Start the next one with `invoke new "A title" --series "First Steps"`, and '
        "watch the site change while you write with `invoke serve`.\n",
    ),
    "ko": Example(
        "첫걸음",
        "이 블로그가 시작하는 곳.",
        "첫 글",
        "블로그",
        "*{site}*의 첫 글입니다. 이 파일은 `{path}`에 있고, 다른 언어 버전은 같은 이름에 "
        "언어만 바꿔 바로 옆에 둡니다. 사이트가 서로를 연결해 줍니다.\n\n"
        '다음 글은 `invoke new "제목" --series "첫걸음"`으로 시작하고, 쓰는 동안 '
        "`invoke serve`로 사이트가 바뀌는 모습을 확인하세요.\n",
    ),
    "zh-hans": Example(
        "第一步",
        "这个博客开始的地方。",
        "你好，世界",
        "博客",
        "这是 *{site}* 的第一篇文章。它位于 `{path}`；其他语言的版本放在旁边，文件名相同，"
        "只是语言不同，网站会把它们互相链接起来。\n\n"
        '下一篇文章可以用 `invoke new "标题" --series "第一步"` 开始；写作时用 '
        "`invoke serve` 实时查看网站的变化。\n",
    ),
    "zh-hant": Example(
        "第一步",
        "這個部落格開始的地方。",
        "你好，世界",
        "部落格",
        "這是 *{site}* 的第一篇文章。它位於 `{path}`；其他語言的版本放在旁邊，檔名相同，"
        "只是語言不同，網站會把它們互相連結起來。\n\n"
        '下一篇文章可以用 `invoke new "標題" --series "第一步"` 開始；寫作時用 '
        "`invoke serve` 即時查看網站的變化。\n",
    ),
    "es": Example(
        "Primeros pasos",
        "Donde empieza este blog.",
        "Hola, mundo",
        "blog",
        "Esta es la primera entrada de *{site}*. Está en `{path}`; sus otras versiones van al "
        "lado, con el mismo nombre y otro idioma, y el sitio las enlaza entre sí.\n\n"
        'Empieza la siguiente con `invoke new "Un título" --series "Primeros pasos"` y mira '
        "cómo cambia el sitio mientras escribes con `invoke serve`.\n",
    ),
    "fr": Example(
        "Premiers pas",
        "Là où ce blog commence.",
        "Bonjour, le monde",
        "blog",
        "Voici le premier billet de *{site}*. Il se trouve dans `{path}` ; ses autres versions "
        "sont à côté, sous le même nom avec une autre langue, et le site les relie entre "
        "elles.\n\n"
        'Commencez le suivant avec `invoke new "Un titre" --series "Premiers pas"`, et '
        "regardez le site changer pendant que vous écrivez avec `invoke serve`.\n",
    ),
    "de": Example(
        "Erste Schritte",
        "Hier beginnt dieses Blog.",
        "Hallo, Welt",
        "blog",
        "Dies ist der erste Beitrag von *{site}*. Er liegt in `{path}`; seine anderen "
        "Fassungen liegen daneben, mit demselben Namen und einer anderen Sprache, und die "
        "Website verlinkt sie miteinander.\n\n"
        'Den nächsten beginnen Sie mit `invoke new "Ein Titel" --series "Erste Schritte"`; '
        "mit `invoke serve` sehen Sie beim Schreiben, wie sich die Website ändert.\n",
    ),
    "tr": Example(
        "İlk Adımlar",
        "Bu blogun başladığı yer.",
        "Merhaba dünya",
        "blog",
        "Bu, *{site}* sitesinin ilk yazısı. `{path}` içinde duruyor; diğer dillerdeki "
        "sürümleri aynı adla, yalnızca dili değişerek hemen yanında yer alır ve site "
        "onları birbirine bağlar.\n\n"
        'Sonrakine `invoke new "Bir başlık" --series "İlk Adımlar"` ile başlayın; yazarken '
        "`invoke serve` ile sitenin nasıl değiştiğini izleyin.\n",
    ),
    "ja": Example(
        "はじめの一歩",
        "このブログの始まり。",
        "はじめまして",
        "ブログ",
        "*{site}*の最初の記事です。このファイルは `{path}` にあり、ほかの言語の版は同じ名前で"
        "言語の部分だけを変えて、すぐ隣に置きます。サイトがそれぞれを互いにつなげてくれます。\n\n"
        '次の記事は `invoke new "タイトル" --series "はじめの一歩"` で始めて、書いている間は '
        "`invoke serve` でサイトの変化を確かめてください。\n",
    ),
}


def default_requirement() -> tuple[str, str | None]:
    """(the requirements.txt line for the installed package, its local source or None).

    From a package index: the version (`pelican-bilingual==0.2.0`); from a git URL on a
    server: that URL at its commit (PEP 610 `direct_url.json`). From this machine (a
    folder, a wheel, a `git+file://` checkout), which a deploy elsewhere cannot reach:
    "" and the local source, to build the wheel the blog keeps in `vendor/` from.
    """
    # The installed one: run from a source checkout, the folder's own `*.egg-info` (no
    # `direct_url.json`) comes first on sys.path and would pass for an index install.
    found = list(metadata.distributions(name=DISTRIBUTION))
    dist = next((d for d in found if d.read_text("direct_url.json")), found[0])
    direct = dist.read_text("direct_url.json")
    if not direct:
        return f"{DISTRIBUTION}=={dist.version}", None
    info = json.loads(direct)
    url = info.get("url", "")
    if url.startswith("file:"):
        return "", url
    vcs = info.get("vcs_info")
    if vcs and vcs.get("vcs") == "git":
        return f"{DISTRIBUTION} @ git+{url}@{vcs['commit_id']}", None
    return f"{DISTRIBUTION} @ {url}", None


def vendor_wheel(source_url: str, folder: Path, run=subprocess.run) -> str:
    """Put a wheel of the package in `folder/vendor/`; the requirements.txt line for it.

    `source_url`: the `file:` URL of a folder or a wheel the package was installed from;
    the line is `./vendor/<wheel>`. Raises QuickstartError when there is no wheel and
    pip cannot build one.
    """
    source = source_url.removeprefix("file://")
    vendor = folder / "vendor"
    vendor.mkdir(parents=True, exist_ok=True)
    if source.endswith(".whl") and Path(source).is_file():
        (vendor / Path(source).name).write_bytes(Path(source).read_bytes())
    else:
        built = run(
            [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(vendor), source],
            capture_output=True,
            text=True,
            check=False,
        )
        if built.returncode != 0:
            detail = (built.stderr or built.stdout).strip().splitlines()[-1:] or ["no output"]
            raise QuickstartError(
                f"could not build the package's wheel from {source}: {detail[0]}; "
                "give --requirement"
            )
    wheels = sorted(vendor.glob("pelican_bilingual-*.whl"))
    if not wheels:
        raise QuickstartError(f"no wheel of {DISTRIBUTION} came out of {source}")
    return f"./vendor/{wheels[-1].name}"


def literal(value, indent: int = 0) -> str:
    """`value` (a str, a dict of those, another literal) as Python source.

    Dicts have one key per line, indented from `indent` spaces; Unicode is kept as typed.
    """
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dict) and value:
        pad = " " * indent
        items = [
            f"{pad}    {literal(key)}: {literal(item, indent + 4)}," for key, item in value.items()
        ]
        return "\n".join(["{", *items, pad + "}"])
    return repr(value)


def example(lang: str) -> Example:
    """The example post in `lang` (English for a language without its own).

    By the whole tag first (`zh-Hant`), then its language (`pt-BR` -> `pt`); Chinese
    without a script is Simplified (`zh`, `zh-CN`), Taiwan's and Hong Kong's Traditional.
    """
    tag = lang.lower().replace("_", "-")
    if tag in EXAMPLES:
        return EXAMPLES[tag]
    if tag.startswith("zh"):
        traditional = tag.endswith(("-tw", "-hk", "-mo")) or "-hant" in tag
        return EXAMPLES["zh-hant" if traditional else "zh-hans"]
    return EXAMPLES.get(tag.split("-")[0], EXAMPLES["en"])


def files(answers: Answers, now: datetime.datetime) -> dict[str, str]:
    """{path in the new folder: its text} for `answers`; `now` is aware (the post's date)."""
    main, others = answers.langs[0], answers.langs[1:]
    series = {
        SERIES_ID: {
            "name": {lang: example(lang).series for lang in answers.langs},
            "description": {lang: example(lang).description for lang in answers.langs},
        }
    }
    values = {
        "sitename": answers.sitename,
        "sitename_literal": literal(answers.sitename),
        "author": literal(answers.author),
        "timezone": literal(answers.timezone),
        "main_lang": literal(main),
        "subsites": literal({lang: {"SITENAME": answers.name_in(lang)} for lang in others}),
        "series": literal(series),
        "siteurl": literal(answers.url.rstrip("/")),
        "requirement": answers.requirement,
    }
    source = resources.files(__package__) / "files"
    out = {
        target: Template((source / name).read_text(encoding="utf-8")).substitute(values)
        for target, name in (
            ("pelicanconf.py", "pelicanconf.py.in"),
            ("publishconf.py", "publishconf.py.in"),
            ("tasks.py", "tasks.py.in"),
            ("requirements.txt", "requirements.txt.in"),
            (".gitignore", "gitignore.in"),
        )
    }
    out[".github/workflows/pages.yml"] = (source / "pages.yml").read_text(encoding="utf-8")
    date = now.strftime("%Y-%m-%d %H:%M")
    for lang in answers.langs:
        post = example(lang)
        path = f"content/{SERIES_ID}/hello.{lang}.md"
        out[path] = (
            f"Title: {post.title}\nDate: {date}\nSeries: {post.series}\nSeries_index: 1\n"
            f"Tags: {post.tag}\n\n" + post.text.format(site=answers.name_in(lang), path=path)
        )
    return out


def write(folder: Path, contents: Mapping[str, str]) -> list[Path]:
    """Write `contents` under `folder` (created); the paths written, in order.

    Raises QuickstartError when `folder` is a file or holds anything already.
    """
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise QuickstartError(f"{folder} already exists and is not empty: give a new folder's name")
    written = []
    for relative, text in contents.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
