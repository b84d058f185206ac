"""Korean search quality: recall and precision of a fixed query set, side by side.

Builds the demo blog and a generated Korean corpus (`korean_corpus.py`, 150 posts) with
the project's settings, then runs every query in Chromium (Debian's `chromium`, through
Playwright) against each Korean site's Pagefind index two ways:

- Pagefind alone: the reader's words as typed (what a theme that only adds Pagefind
  gives);
- the theme: the search page's own steps (`theme/static/js/query.js`: particles and
  endings off the query words, a language whose best result holds none of a word left
  out).

Queries and judgments: `korean_queries_demo.tsv` (the demo, judged by reading its
posts) and the generated corpus's own (a post is relevant when it uses the query's word
in any form). Recall is the share of relevant posts found, precision the share of
found posts that are relevant, averaged over queries (a query with no result counts
as precision 1 when it has nothing relevant to miss, else 0 recall and no precision).

    python benchmarks/korean_search.py [--posts 150] [--corpus demo|generated] [--verbose]
                                       [-e SETTING=VALUE ...]
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import functools
import http.server
import shutil
import sys
import tempfile
import threading
from pathlib import Path
from statistics import mean

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_speed import run_header
from korean_corpus import query_kinds, write_korean_corpus
from pelican.plugins.bilingual.subsites import run_pelican

ROOT = Path(__file__).resolve().parent.parent
DEMO_QUERIES = Path(__file__).resolve().parent / "korean_queries_demo.tsv"
MODES = ("Pagefind alone", "the theme")

SEARCH = """async ([bundle, queryModule, queries]) => {
  const steps = await import(queryModule);
  const pagefind = await import(bundle + "pagefind.js");
  await pagefind.options({ excerptLength: 24 });
  const slugs = async (results) =>
    Promise.all(results.map(async (r) => (await r.data()).url.split("/").filter(Boolean).pop()));
  const found = {};
  for (const query of queries) {
    const alone = (await pagefind.search(query)).results;
    const theme = await steps.searchLanguage(pagefind, steps.searchQuery(query), {}, query);
    found[query] = { "Pagefind alone": await slugs(alone), "the theme": await slugs(theme) };
  }
  return found;
}"""


def demo_judgments() -> tuple[dict[str, set[str]], dict[str, str]]:
    """({query: relevant slugs}, {query: kind}) from `korean_queries_demo.tsv`."""
    with DEMO_QUERIES.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return (
        {row["query"]: set(row["relevant"].split()) for row in rows},
        {row["query"]: row["kind"] for row in rows},
    )


def build(content: Path, output: Path, extra: list[str]) -> None:
    """Build `content` with the project's settings; stop with the log on failure."""
    args = [str(content), "-o", str(output)]
    for setting in extra:
        args += ["-e", setting]
    result = run_pelican(ROOT / "pelicanconf.py", args, cwd=ROOT, capture=True, timeout=900)
    if result.returncode != 0:
        sys.exit(f"korean_search: the build of {content} failed:\n{result.stdout}{result.stderr}")


class Quiet(http.server.SimpleHTTPRequestHandler):
    """A file server that logs nothing."""

    def log_message(self, *args):
        """Nothing."""


@contextlib.contextmanager
def served(folder: Path):
    """`folder` over HTTP on a free local port; yields the base URL."""
    handler = functools.partial(Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def search(browser, output: Path, queries: list[str]) -> dict[str, dict[str, list[str]]]:
    """Each query's found slugs per mode, on the Korean site of `output`."""
    with served(output) as base:
        page = browser.new_page()
        page.goto(f"{base}/ko/search/")
        script = page.locator('script[type="module"][src$="search.js"]').get_attribute("src")
        module = page.evaluate("(src) => new URL(src, location.href).href", script)
        found = page.evaluate(
            SEARCH, [f"{base}/ko/pagefind/", module.replace("search.js", "query.js"), queries]
        )
        page.close()
    return found


def scores(relevant: set[str], found: list[str]) -> tuple[float, float | None]:
    """(recall, precision) of one query; precision None when nothing was found."""
    hits = len(relevant & set(found))
    recall = hits / len(relevant) if relevant else 1.0
    return recall, (hits / len(found) if found else None)


def report(name: str, judged: dict, kinds: dict, found: dict, verbose: bool) -> list[str]:
    """Lines of the table for one corpus: every mode, all queries and each kind."""
    lines = []
    groups = {"all": list(judged)} | {
        kind: [q for q in judged if kinds[q] == kind] for kind in sorted(set(kinds.values()))
    }
    for mode in MODES:
        for group, queries in groups.items():
            pairs = [scores(judged[q], found[q][mode]) for q in queries]
            recall = mean(r for r, _ in pairs)
            precisions = [p for _, p in pairs if p is not None]
            precision = f"{mean(precisions):.2f}" if precisions else "  - "
            empty = sum(1 for q in queries if not found[q][mode])
            lines.append(
                f"  {name:<10} {mode:<15} {group:<20} {len(queries):>3} queries  "
                f"recall {recall:.2f}  precision {precision}  no result {empty}"
            )
    if verbose:
        for query in judged:
            row = "  ".join(
                f"{mode}: {len(set(found[query][mode]) & judged[query])}/{len(judged[query])}"
                f" of {len(found[query][mode])}"
                for mode in MODES
            )
            lines.append(f"    {query} ({kinds[query]}): {row}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=150)
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--corpus", choices=("demo", "generated"), action="append")
    parser.add_argument("-e", dest="extra", action="append", default=[], metavar="SETTING")
    options = parser.parse_args()
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="korean-search-"))
    try:
        generated = write_korean_corpus(work / "generated", options.posts)
        corpora = {
            "demo": lambda: (ROOT / "content", *demo_judgments()),
            "generated": lambda: (work / "generated" / "content", generated, query_kinds()),
        }
        chosen = options.corpus or list(corpora)
        print(run_header().replace("build_speed", "korean_search"))
        if options.extra:
            print(f"  settings: {' '.join(options.extra)}")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=shutil.which("chromium"))
            for name in chosen:
                content, judged, kinds = corpora[name]()
                output = work / f"{name}-out"
                build(content, output, options.extra)
                found = search(browser, output, list(judged))
                print("\n".join(report(name, judged, kinds, found, options.verbose)))
            browser.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
