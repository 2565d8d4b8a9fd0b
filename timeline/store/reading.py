"""Rows to the model: a story in one read, and the cheap version token caches key on."""
from __future__ import annotations

import dataclasses
import json

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from timeline.model import Document, Event, Story, StoredEvent, Timex
from timeline.store.merging import merged_event
from timeline.store.records import EventStamp, valid_slug
from timeline.store.schema import documents, event_groups, events, stories
from timeline.store.versions import merge_chronologically


def load_story(conn: Connection, slug: str, merge: bool = True,
               keys: set[str] | None = None) -> Story | None:
    """The story; with `keys` (merged entries' keys, see `event_stamps`) only those entries
    and the documents they cite: a bounded read for a feed's newest entries."""
    row = conn.execute(sa.select(stories).where(stories.c.slug == slug)).one_or_none()
    if row is None:
        return None
    event_query = sa.select(events).where(events.c.story_id == row.id)
    document_query = sa.select(documents).where(documents.c.story_id == row.id)
    if keys is not None:
        groups = sa.select(events.c.group_id).where(
            events.c.story_id == row.id, events.c.key.in_(sorted(keys)))
        event_query = event_query.where(sa.or_(events.c.group_id.in_(groups),
                                               events.c.key.in_(sorted(keys))))
    rows = conn.execute(event_query.order_by(*_MEMBER_ORDER)).all()
    if keys is not None:
        document_query = document_query.where(
            documents.c.id.in_(sorted({e.document_id for e in rows})))
    docs = [document_record(d, slug) for d in conn.execute(
        document_query.order_by(documents.c.published, documents.c.id))]
    per_document: dict[int, tuple] = {d.id: (d.published, []) for d in docs}
    if merge:
        stamps = {g.id: (g.updated, g.sequence) for g in conn.execute(
            sa.select(event_groups.c.id, event_groups.c.updated, event_groups.c.sequence)
            .where(event_groups.c.story_id == row.id,
                   event_groups.c.id.in_(sorted({e.group_id for e in rows if e.group_id}))
                   if keys is not None else sa.true()))}
        published = _merged(rows, stamps)
    else:
        published = {e.id: stored_event(e) for e in rows}
    for e in sorted(rows, key=lambda e: (e.document_id, e.position)):
        if e.id in published and (keys is None or published[e.id].key in keys):
            per_document[e.document_id][1].append(published[e.id])
    merged = list(per_document.values())
    return Story(slug=row.slug, title=row.title, created=row.created, updated=row.updated,
                 documents=tuple(docs), events=tuple(merge_chronologically(merged)))


def event_stamps(conn: Connection, slug: str) -> list[EventStamp] | None:
    """(key, created, updated) of every entry the story publishes, from small columns only:
    what a feed needs to choose its entries before loading them."""
    story_id = conn.scalar(sa.select(stories.c.id).where(stories.c.slug == slug))
    if story_id is None:
        return None
    updated = dict(conn.execute(sa.select(event_groups.c.id, event_groups.c.updated)
                                .where(event_groups.c.story_id == story_id)).all())
    heads: dict[object, EventStamp] = {}
    for e in conn.execute(sa.select(events.c.id, events.c.group_id, events.c.key,
                                    events.c.created, events.c.updated)
                          .where(events.c.story_id == story_id).order_by(*_MEMBER_ORDER)):
        group = e.group_id if e.group_id is not None else ("row", e.id)
        if group not in heads:
            heads[group] = EventStamp(e.key, e.created, updated.get(e.group_id, e.updated))
    return list(heads.values())


_MEMBER_ORDER = (events.c.created, events.c.document_id, events.c.position)


def _merged(rows, stamps: dict[int, tuple]) -> dict[int, StoredEvent]:
    """{row id of each group's first member: the merged event} from the stored groups
    (`rows` in member order): the merge decided when the documents were saved, with the
    group's own `updated`/`sequence`, which never go back (timeline.store.grouping)."""
    members: dict[object, list] = {}
    for e in rows:
        members.setdefault(e.group_id if e.group_id is not None else ("row", e.id), []).append(e)
    result = {}
    for group_id, group_rows in members.items():
        event = merged_event([stored_event(e) for e in group_rows])
        if group_id in stamps:
            updated, sequence = stamps[group_id]
            event = dataclasses.replace(event, updated=updated, sequence=sequence)
        result[group_rows[0].id] = event
    return result


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
