"""Post and page files rendered on a second core: a fork renders every other one.

Rendering the post pages is about a third of a cold build, one file after the other.
When a language site's writer comes to the first post it must render and nothing of
the site was rendered before (no rendered-page record: a first or cold build), it forks
(`Split.start`). Both processes then go through the same files in the same order,
deciding the same way which need rendering (the decision is deterministic), and take
turns: the child renders the child's turns and writes them; the build renders its own
and, for the child's, does what Pelican's writer does besides rendering (Pelican's
checks on writing a file twice, `content_written` for the listeners: search, progress).
At the first file that is not a post or page (the site's lists) or when the site's
posts are written (`article_writer_finalized`), the child stops and the build waits
for it (`Split.join`): the messages the child logged are logged again by the build, in
order; the rendered-page record gets the child's files. If the child failed, the build
renders the child's files itself, so an error surfaces as it would have.

Settings (defaults): `BUILD_PARALLEL_PAGES` (True); `BUILD_PARALLEL_PAGES_MIN` (100): posts in
the site's lists below which a fork costs more than it saves. Nothing without `fork`.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import traceback

log = logging.getLogger(__name__)


class _Forward(logging.Handler):
    """In the child: every log record, as ("log", logger name, level, message), sent."""

    def __init__(self, connection):
        super().__init__(logging.DEBUG)
        self.connection = connection

    def emit(self, record):
        try:
            message = record.getMessage()
        except Exception:  # a record that cannot be formatted: its template
            message = str(record.msg)
        self.connection.send(("log", record.name, record.levelno, message))


class Split:
    """One site's post files shared between the build and a forked child.

    `turn()` -> True when the current rendering file is the child's; `child` says which
    side this process is. The build keeps `deferred`: the child's files (for the
    rendered-page record, or to render them itself if the child fails).

    Why `os.fork` and not a `multiprocessing` process or pool: the child goes on with
    the build's own call (Pelican's generator loop, the writer, the template context as
    they are at that moment), which a process started with a target function cannot do
    without pickling the whole site. What goes between the two processes is the
    standard library's: one `multiprocessing.Pipe`, one object per message.
    """

    def __init__(self, pid: int, connection, child: bool):
        """The other process and this side's end of the pipe."""
        self.pid = pid
        self.connection = connection
        self.child = child
        self.count = 0
        self.active = True
        self.deferred: list = []
        self.results: dict = {}  # in the build: what the child sent (`send_results`)

    @classmethod
    def start(cls) -> Split | None:
        """Fork; None when `fork` is missing."""
        if not hasattr(os, "fork"):
            return None
        receiving, sending = multiprocessing.Pipe(duplex=False)
        pid = os.fork()
        if pid == 0:
            receiving.close()
            # Nothing on the terminal from here (progress lines, stray prints): the
            # build says it all; messages go to it through the pipe.
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, 1)
            os.dup2(null, 2)
            root = logging.getLogger()
            for handler in list(root.handlers):
                root.removeHandler(handler)
            root.addHandler(_Forward(sending))
            for logger in logging.Logger.manager.loggerDict.values():
                if isinstance(logger, logging.Logger) and logger.handlers:
                    logger.handlers = []
                    logger.propagate = True
            return cls(os.getppid(), sending, child=True)
        sending.close()
        return cls(pid, receiving, child=False)

    def turn(self) -> bool:
        """Whether the next file to render is the child's (every second one)."""
        self.count += 1
        return self.count % 2 == 0

    def child_failed(self, problem: BaseException) -> None:
        """In the child: a file could not be rendered; tell the build and stop."""
        text = "".join(traceback.format_exception(problem))
        self.finish_child(failed=text)

    def send_results(self, results: dict) -> None:
        """In the child: {name: value} for the build (`core.dependencies.CHILD_RESULTS`).

        Sent as one message before the child says it is done; what does not pickle is
        not sent (the build then works it out itself).
        """
        try:
            self.connection.send(("results", results))
        except Exception:  # a value that does not pickle: nothing is sent
            log.debug("common: the second process's results could not be sent")

    def finish_child(self, failed: str | None = None) -> None:
        """In the child: say how it went and leave (never returns)."""
        code = 0
        try:
            self.connection.send(("done", failed))
            self.connection.close()
        except BaseException:
            code = 1
        finally:
            os._exit(1 if failed else code)

    def abort(self) -> None:
        """In the build, on its own error: stop the child and forget it."""
        self.active = False
        try:
            os.kill(self.pid, 9)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        self.connection.close()

    def join(self) -> bool:
        """In the build: wait for the child; whether it rendered all its files.

        On success the child's messages are logged here, in order; on failure they are
        dropped (the build renders the child's files itself and logs them then).
        """
        self.active = False
        values = []
        while True:
            try:
                values.append(self.connection.recv())
            except (EOFError, OSError):  # the child closed its end: all is here
                break
        self.connection.close()
        _, status = os.waitpid(self.pid, 0)
        finished = [value for value in values if value[0] == "done"]
        if os.waitstatus_to_exitcode(status) != 0 or not finished or finished[0][1]:
            return False  # the build renders the child's files again, with their messages
        for value in values:
            if value[0] == "results":
                self.results.update(value[1])
            if value[0] == "log":
                _kind, name, level, message = value
                logging.getLogger(name).log(level, "%s", message)
        return True
