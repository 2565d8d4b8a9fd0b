"""The store: stories, their documents and events, in one SQL database.

Contract (other code relies on these names):

    store = Store.open(url=None, instance_path=None)
        # url: a SQLAlchemy URL; default env TIMELINE_DATABASE_URL, else
        # sqlite:///<instance_path>/timeline.sqlite3. Creates/upgrades the schema.
    store.save_document(slug, text, published, timeline, *, title=None, url=None,
                        lang="de", story_title=None) -> IngestResult
    store.stories() -> list[StorySummary]          # newest change first
    store.story(slug) -> Story | None              # timeline.model.Story, events chronological
    store.story(slug, selections=(Selection(2021),)) -> Story | None   # a part (sections.py)
    store.story_outline(slug) -> StoryOutline | None                   # counts only
    store.close()

  Editors (schema version 3; timeline.store.corrections, editing, changelog, editors):
    store.correct_event(slug, key, changes, *, editor) -> StoredEvent   # as published
    store.edit_event(slug, key, changes, *, editor) -> EditorialEvent   # ... and whether hidden
        # changes: hidden, headline, when, status, pinned, note, same_as (None: as extracted)
    store.remove_document(slug, document_id, *, editor) -> None
    store.update_story(slug, *, editor, title=None, description=None)  # "" clears description
    store.changes(slug) -> list[Change]            # newest first
    store.editorial_events(slug) -> list[EditorialEvent]   # hidden ones too, chronological
    store.add_editor(name) -> token; store.editors(); store.remove_editor(name) -> bool;
    store.editor_for_token(token) -> str | None
    errors: UnknownStory, UnknownEvent, UnknownDocument (404), InvalidCorrection (422), all
    EditError(StoreError)

    valid_slug(slug) -> bool                       # [a-z0-9][a-z0-9-]{0,63}
    IngestResult(document: Document, status: "created"|"updated"|"unchanged",
                 events: tuple[StoredEvent, ...])
    StorySummary(slug, title, updated, documents: int, events: int)
    StoreError: raised for invalid input (bad slug, ...) with a readable message.
    StoreUnavailable(StoreError): the database failed (down, full, read-only); `.cause`.

Also: `Store` is a context manager; `default_database_url(instance_path)`; `normalize_text`.

Rules this module keeps
-----------------------
Document identity. A document is identified within its story by its URL when it has one,
else by the SHA-256 of its normalized text (`normalize_text`: NFC, LF line ends, no trailing
blanks, at most one empty line in a row). A document without URL whose text equals that of a
stored document of the story *is* that document.

Status. Saving a document that exists already is "unchanged" when its text, title,
publication date, language and extracted events are all what is stored: then nothing is
written, not even a timestamp. Otherwise it is "updated" and replaces the stored version.
`title=None` means "no new title" and keeps the stored one.

Event identity across versions: the events of the stored and the new version are paired
by `timeline.store.versions.match_events` (same Event.id, else same date and a similar
sentence). A paired event keeps `key` and `created`; its `updated` moves forward and
`sequence` increments only on a `real_change` (date, status, headline or sentence); other
differences (offsets) are stored silently. New events get new keys, unpaired old ones are
deleted. Keys are derived from (story, document identity, first Event.id), so rebuilding a
database by ingesting the same articles again gives the same keys.

Story events: each document's events in its timeline's order; the same event reported by
several documents is published once (the key of its first-stored report, all documents in
`StoredEvent.sources`), decided when a document is saved and stored as groups
(`timeline.store.grouping`, deciding with `timeline.store.merging`); the stored rows stay each
document's own; then merged across documents by `timeline.store.versions.merge_chronologically`.
`stories()` reads counts only (events = stored groups).

Story `updated` is the time of the last real change (a document created or updated, or a
new story title). All times are timezone-aware UTC; `updated` never goes backwards.

Concurrency. Every write is one transaction, retried on transient lock errors.
SQLite: WAL journal, synchronous=FULL, a busy timeout, and writes start with
BEGIN IMMEDIATE (one writer at a time; readers are not blocked). PostgreSQL: the story row
is locked with SELECT ... FOR UPDATE, so writes to one story are serialized and writes to
different stories run in parallel; deadlocks and serialization failures are retried.
A read is one transaction too, on one snapshot (PostgreSQL: REPEATABLE READ, READ ONLY).

Faults. A database error that retrying does not cure is the server's fault, not the
input's: `StoreUnavailable` (a `StoreError` whose message shows no internals; the cause is
logged and kept in `.cause`). Only a value the database itself refuses (SQLSTATE 22, 54) is
a plain StoreError. A SQLite "readonly database" error drops the pooled connections, so
writes succeed again as soon as the file is writable (no restart).
"""

