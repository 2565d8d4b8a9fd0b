"""The one title rule for an article: the title the caller gives (`--title`, "title"), else
the title of the HTML page or TimeML file, else the first line of a plain text when it
reads as a headline. Every output then falls back the same way (feeds.render.publication
`story_title`): the story's title, else its first article's, else the slug.

A first line reads as a headline when it stands alone (more text follows after a line
break), is short (at most MAX_WORDS words and MAX_CHARS characters), starts with a letter,
digit or quotation mark, and does not end like a sentence or a lead-in (".", ",", ";", ":").
A question or exclamation may be a headline. Nothing here depends on the language.
"""
from __future__ import annotations

MAX_WORDS = 16
MAX_CHARS = 140
_SENTENCE_ENDS = (".", ",", ";", ":", "…", "-", "–")
_OPENERS = "\"'„“‚‘«»"


def headline_line(text: str) -> str | None:
    """The first line of `text` when it reads as a headline (see module docstring), else None."""
    lines = [line.strip() for line in text.splitlines()]
    filled = [index for index, line in enumerate(lines) if line]
    if len(filled) < 2:
        return None  # a single line is the article itself
    first = lines[filled[0]]
    words = first.split()
    if len(words) > MAX_WORDS or len(first) > MAX_CHARS or "://" in first:
        return None
    if not (first[0].isalnum() or first[0] in _OPENERS) or first.endswith(_SENTENCE_ENDS):
        return None
    return " ".join(words)


def article_title(given: str | None, found: str | None, text: str, format: str) -> str | None:
    """The title by the one rule: `given`, else `found` (HTML, TimeML), else a plain text's
    headline line."""
    for title in (given, found):
        if title and title.strip():
            return title
    return headline_line(text) if format == "text" else None
