"""The JSON API: read a story, add an article to it.

    GET  /api/stories                        the stories (slug, title, counts, updated)
    GET  /api/stories/<slug>                 {slug, title, created, updated, documents, events}
    POST /api/stories/<slug>/documents       {"text", "published", "title"?, "url"?, "lang"?,
                                              "story_title"?, "force_lang"?} with
                                              `Authorization: Bearer TOKEN`; a text clearly
                                              not in "lang" is refused (422) unless forced
        201 {"document", "status": "created", "events"}; 200 when "updated" or "unchanged"

Errors are `{"error": "..."}` with a 4xx status (see `feeds.web.app.handle_http_error`), or
503 with `Retry-After` when the database fails (never blamed on the input).
"""
from __future__ import annotations

import re

from flask import Blueprint, Response, abort, current_app, jsonify, request, url_for
from werkzeug.exceptions import HTTPException

from feeds.render.publication import as_utc
from feeds.web.security import bearer_token, token_matches
from timeline.intake import IntakeError
from timeline.intake.ingest import ingest_fields
from timeline.intake.rules import check_slug
from feeds.render.registry import RENDERERS
from feeds.render.story_json import document_json, event_json
from feeds.web.i18n import ui_locale
from feeds.web.app import base_url, get_store
from timeline.store import StoreError, StoreUnavailable, valid_slug

bp = Blueprint("api", __name__, url_prefix="/api")


class ApiError(HTTPException):
    """An error answered as JSON with the given status."""

    def __init__(self, status: int, message: str, headers: dict | None = None):
        super().__init__(description=message)
        self.code = status
        self._headers = headers or {}

    def get_headers(self, environ=None, scope=None):
        return [("Content-Type", "application/json"), *self._headers.items()]


def _iso(moment) -> str:
    return as_utc(moment).isoformat()


@bp.get("/stories")
def stories():
    return jsonify(stories=[{
        "slug": summary.slug,
        "title": summary.title,
        "documents": summary.documents,
        "events": summary.events,
        "updated": _iso(summary.updated),
        "url": url_for("api.story", slug=summary.slug),
    } for summary in get_store().stories()])


@bp.get("/stories/<slug>")
def story(slug: str):
    story = get_store().story(slug) if valid_slug(slug) else None
    if story is None:
        abort(404, description=f"no story {slug!r}")
    renderer = RENDERERS["json"]
    return Response(renderer.render(story, base_url=base_url(), locale=ui_locale()),
                    mimetype=renderer.media_type)


def _require_token() -> None:
    expected = current_app.config.get("API_TOKEN")
    if not expected:
        raise ApiError(403, "writes are disabled: the server has no API token "
                            "(set TIMELINE_API_TOKEN)")
    given = bearer_token(request.headers.get("Authorization"))
    if given is None:
        raise ApiError(401, "missing API token: send 'Authorization: Bearer <token>'",
                       {"WWW-Authenticate": 'Bearer realm="timeline"'})
    if not token_matches(given, expected):
        raise ApiError(401, "wrong API token",
                       {"WWW-Authenticate": 'Bearer realm="timeline", error="invalid_token"'})


def _json_body():
    if request.mimetype != "application/json":
        raise ApiError(415, "send the document as JSON (Content-Type: application/json)")
    body = request.get_data(cache=True)  # raises 413 when Content-Length is over the limit
    limit = request.max_content_length
    if limit is not None and len(body) >= limit:
        # A body without Content-Length (chunked) is cut at the limit, not refused; reading
        # one byte more raises 413 if anything was left.
        request.stream.read(1)
    try:
        data = request.get_json(silent=True)
    except RecursionError:
        raise ApiError(400, "the body is not valid JSON: nested too deeply") from None
    if data is None:
        raise ApiError(400, "the body is not valid JSON")
    if _has_lone_surrogate(data):
        raise ApiError(400, "the body is not valid Unicode: it escapes an unpaired "
                            "UTF-16 surrogate")
    return data


_SURROGATE = re.compile("[\ud800-\udfff]")


def _has_lone_surrogate(data) -> bool:
    """JSON may escape a lone surrogate ("\\ud800"); no UTF-8 text nor database can hold one.

    (`json` joins escaped pairs into one character, so any surrogate left is unpaired.)
    Iterative: the body may be nested as deeply as the JSON parser allows.
    """
    pending = [data]
    while pending:
        value = pending.pop()
        if isinstance(value, str):
            if _SURROGATE.search(value):
                return True
        elif isinstance(value, dict):
            pending.extend(value.keys())
            pending.extend(value.values())
        elif isinstance(value, list):
            pending.extend(value)
    return False


@bp.post("/stories/<slug>/documents")
def add_document(slug: str):
    _require_token()
    try:
        check_slug(slug)
        data = _json_body()
        result = ingest_fields(get_store(), slug, data)
    except IntakeError as error:
        raise ApiError(error.status, error.message) from None
    except StoreUnavailable:
        raise  # the server's fault: 503 (feeds.web.app.handle_store_unavailable)
    except StoreError as error:
        raise ApiError(422, str(error)) from None
    status = 201 if result.status == "created" else 200
    response = jsonify(document=document_json(result.document), status=result.status,
                       events=[event_json(e, ui_locale()) for e in result.events])
    response.status_code = status
    response.headers["Location"] = url_for("api.story", slug=slug)
    return response
