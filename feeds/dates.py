"""An event's date in words, at its true granularity: "1997", "November 2021", "KW 4/2022".

Month and day names, weekdays, quarters and clock times come from Babel (CLDR), so a new
locale needs only the few phrases in `PHRASES` below. Two traps this module avoids:

- Week numbers are ISO weeks taken from the TimeML value (`2022-W04`), not Babel's `w`:
  for the bare locale "de" CLDR has no territory, so Babel counts weeks from 1 January
  (min. 1 day) and would print "KW 5/2022" for ISO week 4.
- Nothing is made more precise than the text: a month is "November 2021", never a day.
"""
from __future__ import annotations

from babel import Locale
from babel.dates import format_date, format_skeleton, format_time

from feeds.period import Period, bounds, event_period
from timeline.model import Event

# Phrases per language; everything else is CLDR data via Babel. `{}` fields are filled with
# already formatted dates. Mods are TimeML modifiers of the event's own time expression;
# "coarse" applies to year/quarter/month/week, "day" to a single day.
PHRASES: dict[str, dict] = {
    "de": {
        "parts_of_day": {"MO": "morgens", "MI": "mittags", "AF": "nachmittags",
                         "EV": "abends", "NI": "nachts", "DT": "tagsüber"},
        "part_of_day": "{date}, {part}",
        "time": "{date}, {time} Uhr",
        "week": "KW {week}/{year}",
        "open": "Datum offen",
        "ongoing": "laufend",
        "since": "seit {when}",
        "between": "zwischen dem {first} und dem {last}",
        "before": "vor dem {when}",
        "after": "nach dem {when}",
        "unknown": "Zeitpunkt unbestimmt",
        "references": {"PAST_REF": "früher (ohne genaue Zeitangabe)",
                       "PRESENT_REF": "derzeit",
                       "FUTURE_REF": "künftig (ohne genaue Zeitangabe)"},
        "mods": {
            "coarse": {"APPROX": "etwa {}", "START": "Anfang {}", "MID": "Mitte {}",
                       "END": "Ende {}", "BEFORE": "vor {}", "AFTER": "nach {}",
                       "ON_OR_BEFORE": "bis {}", "ON_OR_AFTER": "ab {}"},
            "day": {"APPROX": "um den {}", "BEFORE": "vor dem {}", "AFTER": "nach dem {}",
                    "ON_OR_BEFORE": "bis zum {}", "ON_OR_AFTER": "ab dem {}"},
        },
    },
    "en": {
        "parts_of_day": {"MO": "morning", "MI": "midday", "AF": "afternoon",
                         "EV": "evening", "NI": "night", "DT": "daytime"},
        "part_of_day": "{date}, {part}",
        "time": "{date}, {time}",
        "week": "week {week}, {year}",
        "open": "date open",
        "ongoing": "ongoing",
        "since": "since {when}",
        "between": "between {first} and {last}",
        "before": "before {when}",
        "after": "after {when}",
        "unknown": "time unknown",
        "references": {"PAST_REF": "in the past (no exact time given)",
                       "PRESENT_REF": "currently",
                       "FUTURE_REF": "in the future (no exact time given)"},
        "mods": {
            "coarse": {"APPROX": "about {}", "START": "early {}", "MID": "mid-{}",
                       "END": "late {}", "BEFORE": "before {}", "AFTER": "after {}",
                       "ON_OR_BEFORE": "until {}", "ON_OR_AFTER": "from {}"},
            "day": {"APPROX": "around {}", "BEFORE": "before {}", "AFTER": "after {}",
                    "ON_OR_BEFORE": "until {}", "ON_OR_AFTER": "from {}"},
        },
    },
}
DEFAULT_LOCALE = "de"


def phrases(locale: str) -> dict:
    """The phrase table for `locale` ("de_AT" uses "de"); English for unknown languages."""
    return PHRASES.get(Locale.parse(locale.replace("-", "_")).language, PHRASES["en"])


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


__all__ = ["format_event_date", "format_period", "phrases", "PHRASES"]
