"""The editorial log of a story: every editor's change, and what the store noted itself.

Written in the same transaction as the change it records, never rewritten or deleted (only
with its story). `before`/`after` are JSON objects of the fields that changed.
"""
from __future__ import annotations

import json
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from timeline.store.records import Change
from timeline.store.schema import changes


def _json(value) -> str | None:
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=_plain)


def _plain(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"not JSON: {type(value).__name__}")


def log_change(conn: Connection, story_id: int, when: datetime, editor: str | None,
               action: str, subject: str, before: dict | None, after: dict | None) -> None:
    conn.execute(changes.insert().values(story_id=story_id, at=when, editor=editor,
                                         action=action, subject=str(subject),
                                         before=_json(before), after=_json(after)))


def read_changes(conn: Connection, story_id: int) -> list[Change]:
    """The story's log, newest first (the id breaks ties of one instant)."""
    return [Change(id=row.id, when=row.at, editor=row.editor, action=row.action,
                   subject=row.subject,
                   before=json.loads(row.before) if row.before is not None else None,
                   after=json.loads(row.after) if row.after is not None else None)
            for row in conn.execute(sa.select(changes).where(changes.c.story_id == story_id)
                                    .order_by(changes.c.id.desc()))]
