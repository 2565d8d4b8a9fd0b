"""Reports of the same event, grouped when a document is saved and kept in `event_groups`.

The decision is `timeline.store.merging`'s (pure); this module only loads what it needs and
writes the outcome, inside the saving transaction:

- Only the groups that can take one of the document's events are loaded: those whose place
  (`merging.bucket` of the member that started them: the day, or the exact undated status)
  is one of its events' places, plus the groups its events are in. The work per saved
  document depends on the events of those places, not on the story's size.
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
from timeline.store.merging import Group, bucket, fits, group_events, join_groups
from timeline.store.reading import stored_event
from timeline.store.schema import documents, event_groups, events, stories

_TICK = timedelta(microseconds=1)
_MEMBER_ORDER = (events.c.created, events.c.document_id, events.c.position)


@dataclass
class _Loaded:
    groups: dict[int, Group] = field(default_factory=dict)
    rows: dict[int, tuple[int, StoredEvent]] = field(default_factory=dict)  # row id -> (group, event)
    stamps: dict[int, tuple[datetime, int]] = field(default_factory=dict)   # group -> (updated, sequence)


def _load_groups(conn: Connection, story_id: int, places: set[str], ids: set[int]) -> _Loaded:
    loaded = _Loaded()
    condition = event_groups.c.place.in_(sorted(places)) if places else sa.false()
    if ids:
        condition = sa.or_(condition, event_groups.c.id.in_(sorted(ids)))
    for row in conn.execute(sa.select(event_groups).where(
            event_groups.c.story_id == story_id, condition).order_by(event_groups.c.id)):
        loaded.groups[row.id] = Group([], row.lang, id=row.id, place=row.place)
        loaded.stamps[row.id] = (row.updated, row.sequence)
    if loaded.groups:
        for row in conn.execute(sa.select(events).where(
                events.c.story_id == story_id, events.c.group_id.in_(sorted(loaded.groups)))
                .order_by(*_MEMBER_ORDER)):
            stored = stored_event(row)
            loaded.groups[row.group_id].members.append(stored)
            loaded.rows[row.id] = (row.group_id, stored)
    return loaded


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
    places = {bucket(stored.event) for _, _, stored in own}
    loaded = _load_groups(conn, story_id, places, {g for _, g, _ in own if g is not None})
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

    candidates = list(loaded.groups.values())
    joined = join_groups(candidates, [stored for _, stored in undecided], lang)
    for i, (row_id, stored) in enumerate(undecided):
        group = joined.get(i)
        if group is None:
            group_id = conn.execute(event_groups.insert().values(
                story_id=story_id, place=bucket(stored.event), lang=lang,
                updated=stored.updated, sequence=stored.sequence)).inserted_primary_key[0]
        else:
            group_id = group.id
            group.members.append(stored)
            bumped.add(group_id)
        conn.execute(events.update().where(events.c.id == row_id).values(group_id=group_id))

    for group_id in sorted(bumped):
        if not loaded.groups[group_id].members:
            conn.execute(event_groups.delete().where(event_groups.c.id == group_id))
            continue
        updated, sequence = loaded.stamps[group_id]
        conn.execute(event_groups.update().where(event_groups.c.id == group_id).values(
            updated=now if now > updated else updated + _TICK, sequence=sequence + 1))


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
        for members in groups:
            group_id = conn.execute(event_groups.insert().values(
                story_id=story_id, place=bucket(members[0].event),
                lang=langs[members[0].document_id],
                updated=max(m.updated for m in members),
                sequence=sum(m.sequence for m in members) + len(members) - 1,
            )).inserted_primary_key[0]
            conn.execute(events.update().where(events.c.id.in_(
                [row_ids[(m.document_id, m.key)] for m in members])).values(group_id=group_id))
