"""Editors' write transactions: correct an event, remove an article, rename a story.

Each runs in one transaction with the story's row locked (PostgreSQL: SELECT ... FOR UPDATE;
SQLite: BEGIN IMMEDIATE), so two editors changing one event are serialized: the last write
wins, and the change log (`timeline.store.changelog`) has both. Each moves the story's
`updated` forward, so `story_version` — and every cache and ETag keyed on it — changes.

Which correction an edit writes (`_target`): an event merged by an editor from several
(`same_as`) carries the correction of its first-stored report if it has one, else that of the
first report that has one (`corrections.fix_for`); edits go to that correction, or to the
event's own key when it has none. A key of any report of an event names that event.
"""
from __future__ import annotations

import dataclasses
from datetime import datetime, timezone

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from timeline.store import corrections
from timeline.store.changelog import log_change
from timeline.store.corrections import Correction, checked_changes, with_changes
from timeline.store.reading import Assembled, Entry, assemble_story
from timeline.store.records import (EditorialEvent, InvalidCorrection, UnknownDocument,
                                    UnknownEvent, UnknownStory)
from timeline.store.saving import _later, clean_title
from timeline.store.schema import documents, event_groups, events, stories, withdrawn_keys

_UTC = timezone.utc
_LOGGED = ("hidden", "headline", "when", "status", "pinned", "note")


def lock_story(conn: Connection, slug: str):
    row = conn.execute(sa.select(stories).where(stories.c.slug == slug)
                       .with_for_update()).one_or_none()
    if row is None:
        raise UnknownStory(f"no story {slug!r}")
    return row


def _touch(conn: Connection, story, now: datetime) -> None:
    conn.execute(stories.update().where(stories.c.id == story.id)
                 .values(updated=_later(now, story.updated)))


def entry_of(assembled: Assembled, key: str) -> Entry | None:
    """The entry that publishes `key`: its own, or one of its reports'."""
    for entry in assembled.entries:
        if entry.stored.key == key:
            return entry
    for entry in assembled.entries:
        if key in entry.members:
            return entry
    return None


def editorial(assembled: Assembled, entry: Entry) -> EditorialEvent:
    titles = {d.id: d.title for d in assembled.story.documents}
    return EditorialEvent(stored=entry.stored, hidden=entry.hidden, extracted=entry.extracted,
                          document_title=titles.get(entry.stored.document_id),
                          correction=entry.fix.fields() if entry.fix else {},
                          members=entry.members)


def editorial_events(conn: Connection, slug: str) -> list[EditorialEvent]:
    assembled = assemble_story(conn, slug)
    if assembled is None:
        raise UnknownStory(f"no story {slug!r}")
    return [editorial(assembled, entry) for entry in assembled.entries]


def _published(entry: Entry) -> dict:
    """What the log records of an event: the published values of the correctable fields."""
    event = entry.stored.event
    return {"hidden": entry.hidden, "headline": event.headline, "when": event.value,
            "status": event.status, "pinned": entry.stored.pinned, "note": entry.stored.note}


def correct_event(conn: Connection, slug: str, key: str, changes: dict,
                  editor: str) -> EditorialEvent:
    """Apply `changes` to the event `key` of story `slug`; the event as published now."""
    changes = checked_changes(changes)
    requested = set(changes)
    now = datetime.now(_UTC)
    story = lock_story(conn, slug)
    fixes = corrections.load(conn, story.id)
    before = assemble_story(conn, slug, fixes=fixes)
    entry = entry_of(before, key) if isinstance(key, str) else None
    if entry is None:
        raise UnknownEvent(f"no event {key!r} in story {slug!r} (it may have gone with a "
                           f"new version of its article)")
    new_fixes = dict(fixes)
    written: set[str] = set()
    if "same_as" in changes:
        _link(before, entry, changes.pop("same_as"), fixes, new_fixes, written, now)
    if changes:
        target = entry.fix.key if entry.fix is not None else entry.stored.key
        new_fixes[target] = with_changes(new_fixes.get(target), target, changes, now)
        written.add(target)
    if all(new_fixes.get(k) == fixes.get(k) for k in written):
        return editorial(before, entry)          # nothing to change
    after = entry_of(assemble_story(conn, slug, fixes=new_fixes), entry.stored.key)
    # the published entry moves forward by exactly one from the latest of the entries it
    # was published as (two, when it merges them), whatever merging did
    was = [e.stored for e in before.entries if e.stored.key in after.members] or [entry.stored]
    holder = after.fix or Correction(key=after.stored.key, updated=now)
    new_fixes[holder.key] = dataclasses.replace(
        holder, updated=_later(now, max(s.updated for s in was)),
        sequence_offset=holder.sequence_offset + max(s.sequence for s in was) + 1
        - after.stored.sequence)
    written.add(holder.key)
    for fix_key in sorted(written):
        corrections.store_correction(conn, story.id, new_fixes[fix_key], fix_key in fixes)
    final_story = assemble_story(conn, slug, fixes=new_fixes)
    final = entry_of(final_story, entry.stored.key)
    old, new = _published(entry), _published(final)
    # same_as in the log: the other reports the event is published with
    old["same_as"] = sorted(k for k in entry.members if k != key) or None
    new["same_as"] = sorted(k for k in final.members if k != key) or None
    fields = [f for f in (*_LOGGED, "same_as") if old[f] != new[f] or f in requested]
    log_change(conn, story.id, now, editor, "correct", key,
               {f: old.get(f) for f in fields}, {f: new.get(f) for f in fields})
    _touch(conn, story, now)
    return editorial(final_story, final)


