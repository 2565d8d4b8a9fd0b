"""Security for the web app: response headers, the API token, CSRF tokens, the secret key.

Kept apart from the views so that every rule is written once and can be read in one place.
"""
from __future__ import annotations

import hmac
import os
import re
import secrets
from pathlib import Path

from flask import Response, current_app, request, session

from timeline.store import API_TOKEN_EDITOR

# No script may run on our pages: there is no JavaScript at all. `<script type=
# "application/ld+json">` is a data block, never executed, so CSP does not apply to it.
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'none'",
    "style-src 'self'",
    "img-src 'self' data:",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
])

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}

# Outputs other sites may read from their pages' scripts (TimelineJS on a newsroom's site, a
# feed reader in a browser): the public GET files and the read API. Nothing there needs a
# cookie, so `*` (which browsers never combine with credentials) is safe.
CORS_ENDPOINTS = frozenset({"pages.story_file", "api.stories", "api.story"})

# The embed view may be framed by the origins in TIMELINE_FRAME_ANCESTORS (space separated;
# unset: by this site only). Every other page stays unframeable.
EMBED_ENDPOINT = "pages.embed"
_ORIGIN = re.compile(r"^(?:\*|'self'|https?://(?:\*\.)?[A-Za-z0-9.-]+(?::\d{1,5})?)$")

CSRF_SESSION_KEY = "csrf_token"
SECRET_KEY_FILE = "secret_key"


def add_security_headers(response: Response) -> Response:
    """Set the security headers on every response (pages, feeds, errors, static files).

    The embed view gets its own frame-ancestors and no X-Frame-Options (which knows no list
    of origins; browsers that read CSP ignore it anyway)."""
    embed = request.endpoint == EMBED_ENDPOINT and response.status_code < 400
    for name, value in SECURITY_HEADERS.items():
        if embed and name == "X-Frame-Options":
            continue
        if embed and name == "Content-Security-Policy":
            value = embed_policy()
        response.headers.setdefault(name, value)
    return response


def add_cors_headers(response: Response) -> Response:
    """`Access-Control-Allow-Origin: *` on the public GET outputs and the read API."""
    if request.method in ("GET", "HEAD") and request.endpoint in CORS_ENDPOINTS:
        response.headers["Access-Control-Allow-Origin"] = "*"
        response.headers["Access-Control-Expose-Headers"] = "ETag, Last-Modified"
    return response


def parse_frame_ancestors(value: str | None) -> tuple[str, ...]:
    """TIMELINE_FRAME_ANCESTORS as CSP sources: origins like `https://news.example.org`,
    `https://*.example.org`, `'self'` or `*`; anything else is a ValueError (a typo would
    otherwise silently forbid, or allow, framing)."""
    sources = tuple((value or "").split())
    for source in sources:
        if not _ORIGIN.match(source):
            raise ValueError(f"TIMELINE_FRAME_ANCESTORS: {source!r} is not an origin "
                             f"(like https://news.example.org), 'self' or *")
    return sources


def embed_policy() -> str:
    """The embed view's CSP: frame-ancestors from TIMELINE_FRAME_ANCESTORS, else 'self'."""
    sources = parse_frame_ancestors(current_app.config.get("FRAME_ANCESTORS")) or ("'self'",)
    return CONTENT_SECURITY_POLICY.replace("frame-ancestors 'none'",
                                           "frame-ancestors " + " ".join(sources))


def add_strict_transport_security(response: Response) -> Response:
    """Only for a site published over https (TIMELINE_BASE_URL): browsers stay on https."""
    response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    return response


def token_matches(given: str | None, expected: str | None) -> bool:
    """Compare a presented token with the configured one in constant time.

    No configured token never matches: without one the app accepts no writes.
    Bytes, not str: `hmac.compare_digest` refuses non-ASCII str.
    """
    if not expected or given is None:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def signed_editor(token: str | None) -> str | None:
    """The editor a presented token signs in: TIMELINE_API_TOKEN is the editor "api-token",
    any other token is looked up among the named editors (`timeline editors add`, only
    hashes stored). None for no or a wrong token. The API and the sign-in form use this."""
    if not isinstance(token, str) or not token:
        return None
    if token_matches(token, current_app.config.get("API_TOKEN")):
        return API_TOKEN_EDITOR
    from feeds.web.app import get_store     # app imports this module

    return get_store().editor_for_token(token)


def writes_possible() -> bool:
    """Can anybody write at all: is there an API token, or a named editor?"""
    if current_app.config.get("API_TOKEN"):
        return True
    from feeds.web.app import get_store

    return bool(get_store().editors())


def bearer_token(authorization: str | None) -> str | None:
    """The token of an `Authorization: Bearer <token>` header, else None."""
    if not authorization:
        return None
    scheme, _, token = authorization.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def csrf_token() -> str:
    """The CSRF token of this session (stored in Flask's signed session cookie)."""
    token = session.get(CSRF_SESSION_KEY)
    if not token:
        token = secrets.token_urlsafe(32)
        session[CSRF_SESSION_KEY] = token
    return token


def csrf_token_valid(submitted: str | None) -> bool:
    return token_matches(submitted, session.get(CSRF_SESSION_KEY))


def load_secret_key(instance_path: str | os.PathLike) -> str:
    """The key that signs session cookies: read from the instance folder, created once.

    A key generated per process would log editors out on every restart and differ between
    gunicorn workers; one written to the instance folder survives both.
    """
    path = Path(instance_path) / SECRET_KEY_FILE
    try:
        key = path.read_text(encoding="ascii").strip()
        if key:
            return key
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another worker wrote it first: use theirs
        return path.read_text(encoding="ascii").strip()
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key + "\n")
    return key
