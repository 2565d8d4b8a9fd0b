"""Characters that web text carries but a reader never sees: soft hyphens (U+00AD, set by
content systems inside long words: "Diens\u00adtag"), zero-width spaces and joiners, word
joiners and stray byte-order marks. They break every word they sit in, so the tagger and the
event finder read the text without them; the offsets of what they find are mapped back to
the text as given (a timex's `text` stays `source[start:end]`).
"""
from __future__ import annotations

import re
from dataclasses import replace

INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]+")


def visible(text: str) -> tuple[str, list[int] | None]:
    """(`text` without invisible characters, the offset in `text` of each kept character
    plus its length), or (`text`, None) when there is none (the common case: no copy)."""
    if not INVISIBLE.search(text):
        return text, None
    positions = [n for n, char in enumerate(text) if not INVISIBLE.match(char)]
    positions.append(len(text))
    return INVISIBLE.sub("", text), positions


def span_back(positions: list[int], start: int, end: int) -> tuple[int, int]:
    """A span of the visible text as a span of the text given."""
    return positions[start], (positions[end - 1] + 1) if end > start else positions[start]


def timex_back(timex, source: str, positions: list[int]):
    start, end = span_back(positions, timex.start, timex.end)
    return replace(timex, start=start, end=end, text=source[start:end])


def event_back(event, source: str, positions: list[int]):
    start, end = span_back(positions, event.start, event.end)
    timex = timex_back(event.timex, source, positions) if event.timex else None
    return replace(event, start=start, end=end, timex=timex)
