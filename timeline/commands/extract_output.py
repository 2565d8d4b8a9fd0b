"""What `timeline extract` prints: JSON lines, TimeML, or text for people.

The text format writes each event's date as a reader would (`26. Jan. 2022, nachmittags`,
`November 2021`, `1. Quartal 2022`) in the document's language, from Babel's CLDR data, so
that a new language needs no code here.
"""
from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_interval, format_skeleton

from timeline.model import Event, Timeline

# TimeML parts of the day -> CLDR day periods, most specific first (de: afternoon2 is
# "nachmittags", afternoon1 "mittags"; en has afternoon1 only).
PART_OF_DAY_PERIODS = {
    "MO": ("morning1",), "MI": ("midday", "noon", "afternoon1"), "AF": ("afternoon2", "afternoon1"),
    "EV": ("evening1",), "NI": ("night1",), "DT": ("morning1",),
}
STATUS_LABELS = {"open": "(open)", "vague": "(vague)", "ongoing": "(ongoing)", "dated": ""}


# Line breaks to Unicode (str.splitlines, editors) but not to JSON: escaped, so that a
# record stays on one line whatever tool reads it. json.dumps already escapes C0 controls.
_UNICODE_LINE_BREAKS = re.compile("[\x85\u2028\u2029]")


def json_line(record: dict) -> str:
    """One compact JSON line. Text with lone surrogates cannot be UTF-8 encoded: such a
    record is written with \\u escapes throughout, which read back identically."""
    line = json.dumps(record, ensure_ascii=False)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(record, ensure_ascii=True)
    return _UNICODE_LINE_BREAKS.sub(lambda m: f"\\u{ord(m.group()):04x}", line)


def timeline_record(doc_id, timeline: Timeline) -> dict:
    return {"id": doc_id, **timeline.to_dict()}


def render_text(timeline: Timeline, title: str | None = None, show_timexes: bool = True) -> str:
    """Events one per line (date as a reader writes it, then the headline), then the timexes."""
    lines = [f"== {one_printable_line(title)} ==" if title else None]
    dates = [reader_date(event, timeline.lang) for event in timeline.events]
    width = min(max(map(len, dates), default=0), 32)
    for when, event in zip(dates, timeline.events):
        lines.append(f"{when.ljust(width)}  {one_printable_line(event.headline)}")
    if show_timexes and timeline.timexes:
        if timeline.events:
            lines.append("")
        lines.append("time expressions:")
        for timex in timeline.timexes:
            mod = f" {timex.mod}" if timex.mod else ""
            lines.append(f"  {timex.start:>6}-{timex.end:<6} {timex.text!r}  {timex.type} {timex.value}{mod}")
    if not timeline.events and not timeline.timexes:
        lines.append("(no dates found)")
    return "\n".join(line for line in lines if line is not None) + "\n"


_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def one_printable_line(text: str) -> str:
    """Text for a terminal: one line, and no control characters (an article could carry
    escape sequences that would otherwise reach the terminal)."""
    return " ".join(_CONTROL.sub("\ufffd", text).split())


def reader_date(event: Event, lang: str) -> str:
    """The event's time as the document's readers write it, or its status when it has none."""
    label = STATUS_LABELS.get(event.status, f"({event.status})")
    if not event.value:
        return label or "(no date)"
    written = format_value(event.value, lang)
    if written == event.value and not written.isdigit() and event.timex is not None:
        written = event.timex.text  # PXW, PRESENT_REF...: the article's own words say it better
    return f"{written} {label}".strip() if event.status == "ongoing" else written


_DAY = re.compile(r"(\d{4})-(\d\d)-(\d\d)(?:T(\d{1,2})[:.](\d\d)|T(MO|MI|AF|EV|NI|DT))?$")
_WEEK = re.compile(r"(\d{4})-W(\d\d)$")


def format_value(value: str, lang: str) -> str:
    """A TimeML value written for readers of `lang`; values it cannot read come back as given."""
    try:
        locale = Locale.parse(lang)
    except (ValueError, UnknownLocaleError):
        return value
    try:
        if match := _DAY.match(value):
            year, month, day, hour, minute, part = match.groups()
            day_date = date(int(year), int(month), int(day))
            if hour:
                return format_skeleton("yMMMd", day_date, locale=locale) + ", " + format_skeleton(
                    "Hm", datetime(2000, 1, 1, int(hour), int(minute)), locale=locale)
            written = format_skeleton("yMMMd", day_date, locale=locale)
            return f"{written}, {_day_period(part, locale)}" if part else written
        if match := re.fullmatch(r"(\d{4})-(\d\d)", value):
            return format_skeleton("yMMMM", date(int(match[1]), int(match[2]), 1), locale=locale)
        if match := re.fullmatch(r"XXXX-(\d\d)", value):
            return format_date(date(2000, int(match[1]), 1), "LLLL", locale=locale)
        if match := re.fullmatch(r"(\d{4})-Q([1-4])", value):
            return format_skeleton("yQQQQ", date(int(match[1]), 3 * int(match[2]) - 2, 1), locale=locale)
        if match := re.fullmatch(r"(\d{4})-H([12])", value):
            first = 1 if match[2] == "1" else 7
            return format_interval(date(int(match[1]), first, 1), date(int(match[1]), first + 5, 1),
                                   "yMMM", locale=locale)
        if match := _WEEK.match(value):
            monday = date.fromisocalendar(int(match[1]), int(match[2]), 1)
            return format_interval(monday, monday + timedelta(days=6), "yMMMd", locale=locale)
        if re.fullmatch(r"\d{4}", value):
            return value
        if re.fullmatch(r"\d{3}", value):
            return f"{value}0–{value}9"
    except (ValueError, KeyError):
        pass
    return value


def _day_period(part: str, locale: Locale) -> str:
    periods = locale.day_periods.get("format", {}).get("wide", {})
    for key in PART_OF_DAY_PERIODS.get(part, ()):
        if key in periods:
            return periods[key]
    return part
