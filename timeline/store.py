"""Storage: the only module that touches the database.

Contract (other code relies on these names):

    store = Store.open(url=None, instance_path=None)
        # url: a SQLAlchemy URL; default env TIMELINE_DATABASE_URL, else
        # sqlite:///<instance_path>/timeline.sqlite3. Creates/upgrades the schema.
    store.save_document(slug, text, published, timeline, *, title=None, url=None,
                        lang="de", story_title=None) -> IngestResult
    store.stories() -> list[StorySummary]          # newest change first
    store.story(slug) -> Story | None              # timeline.model.Story, events chronological
    store.close()

    valid_slug(slug) -> bool                       # [a-z0-9][a-z0-9-]{0,63}
    IngestResult(document: Document, status: "created"|"updated"|"unchanged",
                 events: tuple[StoredEvent, ...])
    StorySummary(slug, title, updated, documents: int, events: int)
    StoreError: raised for invalid input (bad slug, ...) with a readable message.

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
by `timeline.story_events.match_events` (same Event.id, else same date and a similar
sentence). A paired event keeps `key` and `created`; its `updated` moves forward and
`sequence` increments only on a `real_change` (date, status, headline or sentence); other
differences (offsets) are stored silently. New events get new keys, unpaired old ones are
deleted. Keys are derived from (story, document identity, first Event.id), so rebuilding a
database by ingesting the same articles again gives the same keys.

Story events: each document's events in its timeline's order; the same event reported by
several documents is published once (`timeline.merging.merge_documents`: the key of its
first-stored report, all documents in `StoredEvent.sources`), decided on every read, so the
stored rows stay each document's own; then merged across documents by
`timeline.story_events.merge_chronologically`.

Story `updated` is the time of the last real change (a document created or updated, or a
new story title). All times are timezone-aware UTC; `updated` never goes backwards.

Concurrency. Every write is one transaction, retried on transient lock errors.
SQLite: WAL journal, synchronous=FULL, a busy timeout, and writes start with
BEGIN IMMEDIATE (one writer at a time; readers are not blocked). PostgreSQL: the story row
is locked with SELECT ... FOR UPDATE, so writes to one story are serialized and writes to
different stories run in parallel; deadlocks and serialization failures are retried.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import random
import re
import time
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Callable, TypeVar

import sqlalchemy as sa
from sqlalchemy import event as sa_event
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError

from timeline.model import Document, Event, Story, StoredEvent, Timeline, Timex
from timeline.merging import merge_documents
from timeline.story_events import match_events, merge_chronologically, real_change

__all__ = [
    "DATABASE_URL_ENV", "IngestResult", "Store", "StoreError", "StorySummary",
    "default_database_url", "normalize_text", "valid_slug",
]

DATABASE_URL_ENV = "TIMELINE_DATABASE_URL"
SQLITE_FILENAME = "timeline.sqlite3"
DEFAULT_INSTANCE_PATH = "instance"
SQLITE_BUSY_TIMEOUT_MS = 30_000
WRITE_RETRY_SECONDS = 120.0     # give up retrying a write blocked by others after this long
MAX_TITLE_LENGTH = 1000
MAX_URL_LENGTH = 4096

_SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
_LANG = re.compile(r"[a-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")
_ADVISORY_LOCK_MIGRATE = 0x74696D65  # "time": serializes concurrent schema upgrades on PostgreSQL
_UTC = timezone.utc
_TICK = timedelta(microseconds=1)

T = TypeVar("T")


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


# --- schema ------------------------------------------------------------------------------

class UTCDateTime(sa.TypeDecorator):
    """Aware UTC datetimes in Python, naive UTC in the database (same on SQLite and PostgreSQL)."""

    impl = sa.DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; use UTC-aware datetimes")
        return value.astimezone(_UTC).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        return None if value is None else value.replace(tzinfo=_UTC)


metadata = sa.MetaData()

schema_version = sa.Table(
    "schema_version", metadata,
    sa.Column("version", sa.Integer, nullable=False),
)

stories = sa.Table(
    "stories", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("slug", sa.String(64), nullable=False, unique=True),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("created", UTCDateTime, nullable=False),
    sa.Column("updated", UTCDateTime, nullable=False),
)

documents = sa.Table(
    "documents", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("story_id", sa.Integer, sa.ForeignKey("stories.id", ondelete="CASCADE"),
              nullable=False),
    sa.Column("identity", sa.String(80), nullable=False),   # "url:<sha256>" | "text:<sha256>"
    sa.Column("url", sa.Text),
    sa.Column("title", sa.Text),
    sa.Column("published", sa.Date, nullable=False),
    sa.Column("lang", sa.String(32), nullable=False),
    sa.Column("content_hash", sa.String(64), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("created", UTCDateTime, nullable=False),
    sa.Column("updated", UTCDateTime, nullable=False),
    sa.UniqueConstraint("story_id", "identity", name="uq_documents_story_identity"),
    sa.Index("ix_documents_story_hash", "story_id", "content_hash"),
)

events = sa.Table(
    "events", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("story_id", sa.Integer, sa.ForeignKey("stories.id", ondelete="CASCADE"),
              nullable=False),
    sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"),
              nullable=False),
    sa.Column("key", sa.String(64), nullable=False),
    sa.Column("event_id", sa.Text, nullable=False),
    sa.Column("position", sa.Integer, nullable=False),      # index in the document's timeline
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("earliest", sa.String(64)),
    sa.Column("latest", sa.String(64)),
    sa.Column("granularity", sa.String(16)),
    sa.Column("data", sa.Text, nullable=False),             # Event.to_dict() as JSON
    sa.Column("created", UTCDateTime, nullable=False),
    sa.Column("updated", UTCDateTime, nullable=False),
    sa.Column("sequence", sa.Integer, nullable=False, default=0),
    sa.UniqueConstraint("story_id", "key", name="uq_events_story_key"),
    sa.UniqueConstraint("document_id", "event_id", name="uq_events_document_event"),
    sa.Index("ix_events_story_earliest", "story_id", "earliest"),
)


def _migrate_v1(conn: Connection) -> None:
    """Version 1: stories, their documents, and the documents' events.

    Later versions must spell out their own DDL (ALTER TABLE ...) rather than change these
    Table objects' meaning for databases that are already at version 1.
    """
    for table in (stories, documents, events):
        table.create(conn)


# Ordered steps: (version reached, step). Append new versions; never edit an old step.
MIGRATIONS: tuple[tuple[int, Callable[[Connection], None]], ...] = (
    (1, _migrate_v1),
)
SCHEMA_VERSION = MIGRATIONS[-1][0]


# --- engine ------------------------------------------------------------------------------

def _create_engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError(f"not a database URL: {url!r}") from None
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")    # the driver we depend on
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:" and not database.startswith("file:"):
            try:
                Path(database).parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot create the folder for {database}: "
                                 f"{exc.strerror or exc}") from None
        engine = sa.create_engine(parsed, pool_timeout=WRITE_RETRY_SECONDS)
        _configure_sqlite(engine)
        return engine
    try:
        return sa.create_engine(parsed, pool_pre_ping=True, pool_timeout=WRITE_RETRY_SECONDS)
    except Exception as exc:  # missing driver, bad options
        raise StoreError(f"cannot use database {parsed.render_as_string(hide_password=True)}: "
                         f"{_one_line(exc)}") from None


def _configure_sqlite(engine: Engine) -> None:
    @sa_event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Take transactions out of the sqlite3 module's hands so that BEGIN IMMEDIATE works.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA synchronous = FULL")
        if cursor.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.close()

    @sa_event.listens_for(engine, "begin")
    def _on_begin(conn):
        writing = conn.get_execution_options().get("timeline_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")


def _is_transient(exc: BaseException) -> bool:
    """A lock or serialization conflict that the same transaction may win when retried."""
    if not isinstance(exc, DBAPIError):
        return False
    orig = exc.orig
    sqlstate = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    if sqlstate in ("40001", "40P01", "55P03"):       # serialization, deadlock, lock n/a
        return True
    if sqlstate == "23505" and isinstance(exc, IntegrityError):  # lost an insert race
        return True
    message = str(orig).lower()
    return "database is locked" in message or "database is busy" in message \
        or "database table is locked" in message


def _one_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


# --- the store ---------------------------------------------------------------------------

class Store:
    """Stories, their documents and events, in one SQL database (see the module docstring)."""

    def __init__(self, engine: Engine):
        self._engine = engine
        self._postgres = engine.dialect.name == "postgresql"

    @classmethod
    def open(cls, url: str | None = None, instance_path: str | os.PathLike | None = None) -> "Store":
        store = cls(_create_engine(url or default_database_url(instance_path)))
        try:
            if store._stored_schema_version() != SCHEMA_VERSION:
                store._write(store._upgrade_schema)
        except StoreError:
            store.close()
            raise
        except DBAPIError as exc:
            store.close()
            raise StoreError(f"cannot open database {store.url}: {_one_line(exc)}") from None
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
        deadline = time.monotonic() + WRITE_RETRY_SECONDS
        attempt = 0
        while True:
            attempt += 1
            try:
                with self._engine.connect() as conn:
                    conn.execution_options(timeline_write=write)
                    with conn.begin():
                        return work(conn)
            except DBAPIError as exc:
                if not _is_transient(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(random.uniform(0.005, min(0.5, 0.01 * 2 ** min(attempt, 6))))

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
        conn.execute(schema_version.delete())
        conn.execute(schema_version.insert().values(version=SCHEMA_VERSION))

    def schema_version(self) -> int:
        return self._stored_schema_version()

    # writing

    def save_document(self, slug: str, text: str, published: date, timeline: Timeline, *,
                      title: str | None = None, url: str | None = None, lang: str = "de",
                      story_title: str | None = None) -> IngestResult:
        """Add a document (and its timeline's events) to a story, or update it; see module doc."""
        new = _validated_document(slug, text, published, timeline, title, url, lang)
        story_title = _clean_title(story_title, "story title")
        try:
            return self._write(lambda conn: _save(conn, new, story_title))
        except DBAPIError as exc:
            raise StoreError(f"could not store the document: {_one_line(exc)}") from None

    # reading

    def stories(self) -> list[StorySummary]:
        """All stories, the most recently changed first."""
        doc_count = (sa.select(sa.func.count()).select_from(documents)
                     .where(documents.c.story_id == stories.c.id).scalar_subquery())
        event_count = (sa.select(sa.func.count()).select_from(events)
                       .where(events.c.story_id == stories.c.id).scalar_subquery())
        query = (sa.select(stories.c.slug, stories.c.title, stories.c.updated,
                           doc_count, event_count, stories.c.created)
                 .order_by(stories.c.updated.desc(), stories.c.slug))

        def read(conn: Connection) -> list[StorySummary]:
            summaries = [StorySummary(*row) for row in conn.execute(query)]
            # with several documents, events they share are counted once, as story() shows them
            return [dataclasses.replace(s, events=len(_load_story(conn, s.slug).events))
                    if s.documents > 1 else s for s in summaries]
        return self._read(read)

    def story(self, slug: str, *, merge: bool = True) -> Story | None:
        """A story with its documents (by publication date) and chronological events.

        With `merge` (the default, what publications show) an event reported by several
        documents appears once; `merge=False` gives every document's own stored events.
        """
        if not valid_slug(slug):
            return None
        return self._read(lambda conn: _load_story(conn, slug, merge))


def _load_story(conn: Connection, slug: str, merge: bool = True) -> Story | None:
    row = conn.execute(sa.select(stories).where(stories.c.slug == slug)).one_or_none()
    if row is None:
        return None
    docs = [_document(d, slug) for d in conn.execute(
        sa.select(documents).where(documents.c.story_id == row.id)
        .order_by(documents.c.published, documents.c.id))]
    per_document = {d.id: (d.published, d.lang, []) for d in docs}
    for e in conn.execute(sa.select(events).where(events.c.story_id == row.id)
                          .order_by(events.c.document_id, events.c.position)):
        per_document[e.document_id][2].append(_stored_event(e))
    if merge:
        merged = merge_documents(list(per_document.values()))
    else:
        merged = [(published, document_events)
                  for published, _, document_events in per_document.values()]
    return Story(slug=row.slug, title=row.title, created=row.created, updated=row.updated,
                 documents=tuple(docs), events=tuple(merge_chronologically(merged)))


# --- the write transaction ---------------------------------------------------------------

@dataclass(frozen=True)
class _NewDocument:
    slug: str
    text: str
    published: date
    timeline: Timeline
    title: str | None
    url: str | None
    lang: str
    content_hash: str
    identity: str


def _validated_document(slug, text, published, timeline, title, url, lang) -> _NewDocument:
    if not valid_slug(slug):
        raise StoreError(f"invalid story slug {slug!r}: use 1-64 lowercase letters, digits "
                         f"and hyphens, starting with a letter or digit")
    if not isinstance(text, str) or not text.strip():
        raise StoreError("the document has no text")
    _refuse_nul(text, "the document text")
    if isinstance(published, datetime):
        published = published.date()
    if not isinstance(published, date):
        raise StoreError(f"publication date must be a date, not {published!r}")
    if not isinstance(timeline, Timeline):
        raise StoreError("timeline must be the Timeline extracted from the text")
    if timeline.published != published:
        raise StoreError(f"the timeline was extracted for {timeline.published}, "
                         f"the document is published {published}")
    ids = [e.id for e in timeline.events]
    if len(set(ids)) != len(ids):
        raise StoreError("the timeline has two events with the same id")
    if not isinstance(lang, str) or not _LANG.fullmatch(lang):
        raise StoreError(f"invalid language code {lang!r}")
    if url is not None:
        if not isinstance(url, str):
            raise StoreError("url must be a string")
        url = url.strip() or None
        _refuse_nul(url or "", "url")
        if url and len(url) > MAX_URL_LENGTH:
            raise StoreError(f"url longer than {MAX_URL_LENGTH} characters")
    content_hash = hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()
    identity = ("url:" + hashlib.sha256(url.encode("utf-8")).hexdigest() if url
                else "text:" + content_hash)
    return _NewDocument(slug, text, published, timeline, _clean_title(title, "title"), url,
                        lang, content_hash, identity)


def _clean_title(title, what: str) -> str | None:
    if title is None:
        return None
    if not isinstance(title, str):
        raise StoreError(f"{what} must be a string")
    _refuse_nul(title, what)
    title = " ".join(title.split())
    if len(title) > MAX_TITLE_LENGTH:
        raise StoreError(f"{what} longer than {MAX_TITLE_LENGTH} characters")
    return title or None


def _refuse_nul(value: str, what: str) -> None:
    """PostgreSQL text cannot hold NUL; refuse it on every database so both behave alike."""
    if "\x00" in value:
        raise StoreError(f"{what} contains a NUL character")


def _later(now: datetime, previous: datetime) -> datetime:
    """`now`, but never at or before `previous` (clocks can step back; order must not)."""
    return now if now > previous else previous + _TICK


def _save(conn: Connection, new: _NewDocument, story_title: str | None) -> IngestResult:
    now = datetime.now(_UTC)
    story, story_is_new = _lock_story(conn, new.slug, story_title, now)
    story_changed = False
    if story_title and story_title != story.title and not story_is_new:
        conn.execute(stories.update().where(stories.c.id == story.id).values(title=story_title))
        story_changed = True

    old_doc = _find_document(conn, story.id, new)
    if old_doc is None:
        doc_row = _insert_document(conn, story.id, new, now)
        _insert_events(conn, story.id, doc_row.id, new, list(enumerate(new.timeline.events)),
                       now)
        status = "created"
    else:
        doc_row, status = _update_document(conn, story.id, old_doc, new, now)
    if (status != "unchanged" or story_changed) and not story_is_new:
        conn.execute(stories.update().where(stories.c.id == story.id)
                     .values(updated=_later(now, story.updated)))
    stored = [_stored_event(e) for e in conn.execute(
        sa.select(events).where(events.c.document_id == doc_row.id)
        .order_by(events.c.position))]
    return IngestResult(document=_document(doc_row, new.slug), status=status,
                        events=tuple(stored))


def _lock_story(conn: Connection, slug: str, title: str | None, now: datetime):
    """The story's row, created if missing, locked until the transaction ends."""
    insert = _dialect_insert(conn)(stories).values(
        slug=slug, title=title or slug, created=now, updated=now)
    inserted = conn.execute(insert.on_conflict_do_nothing(index_elements=["slug"])
                            .returning(stories.c.id)).first()
    row = conn.execute(sa.select(stories).where(stories.c.slug == slug).with_for_update()).one()
    return row, inserted is not None


def _dialect_insert(conn: Connection):
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    elif conn.dialect.name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    else:
        raise StoreError(f"unsupported database {conn.dialect.name}: use SQLite or PostgreSQL")
    return insert


def _find_document(conn: Connection, story_id: int, new: _NewDocument):
    query = sa.select(documents).where(documents.c.story_id == story_id)
    if new.url:
        query = query.where(documents.c.identity == new.identity)
    else:
        query = query.where(sa.or_(documents.c.identity == new.identity,
                                   documents.c.content_hash == new.content_hash))
    return conn.execute(query.order_by(documents.c.id).limit(1)).one_or_none()


def _insert_document(conn: Connection, story_id: int, new: _NewDocument, now: datetime):
    values = dict(story_id=story_id, identity=new.identity, url=new.url, title=new.title,
                  published=new.published, lang=new.lang, content_hash=new.content_hash,
                  text=new.text, created=now, updated=now)
    doc_id = conn.execute(documents.insert().values(**values)).inserted_primary_key[0]
    return conn.execute(sa.select(documents).where(documents.c.id == doc_id)).one()


def _event_columns(event: Event, position: int) -> dict:
    return dict(event_id=event.id, position=position, status=event.status,
                earliest=event.earliest, latest=event.latest, granularity=event.granularity,
                data=_event_json(event))


def _event_json(event: Event) -> str:
    return json.dumps(event.to_dict(), ensure_ascii=False, sort_keys=True)


def _insert_events(conn: Connection, story_id: int, document_id: int, new: _NewDocument,
                   positioned: list[tuple[int, Event]], now: datetime) -> None:
    for position, event in positioned:
        key = _free_key(conn, story_id, new, event)
        conn.execute(events.insert().values(
            story_id=story_id, document_id=document_id, key=key, created=now, updated=now,
            sequence=0, **_event_columns(event, position)))


def _free_key(conn: Connection, story_id: int, new: _NewDocument, event: Event) -> str:
    for attempt in range(1000):
        seed = f"{new.slug}\n{new.identity}\n{event.id}\n{attempt if attempt else ''}"
        key = hashlib.sha256(seed.encode("utf-8")).hexdigest()[:20]
        taken = conn.scalar(sa.select(events.c.id).where(
            events.c.story_id == story_id, events.c.key == key))
        if taken is None:
            return key
    raise StoreError("could not find a free event key")  # pragma: no cover


def _update_document(conn: Connection, story_id: int, old_doc, new: _NewDocument,
                     now: datetime):
    old_rows = list(conn.execute(sa.select(events).where(events.c.document_id == old_doc.id)
                                 .order_by(events.c.position)))
    old_events = [_event_from_json(r.data) for r in old_rows]
    new_events = list(new.timeline.events)
    pairs = match_events(old_events, new_events)
    title = new.title if new.title is not None else old_doc.title
    doc_changed = (old_doc.text != new.text or old_doc.title != title
                   or old_doc.published != new.published or old_doc.lang != new.lang
                   or (new.url is not None and old_doc.url != new.url))
    events_changed = (len(pairs) != len(old_rows) or len(new_events) != len(old_rows) or any(
        old_rows[i].data != _event_json(new_events[j]) or old_rows[i].position != j
        for j, i in pairs.items()))
    if not doc_changed and not events_changed:
        return old_doc, "unchanged"

    matched_old = set(pairs.values())
    gone = [r.id for i, r in enumerate(old_rows) if i not in matched_old]
    if gone:
        conn.execute(events.delete().where(events.c.id.in_(gone)))
    # Free the (document, event id) pairs before rewriting them, so that swapped ids
    # cannot collide with the unique constraint half-way through.
    for j, i in pairs.items():
        if old_rows[i].event_id != new_events[j].id:
            conn.execute(events.update().where(events.c.id == old_rows[i].id)
                         .values(event_id=f"~moving:{old_rows[i].id}"))
    for j, i in pairs.items():
        row, event = old_rows[i], new_events[j]
        values = _event_columns(event, j)
        if real_change(old_events[i], event):
            values.update(updated=_later(now, row.updated), sequence=row.sequence + 1)
        conn.execute(events.update().where(events.c.id == row.id).values(**values))
    _insert_events(conn, story_id, old_doc.id, new,
                   [(j, e) for j, e in enumerate(new_events) if j not in pairs], now)
    conn.execute(documents.update().where(documents.c.id == old_doc.id).values(
        url=new.url or old_doc.url, title=title, published=new.published, lang=new.lang,
        content_hash=new.content_hash, text=new.text, updated=_later(now, old_doc.updated)))
    doc_row = conn.execute(sa.select(documents).where(documents.c.id == old_doc.id)).one()
    return doc_row, "updated"


# --- rows to model -----------------------------------------------------------------------

_EVENT_FIELDS = {f.name for f in dataclasses.fields(Event)}
_TIMEX_FIELDS = {f.name for f in dataclasses.fields(Timex)}


def _event_from_json(data: str) -> Event:
    values = {k: v for k, v in json.loads(data).items() if k in _EVENT_FIELDS}
    timex = values.get("timex")
    values["timex"] = Timex(**{k: v for k, v in timex.items() if k in _TIMEX_FIELDS}) \
        if timex else None
    return Event(**values)


def _stored_event(row) -> StoredEvent:
    return StoredEvent(key=row.key, event=_event_from_json(row.data),
                       document_id=row.document_id, created=row.created,
                       updated=row.updated, sequence=row.sequence)


def _document(row, slug: str) -> Document:
    return Document(id=row.id, story=slug, title=row.title, url=row.url,
                    published=row.published, lang=row.lang, content_hash=row.content_hash,
                    created=row.created, updated=row.updated, text=row.text)


# --- change detection for caches ---------------------------------------------------------

def story_version(store: Store, slug: str) -> str | None:
    """A cheap token that changes whenever anything `store.story(slug)` returns changes;
    None when there is no such story. One query, for caches of rendered output.

    Every write that changes a story moves at least one of: the story's `updated` (new
    title), its number of documents (created), the latest document `updated` (a document
    updated in any way, events included). Rows are never deleted except with their document.
    """
    if not valid_slug(slug):
        return None
    row = store._read(lambda conn: conn.execute(_STORY_VERSION, {"slug": slug}).one_or_none())
    return None if row is None else ":".join(str(value) for value in row)


_STORY_VERSION = sa.select(  # built once: it runs on every feed request
    stories.c.id, stories.c.updated,
    sa.select(sa.func.count()).select_from(documents)
    .where(documents.c.story_id == stories.c.id).scalar_subquery(),
    sa.select(sa.func.max(documents.c.updated))
    .where(documents.c.story_id == stories.c.id).scalar_subquery(),
).where(stories.c.slug == sa.bindparam("slug"))


Store.story_version = story_version  # store.story_version(slug), like the other reads
