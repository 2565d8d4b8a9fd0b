"""Absolute dates written in forms the word tables do not cover, read by dateparser.

A rule that finds such a date (a month in another language: "15 maggio 2013", "3 mars
2020") fills `parse` with the date string and `languages` with the language codes to try;
dateparser, which knows the month names of some 200 locales, reads it. Only these rare
matches reach dateparser, and it is imported on first use, so the tagger's hot path and
its start-up do not pay for it.

A reading counts only if it keeps the day and year the text wrote: dateparser also reads
"15 Jahre 2010" (as 2007), which is no date.
"""
from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache

SETTINGS = {"REQUIRE_PARTS": ["day", "month", "year"], "DATE_ORDER": "DMY",
            "PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False}


@lru_cache(maxsize=512)
def parse_absolute(text: str, languages: tuple[str, ...], day: int, year: int) -> date | None:
    """The calendar date `text` names, if dateparser reads one with this day and year."""
    import dateparser  # noqa: PLC0415 - imported on first use: rare, and slow to import

    settings = {**SETTINGS, "RELATIVE_BASE": datetime(year, 1, 1)}
    parsed = dateparser.parse(text, languages=list(languages) or None, settings=settings)
    if parsed is None or parsed.day != day or parsed.year != year:
        return None
    return parsed.date()
