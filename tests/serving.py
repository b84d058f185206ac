"""A local web server for built sites (browser tests)."""

from __future__ import annotations

import functools
import http.server
import threading


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files without logging each request."""

    def log_message(self, *args):
        pass


def serve(folder):
    """Serve `folder` on 127.0.0.1 at a free port, in a thread; `.shutdown()` stops it."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