from __future__ import annotations

import logging
import os
import random
import time
from datetime import date
from typing import Callable, TypeVar

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError

from timeline.model import StoredEvent, Story, Timeline
from timeline.store import editing
from timeline.store.changelog import read_changes
from timeline.store.editors import (add_editor, check_name, editor_for_token, list_editors,
                                    remove_editor)
from timeline.store.database import (WRITE_RETRY_SECONDS, create_engine, is_bad_value,
                                     is_read_only, is_transient, one_line)
from timeline.store.grouping import group_existing
from timeline.store.quick import QuickFailed, QuickRead
from timeline.store.reading import (STORY_VERSION, load_story, story_outline,
                                    story_version, version_token)
from timeline.store.sections import Selection, StoryOutline
from timeline.store.stamps import event_stamps
from timeline.store.records import (Change, EditorialEvent, Editor, EventStamp, IngestResult,
                                    StoreError, StorySummary, StoreUnavailable, UnknownStory,
                                    default_database_url, valid_slug)
from timeline.store.saving import clean_title, save, stored_as_is, validated_document
from timeline.store.schema import (MIGRATIONS, SCHEMA_VERSION, corrections, documents,
                                   event_groups, events, schema_version, stories)

log = logging.getLogger(__name__)
_ADVISORY_LOCK_MIGRATE = 0x74696D65  # "time": serializes concurrent schema upgrades on PostgreSQL

T = TypeVar("T")


