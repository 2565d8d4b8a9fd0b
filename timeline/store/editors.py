"""Named editors: each has a token of its own; the store keeps only the token's SHA-256.

A token is `secrets.token_urlsafe(32)` (256 bits), so an unsalted hash is enough: nobody can
guess such a token from its hash, and looking one up by its hash needs no scan. The lookup
compares the hashes once more with `hmac.compare_digest`.
"""
from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from datetime import datetime, timezone

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from timeline.store.records import Editor, StoreError
from timeline.store.schema import editors

API_TOKEN_EDITOR = "api-token"      # the name the log gives TIMELINE_API_TOKEN's holder
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
NAME_RULE = "use 1-64 letters, digits, dots, hyphens and underscores, starting with a letter or digit"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def check_name(name: object) -> str:
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise StoreError(f"invalid editor name {name!r}: {NAME_RULE}")
    if name == API_TOKEN_EDITOR:
        raise StoreError(f"the name {API_TOKEN_EDITOR!r} is reserved for TIMELINE_API_TOKEN")
    return name


def add_editor(conn: Connection, name: str) -> str:
    """A new editor; returns the token (shown once: only its hash is stored)."""
    if conn.scalar(sa.select(editors.c.id).where(editors.c.name == name)) is not None:
        raise StoreError(f"there is an editor {name!r} already (remove it first for a new token)")
    token = secrets.token_urlsafe(32)
    conn.execute(editors.insert().values(name=name, token_hash=token_hash(token),
                                         created=datetime.now(timezone.utc)))
    return token


def list_editors(conn: Connection) -> list[Editor]:
    return [Editor(row.name, row.created) for row in
            conn.execute(sa.select(editors.c.name, editors.c.created).order_by(editors.c.name))]


def remove_editor(conn: Connection, name: str) -> bool:
    return conn.execute(editors.delete().where(editors.c.name == name)).rowcount > 0


def editor_for_token(conn: Connection, token: str) -> str | None:
    wanted = token_hash(token)
    row = conn.execute(sa.select(editors.c.name, editors.c.token_hash)
                       .where(editors.c.token_hash == wanted)).one_or_none()
    if row is None or not hmac.compare_digest(row.token_hash.encode(), wanted.encode()):
        return None
    return row.name
