"""What `timeline extract` prints: JSON lines, TimeML, or text for people.

The text format writes each event's date in the words the publications use
(`timeline.dates.display`: "Mittwoch, 26. Januar 2022, nachmittags", "KW 4/2022", "Datum offen") in
the document's language.
"""
from __future__ import annotations

import json
import re
import shutil
import textwrap

from timeline.model import Timeline

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


MIN_TEXT_COLUMNS = 20   # narrower terminals still get readable pieces of headline


def terminal_columns() -> int:
    """The terminal's width ($COLUMNS, else the terminal's own, else 80)."""
    return shutil.get_terminal_size((80, 24)).columns


def render_text(timeline: Timeline, title: str | None = None, show_timexes: bool = True,
                columns: int | None = None) -> str:
    """Events (date in words, then the headline), then the timexes, wrapped to `columns`
    (default: the terminal's width). A headline's further lines start in the headline
    column, so the dates stay a column of their own."""
    from timeline.dates.display import format_event_date  # Babel: needed by this format only

    columns = columns or terminal_columns()
    lines = [f"== {one_printable_line(title)} ==" if title else None]
    dates = [format_event_date(event, timeline.lang) for event in timeline.events]
    width = min(max(map(len, dates), default=0), 40)  # a longer date shifts only its own line
    for when, event in zip(dates, timeline.events):
        label = when.ljust(width) + "  "
        room = max(columns - len(label), MIN_TEXT_COLUMNS)
        pieces = textwrap.wrap(one_printable_line(event.headline), room, break_on_hyphens=False) or [""]
        lines.append(label + pieces[0])
        lines.extend(" " * len(label) + piece for piece in pieces[1:])
    if show_timexes and timeline.timexes:
        if timeline.events:
            lines.append("")
        lines.append("time expressions:")
        for timex in timeline.timexes:
            mod = f" {timex.mod}" if timex.mod else ""
            if timex.anchored is not None:   # a time ago: the date it names (tagger/ago.py)
                point = timex.anchored
                mod += f" -> {point.type} {point.value}" + (f" {point.mod}" if point.mod else "")
            lines.append(f"  {timex.start:>6}-{timex.end:<6} {timex.text!r}  {timex.type} {timex.value}{mod}")
    if not timeline.events and not timeline.timexes:
        lines.append("(no dates found)")
    return "\n".join(line for line in lines if line is not None) + "\n"


_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def one_printable_line(text: str) -> str:
    """Text for a terminal: one line, and no control characters (an article could carry
    escape sequences that would otherwise reach the terminal)."""
    return " ".join(_CONTROL.sub("\ufffd", text).split())
