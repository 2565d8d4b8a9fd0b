"""Rows to the model: a story in one read, and the cheap version token caches key on."""
from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from timeline.model import Document, Event, Story, StoredEvent, Timex, Withdrawn
from timeline.store import corrections
from timeline.store.corrections import Correction, corrected, fix_for, moves_date
from timeline.store.merging import merged_event
from timeline.store.records import EventStamp, valid_slug
from timeline.store.schema import documents, event_groups, events, stories, withdrawn_keys
from timeline.store.versions import merge_chronologically


@dataclass(frozen=True)
class Entry:
    """One published event as a read assembles it: `stored` with its correction applied,
    `extracted` the event before the correction, `members` the keys of its reports."""

    stored: StoredEvent
    fix: Correction | None
    extracted: Event
    members: tuple[str, ...]

    @property
    def hidden(self) -> bool:
        return self.fix is not None and self.fix.hidden


@dataclass(frozen=True)
class Assembled:
    """A story read, with what the editor view needs besides: every entry, hidden ones too,
    in the story's chronological order."""

    story: Story
    entries: tuple[Entry, ...]


def load_story(conn: Connection, slug: str, merge: bool = True,
               keys: set[str] | None = None) -> Story | None:
    """The story; with `keys` (merged entries' keys, see `event_stamps`) only those entries
    and the documents they cite: a bounded read for a feed's newest entries."""
    assembled = assemble_story(conn, slug, merge, keys)
    return None if assembled is None else assembled.story


def assemble_story(conn: Connection, slug: str, merge: bool = True,
                   keys: set[str] | None = None,
                   fixes: dict[str, Correction] | None = None) -> Assembled | None:
    """The story and all its entries (see `Assembled`). Editors' corrections are applied
    here, the one place (`timeline.store.corrections`); `fixes` replaces the stored ones (a
    correction being written is tried on the story before it is stored)."""
    row = conn.execute(sa.select(stories).where(stories.c.slug == slug)).one_or_none()
    if row is None:
        return None
    if fixes is None:
        fixes = corrections.load(conn, row.id)
    event_query = sa.select(events).where(events.c.story_id == row.id)
    document_query = sa.select(documents).where(documents.c.story_id == row.id)
    if keys is not None:
        wanted = sorted(corrections.related_keys(
            keys | {k for f in fixes.values() if f.same_as for k in (f.key, f.same_as)}, fixes))
        groups = sa.select(events.c.group_id).where(
            events.c.story_id == row.id, events.c.key.in_(wanted))
        event_query = event_query.where(sa.or_(events.c.group_id.in_(groups),
                                               events.c.key.in_(wanted)))
    rows = conn.execute(event_query.order_by(*_MEMBER_ORDER)).all()
    if keys is not None:
        document_query = document_query.where(
            documents.c.id.in_(sorted({e.document_id for e in rows})))
    docs = [document_record(d, slug) for d in conn.execute(
        document_query.order_by(documents.c.published, documents.c.id))]
    absorbed: list[Withdrawn] = []
    if merge:
        stamps = {g.id: (g.updated, g.sequence) for g in conn.execute(
            sa.select(event_groups.c.id, event_groups.c.updated, event_groups.c.sequence)
            .where(event_groups.c.story_id == row.id,
                   event_groups.c.id.in_(sorted({e.group_id for e in rows if e.group_id}))
                   if keys is not None else sa.true()))}
        published = _merged(rows, stamps, fixes, absorbed)
    else:
        published = {}
        for e in rows:
            stored, fix = stored_event(e), fixes.get(e.key)
            published[e.id] = Entry(corrected(stored, fix), fix, stored.event, (e.key,))
    published_on = {d.id: d.published for d in docs}
    per_document: dict[int, tuple] = {d.id: (d.published, []) for d in docs}
    moved = []      # entries an editor dated: each its own stream, placed by its new date
    by_key: dict[str, Entry] = {}
    for e in sorted(rows, key=lambda e: (e.document_id, e.position)):
        entry = published.get(e.id)
        if entry is None or (keys is not None and entry.stored.key not in keys):
            continue
        by_key[entry.stored.key] = entry
        if moves_date(entry.fix):
            moved.append((published_on[e.document_id], [entry.stored]))
        else:
            per_document[e.document_id][1].append(entry.stored)
    ordered = [by_key[s.key] for s in merge_chronologically(list(per_document.values()) + moved)]
    story = Story(slug=row.slug, title=row.title, created=row.created, updated=row.updated,
                  documents=tuple(docs),
                  events=tuple(entry.stored for entry in ordered if not entry.hidden),
                  description=row.description,
                  withdrawn=_withdrawn(conn, row.id, fixes, absorbed, ordered))
    return Assembled(story, tuple(ordered))


