"""When an event happened, at its true granularity: the stretch of days (and hours) it covers.

Every publication reads an event's time through `event_period`, so the HTML page, the feed, the
calendar and TimelineJS agree. The TimeML `value` ("2021-11", "2022-01-26TAF", "2022-W04") is
the primary source; `earliest`/`latest` are the fallback for values without a fixed shape.
Nothing here invents precision: a month stays a month, never "the 1st of the month".
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from timeline.dates.intervals import match_value
from timeline.dates.vocabulary import GRANULARITIES, PARTS_OF_DAY
from timeline.model import Event

# Years we place in a calendar: every format can still say the day after the last one.
YEAR_RANGE = (1, 9998)

# From coarse to fine; "span" is any other stretch of days known only from earliest/latest.
GRANULARITY_ORDER = ("span",) + GRANULARITIES

# The value shapes a Period has (timeline.dates.intervals reads more: weekends, halves, seasons ...).
_PERIOD_KINDS = GRANULARITIES


@dataclass(frozen=True)
class Period:
    """The days an event may have happened on: `first`..`last` inclusive, at `granularity`.

    `week` is the ISO (week-year, week) for week granularity — the week-year can differ from
    `first.year` around New Year. `part_of_day` is a TimeML code (MO, AF, ...), `clock` the
    time of day for granularity "time" (local time of the story; we publish Europe/Berlin).
    `mod` is the TimeML modifier of the event's own time expression (APPROX, START, ...).
    """

    granularity: str
    first: date
    last: date
    quarter: int | None = None
    week: tuple[int, int] | None = None
    part_of_day: str | None = None
    clock: time | None = None
    mod: str | None = None

    @property
    def single_day(self) -> bool:
        return self.first == self.last

    def local_start(self) -> datetime | None:
        """Start as a naive local datetime, for part-of-day and time granularity only."""
        if self.clock is not None:
            return datetime.combine(self.first, self.clock)
        if self.part_of_day is not None:
            return datetime.combine(self.first, time()) + timedelta(hours=PARTS_OF_DAY[self.part_of_day][0])
        return None

    def local_end(self) -> datetime | None:
        """Exclusive end of a part of day as a naive local datetime; None for a clock time."""
        if self.part_of_day is not None:
            return datetime.combine(self.first, time()) + timedelta(hours=PARTS_OF_DAY[self.part_of_day][1])
        return None


def parse_value(value: str | None) -> Period | None:
    """A Period from a TimeML value with a fixed calendar shape, else None."""
    shape = match_value(value) if value else None
    if shape is None or shape[0] not in _PERIOD_KINDS:
        return None
    granularity, parts = shape
    if granularity == "time" and "." in (parts["minute_sep"] or "") + (parts["second_sep"] or ""):
        return None  # clock times are read with ":" only
    try:
        return _period_from_match(granularity, parts)
    except ValueError:  # 2022-13, 2022-02-30, 2022-W60 ...
        return None


def _period_from_match(granularity: str, parts: dict) -> Period:
    year = int(parts["year"])
    if not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
        raise ValueError(f"year {year} out of range")
    if granularity == "year":
        return year_period(year)
    if granularity == "quarter":
        return quarter_period(year, int(parts["quarter"]))
    if granularity == "month":
        return month_period(year, int(parts["month"]))
    if granularity == "week":
        return week_period(year, int(parts["week"]))
    day = date(year, int(parts["month"]), int(parts["day"]))
    if granularity == "day":
        return Period("day", day, day)
    if granularity == "part-of-day":
        return Period("part-of-day", day, day, part_of_day=parts["part"])
    clock = time(int(parts["hour"]), int(parts["minute"] or 0))
    return Period("time", day, day, clock=clock)


def year_period(year: int) -> Period:
    return Period("year", date(year, 1, 1), date(year, 12, 31))


def quarter_period(year: int, quarter: int) -> Period:
    return Period("quarter", date(year, 3 * quarter - 2, 1), _month_end(date(year, 3 * quarter, 1)),
                  quarter=quarter)


def month_period(year: int, month: int) -> Period:
    first = date(year, month, 1)
    return Period("month", first, _month_end(first))


def week_period(iso_year: int, week: int) -> Period:
    first = date.fromisocalendar(iso_year, week, 1)
    return Period("week", first, first + timedelta(days=6), week=(iso_year, week))


def _month_end(first: date) -> date:
    following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return following - timedelta(days=1)


def parse_day(iso: str | None) -> date | None:
    """The calendar day of an ISO 8601 date or datetime string, else None."""
    if not iso or len(iso) < 10:
        return None
    try:
        day = date.fromisoformat(iso[:10])
    except ValueError:
        return None
    return day if YEAR_RANGE[0] <= day.year <= YEAR_RANGE[1] else None


def bounds(event: Event) -> tuple[date | None, date | None]:
    """(earliest, latest) of an event as days, None where unknown."""
    return parse_day(event.earliest), parse_day(event.latest)


def coarsen(period: Period, granularity: str | None) -> Period:
    """`period` at the coarser `granularity` the event claims (never finer than the value)."""
    if granularity not in GRANULARITY_ORDER or period.granularity not in GRANULARITY_ORDER:
        return period
    if GRANULARITY_ORDER.index(granularity) >= GRANULARITY_ORDER.index(period.granularity):
        return period
    first = period.first
    if granularity == "year":
        return replace(year_period(first.year), mod=period.mod)
    if granularity == "quarter":
        return replace(quarter_period(first.year, (first.month - 1) // 3 + 1), mod=period.mod)
    if granularity == "month":
        return replace(month_period(first.year, first.month), mod=period.mod)
    if granularity == "week":
        return replace(week_period(*first.isocalendar()[:2]), mod=period.mod)
    if granularity == "day":
        return Period("day", first, first, mod=period.mod)
    return period  # a clock time claimed as part-of-day keeps its time: the part is a convention


def period_from_bounds(first: date, last: date) -> Period:
    """The coarsest calendar unit that exactly covers first..last, else a plain span."""
    if last < first:
        first, last = last, first
    if first == last:
        return Period("day", first, last)
    candidates = (
        lambda: year_period(first.year),
        lambda: quarter_period(first.year, (first.month - 1) // 3 + 1),
        lambda: month_period(first.year, first.month),
        lambda: week_period(*first.isocalendar()[:2]),
    )
    for make in candidates:
        try:
            candidate = make()
        except (ValueError, OverflowError):  # a week at the very end of the calendar
            continue
        if candidate.first == first and candidate.last == last:
            return candidate
    return Period("span", first, last)


def event_period(event: Event) -> Period | None:
    """The period an event's own time (or its start, for an ongoing event) covers.

    None when the text gives no calendar position: open events, vague references like
    PAST_REF, and ongoing events whose start is unknown.
    """
    if event.status == "open":
        return None
    period = parse_value(event.value)
    if period is None and event.status == "dated":
        earliest, latest = bounds(event)
        if earliest and latest:
            period = period_from_bounds(earliest, latest)
    if period is None:
        return None
    period = coarsen(period, event.granularity)
    mod = event.timex.mod if event.timex is not None and event.timex.value == event.value else None
    return replace(period, mod=mod) if mod else period
