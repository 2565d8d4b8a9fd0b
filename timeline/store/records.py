"""What the store hands out and refuses: its records, its error, and its identity rules."""
from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from timeline.model import Document, Event, StoredEvent

DATABASE_URL_ENV = "TIMELINE_DATABASE_URL"
SQLITE_FILENAME = "timeline.sqlite3"
DEFAULT_INSTANCE_PATH = "instance"
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
SLUG_RULE = "use 1-64 lowercase letters, digits and hyphens, starting with a letter or digit"


class StoreError(Exception):
    """Invalid input or a database this program cannot use; the message is for people."""


class StoreUnavailable(StoreError):
    """The database failed, not the input: down, unreachable, full, read-only, broken.

    `cause` is the database's own one-line reason, for the log and the operator; clients are
    shown a message of the web app's own, never this error's text. Trying again later may
    succeed (the web answers 503 with Retry-After; the CLI exits 75, EX_TEMPFAIL).
    """

    def __init__(self, cause: str, message: str = "the database is not available right now; "
                                                  "try again later"):
        super().__init__(message)
        self.cause = cause

    def for_operator(self) -> str:
        """One line with the cause, for the command line and the log."""
        text = str(self)
        return text if self.cause in text else f"{text} ({self.cause})"


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


# --- editing (schema version 3) -----------------------------------------------------------

class EditError(StoreError):
    """An editor's action the store refuses; the message is for the editor."""


class UnknownStory(EditError):
    """No story with this slug (the web answers 404)."""


class UnknownEvent(EditError):
    """No event with this key in the story (404; a stale key after a re-ingest, too)."""


class UnknownDocument(EditError):
    """No document with this id in the story (404)."""


class InvalidCorrection(EditError):
    """A correction that cannot be applied: an impossible date, an unknown status, a wrong
    type (the web answers 422 with the message)."""


@dataclass(frozen=True)
class Change:
    """One entry of a story's editorial log (`Store.changes`, newest first).

    `editor` is the editor's name ("api-token" for TIMELINE_API_TOKEN), None for what the
    store itself noted (a correction orphaned or re-attached by a re-ingest). `action`:
    "correct" (subject: event key), "remove-document" (subject: document id), "update-story"
    (subject: slug), "orphaned" / "reattached" (subject: event key). `before`/`after`: the
    fields that changed, as JSON values (None when there was nothing before or after).
    """

    id: int
    when: datetime
    editor: str | None
    action: str
    subject: str
    before: dict | None
    after: dict | None


@dataclass(frozen=True)
class EditorialEvent:
    """What the web editor lists for one event (`Store.editorial_events`), hidden ones too.

    `stored` is the event as published (corrections applied, even while hidden); `extracted`
    what extraction found (no correction); `correction` the corrected fields of its
    correction ({} when none); `members` the keys of every report merged into it.
    """

    stored: StoredEvent
    hidden: bool
    extracted: Event
    document_title: str | None
    correction: dict
    members: tuple[str, ...] = ()

    key = property(lambda self: self.stored.key)
    event = property(lambda self: self.stored.event)
    document_id = property(lambda self: self.stored.document_id)
    created = property(lambda self: self.stored.created)
    updated = property(lambda self: self.stored.updated)
    sequence = property(lambda self: self.stored.sequence)
    sources = property(lambda self: self.stored.sources)
    pinned = property(lambda self: self.stored.pinned)
    note = property(lambda self: self.stored.note)
    sentence = property(lambda self: self.extracted.sentence)
    same_as = property(lambda self: self.correction.get("same_as"))


@dataclass(frozen=True)
class Editor:
    name: str
    created: datetime
