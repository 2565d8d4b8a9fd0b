"""What a text has established as it goes: its last day, month and year, and the year the
passage is in (the reference time a date without a year takes; issue 8).

`Narrative` is the tagger's running state (tagger/__init__.py fills it, resolve.py reads it).
`carried_year` says which year a date without one takes, `resumed_year` when a history goes
back to its day-by-day time after a look ahead, `in_history` whether the text is in a passage
of the distant past.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from timeline.tagger.calendar import valid_date

DISTANT_YEARS = 2     # a story set more years back than this carries its year to the next sentence
HISTORY_YEARS = 20    # a passage set more years back than this is history, not the background of news


@dataclass
class Narrative:
    """What the text has established so far: its last day and its last explicit year."""

    day: date | None = None
    day_pos: int = -1
    day_part: str | None = None   # the part of the day it named ("NI": a night runs past midnight)
    dated: date | None = None     # the last calendar date named ("10. Oktober") ...
    dated_pos: int = -1           # ... and where it or a weekday counted from it was
    year: int | None = None
    year_pos: int = -1
    month: date | None = None     # the last month named ("im April 1861"), as its first day
    month_pos: int = -1
    ref_year: int | None = None   # the last year that dates the passage (not "bis 1915", "(1908)")
    ref_pos: int = -1
    now_pos: int = -1             # where the text last spoke of its own time ("heute", "gestern")
    present_pos: int = -1         # where it last spoke of the present as such ("bis heute", "heute steht dort")
    news: bool = False            # the text reports news (names days near publication)
    reports_days: bool = False    # ... by words other than a bare weekday ("gestern", a recent date)
    news_weekday: bool = False    # ... by a bare weekday counted from publication
    before_era: bool = False      # the passage is told before the common era (era.py)


def carried_year(narrative: Narrative, published: date, tense: str | None, pos: int, near: int,
                 year_since: tuple[int, int] | None) -> int | None:
    """The year named earlier that a date without one ("im Mai") takes, if any.

    `year_since` = (start of this sentence, start of the one before). The year carries within
    its sentence. Into the next sentence only when that narrates the past and the year lies
    well before publication ("1989 fiel die Mauer. Im November ..."); a recent year does not
    ("zwischen 2001 und 2004 ... Die Steuerfahndung hatte im Oktober ..." is the last October).
    Without `year_since`, a year named within `near` characters carries.
    """
    year = narrative.year
    if year is None:
        return None
    if year_since is None:
        return year if pos - narrative.year_pos <= near else None
    this_sentence, previous_sentence = year_since
    if narrative.year_pos >= this_sentence:
        return year
    year = narrative.ref_year
    if year is None or abs(published.year - year) <= DISTANT_YEARS or narrative.now_pos > narrative.ref_pos:
        return None
    if narrative.ref_pos >= previous_sentence and tense == "past":
        return year
    # the passage stays in the time it named until the text speaks of its own time again
    return year if tense == "past" else None


RESUME_DAYS = 45   # a date this close after the passage's last day continues it, past a look ahead


def resumed_year(narrative: Narrative, published: date, month: int, day: int | None, recent_year: int,
                 year_since: tuple[int, int] | None) -> int | None:
    """The year of the passage's last day, where a later year named since was a look ahead.

    A history's day-by-day narrative ("Am 3. Mai 1848 besetzten Studenten die Universität.")
    looks ahead in passing ("Erst 1850 kam die Verfassung.") and goes on: "Am 15. Mai stürmten
    Arbeiter das Rathaus" is 1848, twelve days after the last day, not 1850. So a date without a
    year, where a later year was named in an earlier sentence after the last day, takes that
    day's year when it falls at most RESUME_DAYS after it, a month when it is that day's month
    or the next (in the year named since, it would lie long after the look ahead's time).
    Not in news; not when the year is of this sentence; not when the text has named a month
    of that year since ("1916 kam es zu Kämpfen. Im Juni ... Am 5. November": it has moved
    on into that year).
    """
    last = narrative.day
    if (last is None or narrative.news or year_since is None or narrative.year_pos >= year_since[0]
            or narrative.ref_pos <= narrative.day_pos or recent_year <= last.year
            or published.year - last.year <= HISTORY_YEARS
            or (narrative.month_pos > narrative.ref_pos and narrative.month.year == recent_year)):
        return None
    when = valid_date(last.year, month, day or 1)
    if when is None:
        return None
    if day is None:   # a month: the last day's month or the one after it
        return last.year if 0 <= month - last.month <= 1 else None
    return last.year if 0 <= (when - last).days <= RESUME_DAYS else None


def in_history(narrative: Narrative, published: date) -> bool:
    """Is the text a history now (no news, in a year long before publication, not back in
    its own time)?"""
    return (not narrative.news and narrative.ref_year is not None and narrative.now_pos < narrative.ref_pos
            and published.year - narrative.ref_year > HISTORY_YEARS)


def history_day(narrative: Narrative, published: date, tense: str | None, passage_since: int) -> date | None:
    """The day a bare weekday ("Am Sonntag fiel die Stadt") counts from in a history's passage.

    A narrative told in the past moves forward from its last day ("Am 3. Mai 1940 ... Am
    Sonntag": the Sunday on or after it), as HeidelTime's narratives do. That day must be the
    latest reference the text set, day-granular (a calendar date, a weekday counted from one,
    "am nächsten Tag"), not a month or a year named since ("Im Juni 1940 ... Am Sonntag" keeps
    the publication-relative reading: no day to count from). It must lie more than
    HISTORY_YEARS before publication, the weekday's clause must narrate the past, and the text
    must not have spoken of its own time since ("heute", "bis heute": a present-day coda).
    In a text that reports days near publication ("gestern", "heute", a date of recent years
    or a weekday of the news week named before), an old date is background: only a weekday in its sentence
    or the next and in its paragraph (`passage_since` on) counts from it ("Vor 30 Jahren, am 9.
    November 1989, fiel die Mauer. ... Am Sonntag feierten Tausende" in a later paragraph is
    the last Sunday).
    Returns None where the weekday counts from publication.
    """
    day = narrative.day
    if day is None or tense != "past" or published.year - day.year <= HISTORY_YEARS:
        return None
    if max(narrative.now_pos, narrative.present_pos, narrative.month_pos) > narrative.day_pos:
        return None
    if narrative.year is not None and narrative.year != day.year and narrative.year_pos > narrative.day_pos:
        return None
    if (narrative.reports_days or narrative.news_weekday) and narrative.day_pos < passage_since:
        return None
    return day
