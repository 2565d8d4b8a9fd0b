"""What the store hands out and refuses: its records, its error, and its identity rules."""
from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from timeline.model import Document, StoredEvent

DATABASE_URL_ENV = "TIMELINE_DATABASE_URL"
SQLITE_FILENAME = "timeline.sqlite3"
DEFAULT_INSTANCE_PATH = "instance"
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")


class StoreError(Exception):
    """Invalid input or a database this program cannot use; the message is for people."""


def valid_slug(slug: object) -> bool:
    return isinstance(slug, str) and _SLUG.fullmatch(slug) is not None


def normalize_text(text: str) -> str:
    """The text a document's identity is computed from (see the module docstring)."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def default_database_url(instance_path: str | os.PathLike | None = None) -> str:
    """TIMELINE_DATABASE_URL if set, else the SQLite file in the instance folder."""
    env = os.environ.get(DATABASE_URL_ENV, "").strip()
    if env:
        return env
    folder = Path(instance_path or DEFAULT_INSTANCE_PATH).resolve()
    return f"sqlite:///{folder / SQLITE_FILENAME}"


@dataclass(frozen=True)
class IngestResult:
    document: Document
    status: str                              # "created" | "updated" | "unchanged"
    events: tuple[StoredEvent, ...] = ()     # the document's events, in its timeline's order


@dataclass(frozen=True)
class StorySummary:
    slug: str
    title: str
    updated: datetime
    documents: int
    events: int
    created: datetime | None = None


@dataclass(frozen=True)
class EventStamp:
    """What a feed chooses its entries by (`Store.event_stamps`): a published entry's key,
    when it was first published and when it last changed."""
    key: str
    created: datetime
    updated: datetime
