"""What pasted text carries that a reader never sees: invisible characters and a hard wrap.

Invisible characters: soft hyphens (U+00AD, set by
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


# --- hard-wrapped text ------------------------------------------------------------------
# Text pasted from an e-mail, a newsletter or a PDF often breaks its paragraphs into lines of
# a fixed width. Every line break ends a sentence (timeline/events/sentences.py), so in such a
# text the line breaks inside a paragraph are read as blanks (same length: offsets hold).
WRAP_MAX = 100      # a wrapped text has no line longer than this
WRAP_LINE = 35      # a line this long that ends without a stop was broken by the wrap
WRAP_SHARE = 0.3    # at least this share of a paragraph's inner breaks look wrapped
WRAP_MIN = 2        # and at least this many
_STOP_END = re.compile(r"[.!?:;…\"“”»«)\]]\s*$")
_ITEM = re.compile(r"\s*([•·▪▸►‣◦●○■□➤→*]|[-–—]\s)")


def unwrapped(text: str) -> str:
    """`text` with the line breaks inside its wrapped paragraphs turned into blanks, or `text`
    itself when it is not hard-wrapped (see WRAP_*)."""
    if "\n" not in text:
        return text
    lines = text.split("\n")
    if max(len(line) for line in lines) > WRAP_MAX:
        return text
    inner = [n for n in range(len(lines) - 1) if lines[n].strip() and lines[n + 1].strip()
             and not _ITEM.match(lines[n + 1])]
    soft = [n for n in inner if len(lines[n].rstrip()) >= WRAP_LINE and not _STOP_END.search(lines[n])]
    if len(soft) < WRAP_MIN or len(soft) < WRAP_SHARE * len(inner) \
            or not any(lines[n + 1].lstrip()[:1].islower() for n in soft):
        return text   # a list of long lines starts each with a capital; a wrap breaks anywhere
    width = max(len(lines[n].rstrip()) for n in soft)
    joined = set(n for n in inner if len(lines[n].rstrip()) >= min(WRAP_LINE, width - 25))
    chars, position = list(text), 0
    for n, line in enumerate(lines[:-1]):
        position += len(line)
        if n in joined:
            chars[position] = " "
            if line.endswith("\r"):
                chars[position - 1] = " "
        position += 1
    return "".join(chars)
