"""Lighthouse (mobile profile) on home, archive, articles and search in both languages.

Builds the demo blog with the publishing settings for a local address, serves it on
127.0.0.1, runs the pinned `lighthouse` from node_modules (`npm ci`) with Debian's
chromium, and prints the four category scores per page. Exits non-zero when any score
is below 95 (the target is 100 everywhere).

    python benchmarks/lighthouse.py            # every page
    python benchmarks/lighthouse.py /search/   # the pages given
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import publish_demo

ROOT = Path(__file__).resolve().parent.parent
CLI = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
PAGES = [
    "/",
    "/ko/",
    "/archives/",
    "/ko/archives/",
    "/posts/kal-2-one-dimensional/",
    "/ko/posts/kal-2-one-dimensional/",
    "/posts/kal-3-tuning-q-and-r/",
    "/ko/posts/kal-3-tuning-q-and-r/",
    "/search/",
    "/ko/search/",
    "/search/?q=kalman",
    "/ko/search/?q=%ED%95%84%ED%84%B0%EB%A5%BC",
]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
METRICS = [
    "first-contentful-paint",
    "largest-contentful-paint",
    "total-blocking-time",
    "cumulative-layout-shift",
    "speed-index",
]
FLOOR = 95
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main() -> int:
    chrome = os.environ.get("CHROME_PATH") or shutil.which("chromium")
    if not CLI.is_file() or not chrome or not shutil.which("node"):
        print("lighthouse needs Node.js, `npm ci` and chromium (apt-get install chromium)")
        return 2
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        site = publish_demo(Path(tmp) / "site", base)
        handler = functools.partial(Quiet, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        print(f"{'page':<36}" + "".join(f"{c:>16}" for c in CATEGORIES))
        try:
            for path in sys.argv[1:] or PAGES:
                report = Path(tmp) / "report.json"
                subprocess.run(
                    [
                        "node",
                        str(CLI),
                        base + path,
                        "--quiet",
                        "--output=json",
                        f"--output-path={report}",
                        f"--only-categories={','.join(CATEGORIES)}",
                        "--form-factor=mobile",
                        f"--chrome-flags={CHROME_FLAGS}",
                    ],
                    env={**os.environ, "CHROME_PATH": chrome},
                    check=True,
                    timeout=300,
                )
                result = json.loads(report.read_text(encoding="utf-8"))
                scores = {
                    c: round(100 * (result["categories"][c]["score"] or 0)) for c in CATEGORIES
                }
                print(f"{path:<36}" + "".join(f"{scores[c]:>16}" for c in CATEGORIES))
                if scores["performance"] < 100:  # which metrics cost the points
                    for metric in METRICS:
                        audit = result["audits"][metric]
                        print(f"    {metric}: {audit['displayValue']} (score {audit['score']})")
                failures += [f"{path} {c} {s}" for c, s in scores.items() if s < FLOOR]
        finally:
            server.shutdown()
    for failure in failures:
        print("BELOW", FLOOR, ":", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
