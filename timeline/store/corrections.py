"""Editors' corrections of events, kept apart from what extraction stored (schema version 3).

A correction belongs to a story and an event key (`StoredEvent.key`, stable across versions
of an article: `timeline.store.versions`), so re-ingesting an article keeps it for every
event that still exists. Fields (None or false: as extracted):

    hidden    the event leaves every output; readers' feeds get a tombstone (Story.withdrawn)
    headline  the headline shown instead of the extracted one
    when      a date: a TimeML value or ISO date/month/year ("2022-01-25", "2021-11", "2021",
              "2022-W04", "2022-01-25T18:30"); earliest/latest/granularity follow from it
              (`timeline.dates.intervals`), the anchor becomes "editor"
    status    dated / open / ongoing
    pinned    a key event
    note      the editor's word to readers
    same_as   another event's key: the two are reports of one event, published once (the
              first-stored report's key, both sources); None splits them again

Corrections are applied when a story is read, at one place (`timeline.store.reading`):
`combine` joins the groups that `same_as` names, `fix_for` picks the correction of a
published event, `corrected` applies it. Every correction moves the published entry forward:
`updated` is the correction's time (never before what was published) and `sequence` rises by
one (`sequence_offset` is chosen when the correction is written so that it does, whatever the
merge did), so calendars and feed readers see a change and the entry keeps its id and UID.

A correction whose key no stored event has any more (the article changed or was removed) is
"orphaned": kept, marked, and noted in the change log (`note_orphans`); it applies again as
soon as an event with its key is stored again.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from timeline.dates.intervals import interval, match_value
from timeline.model import StoredEvent
from timeline.store.changelog import log_change
from timeline.store.records import InvalidCorrection
from timeline.store.schema import corrections, events

FIELDS = ("hidden", "headline", "when", "status", "pinned", "note", "same_as")
STATUSES = ("dated", "open", "ongoing")
EDITOR_ANCHOR = "editor"        # Event.anchor of an event an editor dated
MAX_HEADLINE = 500
MAX_NOTE = 2000


@dataclass(frozen=True)
class Correction:
    key: str
    updated: datetime
    hidden: bool = False
    hidden_at: datetime | None = None
    headline: str | None = None
    when: str | None = None
    status: str | None = None
    pinned: bool = False
    note: str | None = None
    same_as: str | None = None
    orphaned: bool = False
    sequence_offset: int = 0

    def fields(self) -> dict:
        """The corrected fields (what differs from "as extracted")."""
        values = {name: getattr(self, name) for name in FIELDS}
        return {name: value for name, value in values.items() if value not in (None, False)}


# --- checking what an editor sends ---------------------------------------------------------

def checked_changes(changes: object) -> dict:
    """`changes` with every value checked and cleaned; InvalidCorrection says what is wrong."""
    if not isinstance(changes, dict) or not changes:
        raise InvalidCorrection("give at least one of: " + ", ".join(FIELDS))
    unknown = sorted(str(name) for name in changes if name not in FIELDS)
    if unknown:
        raise InvalidCorrection(f"unknown field {unknown[0]!r}; the fields are: "
                                + ", ".join(FIELDS))
    clean = {}
    for name, value in changes.items():
        clean[name] = _CHECKS[name](value)
    return clean


def _flag(name):
    def check(value):
        if not isinstance(value, bool):
            raise InvalidCorrection(f"{name} must be true or false")
        return value
    return check


def _text(name, limit):
    def check(value):
        if value is None:
            return None
        if not isinstance(value, str):
            raise InvalidCorrection(f"{name} must be a string or null")
        if "\x00" in value:
            raise InvalidCorrection(f"{name} contains a NUL character")
        value = " ".join(value.split())
        if len(value) > limit:
            raise InvalidCorrection(f"{name} is longer than {limit} characters")
        return value or None
    return check


def checked_when(value) -> str | None:
    """A date an editor gives: a TimeML value naming a real span of the calendar, else
    InvalidCorrection ("2022-02-30", "2022-13", "soon" are refused)."""
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise InvalidCorrection("when must be a date like 2022-01-25, 2021-11 or 2021, or null")
    value = value.strip()
    span = interval(value) if match_value(value) else None
    if span is None or span.earliest is None or span.latest is None:
        raise InvalidCorrection(f"when: {value!r} is not a possible date (use a date like "
                                f"2022-01-25, 2021-11 or 2021, or a TimeML value)")
    return value


def _status(value):
    if value is None:
        return None
    if value not in STATUSES:
        raise InvalidCorrection("status must be one of " + ", ".join(STATUSES) + ", or null")
    return value


def _same_as(value):
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise InvalidCorrection("same_as must be another event's key, or null")
    return value.strip()


_CHECKS = {"hidden": _flag("hidden"), "pinned": _flag("pinned"),
           "headline": _text("headline", MAX_HEADLINE), "note": _text("note", MAX_NOTE),
           "when": checked_when, "status": _status, "same_as": _same_as}


def with_changes(fix: Correction | None, key: str, changes: dict, now: datetime) -> Correction:
    """The correction of `key` after `changes` (checked) were made to `fix` (None: none yet)."""
    fix = fix or Correction(key=key, updated=now)
    values = dict(changes)
    if values.get("hidden") and not fix.hidden:
        values["hidden_at"] = now
    elif values.get("hidden") is False:
        values["hidden_at"] = None
    return dataclasses.replace(fix, **values)


# --- applying them ---------------------------------------------------------------------------

def corrected(stored: StoredEvent, fix: Correction | None) -> StoredEvent:
    """The published event with `fix` applied (headline, date, status, pin, note, stamps)."""
    if fix is None:
        return stored
    event = stored.event
    changes: dict = {}
    if fix.headline:
        changes["headline"] = fix.headline
    if fix.when:
        span = interval(fix.when)
        changes.update(value=fix.when, earliest=span.earliest, latest=span.latest,
                       granularity=span.granularity, anchor=EDITOR_ANCHOR)
        if event.status not in ("dated", "ongoing"):
            changes["status"] = "dated"
    if fix.status and (fix.status != "dated" or changes.get("earliest") or event.earliest):
        changes["status"] = fix.status
    if changes:
        event = dataclasses.replace(event, **changes)
    return dataclasses.replace(
        stored, event=event, pinned=fix.pinned, note=fix.note,
        updated=max(stored.updated, fix.updated),
        sequence=max(0, stored.sequence + fix.sequence_offset))


def moves_date(fix: Correction | None) -> bool:
    """Does the correction move the event on the time axis (so it leaves its document's
    extracted order, `timeline.store.reading`)?"""
    return fix is not None and bool(fix.when or fix.status)


def fix_for(keys: list[str], fixes: dict[str, Correction]) -> Correction | None:
    """The correction of a published event whose reports have `keys` (first-stored first):
    that of its own key, else the first report's that has one."""
    for key in keys:
        if key in fixes:
            return fixes[key]
    return None


