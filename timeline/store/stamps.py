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


def event_stamps(conn: Connection, slug: str) -> list[EventStamp] | None:
    """Every published entry's stamp, in the order of the entries' first reports (corrections
    applied: hidden entries are not published, an editor's `same_as` makes two entries one).
    Without corrections the database picks each group's head (`_heads`); with them every
    report's key is needed, since a correction may name any report (`_corrected`)."""
    story_id = conn.scalar(sa.select(stories.c.id).where(stories.c.slug == slug))
    if story_id is None:
        return None
    fixes = corrections.load(conn, story_id)
    return _corrected(conn, story_id, fixes) if fixes else _heads(conn, story_id)


def _heads(conn: Connection, story_id: int) -> list[EventStamp]:
    """One row per entry: the head report of each group (a report without a group is its own
    entry) with the group's `updated`. The same stamps `_corrected` gives with no corrections,
    without reading every report (a long story has twice as many reports as entries)."""
    entry = sa.func.coalesce(events.c.group_id, -events.c.id)
    ranked = (sa.select(events.c.key, events.c.created, events.c.updated, events.c.group_id,
                        events.c.document_id, events.c.position,
                        sa.func.row_number().over(partition_by=entry, order_by=MEMBER_ORDER)
                        .label("rank"))
              .where(events.c.story_id == story_id).subquery())
    query = (sa.select(ranked.c.key, ranked.c.created,
                       sa.func.coalesce(event_groups.c.updated, ranked.c.updated).label("updated"))
             .select_from(ranked.outerjoin(event_groups, event_groups.c.id == ranked.c.group_id))
             .where(ranked.c.rank == 1)
             .order_by(ranked.c.created, ranked.c.document_id, ranked.c.position))
    return [EventStamp(row.key, row.created, row.updated) for row in conn.execute(query)]


def _corrected(conn: Connection, story_id: int,
               fixes: dict[str, Correction]) -> list[EventStamp]:
    updated = dict(conn.execute(sa.select(event_groups.c.id, event_groups.c.updated)
                                .where(event_groups.c.story_id == story_id)).all())
    groups: dict[object, list] = {}
    for e in conn.execute(sa.select(events.c.id, events.c.group_id, events.c.key,
                                    events.c.created, events.c.updated)
                          .where(events.c.story_id == story_id).order_by(*MEMBER_ORDER)):
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
