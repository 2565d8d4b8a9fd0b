"""Rows to the model: a story in one read, and the cheap version token caches key on."""
from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from timeline.dates.vocabulary import granularity_rank
from timeline.model import Document, Event, Story, StoredEvent, Timex, Withdrawn
from timeline.store import corrections
from timeline.store.corrections import Correction, corrected, fix_for, moves_date
from timeline.store.merging import merged_event
from timeline.store.records import valid_slug
from timeline.store.schema import documents, event_groups, events, stories, withdrawn_keys
from timeline.store.stamps import MEMBER_ORDER
from timeline.store.sections import (DATED, OPEN, UNDATED, Page, Selection, StoryOutline,
                                     page_of, section_counts, section_of, selected_groups)
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
               keys: set[str] | None = None,
               selections: tuple[Selection, ...] | None = None,
               source_limit: int | None = None) -> Story | None:
    """The story; with `keys` (merged entries' keys, see `event_stamps`) only those entries
    and the documents they cite: a bounded read for a feed's newest entries. With
    `selections` (`timeline.store.sections`) only the groups they select, and the documents
    they cite: a bounded part of a long story's page; `source_limit`: of the documents an
    event cites only its first that many (`StoredEvent.sources` stays complete)."""
    assembled = assemble_story(conn, slug, merge, keys, selections=selections,
                               source_limit=source_limit)
    return None if assembled is None else assembled.story


def assemble_story(conn: Connection, slug: str, merge: bool = True,
                   keys: set[str] | None = None,
                   fixes: dict[str, Correction] | None = None,
                   selections: tuple[Selection, ...] | None = None,
                   source_limit: int | None = None) -> Assembled | None:
    """The story and all its entries (see `Assembled`). Editors' corrections are applied
    here, the one place (`timeline.store.corrections`); `fixes` replaces the stored ones (a
    correction being written is tried on the story before it is stored).

    Sections are chosen by the stored columns, which hold the extracted dates: with
    `selections`, the few events an editor dated or gave a status are read as well, and
    each entry is kept only where its corrected date puts it."""
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
    pages: dict[Selection, Page] = {}
    if selections is not None:
        event_query = _selected_rows(conn, row.id, selections, fixes, pages)
    partial = keys is not None or selections is not None
    if partial:     # a part needs its sources' titles and links, not their texts
        document_query = sa.select(*(c for c in documents.c if c.name != "text")).where(
            documents.c.story_id == row.id)
    rows = conn.execute(event_query.order_by(*MEMBER_ORDER)).all()
    if partial:     # by primary key: this story's rows cite only its documents
        document_query = sa.select(*document_query.selected_columns).where(
            documents.c.id.in_(sorted(_cited(rows, source_limit))))
    docs = [document_record(d, slug) for d in conn.execute(
        document_query.order_by(documents.c.published, documents.c.id))]
    absorbed: list[Withdrawn] = []
    if merge:
        stamps = {g.id: (g.updated, g.sequence) for g in conn.execute(
            sa.select(event_groups.c.id, event_groups.c.updated, event_groups.c.sequence)
            .where(event_groups.c.story_id == row.id,
                   event_groups.c.id.in_(sorted({e.group_id for e in rows if e.group_id}))
                   if partial else sa.true()))}
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
        if selections is not None and not _in_sections(entry, e.group_id, selections, pages):
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