def combine(groups: list[list], fixes: dict[str, Correction]) -> list[list[int]]:
    """Which of the `groups` (lists of rows with `.key`, in member order) `same_as` joins:
    lists of group indexes, each list one published event (in the order of `groups`)."""
    where = {row.key: g for g, rows in enumerate(groups) for row in rows}
    parent = list(range(len(groups)))

    def root(g: int) -> int:
        while parent[g] != g:
            parent[g] = parent[parent[g]]
            g = parent[g]
        return g

    for fix in fixes.values():
        if fix.same_as and fix.key in where and fix.same_as in where:
            a, b = root(where[fix.key]), root(where[fix.same_as])
            if a != b:
                parent[max(a, b)] = min(a, b)
    joined: dict[int, list[int]] = {}
    for g in range(len(groups)):
        joined.setdefault(root(g), []).append(g)
    return list(joined.values())


def related_keys(keys: set[str], fixes: dict[str, Correction]) -> set[str]:
    """`keys` and every key `same_as` joins with them (a bounded read must load both)."""
    found = set(keys)
    grew = True
    while grew:
        grew = False
        for fix in fixes.values():
            if fix.same_as and (fix.key in found) != (fix.same_as in found):
                found |= {fix.key, fix.same_as}
                grew = True
    return found


# --- rows ------------------------------------------------------------------------------------

def load(conn: Connection, story_id: int) -> dict[str, Correction]:
    """The story's corrections by key."""
    return {row.key: _from_row(row) for row in conn.execute(
        sa.select(corrections).where(corrections.c.story_id == story_id))}


def _from_row(row) -> Correction:
    return Correction(key=row.key, updated=row.updated, hidden=row.hidden,
                      hidden_at=row.hidden_at, headline=row.headline, when=row.when_value,
                      status=row.status, pinned=row.pinned, note=row.note, same_as=row.same_as,
                      orphaned=row.orphaned, sequence_offset=row.sequence_offset)


def store_correction(conn: Connection, story_id: int, fix: Correction, exists: bool) -> None:
    values = dict(hidden=fix.hidden, hidden_at=fix.hidden_at, headline=fix.headline,
                  when_value=fix.when, status=fix.status, pinned=fix.pinned, note=fix.note,
                  same_as=fix.same_as, orphaned=fix.orphaned, updated=fix.updated,
                  sequence_offset=fix.sequence_offset)
    if exists:
        conn.execute(corrections.update().where(corrections.c.story_id == story_id,
                                                corrections.c.key == fix.key).values(**values))
    else:
        conn.execute(corrections.insert().values(story_id=story_id, key=fix.key, **values))


def note_orphans(conn: Connection, story_id: int, now: datetime) -> None:
    """Mark the story's corrections whose event is gone as orphaned, and those whose event
    is back as attached again, each noted in the change log. One query when nothing changed
    (corrections are few: made by people)."""
    present = (sa.select(events.c.id).where(events.c.story_id == corrections.c.story_id,
                                            events.c.key == corrections.c.key).exists())
    for row in conn.execute(sa.select(corrections.c.key, corrections.c.orphaned,
                                      present.label("present"))
                            .where(corrections.c.story_id == story_id)).all():
        if bool(row.present) != bool(row.orphaned):
            continue        # orphaned and absent, or attached and present: nothing new
        orphaned = not row.present
        conn.execute(corrections.update().where(corrections.c.story_id == story_id,
                                                corrections.c.key == row.key)
                     .values(orphaned=orphaned))
        fix = load_one(conn, story_id, row.key)
        log_change(conn, story_id, now, None, "orphaned" if orphaned else "reattached",
                   row.key, None, {"correction": fix.fields()})


def load_one(conn: Connection, story_id: int, key: str) -> Correction | None:
    row = conn.execute(sa.select(corrections).where(corrections.c.story_id == story_id,
                                                    corrections.c.key == key)).one_or_none()
    return None if row is None else _from_row(row)
