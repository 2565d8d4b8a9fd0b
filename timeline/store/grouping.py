"""Reports of the same event, grouped when a document is saved and kept in `event_groups`.

The decision is `timeline.store.merging`'s (pure); this module only loads what it needs and
writes the outcome, inside the saving transaction:

- Only the groups that can take one of the document's events are loaded: those in the
  event's place (`merging.bucket` of the member that started them: the day, or the undated
  status) with a member sharing enough word stems with it (`event_stems`, one index lookup
  per event: `merging.stems`, `merging.shared_needed`), plus the groups its events are in.
  The work per saved document depends on the reports of the same happening, not on the
  story's size.
- A new document's events join groups (`merging.join_groups`) or start their own.
- An updated document's events stay in their group while they still fit it (`merging.fits`);
  those that no longer fit, and new ones, are decided again as a new document's would be.
- A group's `updated`/`sequence` are what its merged entry publishes. They move forward
  (later `updated`, sequence + 1) once per save in which the group gains or loses a member
  or a member changes really; they never go back, also not when a source leaves. A group
  left without members is deleted.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from timeline.model import StoredEvent
from timeline.store.merging import (Group, bucket, content_words, fits, group_events,
                                    join_groups, shared_needed, stems)
from timeline.store.reading import stored_event
from timeline.store.schema import documents, event_groups, event_stems, events, stories

_TICK = timedelta(microseconds=1)
_MEMBER_ORDER = (events.c.created, events.c.document_id, events.c.position)


@dataclass
class _Loaded:
    groups: dict[int, Group] = field(default_factory=dict)
    stamps: dict[int, tuple[datetime, int]] = field(default_factory=dict)   # group -> (updated, sequence)


def _load_groups(conn: Connection, story_id: int, ids: set[int], into: _Loaded) -> None:
    """Groups `ids` (those not loaded yet) with their members, first-stored first."""
    ids = set(ids) - set(into.groups)
    if not ids:
        return
    for row in conn.execute(sa.select(event_groups).where(
            event_groups.c.story_id == story_id, event_groups.c.id.in_(sorted(ids)))):
        into.groups[row.id] = Group([], row.lang, id=row.id, place=row.place)
        into.stamps[row.id] = (row.updated, row.sequence)
    for row in conn.execute(sa.select(events).where(
            events.c.story_id == story_id, events.c.group_id.in_(sorted(ids)))
            .order_by(*_MEMBER_ORDER)):
        into.groups[row.group_id].members.append(stored_event(row))


def _worth_comparing(conn: Connection, story_id: int, document_id: int, stored: StoredEvent,
                     lang: str) -> set[int]:
    """Groups in the event's place with members of other documents sharing enough word stems
    with it to be convincing at all (`merging.stems`, `merging.shared_needed`)."""
    found = stems(content_words(stored.event, lang))
    if not found:
        return set()
    return set(conn.scalars(_WORTH_COMPARING, {
        "story": story_id, "stems": sorted(found), "document": document_id,
        "place": bucket(stored.event), "needed": shared_needed(stored.event)}))


_WORTH_COMPARING = (  # built once: it runs for every new event
    sa.select(events.c.group_id)
    .select_from(event_stems.join(events, events.c.id == event_stems.c.event_id)
                 .join(event_groups, event_groups.c.id == events.c.group_id))
    .where(event_stems.c.story_id == sa.bindparam("story"),
           event_stems.c.stem.in_(sa.bindparam("stems", expanding=True)),
           events.c.document_id != sa.bindparam("document"),
           event_groups.c.place == sa.bindparam("place"))
    .group_by(events.c.group_id)
    .having(sa.func.count(sa.distinct(event_stems.c.stem)) >= sa.bindparam("needed")))


def decide_document(conn: Connection, story_id: int, document_id: int, lang: str,
                    now: datetime, *, changed: set[int] = frozenset(),
                    left: set[int] = frozenset()) -> None:
    """Group the document's stored events (rules in the module docstring).

    `changed`: ids of its event rows that changed really in this save; `left`: groups that
    lost one of its events (rows deleted in this save).
    """
    own = [(row.id, row.group_id, stored_event(row)) for row in conn.execute(
        sa.select(events).where(events.c.document_id == document_id)
        .order_by(events.c.position))]
    loaded = _Loaded()
    _load_groups(conn, story_id, {g for _, g, _ in own if g is not None} | set(left), loaded)
    for group in loaded.groups.values():        # this document's reports are decided anew
        group.members = [m for m in group.members if m.document_id != document_id]

    bumped: set[int] = set(g for g in left if g in loaded.groups)
    undecided: list[tuple[int, StoredEvent]] = []
    for row_id, group_id, stored in own:
        group = loaded.groups.get(group_id) if group_id is not None else None
        if group is not None and group.lang == lang and fits(group, stored):
            group.members.append(stored)
            if row_id in changed:
                bumped.add(group_id)
        else:
            if group is not None:
                bumped.add(group_id)
            undecided.append((row_id, stored))

    worth: set[int] = set()
    for _, stored in undecided:
        worth |= _worth_comparing(conn, story_id, document_id, stored, lang)
    _load_groups(conn, story_id, worth, loaded)
    candidates = [loaded.groups[g] for g in sorted(worth | set(loaded.groups))]
    joined = join_groups(candidates, [stored for _, stored in undecided], lang)
    assigned = []
    for i, (row_id, stored) in enumerate(undecided):
        group = joined.get(i)
        if group is not None:
            group.members.append(stored)
            bumped.add(group.id)
            assigned.append({"row": row_id, "group": group.id})
    alone = [(row_id, stored) for i, (row_id, stored) in enumerate(undecided) if i not in joined]
    if alone:       # new groups, in one statement
        new_ids = conn.scalars(
            event_groups.insert().returning(event_groups.c.id, sort_by_parameter_order=True),
            [dict(story_id=story_id, place=bucket(stored.event), lang=lang,
                  updated=stored.updated, sequence=stored.sequence) for _, stored in alone]).all()
        assigned += [{"row": row_id, "group": group_id}
                     for (row_id, _), group_id in zip(alone, new_ids)]
    if assigned:
        conn.execute(_SET_GROUP, assigned)

    for group_id in sorted(bumped):
        if not loaded.groups[group_id].members:
            conn.execute(event_groups.delete().where(event_groups.c.id == group_id))
            continue
        updated, sequence = loaded.stamps[group_id]
        members = loaded.groups[group_id].members
        place = {"place": bucket(members[0].event)} if len(members) == 1 else {}  # it moved
        conn.execute(event_groups.update().where(event_groups.c.id == group_id).values(
            updated=now if now > updated else updated + _TICK, sequence=sequence + 1, **place))
    _index_stems(conn, story_id, [(row_id, stored) for row_id, _, stored in own], lang)


_SET_GROUP = (events.update().where(events.c.id == sa.bindparam("row"))
              .values(group_id=sa.bindparam("group")))


def _index_stems(conn: Connection, story_id: int, rows: list[tuple[int, StoredEvent]],
                 lang: str) -> None:
    """The stems of these event rows, written anew."""
    if not rows:
        return
    conn.execute(event_stems.delete().where(event_stems.c.event_id.in_([r for r, _ in rows])))
    values = [{"event_id": row_id, "story_id": story_id, "stem": stem}
              for row_id, stored in rows
              for stem in sorted(stems(content_words(stored.event, lang)))]
    if values:
        conn.execute(event_stems.insert(), values)


def group_existing(conn: Connection) -> None:
    """Groups for every story stored before groups were (schema version 2), decided as
    reads decided them then, so that every published entry stays what it was."""
    for (story_id,) in conn.execute(sa.select(stories.c.id).order_by(stories.c.id)).all():
        langs = dict(conn.execute(sa.select(documents.c.id, documents.c.lang)
                                  .where(documents.c.story_id == story_id)).all())
        per_document: dict[int, list[StoredEvent]] = {}
        row_ids: dict[tuple[int, str], int] = {}
        for row in conn.execute(sa.select(events).where(events.c.story_id == story_id)
                                .order_by(events.c.document_id, events.c.position)):
            per_document.setdefault(row.document_id, []).append(stored_event(row))
            row_ids[(row.document_id, row.key)] = row.id
        groups = group_events([(langs[d], evs) for d, evs in per_document.items()])
        for document_id, stored_events in per_document.items():
            _index_stems(conn, story_id, [(row_ids[(document_id, s.key)], s)
                                          for s in stored_events], langs[document_id])
        for members in groups:
            group_id = conn.execute(event_groups.insert().values(
                story_id=story_id, place=bucket(members[0].event),
                lang=langs[members[0].document_id],
                updated=max(m.updated for m in members),
                sequence=sum(m.sequence for m in members) + len(members) - 1,
            )).inserted_primary_key[0]
            conn.execute(events.update().where(events.c.id.in_(
                [row_ids[(m.document_id, m.key)] for m in members])).values(group_id=group_id))
