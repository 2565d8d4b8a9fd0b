"""What a feed chooses its entries by: the key, first publication and last change of every
entry a story publishes, read from small columns only (`Store.event_stamps`)."""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from timeline.store import corrections
from timeline.store.corrections import Correction, fix_for
from timeline.store.records import EventStamp
from timeline.store.schema import event_groups, events, stories

# A stored group's reports in the order they were stored; its first is the entry's head.
MEMBER_ORDER = (events.c.created, events.c.document_id, events.c.position)
# The entry a report belongs to: its group, or the report alone (group ids are positive).
_ENTRY = sa.func.coalesce(events.c.group_id, -events.c.id)


def event_stamps(conn: Connection, slug: str) -> list[EventStamp] | None:
    """Every published entry's stamp, in the order of the entries' first reports (corrections
    applied: hidden entries are not published, an editor's `same_as` makes two entries one).
    The database picks the head of each entry no correction names (`_heads`: one row per
    entry); an entry a correction names is read report by report (`_corrected`), since a
    correction may name any of its reports."""
    story_id = conn.scalar(sa.select(stories.c.id).where(stories.c.slug == slug))
    if story_id is None:
        return None
    fixes = corrections.load(conn, story_id)
    named = {key for fix in fixes.values() for key in (fix.key, fix.same_as) if key}
    touched = set(conn.scalars(sa.select(_ENTRY).distinct().where(
        events.c.story_id == story_id, events.c.key.in_(named)))) if named else set()
    stamps = _heads(conn, story_id, touched) + _corrected(conn, story_id, touched, fixes)
    return [stamp for _, stamp in sorted(stamps, key=lambda pair: pair[0])]


def _heads(conn: Connection, story_id: int, skip: set[int]) -> list[tuple[tuple, EventStamp]]:
    """(order, stamp) of the head report of each entry not in `skip`, with its group's
    `updated` (a report alone: its own)."""
    ranked = (sa.select(events.c.key, events.c.created, events.c.updated, events.c.group_id,
                        events.c.document_id, events.c.position, _ENTRY.label("entry"),
                        sa.func.row_number().over(partition_by=_ENTRY, order_by=MEMBER_ORDER)
                        .label("rank"))
              .where(events.c.story_id == story_id).subquery())
    query = (sa.select(ranked.c.key, ranked.c.created, ranked.c.document_id, ranked.c.position,
                       sa.func.coalesce(event_groups.c.updated, ranked.c.updated).label("updated"))
             .select_from(ranked.outerjoin(event_groups, event_groups.c.id == ranked.c.group_id))
             .where(ranked.c.rank == 1))
    if skip:
        query = query.where(ranked.c.entry.notin_(skip))
    return [((row.created, row.document_id, row.position),
             EventStamp(row.key, row.created, row.updated)) for row in conn.execute(query)]


def _corrected(conn: Connection, story_id: int, entries: set[int],
               fixes: dict[str, Correction]) -> list[tuple[tuple, EventStamp]]:
    """(order, stamp) of what `entries` publish, every report read: `same_as` joins entries,
    a correction of any report hides or dates the whole entry."""
    if not entries:
        return []
    updated = dict(conn.execute(sa.select(event_groups.c.id, event_groups.c.updated)
                                .where(event_groups.c.story_id == story_id,
                                       event_groups.c.id.in_([e for e in entries if e > 0]))).all())
    groups: dict[int, list] = {}
    for row in conn.execute(sa.select(events.c.key, events.c.created, events.c.updated,
                                      events.c.document_id, events.c.position, _ENTRY.label("entry"))
                            .where(events.c.story_id == story_id, _ENTRY.in_(entries))
                            .order_by(*MEMBER_ORDER)):
        groups.setdefault(row.entry, []).append(row)
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
        stamps.append(((head.created, head.document_id, head.position),
                       EventStamp(head.key, head.created, max(moments))))
    return stamps
