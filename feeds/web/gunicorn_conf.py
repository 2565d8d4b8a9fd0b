"""The production configuration for gunicorn (issue 12, items 6 and 7):

    gunicorn -c python:feeds.web.gunicorn_conf 'feeds.web:create_app()'

- gthread workers: an idle or kept-alive connection waits in the worker's poller, not in a
  thread, so clients that connect and send nothing block no one (gunicorn's default sync
  worker gives each connection the whole worker until `timeout`: two idle connections
  stopped two sync workers for 30 s each). Each worker runs THREADS requests at once.
- `timeout`: a worker whose main loop stops answering (a stuck request) is restarted;
  `graceful_timeout`: the time running requests get on restart or shutdown; `keepalive`:
  how long an idle kept-alive connection is held.
- Request line and header limits as gunicorn's defaults, stated here so they are reviewed.
- gunicorn answers requests it cannot parse (a malformed request line or header, a bad
  chunked body read before the app) with pages of its own; `_add_security_headers_to_errors`
  gives them the same security headers every page of the app carries.

Slow clients that trickle a request byte by byte still hold a thread each while they do:
in front of the internet, run gunicorn behind a buffering reverse proxy (nginx's default
`proxy_buffering`/`proxy_request_buffering` on), as gunicorn's documentation advises.

Environment: TIMELINE_BIND (default 127.0.0.1:8000), TIMELINE_WORKERS (default 2),
TIMELINE_THREADS (default 16), TIMELINE_TIMEOUT (default 60 s).
"""
from __future__ import annotations

import os

from feeds.web.security import SECURITY_HEADERS


def _number(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


bind = os.environ.get("TIMELINE_BIND", "").strip() or "127.0.0.1:8000"
worker_class = "gthread"
workers = _number("TIMELINE_WORKERS", 2)
threads = _number("TIMELINE_THREADS", 16)
timeout = _number("TIMELINE_TIMEOUT", 60)
graceful_timeout = 30
keepalive = 5
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
accesslog = "-"
errorlog = "-"


def _add_security_headers_to_errors() -> None:
    """Give gunicorn's own error pages (written by `gunicorn.util.write_error`, which every
    worker calls for a request it cannot parse) the app's security headers."""
    import html
    from gunicorn import util

    if getattr(util.write_error, "timeline_headers", False):
        return
    extra = "".join(f"{name}: {value}\r\n" for name, value in SECURITY_HEADERS.items())

    def write_error(sock, status_int, reason, mesg):
        body = (f"<!doctype html>\n<title>{html.escape(reason)}</title>\n"
                f"<h1>{html.escape(reason)}</h1>\n<p>{html.escape(mesg)}</p>\n")
        head = (f"HTTP/1.1 {status_int} {reason}\r\nConnection: close\r\n"
                f"Content-Type: text/html; charset=utf-8\r\nContent-Length: "
                f"{len(body.encode('latin-1', 'replace'))}\r\n{extra}\r\n")
        util.write_nonblock(sock, (head + body).encode("latin-1", "replace"))

    write_error.timeline_headers = True
    util.write_error = write_error


_add_security_headers_to_errors()
