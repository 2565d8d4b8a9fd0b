"""Calendar arithmetic the resolver needs: Easter, months, ISO weeks, weekdays."""
from __future__ import annotations

import calendar as _calendar
from datetime import date, timedelta


def easter(year: int) -> date:
    """Easter Sunday (Gregorian), by the anonymous Gregorian computus (Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return date(year, month, day + 1)


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = _calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def weekday_near(anchor: date, weekday: int, direction: int | None) -> date:
    """The day with ISO `weekday` (1 = Monday) relative to `anchor`.

    direction -1: the last one on or before the anchor; +1: the next one on or after it;
    0: the one in the anchor's week; None: the nearest one (ties go forward).
    """
    delta = weekday - anchor.isoweekday()
    if direction == 0:
        return anchor + timedelta(days=delta)
    back = anchor - timedelta(days=(-delta) % 7)
    ahead = anchor + timedelta(days=delta % 7)
    if direction is not None and direction < 0:
        return back
    if direction is not None and direction > 0:
        return ahead
    return back if (anchor - back) < (ahead - anchor) else ahead


def valid_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except (ValueError, OverflowError):
        return None
