"""Serve the test app on a free local port in a background thread, for the browser tests."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from flask import Flask
from werkzeug.serving import make_server

# The app behind each address being served, for helpers that get only a browser page (the
# second login step reads the account's factor from the database of the app it talks to).
SERVED: dict[str, Flask] = {}


@contextmanager
def serve(app: Flask) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    site = f"http://127.0.0.1:{server.server_port}"
    SERVED[site] = app
    try:
        yield site
    finally:
        SERVED.pop(site, None)
        server.shutdown()
        thread.join(timeout=10)
