"""Archive benchmark: a 1,000-pair corpus built with and without the archive plugin.

Prints the build times side by side (median of alternating runs, one process each),
their ratio, and the archive page's size per entry, raw and gzipped.

    python benchmarks/archive_bench.py [--pairs 1000] [--runs 3]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write_corpus

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from pelican.plugins.bilingual import THEME_PATH  # noqa: E402
from pelican.plugins.bilingual.subsites import run_pelican  # noqa: E402

import pelicanconf  # noqa: E402

# Without the archive feature there is no archive page to write (the theme's needs it):
# the package's parts one by one, in register()'s order, but the archive.
PARTS = [
    "subsites",
    "engine",
    "pairing",
    "localization",
    "theme_support",
    "front_matter",
    "site_links",
    "reading_time",
    "contents",
    "figures",
    "mathml",
    "attachments",
    "series_threads",
    "content_checks",
    "search",
    "publishing",
    "progress",
    "up_to_date",
]
WITHOUT_ARCHIVE = [
    "PLUGINS="
    + json.dumps(
        ["pelican.plugins.i18n_subsites", *(f"pelican.plugins.bilingual.{p}" for p in PARTS)]
    ),
    f"THEME={json.dumps(str(THEME_PATH))}",
    f"DIRECT_TEMPLATES={json.dumps([t for t in pelicanconf.DIRECT_TEMPLATES if t != 'archives'])}",
]


def build(content: Path, output: Path, *extra: str) -> float:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600"}
    started = time.perf_counter()
    result = run_pelican(
        ROOT / "pelicanconf.py",
        [str(content), "-o", str(output), "-q", *extra],
        env=env,
        cwd=ROOT,
        capture=True,
    )
    if result.returncode:
        sys.exit(f"build failed:\n{result.stdout}{result.stderr}")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        content = write_corpus(tmp, args.pairs)
        with_times, without_times = [], []
        for run in range(args.runs):
            with_times.append(build(content, tmp / f"with-{run}"))
            without_times.append(build(content, tmp / f"without-{run}", "-e", *WITHOUT_ARCHIVE))
        page = (tmp / "with-0" / "archives" / "index.html").read_bytes()
        entries = page.count(b'<article class="post-row')
        with_s, without_s = statistics.median(with_times), statistics.median(without_times)
        print(f"corpus: {args.pairs} EN/KO pairs ({2 * args.pairs} posts), {args.runs} runs each")
        print(f"build with archive plugin:    {with_s:7.2f} s (median)")
        print(f"build without archive plugin: {without_s:7.2f} s (median)")
        print(f"ratio with/without:           {with_s / without_s:7.3f}")
        print(
            f"archive page: {entries} entries, {len(page) / 1024:.0f} KiB raw, "
            f"{len(gzip.compress(page)) / 1024:.0f} KiB gzip"
        )
        print(
            f"per entry: {len(page) / entries:.0f} B raw, "
            f"{len(gzip.compress(page)) / entries:.0f} B gzip"
        )


if __name__ == "__main__":
    main()
