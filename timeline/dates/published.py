"""Publication dates as users write them: `2022-01-27`, `27.01.2022`, `27. Januar 2022`.

The one parser behind `--published` (CLI), the API's and the paste form's `published`.
ISO 8601 is read directly, and a string shaped like an ISO date (`2022-13-01`) is read as ISO
or refused: dateparser would swap its day and month. Other absolute forms go to dateparser,
which reads German and English date strings well. Relative words ("gestern", "yesterday") are refused on purpose:
a publication date must not depend on the day the command runs.
"""
from __future__ import annotations

import re
from datetime import date, datetime

LANGUAGES = ["de", "en"]
DATEPARSER_SETTINGS = {
    "STRICT_PARSING": True,                     # day, month and year must all be given
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PARSERS": ["absolute-time"],               # no "yesterday", no "vor 3 Tagen"
    "DATE_ORDER": "DMY",                        # 01.02.2022 is the 1st of February
}
MAX_LENGTH = 64
EARLIEST_YEAR, LATEST_YEAR = 1000, 9999
ISO_SHAPE = re.compile(r"[+-]?\d{4,}-\d{1,2}-\d{1,2}(?!\d)")


class NotADate(ValueError):
    """The value is not an absolute calendar date; the message says so in one line."""


def parse_published(value: object) -> date:
    """The calendar day `value` names; NotADate if it names none."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise NotADate(f"a publication date must be text like 2022-01-27, not {type(value).__name__}")
    text = value.strip()
    if not text:
        raise NotADate("the publication date is empty; give it like 2022-01-27")
    if len(text) > MAX_LENGTH:
        raise NotADate(f"{text[:20]!r}... is not a date (too long); give it like 2022-01-27")
    day = _iso(text)
    if day is None:
        if ISO_SHAPE.match(text):
            raise NotADate(f"{text!r} is not a date{_iso_reason(text)}; give it as YYYY-MM-DD")
        day = _human(text)
    if day is None:
        raise NotADate(f"{text!r} is not a date; give it like 2022-01-27 (YYYY-MM-DD) or "
                       f"27 January 2022")
    if not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
        raise NotADate(f"{text!r} is out of range: the year must be {EARLIEST_YEAR}-{LATEST_YEAR}")
    return day


def _iso(text: str) -> date | None:
    short = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)  # 2022-1-5: ISO without zeros
    try:
        if short:
            return date(*map(int, short.groups()))
        if len(text) > 10 and text[10] in "T ":
            return datetime.fromisoformat(text).date()
        return date.fromisoformat(text)
    except ValueError:
        return None


def _iso_reason(text: str) -> str:
    """Why an ISO-shaped date is none ("day is out of range for month"), else nothing."""
    year, month, day = (int(part) for part in re.findall(r"\d+", ISO_SHAPE.match(text).group())[:3])
    if not 1 <= month <= 12:
        return f" (there is no month {month})"
    try:
        date(year, month, day)
    except ValueError as error:
        return f" ({error})"
    return " (only a date, or a date and time, in ISO 8601)"


def _human(text: str) -> date | None:
    if not any(ch.isdigit() for ch in text):
        return None
    import dateparser  # imported here: it costs ~30 ms at start and ISO dates never need it

    try:
        parsed = dateparser.parse(text, languages=LANGUAGES, settings=DATEPARSER_SETTINGS)
    except (ValueError, OverflowError, TypeError):  # dateparser's own errors on odd input
        return None
    return parsed.date() if parsed else None
