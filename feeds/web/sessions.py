"""Who is signed in: the editor's session (Flask's signed cookie) after the sign-in form.

An editor signs in with a token `feeds.web.security.signed_editor` accepts: a named editor's
(`timeline editors add NAME`) or the single TIMELINE_API_TOKEN (editor "api-token"). The
session keeps the editor's name, for the change log, and an HMAC of the token under the
secret key — never the token itself. It stays valid only while its token does:
- the API token's session while TIMELINE_API_TOKEN is unchanged (a new token signs everyone out);
- a named editor's session while that editor exists with the token it signed in with:
  `timeline editors remove` signs them out, and so does a new token under the same name (the
  session keeps when the editor was added, which a re-added editor does not share).
"""
from __future__ import annotations

import hashlib
import hmac
import logging

from flask import current_app, request, session

from feeds.web.security import API_TOKEN_EDITOR, writes_possible

MARK_KEY = "editor"
NAME_KEY = "editor_name"
SINCE_KEY = "editor_since"         # a named editor's `created`: a re-added name is another editor
log = logging.getLogger(__name__)
CACHE_KEY = "timeline.editor"       # this request's answer (request-scoped: `g` outlives it in tests)


def _mark(token: str) -> str:
    key = str(current_app.config["SECRET_KEY"]).encode("utf-8")
    return hmac.new(key, token.encode("utf-8"), hashlib.sha256).hexdigest()


def sign_in_editor(name: str, token: str) -> None:
    """Remember the editor `name`, who has just shown `token`."""
    session[MARK_KEY] = _mark(token)
    session[NAME_KEY] = name
    if name == API_TOKEN_EDITOR:
        session.pop(SINCE_KEY, None)
    else:
        session[SINCE_KEY] = named_editors().get(name)
    request.environ.pop(CACHE_KEY, None)


def sign_out_editor() -> None:
    session.pop(MARK_KEY, None)
    session.pop(NAME_KEY, None)
    session.pop(SINCE_KEY, None)
    request.environ.pop(CACHE_KEY, None)


def signed_in_editor() -> str | None:
    """The name of the editor this session belongs to, None for readers (once per request)."""
    if CACHE_KEY not in request.environ:
        request.environ[CACHE_KEY] = _session_editor()
    return request.environ[CACHE_KEY]


def editor_signed_in() -> bool:
    return signed_in_editor() is not None


def _session_editor() -> str | None:
    mark, name = session.get(MARK_KEY), session.get(NAME_KEY, API_TOKEN_EDITOR)
    if not isinstance(mark, str) or not isinstance(name, str):
        return None
    if name == API_TOKEN_EDITOR:
        token = current_app.config.get("API_TOKEN")
        if token and hmac.compare_digest(mark.encode("utf-8"), _mark(token).encode("utf-8")):
            return name
        return None
    since = named_editors().get(name)
    return name if since is not None and since == session.get(SINCE_KEY) else None


def named_editors() -> dict[str, str]:
    """The named editors the store knows: name -> when they were added (ISO)."""
    from feeds.web.app import get_store     # the app imports this module

    return {editor.name: editor.created.isoformat() for editor in get_store().editors()}


def sign_in_possible() -> bool:
    """Someone could sign in: an API token is configured or a named editor exists. Decides
    only whether pages link the sign-in form, so a store that cannot answer (an error page
    while the database is down) means no link, never a failed page."""
    if current_app.config.get("API_TOKEN"):
        return True
    try:
        return writes_possible()
    except Exception as error:     # noqa: BLE001 - a footer link must not break the page
        log.info("no sign-in link: the store cannot say whether editors exist: %s", error)
        return False

