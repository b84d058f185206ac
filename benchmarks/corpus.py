"""Sites for the benchmarks: a generated N-pair corpus, and the demo blog built for publishing."""

from __future__ import annotations

import datetime
import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
from pelican.plugins.bilingual.subsites import run_pelican  # noqa: E402

SERIES = [
    ("Greenhouse Build", None),
    ("Control Study", "KAL"),
    ("Control Study", "PID"),
    ("Field Notes", None),
]
TAGS = ["sensors", "firmware", "data", "control", "python", "hardware", "notes", "season"]
EN_WORDS = [
    "the",
    "sensor",
    "loop",
    "reads",
    "humidity",
    "every",
    "minute",
    "and",
    "the",
    "filter",
    "smooths",
    "noise",
]
KO_WORDS = [
    "센서",
    "루프는",
    "매분",
    "습도를",
    "읽고",
    "필터는",
    "잡음을",
    "줄인다",
    "온실",
    "데이터",
    "제어",
]


def sentence(rng: random.Random, words: list[str], n: int) -> str:
    return " ".join(rng.choice(words) for _ in range(n)).capitalize() + "."


def write_corpus(root: Path, pairs: int, seed: int = 7) -> Path:
    """Write `pairs` EN/KO pairs under `root/content`; the same input gives the same files."""
    rng = random.Random(seed)
    content = root / "content"
    content.mkdir(parents=True, exist_ok=True)
    start = datetime.datetime(2024, 1, 1, 9, 0)
    counters: dict = {}
    for i in range(pairs):
        series, sub = SERIES[i % len(SERIES)]
        key = (series, sub)
        counters[key] = counters.get(key, 0) + 1
        date = start + datetime.timedelta(hours=11 * i)
        tags = ", ".join(sorted(rng.sample(TAGS, 3)))
        meta = [f"Series: {series}"]
        if series != "Field Notes":
            meta.append(f"Series_index: {counters[key]}")
        if sub:
            meta.append(f"Subseries: {sub}")
        for lang, words, title in (
            ("en", EN_WORDS, f"Post {i}: notes on the loop"),
            ("ko", KO_WORDS, f"{i}번째 글: 루프 메모"),
        ):
            body = "\n\n".join(sentence(rng, words, 40) for _ in range(4))
            code = "```python\nfor reading in sensor.read_all():\n    store(reading)\n```"
            text = "\n".join(
                [
                    f"Title: {title}",
                    f"Date: {date + datetime.timedelta(hours=2 * (lang == 'ko')):%Y-%m-%d %H:%M}",
                    f"Tags: {tags}",
                    *meta,
                    f"Summary: {sentence(rng, words, 18)}",
                    "",
                    body,
                    "",
                    code,
                    "",
                ]
            )
            (content / f"post-{i:05d}.{lang}.md").write_text(text, encoding="utf-8")
    return content


def publish_demo(output: Path, siteurl: str) -> Path:
    """The demo blog in content/, built with publishconf.py for `siteurl`."""
    result = run_pelican(
        ROOT / "publishconf.py",
        [str(ROOT / "content"), "-o", str(output), "-q"],
        env={**os.environ, "SITEURL": siteurl},
        cwd=ROOT,
        capture=True,
    )
    if result.returncode:
        sys.exit(f"build failed:\n{result.stdout}{result.stderr}")
    return output
