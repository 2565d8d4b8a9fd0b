"""An event's date in words, at its true granularity: "1997", "November 2021", "KW 4/2022".

The one place that writes dates for people: the publications (feeds) and the text output of
`timeline extract` both call `format_event_date`. Month and day names, weekdays, quarters and
clock times come from Babel (CLDR), so a new language needs only the few phrases of
`timeline/lang/<code>/display.toml`; languages without one use the English phrases of
`timeline/lang/display_en.toml`. Two traps this module avoids:

- Week numbers are ISO weeks taken from the TimeML value (`2022-W04`), not Babel's `w`:
  for the bare locale "de" CLDR has no territory, so Babel counts weeks from 1 January
  (min. 1 day) and would print "KW 5/2022" for ISO week 4.
- Nothing is made more precise than the text: a month is "November 2021", never a day.
"""
from __future__ import annotations

import tomllib
from functools import lru_cache

from babel import Locale
from babel.dates import format_date, format_skeleton, format_time

from timeline.lang import LANG_DIR
from timeline.model import Event
from timeline.dates.period import Period, bounds, event_period

DEFAULT_LOCALE = "de"
FALLBACK_PHRASES = LANG_DIR / "display_en.toml"


def phrases(locale: str) -> dict:
    """The phrase table for `locale` ("de_AT" uses "de"); English for unknown languages."""
    return _phrases_of(Locale.parse(locale.replace("-", "_")).language)


@lru_cache(maxsize=None)
def _phrases_of(language: str) -> dict:
    own = LANG_DIR / language / "display.toml"
    with (own if language.isalpha() and own.is_file() else FALLBACK_PHRASES).open("rb") as handle:
        return tomllib.load(handle)


def format_period(period: Period, locale: str = DEFAULT_LOCALE) -> str:
    """A period in words at its granularity, with its modifier ("Ende November 2021")."""
    words = phrases(locale)
    text = _plain_period(period, locale, words)
    if period.mod:
        group = "day" if period.granularity == "day" else "coarse"
        template = words["mods"].get(group, {}).get(period.mod)
        if template and period.granularity != "day":
            return template.format(text)
        if template:  # a modified day reads without its weekday: "um den 26. Januar 2022"
            return template.format(format_date(period.first, "long", locale=locale))
    return text


def _plain_period(period: Period, locale: str, words: dict) -> str:
    first = period.first
    granularity = period.granularity
    if granularity == "year":
        return format_skeleton("y", first, locale=locale)
    if granularity == "quarter":
        return format_skeleton("yQQQQ", first, locale=locale)
    if granularity == "month":
        return format_skeleton("yMMMM", first, locale=locale)
    if granularity == "week":
        year, week = period.week or first.isocalendar()[:2]
        return words["week"].format(week=week, year=year)
    if granularity == "day":
        return format_date(first, "full", locale=locale)
    if granularity == "part-of-day":
        part = words["parts_of_day"][period.part_of_day]
        return words["part_of_day"].format(date=format_date(first, "full", locale=locale), part=part)
    if granularity == "time":
        return words["time"].format(date=format_date(first, "long", locale=locale),
                                    time=format_time(period.clock, "short", locale=locale))
    # A span known only from its bounds: the event lies somewhere in it, it need not fill it.
    return words["between"].format(first=format_date(period.first, "long", locale=locale),
                                   last=format_date(period.last, "long", locale=locale))


def format_event_date(event: Event, locale: str = DEFAULT_LOCALE) -> str:
    """The date of `event` in words, honest about what the text leaves open.

    dated   -> the period ("Mittwoch, 26. Januar 2022, nachmittags")
    open    -> "Datum offen"
    ongoing -> "seit <start>" when the start is known, else "laufend"
    vague   -> the period if the value has one, else the reference ("früher ...") or the
               known bounds ("zwischen ... und ...", "vor ...", "nach ..."), else "unbestimmt"
    """
    words = phrases(locale)
    if event.status == "open":
        return words["open"]
    period = event_period(event)
    if event.status == "ongoing":
        if period is None:
            return words["ongoing"]
        return words["since"].format(when=format_period(period, locale))
    if period is not None:
        return format_period(period, locale)
    if event.value in words["references"]:
        return words["references"][event.value]
    earliest, latest = bounds(event)
    if earliest and latest:
        return words["between"].format(first=format_date(earliest, "long", locale=locale),
                                       last=format_date(latest, "long", locale=locale))
    if latest:
        return words["before"].format(when=format_date(latest, "long", locale=locale))
    if earliest:
        return words["after"].format(when=format_date(earliest, "long", locale=locale))
    return words["unknown"]
