"""`invoke serve` in a real browser: a saved post reloads the open page with the new text
(rewritten in place first), a broken post shows the build's report, a fix brings the
page back."""

from __future__ import annotations

import os
import queue
import shutil
import socket
import subprocess
import sys
import threading
import time

import pytest
from sitebuild import BUILD_EPOCH, FIXTURES, ROOT, SERIES_SETTING


def set_field(path, name: str, value: str) -> None:
    """Set one metadata field of a Markdown post."""
    head, _, body = path.read_text(encoding="utf-8").partition("\n\n")
    lines = [line for line in head.splitlines() if not line.lower().startswith(name.lower() + ":")]
    path.write_text("\n".join([*lines, f"{name}: {value}"]) + "\n\n" + body, encoding="utf-8")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Served:
    """`invoke serve` in a process of its own, its output read line by line."""

    def __init__(self, content, output, cache):
        self.port = free_port()
        command = [
            sys.executable, "-m", "invoke", "serve", "--port", str(self.port), "--",
            str(content), "-o", str(output), "-e", f'CACHE_PATH="{cache}"', SERIES_SETTING,
        ]  # fmt: skip
        env = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_EPOCH, "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.process.stdout:
            self.lines.put(line)

    def wait_for(self, text: str, timeout: float = 60) -> str:
        """The first line from now on that holds `text` (fails after `timeout` s)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                if self.process.poll() is not None:
                    break
                continue
            self.seen.append(line)
            if text in line:
                return line
        pytest.fail(f"`invoke serve` never said {text!r}:\n{''.join(self.seen[-40:])}")

    def stop(self):
        os.killpg(self.process.pid, 15)
        self.process.wait(timeout=30)


def test_a_saved_post_reloads_the_open_page(browser, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "series", content)
    served = Served(content, tmp_path / "out", tmp_path / "cache")
    try:
        served.wait_for("serving http://")
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{served.port}/posts/build-2/")
        # The browser's live-reload connection starts the watcher: a build to keep.
        served.wait_for("ready: a saved post's pages are rewritten in place")
        post = content / "build-2.en.md"
        post.write_text(
            post.read_text(encoding="utf-8") + "\nA sentence saved in the editor.\n",
            encoding="utf-8",
        )
        served.wait_for("rewrote posts/build-2/index.html")
        page.get_by_text("A sentence saved in the editor.").wait_for(timeout=15000)
        served.wait_for("rebuilt in")
        # A broken post: the open page becomes the build's report, then comes back.
        set_field(post, "Lang", "fr")
        served.wait_for("build failed")
        page.locator("main, body").get_by_text("build-2.en.md").first.wait_for(timeout=15000)
        set_field(post, "Lang", "en")
        served.wait_for("rebuilt in")
        page.get_by_text("A sentence saved in the editor.").wait_for(timeout=15000)
        page.close()
    finally:
        served.stop()
