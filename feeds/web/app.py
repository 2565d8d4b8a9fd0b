"""The web app: `create_app()` (Flask app factory, as in Flask's `flaskr` tutorial).

Configuration comes from the environment unless a test passes `test_config`:

    TIMELINE_DATABASE_URL         SQLAlchemy URL; default SQLite in the instance folder
    TIMELINE_API_TOKEN            token for writes (API and paste form); unset = no writes
    TIMELINE_BASE_URL             public root URL, e.g. https://example.org/timeline/ — used
                                  for feed self links and ids; default: the request's own root
    TIMELINE_MAX_CONTENT_LENGTH   largest request body in bytes (default 4 MiB; larger -> 413)
    TIMELINE_SECRET_KEY           signs the session cookie; default: a key generated once
                                  into the instance folder
    TIMELINE_UI_LOCALE            the language of pages, feeds and messages (default de; a
                                  catalog in feeds/translations/, see feeds/i18n.py)
    TIMELINE_FRAME_ANCESTORS      origins that may frame the embed view /stories/<slug>/embed
                                  (space separated, e.g. https://news.example.org); default: self

Views live in `feeds.web.views` (pages, feeds, paste form) and `feeds.web.api` (JSON API); each
loads a story from the store, renders it, and returns a Response.
"""
from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

from flask.globals import request_ctx
from flask import Flask, current_app, jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import BadRequest, HTTPException, InternalServerError, ServiceUnavailable

from feeds.render.archive import feed_entries
from feeds.render.links import normalize_base_url
from feeds.web.i18n import init_i18n
from feeds.web.links import ServerLinks
from feeds.web.security import (add_cors_headers, add_security_headers, add_strict_transport_security,
                                editor_signed_in, load_secret_key, parse_frame_ancestors)
from timeline.store import Store, StoreError, StoreUnavailable

DEFAULT_MAX_CONTENT_LENGTH = 4 * 1024 * 1024
API_PREFIX = "/api/"
EXTENSION = "timeline"

log = logging.getLogger(__name__)

# Error pages in the readers' language (feeds/web/i18n.py): status -> (heading, message).
ERROR_TEXTS = {
    400: (_l("Bad request"), _l("The request could not be understood.")),
    401: (_l("Sign-in needed"), _l("This action needs a valid API token.")),
    403: (_l("Not allowed"), _l("This action is not allowed.")),
    404: (_l("Not found"), _l("There is no such page or timeline.")),
    405: (_l("Method not allowed"), _l("This address cannot be called like this.")),
    413: (_l("Too large"), _l("The text sent is too long.")),
    500: (_l("Internal error"), _l("Something went wrong. Please try again later.")),
    503: (_l("Temporarily unavailable"), _l("The database cannot be reached right now. Please try again in a minute.")),
}
UNAVAILABLE_MESSAGE = "the database is not available right now; try again later"
RETRY_AFTER_SECONDS = 30        # how long a client should wait after a 503


def static_folder() -> Path:
    """The CSS folder: `feeds/static` in an installed wheel, `<repo>/static` in a checkout."""
    package = Path(__file__).resolve().parents[1]
    installed = package / "static"
    return installed if installed.is_dir() else package.parent / "static"


def config_from_env(environ=os.environ) -> dict:
    def text(name: str) -> str | None:
        value = environ.get(name, "").strip()
        return value or None

    feed_entries()  # a bad TIMELINE_FEED_ENTRIES stops the app at start, not each feed request
    max_length = text("TIMELINE_MAX_CONTENT_LENGTH")
    try:
        max_length = int(max_length) if max_length else DEFAULT_MAX_CONTENT_LENGTH
    except ValueError:
        raise ValueError(f"TIMELINE_MAX_CONTENT_LENGTH must be a number of bytes, not {max_length!r}") from None
    return {
        "DATABASE_URL": text("TIMELINE_DATABASE_URL"),
        "API_TOKEN": text("TIMELINE_API_TOKEN"),
        "BASE_URL": text("TIMELINE_BASE_URL"),
        "MAX_CONTENT_LENGTH": max_length,
        "SECRET_KEY": text("TIMELINE_SECRET_KEY"),
        "UI_LOCALE": text("TIMELINE_UI_LOCALE") or "de",
        "FRAME_ANCESTORS": " ".join(parse_frame_ancestors(text("TIMELINE_FRAME_ANCESTORS"))) or None,
    }


