"""TimeML value -> the interval of time it names: earliest, latest and granularity.

    interval("2021-11")        -> Interval("2021-11-01", "2021-11-30", "month")
    interval("2022-01-26TAF")  -> Interval("2022-01-26T12:00", "2022-01-26T18:00", "part-of-day")
    interval("2022-W04")       -> Interval("2022-01-24", "2022-01-30", "week")

`earliest` and `latest` are ISO 8601 strings, both inclusive: dates ("2021-11-30") for a day or
coarser, minutes ("2022-01-26T18:00") for parts of days and clock times. A value that names no
point on the calendar (a duration "P3D", a set, a date with an unknown year "XXXX-11") gives
an Interval with `earliest` and `latest` None; its granularity is still given where the value
shows it ("XXXX-11" is month-sized).

Conventions chosen here (TimeML leaves them open):
- parts of day: MO 06:00-12:00, MI 11:00-14:00, AF 12:00-18:00, EV 18:00-22:00,
  NI 22:00-06:00 of the next day, DT (daytime) 08:00-18:00;
- seasons are meteorological: SP March-May, SU June-August, FA/AU September-November,
  WI December-February of the next year; halves H1/H2, seasons and quarters all have the
  granularity "quarter" (the closest unit the model knows for spans of several months);
- decades ("199") and centuries ("19") have the granularity "year";
- a weekend "2022-W04-WE" is Saturday-Sunday of that ISO week, granularity "week";
- PRESENT_REF is the publication day, PAST_REF ends and FUTURE_REF starts on it
  (granularity None); they need `published`.
- mod BEFORE/ON_OR_BEFORE drops `earliest`, AFTER/ON_OR_AFTER drops `latest`; START, MID and
  END keep the first, middle and last third of a span of days; other mods change nothing.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from timeline.dates.vocabulary import PARTS_OF_DAY, SEASONS, WITHIN_A_DAY


@dataclass(frozen=True)
class Interval:
    earliest: str | None
    latest: str | None
    granularity: str | None

    @property
    def known(self) -> bool:
        return self.earliest is not None or self.latest is not None


UNKNOWN = Interval(None, None, None)

_YEAR = r"(?P<year>\d{4})"
_PART = r"(?P<part>" + "|".join(PARTS_OF_DAY) + ")"
# The calendar shapes of TimeML values, one regex each (matched whole). Every reader of values
# (this module, and timeline.dates.period under timeline.dates.display) goes through `match_value`.
_PATTERNS = [
    ("time", re.compile(_YEAR + r"-(?P<month>\d\d)-(?P<day>\d\d)T(?P<hour>\d\d)"
                        r"(?:(?P<minute_sep>[:.])(?P<minute>\d\d))?"
                        r"(?:(?P<second_sep>[:.])\d\d(?P<fraction>\.\d+)?)?")),
    ("part-of-day", re.compile(_YEAR + r"-(?P<month>\d\d)-(?P<day>\d\d)T" + _PART)),
    ("day", re.compile(_YEAR + r"-(?P<month>\d\d)-(?P<day>\d\d)")),
    ("weekend", re.compile(_YEAR + r"-W(?P<week>\d\d)-WE")),
    ("week", re.compile(_YEAR + r"-W(?P<week>\d\d)")),
    ("month", re.compile(_YEAR + r"-(?P<month>\d\d)")),
    ("quarter", re.compile(_YEAR + r"-Q(?P<quarter>[1-4])")),
    ("half", re.compile(_YEAR + r"-H(?P<half>[12])")),
    ("season", re.compile(_YEAR + r"-(?P<season>SP|SU|FA|AU|WI)")),
    ("year", re.compile(_YEAR)),
    ("decade", re.compile(r"(?P<decade>\d{3})")),
    ("century", re.compile(r"(?P<century>\d{2})")),
]
# Shapes with unknown digits ("XXXX-11", "2022-XX-05"): granularity only.
_UNKNOWN_SHAPES = [
    ("time", re.compile(r"[\dX]{4}-[\dX]{2}-[\dX]{2}T\d\d")),
    ("part-of-day", re.compile(r"[\dX]{4}-[\dX]{2}-[\dX]{2}T" + _PART + "$")),
    ("day", re.compile(r"[\dX]{4}-[\dX]{2}-[\dX]{2}$")),
    ("week", re.compile(r"[\dX]{4}-W[\dX]{2}(-WE)?$")),
    ("month", re.compile(r"[\dX]{4}-[\dX]{2}$")),
    ("quarter", re.compile(r"[\dX]{4}-(Q[\dX]|H[\dX]|SP|SU|FA|AU|WI)$")),
    ("year", re.compile(r"[\dX]{2,4}$")),
]


@lru_cache(maxsize=4096)
def interval(value: str | None, published: date | None = None, mod: str | None = None) -> Interval:
    """The interval named by the TimeML `value` (see the module docstring for conventions).

    Remembered per (value, published, mod): the answer depends on nothing else (no clock, no
    document text) and an Interval is frozen, so handing back the same one again is exact. The
    event stage asks about each time expression about twice.
    """
    if not value:
        return UNKNOWN
    value = value.strip()
    if value in ("PRESENT_REF", "PAST_REF", "FUTURE_REF"):
        return _reference(value, published)
    if value.startswith("P") or value.startswith("XXXX-WXX-"):
        return UNKNOWN  # a duration or a set: no place on the calendar
    shape = match_value(value)
    # Fractions of a second are not read here: such a value is only "time"-sized (below).
    if shape is not None and not (shape[0] == "time" and shape[1]["fraction"]):
        kind, parts = shape
        try:
            result = _BUILDERS[kind](parts)
        except ValueError:  # e.g. "2022-02-30": not a real date
            return UNKNOWN
        return _apply_mod(result, mod)
    for granularity, pattern in _UNKNOWN_SHAPES:
        if pattern.match(value):
            return Interval(None, None, granularity)
    return UNKNOWN


def match_value(value: str) -> tuple[str, dict[str, str | None]] | None:
    """The calendar shape of a TimeML value and its named parts, else None.

        match_value("2022-W04")      -> ("week", {"year": "2022", "week": "04"})
        match_value("2022-01-26TAF") -> ("part-of-day", {"year": "2022", ..., "part": "AF"})

    Kinds: time, part-of-day, day, weekend, week, month, quarter, half, season, year, decade,
    century. Only the shape is checked, not the calendar ("2022-02-30" is a "day"). A clock
    time also reports its separators (`minute_sep`, `second_sep`: ":" or ".") and a
    `fraction` of a second, which readers may refuse.
    """
    for kind, pattern in _PATTERNS:
        match = pattern.fullmatch(value)
        if match:
            return kind, match.groupdict()
    return None


def coarsen_to_day(span: Interval) -> Interval:
    """A part of a day or a clock time widened to its whole day; coarser spans unchanged."""
    if span.granularity not in WITHIN_A_DAY - {"day"} or span.earliest is None:
        return span
    day = span.earliest[:10]
    return Interval(day, day, "day")


def day_value(value: str) -> str:
    """The TimeML value of the day a part-of-day or clock-time value lies in ("2022-01-26TAF" -> "2022-01-26")."""
    match = re.match(r"\d{4}-\d\d-\d\d", value or "")
    return match.group(0) if match else value


# --- builders -----------------------------------------------------------------------------

def days_before(day: date, days: float) -> date:
    """`days` days before `day`, never before 1 January of year 1 ("seit 3000 Jahren" in
    year 2022 reaches there), nor after the last day a date can be."""
    days = round(days)
    if days >= (day - date.min).days:
        return date.min
    if -days >= (date.max - day).days:
        return date.max
    return day - timedelta(days=days)


def _days(first: date, last: date, granularity: str) -> Interval:
    return Interval(first.isoformat(), last.isoformat(), granularity)


def _minutes(first: datetime, last: datetime, granularity: str) -> Interval:
    return Interval(first.strftime("%Y-%m-%dT%H:%M"), last.strftime("%Y-%m-%dT%H:%M"), granularity)


def _month_span(year: int, first_month: int, last_month: int, granularity: str) -> Interval:
    last_year = year + (last_month - 1) // 12
    last_month = (last_month - 1) % 12 + 1
    last_day = calendar.monthrange(last_year, last_month)[1]
    return _days(date(year, first_month, 1), date(last_year, last_month, last_day), granularity)


def _time(m) -> Interval:
    moment = datetime(int(m["year"]), int(m["month"]), int(m["day"]), int(m["hour"]), int(m["minute"] or 0))
    return _minutes(moment, moment, "time")


def _part_of_day(m) -> Interval:
    day = date(int(m["year"]), int(m["month"]), int(m["day"]))
    start_hour, end_hour = PARTS_OF_DAY[m["part"]]
    midnight = datetime(day.year, day.month, day.day)
    last = midnight + timedelta(hours=end_hour) if day < date.max else datetime.max   # a night runs past midnight
    return _minutes(midnight + timedelta(hours=start_hour), last, "part-of-day")


def _day(m) -> Interval:
    day = date(int(m["year"]), int(m["month"]), int(m["day"]))
    return _days(day, day, "day")


def _week(m) -> Interval:
    monday = date.fromisocalendar(int(m["year"]), int(m["week"]), 1)
    return _days(monday, min(monday + timedelta(days=min(6, (date.max - monday).days)), date.max), "week")


def _weekend(m) -> Interval:
    saturday = date.fromisocalendar(int(m["year"]), int(m["week"]), 6)
    return _days(saturday, saturday + timedelta(days=min(1, (date.max - saturday).days)), "week")


def _month(m) -> Interval:
    month = int(m["month"])
    if not 1 <= month <= 12:
        raise ValueError(month)
    return _month_span(int(m["year"]), month, month, "month")


def _quarter(m) -> Interval:
    first = 3 * (int(m["quarter"]) - 1) + 1
    return _month_span(int(m["year"]), first, first + 2, "quarter")


def _half(m) -> Interval:
    first = 6 * (int(m["half"]) - 1) + 1
    return _month_span(int(m["year"]), first, first + 5, "quarter")


def _season(m) -> Interval:
    first, last = SEASONS[m["season"]]
    return _month_span(int(m["year"]), first, last, "quarter")


def _year(m) -> Interval:
    year = int(m["year"])
    return _days(date(year, 1, 1), date(year, 12, 31), "year")


def _decade(m) -> Interval:
    first = int(m["decade"]) * 10
    return _days(date(max(first, 1), 1, 1), date(min(first + 9, 9999), 12, 31), "year")


def _century(m) -> Interval:
    first = int(m["century"]) * 100
    return _days(date(max(first, 1), 1, 1), date(min(first + 99, 9999), 12, 31), "year")


_BUILDERS = {
    "time": _time, "part-of-day": _part_of_day, "day": _day, "weekend": _weekend, "week": _week,
    "month": _month, "quarter": _quarter, "half": _half, "season": _season, "year": _year,
    "decade": _decade, "century": _century,
}


def _reference(value: str, published: date | None) -> Interval:
    if published is None:
        return UNKNOWN
    day = published.isoformat()
    if value == "PRESENT_REF":
        return Interval(day, day, None)
    if value == "PAST_REF":
        return Interval(None, day, None)
    return Interval(day, None, None)


def _apply_mod(span: Interval, mod: str | None) -> Interval:
    if not mod:
        return span
    if mod in ("BEFORE", "ON_OR_BEFORE"):
        return Interval(None, span.earliest if mod == "BEFORE" else span.latest, span.granularity)
    if mod in ("AFTER", "ON_OR_AFTER"):
        return Interval(span.latest if mod == "AFTER" else span.earliest, None, span.granularity)
    if mod in ("START", "MID", "END") and len(span.earliest) == 10:
        first, last = date.fromisoformat(span.earliest), date.fromisoformat(span.latest)
        third = (last - first).days // 3
        if mod == "START":
            return _days(first, first + timedelta(days=third), span.granularity)
        if mod == "END":
            return _days(last - timedelta(days=third), last, span.granularity)
        return _days(first + timedelta(days=third), last - timedelta(days=third), span.granularity)
    return span


_DURATION = re.compile(r"P(?P<count>\d+(?:[.,]\d+)?|X)(?P<unit>[YMWD])$|PT(?P<tcount>\d+(?:[.,]\d+)?|X)(?P<tunit>[HM])$")
_UNIT_GRANULARITY = {"Y": "year", "M": "month", "W": "week", "D": "day", "H": "time"}
_UNIT_DAYS = {"Y": 365.25, "M": 30.44, "W": 7, "D": 1}


def span_back_from(published: date, duration: str | None) -> Interval:
    """The interval from `duration` before `published` up to `published` ("seit drei Wochen").

    P3W -> three weeks back, granularity "week"; an unknown count (PXW) leaves `earliest`
    None. Month and year counts are converted at their average length in days.
    """
    match = _DURATION.match(duration or "")
    if not match:
        return Interval(None, published.isoformat(), None)
    count = match["count"] or match["tcount"]
    unit = match["unit"] or match["tunit"]
    granularity = _UNIT_GRANULARITY.get(unit, "time") if match["unit"] else "time"
    if count == "X" or not match["unit"]:
        earliest = published.isoformat() if not match["unit"] and count != "X" else None
        return Interval(earliest, published.isoformat(), granularity)
    days = round(float(count.replace(",", ".")) * _UNIT_DAYS[unit])
    return Interval(days_before(published, days).isoformat(), published.isoformat(), granularity)


def start_before(reference: date, duration: str | None, mod: str | None = None,
                 slack: float = 0.2) -> tuple[Interval, str | None]:
    """When something began that took `duration` up to `reference` ("took almost 1.5 months").

    Returns the window of days the start falls in, and the TimeML value of the period of the
    duration's unit that holds the whole window ("2021-12" for months, "2021-W50" for weeks;
    None when the window crosses a border of that unit), or (UNKNOWN, None) for an unknown
    count or a clock duration. A count said in words is
    approximate: the window reaches `slack` of the duration either side, only later for
    LESS_THAN ("almost"), only earlier for MORE_THAN ("more than"). Granularity: the unit's.
    """
    match = _DURATION.match(duration or "")
    if not match or not match["unit"] or match["count"] == "X":
        return UNKNOWN, None
    unit = match["unit"]
    days = float(match["count"].replace(",", ".")) * _UNIT_DAYS[unit]
    if days < 1 or days * (1 + slack) >= (reference - date.min).days:
        return UNKNOWN, None    # "vor 40000 Jahren": before the calendar's first year
    early = days * (1 + slack) if mod not in ("LESS_THAN", "EQUAL_OR_LESS") else days
    late = days * (1 - slack) if mod not in ("MORE_THAN", "EQUAL_OR_MORE") else days
    first = days_before(reference, early)
    last = days_before(reference, late)
    granularity = _UNIT_GRANULARITY[unit]
    value = {"year": f"{first.year:04d}", "month": f"{first.year:04d}-{first.month:02d}",
             "week": "%04d-W%02d" % first.isocalendar()[:2], "day": first.isoformat()}[granularity]
    period = interval(value)
    if not period.earliest <= last.isoformat() <= period.latest:
        value = None  # the window crosses a border of its unit: only the bounds are known
    return Interval(first.isoformat(), last.isoformat(), granularity), value


def same_day_before(reference: date, duration: str | None) -> str | None:
    """The day exactly `duration` before `reference` ("vor genau einem Jahr": the same day a
    year before; 29 February falls back to the 28th), ISO; None for a count that is not whole
    or unknown, a clock duration, or a day before year 1."""
    match = _DURATION.match(duration or "")
    if not match or not match["unit"] or not match["count"].isdigit():
        return None
    count, unit = int(match["count"]), match["unit"]
    if unit in ("Y", "M"):
        months = reference.year * 12 + reference.month - 1 - count * (12 if unit == "Y" else 1)
        year, month = divmod(months, 12)
        if year < 1:
            return None
        return date(year, month + 1, min(reference.day, calendar.monthrange(year, month + 1)[1])).isoformat()
    days = count * _UNIT_DAYS.get(unit, 0)
    if not days or days >= (reference - date.min).days:
        return None
    return (reference - timedelta(days=days)).isoformat()