def _selected_rows(conn: Connection, story_id: int, selections: tuple[Selection, ...],
                   fixes: dict[str, Correction], pages: dict[Selection, Page]):
    """The query for the rows of the groups `selections` choose, and of the groups of events
    an editor dated or gave a status (they may belong to a section their stored columns do
    not say); the pages of paged selections go into `pages`."""
    chosen: set[int] = set()
    whole = []
    for selection in selections:
        if selection.take is not None:
            pages[selection] = page_of(conn, story_id, selection)
            chosen.update(pages[selection].groups)
            continue
        groups = selected_groups(conn, story_id, selection)
        if isinstance(groups, list):
            chosen.update(groups)
        else:
            whole.append(events.c.group_id.in_(groups))
    redated = sorted(f.key for f in fixes.values() if f.when is not None or f.status is not None)
    if redated:
        whole.append(events.c.group_id.in_(sa.select(events.c.group_id).where(
            events.c.story_id == story_id, events.c.key.in_(redated))))
    if whole:
        return sa.select(events).where(events.c.story_id == story_id,
                                       sa.or_(events.c.group_id.in_(sorted(chosen)), *whole))
    # group ids (of this story) alone: ix_events_group finds their rows, no scan
    return sa.select(events).where(events.c.group_id.in_(sorted(chosen)))


def _in_sections(entry: Entry, group_id: int | None, selections: tuple[Selection, ...],
                 pages: dict[Selection, Page]) -> bool:
    """Does a selection take the entry: its section (after corrections), and on a page its
    group, or for an entry an editor moved, the page's days (`sections.Page`)?"""
    event = entry.stored.event
    section = section_of(event)
    for selection in selections:
        if selection.section != section and not (selection.section == DATED
                                                 and isinstance(section, int)):
            continue
        page = pages.get(selection)
        if page is None:
            return True
        if not moves_date(entry.fix):
            if group_id in page.groups:
                return True
            continue
        day = event.earliest or ""
        if (page.first_day is None or day >= page.first_day) \
                and (page.next_day is None or day < page.next_day):
            return True
    return False


def story_outline(conn: Connection, slug: str) -> StoryOutline | None:
    """The story's title, times and counts, and its sections' sizes: counts only (and the
    rows of the few events editors hid, dated or gave a status, which count where their
    correction puts them)."""
    row = conn.execute(sa.select(stories).where(stories.c.slug == slug)).one_or_none()
    if row is None:
        return None
    document_count = conn.scalar(sa.select(sa.func.count()).select_from(documents)
                                 .where(documents.c.story_id == row.id))
    counts = dict(section_counts(conn, row.id))
    fixes = {k: f for k, f in corrections.load(conn, row.id).items()
             if f.hidden or f.when is not None or f.status is not None}
    if fixes:
        seen: set[object] = set()
        for e in conn.execute(sa.select(events).where(events.c.story_id == row.id,
                                                      events.c.key.in_(sorted(fixes)),
                                                      events.c.group_id.is_not(None))):
            if e.group_id in seen:      # only groups are counted, each once
                continue
            seen.add(e.group_id)
            stored = stored_event(e)
            counts[section_of(stored.event)] = counts.get(section_of(stored.event), 0) - 1
            fix = fixes[e.key]
            if not fix.hidden:
                moved = section_of(corrected(stored, fix).event)
                counts[moved] = counts.get(moved, 0) + 1
    sections = tuple((s, counts[s]) for s in _section_order(counts) if counts[s] > 0)
    return StoryOutline(slug=row.slug, title=row.title, created=row.created,
                        updated=row.updated, documents=document_count,
                        events=sum(n for _, n in sections), sections=sections)


def _section_order(counts: dict) -> list:
    return sorted(k for k in counts if isinstance(k, int)) + [
        k for k in (UNDATED, OPEN) if k in counts]


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
        event = _merged_group(group_rows)
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
    return version_token(conn.execute(STORY_VERSION, {"slug": slug}).one_or_none())


def version_token(row) -> str | None:
    """The token of a row of STORY_VERSION (read by SQLAlchemy or by `quick.QuickRead`: the
    time is read as text, so both give the same token)."""
    return None if row is None else ":".join(str(value) for value in row)


STORY_VERSION = sa.select(  # built once: it runs on every feed request
    stories.c.id, sa.cast(stories.c.updated, sa.String),
).where(stories.c.slug == sa.bindparam("slug"))
