"""Rows to the model: a story in one read, and the cheap version token caches key on."""
from __future__ import annotations

import dataclasses
import json

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from timeline.dates.vocabulary import granularity_rank
from timeline.model import Document, Event, Story, StoredEvent, Timex
from timeline.store.merging import merged_event
from timeline.store.records import EventStamp, valid_slug
from timeline.store.schema import documents, event_groups, events, stories
from timeline.store.sections import Selection, StoryOutline, section_counts, selected_groups
from timeline.store.versions import merge_chronologically


def load_story(conn: Connection, slug: str, merge: bool = True,
               keys: set[str] | None = None,
               selections: tuple[Selection, ...] | None = None,
               source_limit: int | None = None) -> Story | None:
    """The story; with `keys` (merged entries' keys, see `event_stamps`) only those entries
    and the documents they cite: a bounded read for a feed's newest entries. With
    `selections` (`timeline.store.sections`) only the groups they select, and the documents
    they cite: a bounded part of a long story's page; `source_limit`: of the documents an
    event cites only its first that many (`StoredEvent.sources` stays complete)."""
    row = conn.execute(sa.select(stories).where(stories.c.slug == slug)).one_or_none()
    if row is None:
        return None
    event_query = sa.select(events).where(events.c.story_id == row.id)
    if keys is not None:
        groups = sa.select(events.c.group_id).where(
            events.c.story_id == row.id, events.c.key.in_(sorted(keys)))
        event_query = event_query.where(sa.or_(events.c.group_id.in_(groups),
                                               events.c.key.in_(sorted(keys))))
    if selections is not None:
        chosen: set[int] = set()
        whole = []
        for selection in selections:
            groups = selected_groups(conn, row.id, selection)
            if isinstance(groups, list):
                chosen.update(groups)
            else:
                whole.append(events.c.group_id.in_(groups))
        if whole:
            event_query = event_query.where(sa.or_(events.c.group_id.in_(sorted(chosen)), *whole))
        else:   # group ids (of this story) alone: ix_events_group finds their rows, no scan
            event_query = sa.select(events).where(events.c.group_id.in_(sorted(chosen)))
    partial = keys is not None or selections is not None
    # a part needs its sources' titles and links, not their texts (Document.text stays "")
    document_query = sa.select(*(c for c in documents.c if c.name != "text") if partial
                               else (documents,)).where(documents.c.story_id == row.id)
    rows = conn.execute(event_query.order_by(*_MEMBER_ORDER)).all()
    if partial:     # by primary key: this story's rows cite only its documents
        document_query = sa.select(*document_query.selected_columns).where(
            documents.c.id.in_(sorted(_cited(rows, source_limit))))
    docs = [document_record(d, slug) for d in conn.execute(
        document_query.order_by(documents.c.published, documents.c.id))]
    per_document: dict[int, tuple] = {d.id: (d.published, []) for d in docs}
    if merge:
        stamps = {g.id: (g.updated, g.sequence) for g in conn.execute(
            sa.select(event_groups.c.id, event_groups.c.updated, event_groups.c.sequence)
            .where(event_groups.c.story_id == row.id,
                   event_groups.c.id.in_(sorted({e.group_id for e in rows if e.group_id}))
                   if partial else sa.true()))}
        published = _merged(rows, stamps)
    else:
        published = {e.id: stored_event(e) for e in rows}
    for e in sorted(rows, key=lambda e: (e.document_id, e.position)):
        if e.id in published and (keys is None or published[e.id].key in keys):
            per_document[e.document_id][1].append(published[e.id])
    merged = list(per_document.values())
    return Story(slug=row.slug, title=row.title, created=row.created, updated=row.updated,
                 documents=tuple(docs), events=tuple(merge_chronologically(merged)))


def story_outline(conn: Connection, slug: str) -> StoryOutline | None:
    """The story's title, times and counts, and its sections' sizes: counts only."""
    row = conn.execute(sa.select(stories).where(stories.c.slug == slug)).one_or_none()
    if row is None:
        return None
    document_count = conn.scalar(sa.select(sa.func.count()).select_from(documents)
                                 .where(documents.c.story_id == row.id))
    event_count = conn.scalar(sa.select(sa.func.count()).select_from(event_groups)
                              .where(event_groups.c.story_id == row.id))
    return StoryOutline(slug=row.slug, title=row.title, created=row.created,
                        updated=row.updated, documents=document_count, events=event_count,
                        sections=section_counts(conn, row.id))


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
        event = _merged_group(group_rows)
        if group_id in stamps:
            updated, sequence = stamps[group_id]
            event = dataclasses.replace(event, updated=updated, sequence=sequence)
        result[group_rows[0].id] = event
    return result


def _cited(rows, limit: int | None) -> set[int]:
    """The documents `rows` (in member order) cite: of each group the first `limit`."""
    if limit is None:
        return {e.document_id for e in rows}
    per_group: dict[object, dict[int, None]] = {}
    for e in rows:
        cited = per_group.setdefault(e.group_id if e.group_id is not None else ("row", e.id), {})
        if len(cited) < max(1, limit):
            cited.setdefault(e.document_id)
    return {document for cited in per_group.values() for document in cited}


def _merged_group(rows) -> StoredEvent:
    """`merging.merged_event` of the group's members, decoding only the two rows it takes
    text and date from (the first member, and the first of the finest granularity, from the
    `granularity` column): a group of fifty reports costs two decodes, not fifty."""
    head = rows[0]
    precise = max(rows, key=lambda e: -1 if e.granularity is None
                  else granularity_rank(e.granularity))
    event = merged_event([stored_event(e) for e in ((head,) if precise is head else (head, precise))])
    if len(rows) == 1:
        return event
    return dataclasses.replace(event, sources=tuple(dict.fromkeys(e.document_id for e in rows)),
                               updated=max(e.updated for e in rows),
                               sequence=sum(e.sequence for e in rows) + len(rows) - 1)


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
                    created=row.created, updated=row.updated, text=getattr(row, "text", ""))


def story_version(conn: Connection, slug: str) -> str | None:
    """A cheap token that changes whenever anything `store.story(slug)` returns changes;
    None when there is no such story. One query, for caches of rendered output.

    Every write that changes a story moves the story's `updated` strictly forward (a
    document created or updated in any way, events included, or a new title:
    `timeline.store.saving`, where `_later` never repeats a time), so the story row is the
    token: one lookup by the unique slug, the same at 10 and at 10,000 articles. It runs on
    every feed request, cached or not (the latest document `updated` it read before
    scanned every document row: 14 ms at 1,200 articles on SQLite).
    """
    if not valid_slug(slug):
        return None
    row = conn.execute(_STORY_VERSION, {"slug": slug}).one_or_none()
    return None if row is None else ":".join(str(value) for value in row)


_STORY_VERSION = sa.select(  # built once: it runs on every feed request
    stories.c.id, stories.c.updated,
).where(stories.c.slug == sa.bindparam("slug"))
