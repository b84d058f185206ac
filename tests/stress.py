"""A generated stress corpus: content longer and messier than the demo's.

Long titles in both scripts (CamelCase identifiers, long product names, `A·B·C·D`
chains, long Korean compounds), every calendar density level in the build month
(April 2026, see sitebuild.BUILD_EPOCH), a 34-episode series with a sub-series, many
tags, a Korean-only and an English-only post. The same call writes the same files.
"""

from __future__ import annotations

import datetime
from pathlib import Path

LONG_EN = [
    "ReactiveHumidityControllerFactoryBuilderImplementation refactoring, part {n}",
    "Sensor·Relay·Valve·Pump·Fan·Heater·Logger·Scheduler chain, revisited ({n})",
    "Why the SuperExtraLongProductNameThatNeverEndsHydroponicsKit2000Pro failed us #{n}",
]
LONG_KO = [
    "초고온다습환경대응형자동관수제어시스템구축기록 {n}편",
    "센서·릴레이·밸브·펌프·팬·히터·로거·스케줄러 연결 다시 보기 ({n})",
    "ReactiveHumidityControllerFactoryBuilderImplementation 리팩터링 {n}편",
]
TAGS = [f"tag-{n:02d}" for n in range(14)] + [
    "온실자동화시스템구축",
    "VeryLongTagNameWithoutSpaces",
]
BODY_EN = (
    "The controller reads every sensor once a minute and writes the values to a ring "
    "buffer; the AReallyLongIdentifierThatKeepsGoingForeverAndEverWithoutAnyBreak stays."
)
BODY_KO = (
    "컨트롤러는 1분마다 모든 센서를 읽어 링 버퍼에 기록한다. "
    "초고온다습환경대응형자동관수제어시스템구축기록이라는긴단어도줄을넘지않아야한다."
)


def post(path: Path, title, date, lang_body, *meta):
    lines = [f"Title: {title}", f"Date: {date:%Y-%m-%d %H:%M}", *meta, "", lang_body, ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def write_stress_corpus(root: Path) -> Path:
    """Write the corpus under `root/content` and return that folder."""
    content = root / "content"
    content.mkdir(parents=True, exist_ok=True)
    start = datetime.datetime(2026, 2, 1, 9, 0)
    # A long series: 34 episodes, the last 10 in a sub-series, in both languages.
    for n in range(1, 35):
        date = start + datetime.timedelta(days=n)
        sub = ["Subseries: LONG"] if n > 24 else []
        number = n - 24 if n > 24 else n  # a sub-series numbers its own episodes
        tags = "Tags: " + ", ".join(TAGS[(n + k) % len(TAGS)] for k in range(5))
        for lang, titles, body in (("en", LONG_EN, BODY_EN), ("ko", LONG_KO, BODY_KO)):
            post(
                content / f"ep-{n:02d}.{lang}.md",
                titles[n % 3].format(n=n),
                date,
                body,
                "Series: Stress Test Thread With A Rather Long Name",
                f"Series_index: {number}",
                tags,
                *sub,
            )
    # April: 1, 2, 3 and 4 posts on different days, for every density level.
    for day, count in ((3, 1), (9, 2), (15, 3), (21, 4)):
        for k in range(count):
            date = datetime.datetime(2026, 4, day, 8 + k, 0)
            slug = f"april-{day:02d}-{k}"
            post(content / f"{slug}.en.md", LONG_EN[k % 3].format(n=day), date, BODY_EN)
            post(content / f"{slug}.ko.md", LONG_KO[k % 3].format(n=day), date, BODY_KO)
    post(content / "only-korean.ko.md", LONG_KO[0].format(n=99), start, BODY_KO)
    post(content / "only-english.en.md", LONG_EN[0].format(n=99), start, BODY_EN)
    return content