def create_app(test_config: dict | None = None, *, instance_path: str | None = None) -> Flask:
    """The app; `test_config` overrides the environment, `instance_path` Flask's default."""
    app = Flask(__name__, instance_relative_config=True, static_folder=str(static_folder()),
                instance_path=instance_path)
    app.config.from_mapping(
        config_from_env(),
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
    )
    if test_config:
        app.config.from_mapping(test_config)
    app.config["BASE_URL"] = normalize_base_url(app.config.get("BASE_URL"))
    if (app.config["BASE_URL"] or "").startswith("https://") \
            and "SESSION_COOKIE_SECURE" not in (test_config or {}):
        app.config["SESSION_COOKIE_SECURE"] = True  # the session cookie only over https
    os.makedirs(app.instance_path, exist_ok=True)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = load_secret_key(app.instance_path)

    app.extensions[EXTENSION] = {"store": None, "lock": threading.Lock()}
    init_i18n(app)

    from feeds.web import api, views
    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)

    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(StoreUnavailable, handle_store_unavailable)
    app.register_error_handler(Exception, handle_unexpected_error)
    app.after_request(add_security_headers)
    app.after_request(add_cors_headers)
    if (app.config["BASE_URL"] or "").startswith("https://"):
        app.after_request(add_strict_transport_security)
    return app


def serve_forever(app: Flask, host: str, port: int) -> None:
    """Werkzeug's threaded development server, without reloader or debugger (`timeline serve`)."""
    from werkzeug.serving import run_simple

    run_simple(host, port, app, threaded=True, use_reloader=False, use_debugger=False)


def get_store() -> Store:
    """The app's store, opened on first use (after a fork, so each worker has its own pool)."""
    state = current_app.extensions[EXTENSION]
    with state["lock"]:
        if state["store"] is None:
            try:
                state["store"] = Store.open(current_app.config.get("DATABASE_URL"),
                                            current_app.instance_path)
            except StoreUnavailable:
                raise
            except StoreError as error:  # a bad URL, a schema too new: the server's setup
                log.error("cannot open the database: %s", error)
                raise StoreUnavailable(str(error)) from None
        return state["store"]


def close_store(app: Flask) -> None:
    state = app.extensions[EXTENSION]
    with state["lock"]:
        if state["store"] is not None:
            state["store"].close()
            state["store"] = None


def base_url() -> str:
    """The public root URL with a trailing slash (configured, else this request's root)."""
    return current_app.config.get("BASE_URL") or normalize_base_url(request.url_root)


def server_links() -> ServerLinks:
    """Links for this request; only a signed-in editor's pages offer the editors' forms."""
    return ServerLinks(base_url(), writable=editor_signed_in())


def wants_json() -> bool:
    return request.path.startswith(API_PREFIX)


def handle_http_error(error: HTTPException):
    """JSON `{"error": ...}` under /api/, an HTML page everywhere else; never a traceback."""
    if wants_json():
        response = error.get_response()
        response.set_data(jsonify(error=error.description).get_data())
        response.content_type = "application/json"
        return response
    code = error.code or 500
    heading, message = (str(text) for text in ERROR_TEXTS.get(code, (error.name, error.description)))
    if _url_adapter_missing():
        # a request so malformed (e.g. "Host: .") that no URL can be built: plain text
        response = error.get_response()
        response.set_data(f"{code} {heading}\n{message}\n")
        response.content_type = "text/plain; charset=utf-8"
        return response
    html = render_template("error.html", links=server_links(), messages=[], code=code,
                           name=error.name, heading=heading, message=message)
    response = error.get_response()
    response.set_data(html)
    response.content_type = "text/html; charset=utf-8"
    return response


def _url_adapter_missing() -> bool:
    """True when Flask could not make a URL adapter for this request (bad Host header)."""
    return request_ctx.url_adapter is None


def unavailable_error() -> ServiceUnavailable:
    """503 with Retry-After and a message without internals (the cause goes to the log)."""
    return ServiceUnavailable(UNAVAILABLE_MESSAGE, retry_after=RETRY_AFTER_SECONDS)


def handle_store_unavailable(error: StoreUnavailable):
    log.warning("503 on %s %s: database unavailable: %s", request.method, request.path,
                error.cause)
    return handle_http_error(unavailable_error())


def is_unreadable_body(error: Exception) -> bool:
    """The client sent a body the server cannot read (gunicorn: a malformed chunk, a body cut
    off before its end): the client's fault, 400, not a bug of ours."""
    for cls in type(error).__mro__:
        if cls.__module__.startswith("gunicorn.http") and cls.__name__ in (
                "ParseException", "NoMoreData"):
            return True
    return False


def handle_unexpected_error(error: Exception):
    if isinstance(error, HTTPException):  # pragma: no cover - routed above
        return handle_http_error(error)
    if is_unreadable_body(error):
        log.info("400 on %s %s: unreadable body: %s", request.method, request.path, error)
        return handle_http_error(BadRequest("the request body could not be read: "
                                            "malformed chunked encoding or cut off"))
    log.exception("unhandled error on %s %s", request.method, request.path)
    wrapped = InternalServerError()
    wrapped.description = "internal error"
    return handle_http_error(wrapped)