def _link(before: Assembled, entry: Entry, other: str | None, fixes: dict,
          new_fixes: dict, written: set, now: datetime) -> None:
    """`same_as`: join `entry` with the event `other` names, or (None) split it again."""
    if other is None:
        for member in entry.members:
            fix = new_fixes.get(member)
            if fix is not None and fix.same_as:
                new_fixes[member] = dataclasses.replace(fix, same_as=None)
                written.add(member)
        return
    partner = entry_of(before, other)
    if partner is None:
        raise InvalidCorrection(f"same_as: no event {other!r} in this story")
    if partner is entry:
        raise InvalidCorrection(f"same_as: {other!r} is this event already")
    # a report of `entry` that links to nothing yet carries the link (one per joined group)
    holder = next((k for k in entry.members
                   if not (fixes.get(k) and fixes[k].same_as)), entry.stored.key)
    new_fixes[holder] = with_changes(new_fixes.get(holder), holder,
                                     {"same_as": partner.stored.key}, now)
    written.add(holder)


def remove_document(conn: Connection, slug: str, document_id: int, editor: str) -> None:
    """The article and its events leave the story (every output); the log keeps the
    article, so it can be ingested again, and the entries it alone published get tombstones."""
    now = datetime.now(_UTC)
    story = lock_story(conn, slug)
    doc = None
    if isinstance(document_id, int) and not isinstance(document_id, bool):
        doc = conn.execute(sa.select(documents).where(documents.c.story_id == story.id,
                                                      documents.c.id == document_id)
                           ).one_or_none()
    if doc is None:
        raise UnknownDocument(f"no document {document_id!r} in story {slug!r}")
    before = assemble_story(conn, slug)
    rows = conn.execute(sa.select(events.c.key, events.c.group_id)
                        .where(events.c.document_id == doc.id)).all()
    group_ids = sorted({r.group_id for r in rows if r.group_id is not None})
    conn.execute(events.delete().where(events.c.document_id == doc.id))
    conn.execute(documents.delete().where(documents.c.id == doc.id))
    for group in conn.execute(sa.select(event_groups).where(event_groups.c.id.in_(group_ids))).all():
        left = conn.scalar(sa.select(sa.func.count()).select_from(events)
                           .where(events.c.group_id == group.id))
        if not left:
            conn.execute(event_groups.delete().where(event_groups.c.id == group.id))
        else:   # the entry lost a source: a real change, forward only
            conn.execute(event_groups.update().where(event_groups.c.id == group.id).values(
                updated=_later(now, group.updated), sequence=group.sequence + 1))
    after = assemble_story(conn, slug)
    still = {entry.stored.key for entry in after.entries}
    gone = sorted({entry.stored.key for entry in before.entries} - still)
    if gone:
        conn.execute(withdrawn_keys.insert(), [{"story_id": story.id, "key": key, "at": now}
                                               for key in gone])
    log_change(conn, story.id, now, editor, "remove-document", str(doc.id), {
        "title": doc.title, "url": doc.url, "published": doc.published, "lang": doc.lang,
        "text": doc.text, "events": sorted(r.key for r in rows)}, None)
    corrections.note_orphans(conn, story.id, now)
    _touch(conn, story, now)


def update_story(conn: Connection, slug: str, editor: str, title, description) -> None:
    """A new title and/or description (None: unchanged; an empty description clears it)."""
    now = datetime.now(_UTC)
    story = lock_story(conn, slug)
    values = {}
    if title is not None:
        title = _clean(title, "title")
        if not title:
            raise InvalidCorrection("the title cannot be empty")
        if len(title) > 500:
            raise InvalidCorrection("the title is longer than 500 characters")
        if title != story.title:
            values["title"] = title
    if description is not None:
        description = _clean(description, "description", keep_lines=True)
        if description and len(description) > 5000:
            raise InvalidCorrection("the description is longer than 5000 characters")
        if description != story.description:
            values["description"] = description
    if not values:
        return
    log_change(conn, story.id, now, editor, "update-story", slug,
               {name: getattr(story, name) for name in values}, values)
    conn.execute(stories.update().where(stories.c.id == story.id)
                 .values(updated=_later(now, story.updated), **values))


def _clean(value, what: str, keep_lines: bool = False) -> str | None:
    if not isinstance(value, str):
        raise InvalidCorrection(f"{what} must be a string")
    if "\x00" in value:
        raise InvalidCorrection(f"{what} contains a NUL character")
    if keep_lines:
        return "\n".join(" ".join(line.split()) for line in value.strip().splitlines()) or None
    return clean_title(value, what)
