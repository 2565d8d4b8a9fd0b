"""Durations that date a time ago: "vor fünf Jahren" in a 2018 text is the year 2013.

The corpora annotate "fünf Jahren" as the duration P5Y, and so does the tagger; this adds
what a reader gets from it, the time it names: `Timex.anchored` (TimeML: the duration's
beginPoint, an empty TIMEX3; see timeline/timeml.py). The events stage dates events from it.

The language says (an `[ago]` table of a rules file, with examples run by
tests/test_tagger_ago.py) which words before the duration ("vor", "vor gut") or after it
("liegt ... zurück", "ist ... her") make it a time ago, which words make it exact ("vor genau
einem Jahr": that very day), how an unknown count of a unit is read ("vor einigen Tagen": a
week ago) and which TimeML mod of a point a duration's mod gives ("vor mehr als fünf Jahren":
ON_OR_BEFORE 2013). The value is the period of the duration's unit that far before
publication (intervals.start_before): a year for years, a month for months, a week, a day; a
count of hours (no day), an unknown count of years or a time before year 1 anchors nothing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from timeline.dates.intervals import same_day_before, start_before
from timeline.model import Anchored, Timex

BEFORE_REACH = 40   # characters before a duration searched for the words that make it a time ago
AFTER_REACH = 40    # ... and after it
NEVER = re.compile(r"(?!x)x")


@dataclass(frozen=True)
class AgoRules:
    before: re.Pattern
    after: re.Pattern
    exact: re.Pattern
    some: dict      # unit letter of an unknown count -> the duration it is read as
    mods: dict      # mod of the duration -> mod of the point it dates


def ago_rules(data: dict) -> AgoRules | None:
    """The `[ago]` table of a language's rule files, compiled; None if it has none."""
    table = next((data[stem]["ago"] for stem in sorted(data)
                  if stem.startswith("rules") and isinstance(data[stem], dict) and "ago" in data[stem]), None)
    if table is None:
        return None

    def regex(key: str) -> re.Pattern:
        return re.compile(table[key], re.IGNORECASE) if table.get(key) else NEVER

    return AgoRules(before=regex("before"), after=regex("after"), exact=regex("exact"),
                    some=dict(table.get("some", {})), mods=dict(table.get("mods", {})))


def anchored(timex: Timex, text: str, published: date, rules: AgoRules | None) -> Anchored | None:
    """The time a duration names as a time ago, or None where it names none."""
    if rules is None or timex.type != "DURATION":
        return None
    before = text[max(0, timex.start - BEFORE_REACH):timex.start]
    if not rules.before.search(before) and not rules.after.search(text[timex.end:timex.end + AFTER_REACH]):
        return None
    duration, mod = timex.value, rules.mods.get(timex.mod or "")
    if duration.startswith("PX") and len(duration) == 3:
        duration, mod = rules.some.get(duration[2], duration), "APPROX"
    _, value = start_before(published, duration, timex.mod, slack=0)
    if value is None:
        return None
    if rules.exact.search(timex.text) or rules.exact.search(before[-12:]):
        value = same_day_before(published, timex.value) or value
    return Anchored("DATE", value, mod)
