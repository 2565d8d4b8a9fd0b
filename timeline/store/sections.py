"""Parts of a story read on their own: a long story's page shows a bounded part of it.

A story's published events (its stored groups) fall into sections: the year of their
earliest day, or OPEN (announced, the date still open), or UNDATED (no day to place them).
`section_of` is the rule on an event; the store applies the same rule in SQL to the stored
groups' small columns (`status`, `earliest`), so a page can ask for

    Selection(2021)                 every event of 2021
    Selection(DATED, newest=60)     the 60 dated events latest on the time axis
    Selection(OPEN, newest=15)      the 15 open events first published last

and the store reads those groups' rows and the documents they cite only (`load_story`),
and `section_counts` gives every section's size from one aggregate query — never the whole
story. Members of one group share status and day (`timeline.store.merging`), so a group
lies in one section.
"""
from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from timeline.store.schema import events

OPEN = "open"
UNDATED = "undated"
DATED = "dated"       # a selection only: all years


@dataclass(frozen=True)
class Selection:
    """Groups of one section (a year, OPEN, UNDATED, or DATED = every year); `newest`: only
    that many — the latest on the time axis for dates, the latest first published else.
    `take`: one page of the section instead, its groups in time order (earliest day, then
    first stored), `skip` groups left out before it (`page_of` reads it)."""

    section: int | str
    newest: int | None = None
    skip: int = 0
    take: int | None = None


@dataclass(frozen=True)
class Page:
    """The groups of a paged selection and the days the page covers: from its first group's
    day (None on the first page: from any day) up to the next page's first day, excluded
    (None on the last page). An event an editor dated is shown on the page whose days hold
    its new date, so it is on one page only, as every other event."""

    groups: frozenset[int]
    first_day: str | None
    next_day: str | None


@dataclass(frozen=True)
class StoryOutline:
    """A story's counts without its events: what a page header and its navigation show."""

    slug: str
    title: str
    created: object
    updated: object
    documents: int
    events: int
    sections: tuple[tuple[int | str, int], ...]   # (section, events), years ascending first

    def count(self, section: int | str) -> int:
        return dict(self.sections).get(section, 0)

    @property
    def years(self) -> list[int]:
        return [s for s, _ in self.sections if isinstance(s, int)]


def section_of(event) -> int | str:
    """The section of an event (a `timeline.model.Event`): OPEN, its earliest day's year,
    or UNDATED."""
    if event.status == OPEN:
        return OPEN
    earliest = event.earliest or ""
    if len(earliest) >= 5 and earliest[4] == "-" and earliest[:4].isdigit():
        return int(earliest[:4])
    return UNDATED


_YEAR = sa.func.substr(events.c.earliest, 1, 4)
_HAS_YEAR = sa.and_(sa.func.substr(events.c.earliest, 5, 1) == "-",
                    _YEAR >= "0000", _YEAR <= "9999")
_SECTION = sa.case((events.c.status == OPEN, OPEN), (_HAS_YEAR, _YEAR), else_=UNDATED)


def section_counts(conn: Connection, story_id: int) -> tuple[tuple[int | str, int], ...]:
    """(section, number of groups) of a story, years ascending, then UNDATED, then OPEN."""
    rows = conn.execute(sa.select(_SECTION.label("section"),
                                  sa.func.count(sa.distinct(events.c.group_id)))
                        .where(events.c.story_id == story_id).group_by(_SECTION)).all()
    counts: dict[int | str, int] = {}
    for section, count in rows:
        key = section if section in (OPEN, UNDATED) else int(section)
        counts[key] = counts.get(key, 0) + count
    order = sorted(k for k in counts if isinstance(k, int)) + [k for k in (UNDATED, OPEN)
                                                                if k in counts]
    return tuple((k, counts[k]) for k in order)


def _criterion(section: int | str):
    if section == OPEN:
        return events.c.status == OPEN
    if section == UNDATED:
        return sa.and_(events.c.status != OPEN,
                       sa.or_(events.c.earliest.is_(None), sa.not_(_HAS_YEAR)))
    if section == DATED:
        return sa.and_(events.c.status != OPEN, _HAS_YEAR)
    if isinstance(section, int) and 0 <= section <= 9999:
        # equality, not a range: a range on text would follow PostgreSQL's collation
        return sa.and_(events.c.status != OPEN, _HAS_YEAR, _YEAR == f"{section:04d}")
    return sa.false()


def selected_groups(conn: Connection, story_id: int, selection: Selection):
    """The group ids `selection` names: a list when it takes the newest few (read with
    bounded work where an index allows), else a subquery (a whole section)."""
    query = (sa.select(events.c.group_id)
             .where(events.c.story_id == story_id, events.c.group_id.is_not(None),
                    _criterion(selection.section)))
    if selection.take is not None:
        return page_of(conn, story_id, selection).groups
    if selection.newest is None:
        return query
    if selection.section == DATED:
        return _latest_dated(conn, story_id, selection.newest)
    newest = sa.func.max(events.c.created)
    return list(conn.scalars(query.group_by(events.c.group_id)
                             .order_by(newest.desc(), events.c.group_id.desc())
                             .limit(max(0, selection.newest))))


def _latest_dated(conn: Connection, story_id: int, count: int) -> list[int]:
    """The `count` groups latest on the time axis: rows walked from the latest `earliest`
    down (ix_events_story_earliest), in growing batches, until `count` groups are found —
    the rows of those groups and a few more, whatever the story's size."""
    found: dict[int, None] = {}
    batch = max(1, count) * 4
    while True:
        rows = conn.execute(
            sa.select(events.c.group_id)
            .where(events.c.story_id == story_id, events.c.group_id.is_not(None),
                   _criterion(DATED))
            .order_by(events.c.earliest.desc(), events.c.id.desc()).limit(batch)).all()
        for (group_id,) in rows:
            found.setdefault(group_id)
            if len(found) >= count:
                return list(found)
        if len(rows) < batch:
            return list(found)
        found.clear()
        batch *= 4


def page_of(conn: Connection, story_id: int, selection: Selection) -> Page:
    """The page `selection` names (see `Page`): its groups and days, from one query over the
    section's small columns that reads one group more than the page shows (the next page's
    first day). Members of a group share their day, so a group's day is its `earliest`."""
    day = sa.func.min(events.c.earliest)
    rows = conn.execute(
        sa.select(events.c.group_id, day)
        .where(events.c.story_id == story_id, events.c.group_id.is_not(None),
               _criterion(selection.section))
        .group_by(events.c.group_id).order_by(day, events.c.group_id)
        .offset(max(0, selection.skip)).limit(max(0, selection.take or 0) + 1)).all()
    shown, following = rows[:selection.take], rows[selection.take:]
    return Page(groups=frozenset(group for group, _ in shown),
                first_day=shown[0][1] if shown and selection.skip > 0 else None,
                next_day=following[0][1] if following else None)
