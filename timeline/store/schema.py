"""The tables and their migrations (SQLAlchemy Core, the same on SQLite and PostgreSQL)."""
from __future__ import annotations

from datetime import timezone
from typing import Callable

import sqlalchemy as sa
from sqlalchemy.engine import Connection

_UTC = timezone.utc


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

def _stories_v1_parts() -> list:
    """The columns of the stories table as version 1 made it."""
    return [
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("slug", sa.String(64), nullable=False, unique=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("created", UTCDateTime, nullable=False),
        sa.Column("updated", UTCDateTime, nullable=False),
    ]


stories = sa.Table(
    "stories", metadata, *_stories_v1_parts(),
    sa.Column("description", sa.Text),      # version 3: an editor's words about the story
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

def _events_v1_parts() -> list:
    """The columns and constraints of the events table as version 1 made it."""
    return [
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("story_id", sa.Integer, sa.ForeignKey("stories.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("event_id", sa.Text, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),  # index in the document's timeline
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("earliest", sa.String(64)),
        sa.Column("latest", sa.String(64)),
        sa.Column("granularity", sa.String(16)),
        sa.Column("data", sa.Text, nullable=False),         # Event.to_dict() as JSON
        sa.Column("created", UTCDateTime, nullable=False),
        sa.Column("updated", UTCDateTime, nullable=False),
        sa.Column("sequence", sa.Integer, nullable=False, default=0),
        sa.UniqueConstraint("story_id", "key", name="uq_events_story_key"),
        sa.UniqueConstraint("document_id", "event_id", name="uq_events_document_event"),
        sa.Index("ix_events_story_earliest", "story_id", "earliest"),
    ]


events = sa.Table(
    "events", metadata, *_events_v1_parts(),
    # version 2: the group of reports of the same event this event belongs to
    sa.Column("group_id", sa.Integer),
)

# Version 2: reports of one event, decided when a document is saved (timeline.store.grouping).
# `updated`/`sequence` are what the merged entry publishes; they only move forward.
event_groups = sa.Table(
    "event_groups", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("story_id", sa.Integer, sa.ForeignKey("stories.id", ondelete="CASCADE"),
              nullable=False),
    sa.Column("place", sa.Text, nullable=False),       # merging.bucket of its first member
    sa.Column("lang", sa.String(32), nullable=False),
    sa.Column("updated", UTCDateTime, nullable=False),
    sa.Column("sequence", sa.Integer, nullable=False),
    sa.Index("ix_event_groups_story_place", "story_id", "place"),
)

# Version 2: the word stems of each event (merging.stems), to find the groups worth comparing
event_stems = sa.Table(
    "event_stems", metadata,
    sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id", ondelete="CASCADE"),
              nullable=False),
    sa.Column("story_id", sa.Integer, nullable=False),
    sa.Column("stem", sa.String(32), nullable=False),
    sa.Index("ix_event_stems_story_stem", "story_id", "stem"),
    sa.Index("ix_event_stems_event", "event_id"),
)


def _migrate_v1(conn: Connection) -> None:
    """Version 1: stories, their documents, and the documents' events.

    Later versions must spell out their own DDL (ALTER TABLE ...) rather than change these
    Table objects' meaning for databases that are already at version 1.
    """
    v1 = sa.MetaData()
    sa.Table("stories", v1, *_stories_v1_parts())
    documents.to_metadata(v1)
    v1_events = sa.Table("events", v1, *_events_v1_parts())
    for table in (v1.tables["stories"], v1.tables["documents"], v1_events):
        table.create(conn)


def _migrate_v2(conn: Connection) -> None:
    """Version 2: event groups decided at write time (the tables; the store then groups the
    events already stored, as reads grouped them: `timeline.store.grouping.group_existing`)."""
    event_groups.create(conn)
    event_stems.create(conn)
    conn.execute(sa.text("ALTER TABLE events ADD COLUMN group_id INTEGER"))
    sa.Index("ix_events_group", events.c.group_id).create(conn)


# --- version 3: editors' corrections, kept apart from what extraction stored ----------------

# One row per corrected event (by its key): NULL/false means "as extracted". `updated` and
# `sequence_offset` make the published entry move forward with every correction (see
# timeline.store.corrections); `orphaned` is set while no stored event has the key.
corrections = sa.Table(
    "corrections", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("story_id", sa.Integer, sa.ForeignKey("stories.id", ondelete="CASCADE"),
              nullable=False),
    sa.Column("key", sa.String(64), nullable=False),
    sa.Column("hidden", sa.Boolean, nullable=False, default=False),
    sa.Column("hidden_at", UTCDateTime),
    sa.Column("headline", sa.Text),
    sa.Column("when_value", sa.String(64)),
    sa.Column("status", sa.String(16)),
    sa.Column("pinned", sa.Boolean, nullable=False, default=False),
    sa.Column("note", sa.Text),
    sa.Column("same_as", sa.String(64)),
    sa.Column("orphaned", sa.Boolean, nullable=False, default=False),
    sa.Column("updated", UTCDateTime, nullable=False),
    sa.Column("sequence_offset", sa.Integer, nullable=False, default=0),
    sa.UniqueConstraint("story_id", "key", name="uq_corrections_story_key"),
)

# The editorial log: every change, never rewritten. before/after are JSON.
changes = sa.Table(
    "changes", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("story_id", sa.Integer, sa.ForeignKey("stories.id", ondelete="CASCADE"),
              nullable=False),
    sa.Column("at", UTCDateTime, nullable=False),
    sa.Column("editor", sa.String(64)),         # NULL: the store itself (a re-ingest)
    sa.Column("action", sa.String(32), nullable=False),
    sa.Column("subject", sa.Text, nullable=False),
    sa.Column("before", sa.Text),
    sa.Column("after", sa.Text),
    sa.Index("ix_changes_story", "story_id", "id"),
)

# Named editors: only a hash of each token is kept.
editors = sa.Table(
    "editors", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(64), nullable=False, unique=True),
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("created", UTCDateTime, nullable=False),
)

# Entries a story published once and no longer has (their article removed, or a changed
# version of it dropped them): Atom tombstones.
withdrawn_keys = sa.Table(
    "withdrawn_keys", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("story_id", sa.Integer, sa.ForeignKey("stories.id", ondelete="CASCADE"),
              nullable=False),
    sa.Column("key", sa.String(64), nullable=False),
    sa.Column("at", UTCDateTime, nullable=False),
    sa.Index("ix_withdrawn_keys_story", "story_id"),
)


def _migrate_v3(conn: Connection) -> None:
    """Version 3: corrections, the change log, editors, withdrawn entries, story description."""
    for table in (corrections, changes, editors, withdrawn_keys):
        table.create(conn)
    conn.execute(sa.text("ALTER TABLE stories ADD COLUMN description TEXT"))


# Ordered steps: (version reached, step). Append new versions; never edit an old step.
MIGRATIONS: tuple[tuple[int, Callable[[Connection], None]], ...] = (
    (1, _migrate_v1),
    (2, _migrate_v2),
    (3, _migrate_v3),
)
SCHEMA_VERSION = MIGRATIONS[-1][0]
