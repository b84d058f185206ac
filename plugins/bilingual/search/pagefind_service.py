"""Pagefind's service mode: a site's pages indexed in steps, while the build writes on.

Pagefind indexes a site in two steps, reading pages and writing the bundle. Its command
line (`pagefind_run.start`) does both once the whole site is written, so the main site,
written last, waits for all of it. Its service mode (`pagefind --service`, what its
own Python and Node.js APIs run) keeps one index open and takes folders of pages to read
(`AddDir` with a glob): the build hands it the site's posts as soon as they are on disk
and its pages when they are, Pagefind reads them on the other core while Pelican writes
the site's lists, and only the bundle's writing is left at the end. Pagefind reads the
files itself, as its command line does; nothing but file names goes through the pipe.

Pagefind's Python API (`pagefind.index`) waits a tenth of a second before reading each
reply, so this module speaks the same messages itself: JSON encoded in base64, each
followed by a comma, on the process's standard input and output, in the shapes the API
declares (`pagefind.service.types`: `NewIndex`, `AddDir`, `WriteFiles`). A thread sends
the queued messages (the build never waits for the pipe) and another reads the replies.
Anything unexpected (no service mode in the binary, a reply that does not decode, an
error reply) raises `ServiceFailed`; the search feature then indexes the written folder
with the command line instead.
"""

from __future__ import annotations

import base64
import json
import os
import queue
import subprocess
import threading
from pathlib import Path


class ServiceFailed(RuntimeError):
    """Pagefind's service did not do what was asked; the message says what happened."""


class PagefindService:
    """One `pagefind --service` process holding one index.

    Only the process that started it may use it (a forked process that inherits it
    must leave it alone: `owned_here`).
    """

    def __init__(self, binary: Path, folder: Path, exclude_selectors: list[str]):
        """Start the service in `folder` (pages are named relative to it) and an index.

        Raises `ServiceFailed` when the binary does not start or refuses the index.
        """
        self.owner = os.getpid()
        self.folder = folder
        self.replies: dict[int, dict] = {}
        self.condition = threading.Condition()
        self.ended = False
        self.added: list[int] = []  # the ids of the `AddDir` messages
        self._last_id = 0
        self._outgoing: queue.SimpleQueue = queue.SimpleQueue()
        try:
            self.process = subprocess.Popen(
                [str(binary), "--service"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                cwd=folder,
                # Below Pelican: reading the pages must not slow the writing of the rest.
                preexec_fn=(lambda: os.nice(5)) if hasattr(os, "nice") else None,
            )
        except OSError as exc:
            raise ServiceFailed(f"cannot start {binary}: {exc}") from exc
        threading.Thread(target=self._send_queued, daemon=True).start()
        threading.Thread(target=self._read_replies, daemon=True).start()
        config = {"exclude_selectors": list(exclude_selectors)}
        try:
            reply = self.wait(self.send({"type": "NewIndex", "config": config}), timeout=60)
        except ServiceFailed:
            self.stop()
            raise
        if not isinstance(reply.get("index_id"), int):
            self.stop()
            raise ServiceFailed(f"unexpected reply to NewIndex: {reply}")
        self.index_id = reply["index_id"]

    def owned_here(self) -> bool:
        """Whether this process started the service (not a fork of it)."""
        return os.getpid() == self.owner

    def send(self, payload: dict) -> int:
        """Queue one message; returns its id (its reply comes under it)."""
        self._last_id += 1
        self._outgoing.put((self._last_id, payload))
        return self._last_id

    def add_pages(self, glob: str) -> None:
        """Have Pagefind read the pages under the folder that `glob` matches; at once.

        `glob` in Pagefind's syntax (https://pagefind.app/docs/config-options/#glob).
        """
        message = {"type": "AddDir", "index_id": self.index_id, "path": str(self.folder)}
        self.added.append(self.send({**message, "glob": glob}))

    def request_write(self, output: Path) -> None:
        """Have the bundle written to `output` once every page added is read; at once.

        A thread waits for the pages, asks for the bundle (Pagefind's service handles
        messages as they come, not one after the other), waits for it and stops the
        service, whose index then leaves memory while the build goes on.
        """

        def write_when_read():
            try:
                read = sum(int(self.wait(i).get("page_count") or 0) for i in self.added)
                message = {"type": "WriteFiles", "index_id": self.index_id}
                self.wait(self.send({**message, "output_path": str(output)}))
                self._written = read
            except ServiceFailed as exc:
                self._written = exc
            self.stop()
            with self.condition:
                self.condition.notify_all()

        self._written: int | ServiceFailed | None = None
        threading.Thread(target=write_when_read, daemon=True).start()

    def finish(self, timeout: float = 600) -> int:
        """Wait for the bundle `request_write` asked for; the service is stopped.

        Returns the pages read. Raises `ServiceFailed` when a step failed, the service
        ended or `timeout` seconds passed.
        """
        try:
            with self.condition:
                self.condition.wait_for(lambda: self._written is not None, timeout)
            if isinstance(self._written, ServiceFailed):
                raise self._written
            if self._written is None:
                raise ServiceFailed("Pagefind's service did not write the bundle in time")
            return self._written
        finally:
            self.stop()

    def wait(self, message_id: int, timeout: float = 600) -> dict:
        """The reply to one message; `ServiceFailed` for an error, an end or a timeout."""
        with self.condition:
            self.condition.wait_for(lambda: message_id in self.replies or self.ended, timeout)
            reply = self.replies.get(message_id)
        if reply is None:
            raise ServiceFailed("Pagefind's service ended without replying")
        if reply.get("type") == "Error":
            raise ServiceFailed(reply.get("message") or "an error without a message")
        return reply

    def stop(self) -> None:
        """End the process (its standard input closed, killed if it does not end).

        Only in the process that started it; calling it again does nothing more.
        """
        if os.getpid() != self.owner or self.process.returncode is not None:
            return
        self._outgoing.put(None)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def _send_queued(self) -> None:
        """The sending thread: each queued message, in order, then the input closed."""
        stream = self.process.stdin
        try:
            while (item := self._outgoing.get()) is not None:
                message_id, payload = item
                message = {"message_id": message_id, "payload": payload}
                stream.write(base64.b64encode(json.dumps(message).encode("utf-8")) + b",")
                if self._outgoing.empty():
                    stream.flush()
            stream.close()
        except (OSError, ValueError):  # the process ended: `wait` reports it
            self._end()

    def _read_replies(self) -> None:
        """The reading thread: each reply stored under its message's id."""
        pending = b""
        try:
            while chunk := self.process.stdout.read1(1 << 16):
                pending += chunk
                *messages, pending = pending.split(b",")
                for message in messages:
                    reply = json.loads(base64.b64decode(message))
                    with self.condition:
                        self.replies[reply.get("message_id")] = reply.get("payload") or {}
                        self.condition.notify_all()
        except (OSError, ValueError):
            pass
        self._end()

    def _end(self) -> None:
        with self.condition:
            self.ended = True
            self.condition.notify_all()
