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


SHAPES = ("short", "blog")
# Small PNG files the "blog" shape's posts show (1x1 pixels are enough to be copied,
# measured and linked); the same few images, as a blog reuses diagrams.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def write_corpus(root: Path, pairs: int, seed: int = 7, shape: str = "short") -> Path:
    """Write `pairs` EN/KO pairs under `root/content`; the same input gives the same files.

    `shape` "short": four paragraphs and one code block a post, a written Summary.
    "blog": posts as a long-running blog has them (measured on public Pelican blogs:
    hundreds of posts in a few series, 1,000-3,000 words): 5-10 sections with headings,
    2-4 paragraphs each, a code block in every other section, an image in one post of
    three, a table in one of four, a link to the post before, and no Summary in half
    of them (the teaser is made from the text).
    """
    if shape not in SHAPES:
        raise ValueError(f"shape {shape!r}: one of {SHAPES}")
    rng = random.Random(seed)
    content = root / "content"
    content.mkdir(parents=True, exist_ok=True)
    if shape == "blog":
        (content / "images").mkdir(exist_ok=True)
        for number in range(12):
            (content / "images" / f"figure-{number:02d}.png").write_bytes(PNG)
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
            summary = [f"Summary: {sentence(rng, words, 18)}"]
            if shape == "short":
                body = "\n\n".join(sentence(rng, words, 40) for _ in range(4))
                body += "\n\n" + CODE
            else:
                body = long_body(rng, words, i, lang)
                summary = summary if i % 2 else []
            text = "\n".join(
                [
                    f"Title: {title}",
                    f"Date: {date + datetime.timedelta(hours=2 * (lang == 'ko')):%Y-%m-%d %H:%M}",
                    f"Tags: {tags}",
                    *meta,
                    *summary,
                    "",
                    body,
                    "",
                ]
            )
            (content / f"post-{i:05d}.{lang}.md").write_text(text, encoding="utf-8")
    return content


CODE = "```python\nfor reading in sensor.read_all():\n    store(reading)\n```"


def long_body(rng: random.Random, words: list[str], number: int, lang: str) -> str:
    """A long post's Markdown: sections, code, an image, a table, a link back."""
    parts = []
    if number:
        parts.append(f"After [the last post]({{filename}}post-{number - 1:05d}.{lang}.md).")
    for section in range(rng.randint(5, 10)):
        parts.append(f"## {sentence(rng, words, 4)[:-1]}")
        parts += [sentence(rng, words, rng.randint(50, 110)) for _ in range(rng.randint(2, 4))]
        if section % 2:
            parts.append(CODE)
        if section == 1 and number % 3 == 0:
            figure = number % 12
            parts.append(f"![Figure {figure}]({{static}}/images/figure-{figure:02d}.png)")
        if section == 2 and number % 4 == 0:
            parts.append("| hour | reading |\n| --- | --- |\n| 9 | 61 |\n| 10 | 64 |")
    return "\n\n".join(parts)


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
