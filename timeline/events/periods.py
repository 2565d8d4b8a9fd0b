"""Periods counted within a narrative that carry no date of their own.

A camp diary or a season report counts its own periods: "Start war am 1. Juli. ... in der
ersten Woche ... in der Woche darauf ... der dritten Woche". The tagger sees no calendar time
in these words; the event finder dates them from the narrative (the language's
`counted_period` cue, `ordinals` and `period_units` in events.toml):

- an ordinal period is counted from the narrative's origin, the day its own date named:
  the third week of a narrative begun on 1 July 2013 is the week of 15 July (2013-W29);
- a next period ("Woche darauf") follows the narrative's current time by one unit;
- so does the last period of a narrative that counted its periods.
"""
from __future__ import annotations

from datetime import date, timedelta


_DAYS = {"D": 1, "W": 7}


def counted_period(sentence: str, origin: str | None, current: str | None, rules,
                   last_only: bool = False) -> tuple[str, str] | None:
    """(value, day) of the period `sentence` counts, or None. `origin` and `current` are ISO
    days: where the narrative began and the start of its current time. "the last" period
    follows the current one (it is asked for only where periods were counted: `last_only`
    for a sentence with a date of its own, where nothing else is read)."""
    match = rules.cues.counted_period.search(sentence)
    if match is None or (last_only and not match.group("final")):
        return None
    data = rules.data.get("cues", {})
    units = data.get("period_units", {})
    if match.group("ordinal"):
        count = data.get("ordinals", {}).get(match.group("ordinal").lower())
        unit, start, steps = units.get(match.group("unit").lower()), origin, (count or 0) - 1
    else:
        unit, start, steps = units.get((match.group("next_unit") or match.group("final_unit")).lower()), current, 1
    if unit not in ("D", "W", "M") or not start or steps < 0:
        return None
    day = date.fromisoformat(start[:10])
    if unit == "M":
        months = day.month - 1 + steps
        year = day.year + months // 12
        if not 1 <= year <= 9999:
            return None
        first = date(year, months % 12 + 1, 1)
        return f"{first.year:04d}-{first.month:02d}", first.isoformat()
    try:
        first = day + timedelta(days=_DAYS[unit] * steps)
    except OverflowError:
        return None
    if unit == "W":
        return "%04d-W%02d" % first.isocalendar()[:2], first.isoformat()
    return first.isoformat(), first.isoformat()