class Store:
    """Stories, their documents and events, in one SQL database (see the module docstring)."""

    def __init__(self, engine: Engine):
        self._engine = engine
        self._postgres = engine.dialect.name == "postgresql"
        self._version_read = QuickRead(engine, STORY_VERSION)

    @classmethod
    def open(cls, url: str | None = None, instance_path: str | os.PathLike | None = None) -> "Store":
        store = cls(create_engine(url or default_database_url(instance_path)))
        try:
            if store._stored_schema_version() != SCHEMA_VERSION:
                store._write(store._upgrade_schema)
        except StoreUnavailable as exc:
            store.close()
            raise StoreUnavailable(exc.cause, f"cannot open database {store.url}: {exc.cause}") \
                from None
        except StoreError:
            store.close()
            raise
        return store

    @property
    def url(self) -> str:
        """The database URL, password hidden."""
        return self._engine.url.render_as_string(hide_password=True)

    @property
    def engine(self) -> Engine:
        return self._engine

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    # transactions

    def _write(self, work: Callable[[Connection], T]) -> T:
        """Run `work` in one write transaction; retry it while it loses to concurrent writers."""
        return self._transaction(work, write=True)

    def _read(self, work: Callable[[Connection], T]) -> T:
        """Run `work` in one read transaction (a consistent snapshot), retried like writes."""
        return self._transaction(work, write=False)

    def _transaction(self, work: Callable[[Connection], T], *, write: bool) -> T:
        """Retry transient conflicts; a database fault becomes StoreUnavailable (logged).

        Reads on PostgreSQL run REPEATABLE READ, READ ONLY: all statements of one read see
        one snapshot, so a story's documents and events always belong together while
        writers commit (SQLite's deferred BEGIN in WAL mode gives the same snapshot)."""
        deadline = time.monotonic() + WRITE_RETRY_SECONDS
        attempt = 0
        reopened = False
        while True:
            attempt += 1
            try:
                with self._engine.connect() as conn:
                    conn.execution_options(timeline_write=write)
                    if self._postgres and not write:
                        conn.execution_options(isolation_level="REPEATABLE READ",
                                               postgresql_readonly=True)
                    with conn.begin():
                        return work(conn)
            except DBAPIError as exc:
                if is_transient(exc) and time.monotonic() <= deadline:
                    time.sleep(random.uniform(0.005, min(0.5, 0.01 * 2 ** min(attempt, 6))))
                    continue
                if (is_read_only(exc) or exc.connection_invalidated) and not reopened:
                    # Pooled SQLite connections opened while the file was read-only stay so:
                    # drop them all. A connection lost (database restarted) was dropped by the
                    # pool. Either way try once more on a fresh connection (a save is
                    # idempotent: the same document again is "unchanged").
                    if is_read_only(exc):
                        self._engine.dispose()
                    reopened = True
                    continue
                raise self._fault(exc) from exc

    def _fault(self, exc: DBAPIError) -> StoreError:
        """The error to raise for a database error that retrying did not cure."""
        if is_bad_value(exc):
            return StoreError("the database cannot hold a value of this document "
                              "(too long or out of range)")
        cause = one_line(exc)
        log.error("database fault on %s: %s", self.url, cause)
        return StoreUnavailable(cause)

    def _stored_schema_version(self) -> int:
        def read(conn: Connection) -> int:
            if not sa.inspect(conn).has_table(schema_version.name):
                return 0
            return conn.scalar(sa.select(sa.func.max(schema_version.c.version))) or 0
        return self._read(read)

    def _upgrade_schema(self, conn: Connection) -> None:
        if self._postgres:
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"),
                         {"key": _ADVISORY_LOCK_MIGRATE})
        schema_version.create(conn, checkfirst=True)
        current = conn.scalar(sa.select(sa.func.max(schema_version.c.version))) or 0
        if current > SCHEMA_VERSION:
            raise StoreError(f"the database has schema version {current}; this program knows "
                             f"versions up to {SCHEMA_VERSION} — upgrade timeline")
        if current == SCHEMA_VERSION:
            return
        for version, step in MIGRATIONS:
            if version > current:
                step(conn)
        if current < 2:     # stories stored before version 2: their groups, as reads made them
            group_existing(conn)
        conn.execute(schema_version.delete())
        conn.execute(schema_version.insert().values(version=SCHEMA_VERSION))

    def schema_version(self) -> int:
        return self._stored_schema_version()

    # writing

    def save_document(self, slug: str, text: str, published: date, timeline: Timeline, *,
                      title: str | None = None, url: str | None = None, lang: str = "de",
                      story_title: str | None = None) -> IngestResult:
        """Add a document (and its timeline's events) to a story, or update it; see module doc."""
        new = validated_document(slug, text, published, timeline, title, url, lang)
        story_title = clean_title(story_title, "story title")
        return self._write(lambda conn: save(conn, new, story_title))

    def has_document(self, slug: str, text: str, published: date, *, url: str | None = None,
                     title: str | None = None, lang: str = "de") -> bool:
        """Is this document stored as it is (identity, text, date, language; the title too
        when given)? Lets a bulk ingest skip what an interrupted run stored already."""
        if not valid_slug(slug) or not isinstance(text, str) or not text.strip():
            return False
        return self._read(lambda conn: stored_as_is(conn, slug, text, published, url, title,
                                                    lang))

    # reading

    def stories(self) -> list[StorySummary]:
        """All stories, the most recently changed first."""
        doc_count = (sa.select(sa.func.count()).select_from(documents)
                     .where(documents.c.story_id == stories.c.id).scalar_subquery())
        # published events: one per stored group (reports of one event are one group)
        event_count = (sa.select(sa.func.count()).select_from(event_groups)
                       .where(event_groups.c.story_id == stories.c.id).scalar_subquery())
        # less the entries editors hid or merged into another (`corrections`)
        partner = (sa.select(events.c.id).where(events.c.story_id == corrections.c.story_id,
                                                events.c.key == corrections.c.same_as).exists())
        edited_away = (sa.select(sa.func.count()).select_from(corrections).where(
            corrections.c.story_id == stories.c.id, sa.not_(corrections.c.orphaned),
            sa.or_(corrections.c.hidden, sa.and_(corrections.c.same_as.is_not(None), partner)))
            .scalar_subquery())
        event_count = event_count - edited_away
        query = (sa.select(stories.c.slug, stories.c.title, stories.c.updated,
                           doc_count, event_count, stories.c.created)
                 .order_by(stories.c.updated.desc(), stories.c.slug))

        return self._read(lambda conn: [StorySummary(*row) for row in conn.execute(query)])

    def story(self, slug: str, *, merge: bool = True, keys: set[str] | None = None,
              selections: tuple[Selection, ...] | None = None) -> Story | None:
        """A story with its documents (by publication date) and chronological events.

        With `merge` (the default, what publications show) an event reported by several
        documents appears once; `merge=False` gives every document's own stored events.
        `keys`: only these entries (keys from `event_stamps`) and the documents they cite.
        `selections`: only the sections' events they select (`timeline.store.sections`) and
        the documents those cite.
        """
        if not valid_slug(slug):
            return None
        return self._read(lambda conn: load_story(conn, slug, merge, keys, selections))

    def story_outline(self, slug: str) -> StoryOutline | None:
        """Title, times, counts of documents and events, and each section's size (counts
        only, `timeline.store.sections`): what a long story's page shows before its events."""
        if not valid_slug(slug):
            return None
        return self._read(lambda conn: story_outline(conn, slug))

    def story_part(self, slug: str, choose: Callable[[StoryOutline], tuple[Selection, ...] | None],
                   *, source_limit: int | None = None) -> tuple[StoryOutline, Story] | None:
        """The outline and, on the same snapshot, the part of the story `choose(outline)`
        selects (None: the whole story), with at most `source_limit` documents per event
        when it is a part. None when there is no such story."""
        if not valid_slug(slug):
            return None

        def read(conn: Connection):
            outline = story_outline(conn, slug)
            if outline is None:
                return None
            selections = choose(outline)
            return outline, load_story(conn, slug, selections=selections,
                                       source_limit=source_limit if selections else None)
        return self._read(read)

    def event_stamps(self, slug: str) -> list[EventStamp] | None:
        """Key, first publication and last change of every entry of the story (no texts)."""
        if not valid_slug(slug):
            return None
        return self._read(lambda conn: event_stamps(conn, slug))

    def story_version(self, slug: str) -> str | None:
        """A cheap token that changes whenever `story(slug)` would (`reading.story_version`)."""
        if not valid_slug(slug):
            return None
        try:    # the driver's connection: this runs on every feed request (store/quick.py)
            return version_token(self._version_read.first({"slug": slug}))
        except QuickFailed:
            return self._read(lambda conn: story_version(conn, slug))

    # editing (schema version 3: timeline.store.editing, corrections, changelog, editors)

    def edit_event(self, slug: str, key: str, changes: dict, *, editor: str) -> EditorialEvent:
        """Correct an event (fields in `timeline.store.corrections`); the event as published
        now, with whether it is hidden. UnknownStory/UnknownEvent, InvalidCorrection."""
        self._known_slug(slug)
        return self._write(lambda conn: editing.correct_event(conn, slug, key, changes, editor))

    def correct_event(self, slug: str, key: str, changes: dict, *, editor: str) -> StoredEvent:
        """`edit_event`, the event as published (corrections applied, even when hidden)."""
        return self.edit_event(slug, key, changes, editor=editor).stored

    def remove_document(self, slug: str, document_id: int, *, editor: str) -> None:
        """The article and its events leave every output (the log keeps the article)."""
        self._known_slug(slug)
        self._write(lambda conn: editing.remove_document(conn, slug, document_id, editor))

    def update_story(self, slug: str, *, editor: str, title: str | None = None,
                     description: str | None = None) -> None:
        """A new title and/or description (None: unchanged; "" clears the description)."""
        self._known_slug(slug)
        self._write(lambda conn: editing.update_story(conn, slug, editor, title, description))

    def changes(self, slug: str) -> list[Change]:
        """The story's editorial log, newest first."""
        self._known_slug(slug)

        def read(conn: Connection) -> list[Change]:
            story_id = conn.scalar(sa.select(stories.c.id).where(stories.c.slug == slug))
            if story_id is None:
                raise UnknownStory(f"no story {slug!r}")
            return read_changes(conn, story_id)
        return self._read(read)

    def editorial_events(self, slug: str) -> list[EditorialEvent]:
        """Every event of the story, hidden ones too, in its chronological order."""
        self._known_slug(slug)
        return self._read(lambda conn: editing.editorial_events(conn, slug))

    @staticmethod
    def _known_slug(slug: str) -> None:
        if not valid_slug(slug):
            raise UnknownStory(f"no story {slug!r}")

    # editors

    def add_editor(self, name: str) -> str:
        """A new named editor; returns its token, which is shown once (only a hash is kept)."""
        name = check_name(name)
        return self._write(lambda conn: add_editor(conn, name))

    def editors(self) -> list[Editor]:
        return self._read(list_editors)

    def remove_editor(self, name: str) -> bool:
        return self._write(lambda conn: remove_editor(conn, name))

    def editor_for_token(self, token: str | None) -> str | None:
        """The name of the editor whose token this is, else None."""
        if not isinstance(token, str) or not token:
            return None
        return self._read(lambda conn: editor_for_token(conn, token))