def _withdrawn(conn: Connection, story_id: int, fixes: dict[str, Correction],
               absorbed: list[Withdrawn], entries: list[Entry]) -> tuple[Withdrawn, ...]:
    """Entries the story published once and does not now: hidden ones, those merged into
    another by an editor, and those removed with their article; the latest first."""
    found: dict[str, datetime] = {}
    for fix in fixes.values():
        if fix.hidden and not fix.orphaned:
            found[fix.key] = fix.hidden_at or fix.updated
    for item in absorbed:
        found[item.key] = max(item.when, found.get(item.key, item.when))
    for key, when in conn.execute(sa.select(withdrawn_keys.c.key, withdrawn_keys.c.at)
                                  .where(withdrawn_keys.c.story_id == story_id)):
        found[key] = max(when, found.get(key, when))
    shown = {entry.stored.key for entry in entries if not entry.hidden}
    return tuple(sorted((Withdrawn(key, when) for key, when in found.items()
                         if key not in shown), key=lambda w: (w.when, w.key), reverse=True))


def event_stamps(conn: Connection, slug: str) -> list[EventStamp] | None:
    """(key, created, updated) of every entry the story publishes, from small columns only:
    what a feed needs to choose its entries before loading them (corrections applied:
    hidden entries are not published, an editor's `same_as` makes two entries one)."""
    story_id = conn.scalar(sa.select(stories.c.id).where(stories.c.slug == slug))
    if story_id is None:
        return None
    fixes = corrections.load(conn, story_id)
    updated = dict(conn.execute(sa.select(event_groups.c.id, event_groups.c.updated)
                                .where(event_groups.c.story_id == story_id)).all())
    groups: dict[object, list] = {}
    for e in conn.execute(sa.select(events.c.id, events.c.group_id, events.c.key,
                                    events.c.created, events.c.updated)
                          .where(events.c.story_id == story_id).order_by(*_MEMBER_ORDER)):
        groups.setdefault(e.group_id if e.group_id is not None else ("row", e.id), []).append(e)
    ids, member_rows = list(groups), list(groups.values())
    stamps = []
    for joined in corrections.combine(member_rows, fixes):
        head = member_rows[joined[0]][0]
        fix = fix_for([r.key for g in joined for r in member_rows[g]], fixes)
        if fix is not None and fix.hidden:
            continue
        moments = [updated.get(ids[g], member_rows[g][0].updated) for g in joined]
        if fix is not None:
            moments.append(fix.updated)
        stamps.append(EventStamp(head.key, head.created, max(moments)))
    return stamps


_MEMBER_ORDER = (events.c.created, events.c.document_id, events.c.position)


def _merged(rows, stamps: dict[int, tuple], fixes: dict[str, Correction],
            absorbed: list[Withdrawn]) -> dict[int, Entry]:
    """{row id of each entry's first member: the entry} from the stored groups (`rows` in
    member order): the merge decided when the documents were saved, with the group's own
    `updated`/`sequence`, which never go back (timeline.store.grouping); groups an editor
    declared the same (`same_as`) are one entry, the keys of the others go to `absorbed`."""
    members: dict[object, list] = {}
    for e in rows:
        members.setdefault(e.group_id if e.group_id is not None else ("row", e.id), []).append(e)
    ids, groups = list(members), list(members.values())
    result = {}
    for joined in corrections.combine(groups, fixes):
        group_rows = sorted((r for g in joined for r in groups[g]),
                            key=lambda r: (r.created, r.document_id, r.position))
        event = merged_event([stored_event(e) for e in group_rows])
        known = [stamps[ids[g]] for g in joined if ids[g] in stamps]
        if known:
            event = dataclasses.replace(event, updated=max(u for u, _ in known),
                                        sequence=sum(s for _, s in known) + len(joined) - 1)
        keys = tuple(r.key for r in group_rows)
        fix = fix_for(list(keys), fixes)
        for g in joined[1:]:
            joiner = fix_for([r.key for r in groups[g]], fixes)
            absorbed.append(Withdrawn(groups[g][0].key,
                                      (joiner or fix).updated if (joiner or fix) else event.updated))
        result[group_rows[0].id] = Entry(corrected(event, fix), fix, event.event, keys)
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
    title or description, an editor's correction or removal), its number of documents (created), the latest document `updated` (a document
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
