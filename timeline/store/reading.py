"""Rows to the model: a story in one read, and the cheap version token caches key on."""
from __future__ import annotations

import dataclasses
import json

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from timeline.model import Document, Event, Story, StoredEvent, Timex
from timeline.store.merging import merge_documents
from timeline.store.records import valid_slug
from timeline.store.schema import documents, events, stories
from timeline.store.versions import merge_chronologically


def load_story(conn: Connection, slug: str, merge: bool = True) -> Story | None:
    row = conn.execute(sa.select(stories).where(stories.c.slug == slug)).one_or_none()
    if row is None:
        return None
    docs = [document_record(d, slug) for d in conn.execute(
        sa.select(documents).where(documents.c.story_id == row.id)
        .order_by(documents.c.published, documents.c.id))]
    per_document = {d.id: (d.published, d.lang, []) for d in docs}
    for e in conn.execute(sa.select(events).where(events.c.story_id == row.id)
                          .order_by(events.c.document_id, events.c.position)):
        per_document[e.document_id][2].append(stored_event(e))
    if merge:
        merged = merge_documents(list(per_document.values()))
    else:
        merged = [(published, document_events)
                  for published, _, document_events in per_document.values()]
    return Story(slug=row.slug, title=row.title, created=row.created, updated=row.updated,
                 documents=tuple(docs), events=tuple(merge_chronologically(merged)))


_EVENT_FIELDS = {f.name for f in dataclasses.fields(Event)}
_TIMEX_FIELDS = {f.name for f in dataclasses.fields(Timex)}


def event_from_json(data: str) -> Event:
    values = {k: v for k, v in json.loads(data).items() if k in _EVENT_FIELDS}
    timex = values.get("timex")
    values["timex"] = Timex(**{k: v for k, v in timex.items() if k in _TIMEX_FIELDS}) \
        if timex else None
    return Event(**values)


def stored_event(row) -> StoredEvent:
    return StoredEvent(key=row.key, event=event_from_json(row.data),
                       document_id=row.document_id, created=row.created,
                       updated=row.updated, sequence=row.sequence)


def document_record(row, slug: str) -> Document:
    return Document(id=row.id, story=slug, title=row.title, url=row.url,
                    published=row.published, lang=row.lang, content_hash=row.content_hash,
                    created=row.created, updated=row.updated, text=row.text)


def story_version(conn: Connection, slug: str) -> str | None:
    """A cheap token that changes whenever anything `store.story(slug)` returns changes;
    None when there is no such story. One query, for caches of rendered output.

    Every write that changes a story moves at least one of: the story's `updated` (new
    title), its number of documents (created), the latest document `updated` (a document
    updated in any way, events included). Rows are never deleted except with their document.
    """
    if not valid_slug(slug):
        return None
    row = conn.execute(_STORY_VERSION, {"slug": slug}).one_or_none()
    return None if row is None else ":".join(str(value) for value in row)


_STORY_VERSION = sa.select(  # built once: it runs on every feed request
    stories.c.id, stories.c.updated,
    sa.select(sa.func.count()).select_from(documents)
    .where(documents.c.story_id == stories.c.id).scalar_subquery(),
    sa.select(sa.func.max(documents.c.updated))
    .where(documents.c.story_id == stories.c.id).scalar_subquery(),
).where(stories.c.slug == sa.bindparam("slug"))
