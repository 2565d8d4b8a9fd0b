"""Split a text into sentences with their spans, lines and roles (title, heading, byline).

Rules (the words come from the language's `events.toml` [sentences] and [blocks]):
- A line break always ends a sentence; every non-empty line is a block (a paragraph, a
  headline, a byline). Narrative time never crosses a block.
- Inside a line, a sentence ends after `.`, `!`, `?` or `…` (plus closing quotes or brackets)
  that is followed by white space and an upper-case letter, a digit or an opening quote (or a
  period glued between a small word and a capitalised one: "kritisiert.Europäische"), unless
  the word before the period is an abbreviation or matches `no_split_after` (ordinals such as
  "25." in "am 25. Februar", initials, Roman numerals), or the period lies inside a short
  quotation that closes later on the same line ("Er sagte: „Wir kommen. Wir bleiben.“").
- A line that is one piece of at most `heading_max_words` words without sentence punctuation
  is a heading (subheads, bylines, titles without a period); so is the first line of a text of
  several lines when it is one short sentence (the title). The last sentence of a paragraph
  that lacks its final stop, and a long teaser line, are sentences. A trailer at the end of a
  line (`trailer`: "© Alle Rechte vorbehalten") is cut off as a byline. Bylines, agency tags,
  datelines and URLs are recognised by pattern.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from timeline.events.cues import EventRules

_CLOSERS = "\"'“”»«’)]"
_OPENERS = "\"'„“»«‚(["
_END = re.compile(r"[.!?…]+[" + re.escape(_CLOSERS) + r"]*")
_GLUED = re.compile(r"\.(?=[A-ZÄÖÜ][a-zäöüß]{2})")
_NEXT_STARTS = re.compile(r"\s+(?=[" + re.escape(_OPENERS) + r"]*[A-ZÄÖÜ0-9])")
MAX_QUOTE = 150  # a longer quotation is split like any text: its closing mark may be missing
# bounded: a quotation mark never makes the scan read past MAX_QUOTE characters (linear time)
_Q = MAX_QUOTE - 2
_QUOTE_PAIRS = re.compile(r"„[^“”\"\n]{0,%d}[“”\"]|»[^«\n]{0,%d}«|«[^»\n]{0,%d}»|“[^”\n]{0,%d}”|\"[^\"\n]{0,%d}\""
                          % ((_Q,) * 5))
_WORD_BEFORE = re.compile(r"(\S{1,%d})$" % 64)
MAX_BYLINE = 200  # longer lines are no bylines (and the byline patterns need not read them)
MAX_WORD = 64    # the word before a period is looked for in this many characters


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    block: int            # index of the line (paragraph, headline, byline) it stands in
    heading: bool = False  # title, subheading or other line without sentence punctuation
    byline: bool = False   # byline, agency tag, photo credit, dateline


def split_sentences(text: str, rules: EventRules) -> list[Sentence]:
    """All sentences of `text` in order; `text[s.start:s.end] == s.text` (stripped of blanks)."""
    lines = [(m.start(), m.group(0)) for m in re.finditer(r"[^\n]+", text)]
    lines = [(start, line) for start, line in lines if line.strip()]
    sentences: list[Sentence] = []
    for block, (line_start, line) in enumerate(lines):
        trailer = rules.blocks.trailer.search(line, max(0, len(line) - MAX_BYLINE))
        body = line[:trailer.start()] if trailer and line[:trailer.start()].strip() else line
        spans = list(_split_line(body, rules))
        if len(body) < len(line):
            spans += list(_stripped(line, len(body), len(line)))
        title = (block == 0 and len(lines) > 1 and len(spans) == 1
                 and len(line.split()) <= rules.blocks.title_max_words)
        for n, (start, end) in enumerate(spans):
            piece = line[start:end]
            # a line without a final stop is a heading when it is one short piece; the last
            # sentence of a paragraph that lacks its stop, and a long teaser, are sentences
            heading = title or (len(spans) == 1 and not _terminated(piece)
                                and len(piece.split()) <= rules.blocks.heading_max_words)
            sentences.append(Sentence(
                start=line_start + start, end=line_start + end, text=piece, block=block,
                heading=heading,
                byline=(len(body) < len(line) and n == len(spans) - 1)
                or (len(piece) <= MAX_BYLINE and bool(rules.blocks.byline.search(piece.strip()))),
            ))
    return sentences


def _split_line(line: str, rules: EventRules):
    """Yield (start, end) of each sentence in one line, without surrounding blanks."""
    quotes = [m.span() for m in _QUOTE_PAIRS.finditer(line) if m.end() - m.start() <= MAX_QUOTE]
    quote_starts = [q[0] for q in quotes]   # sorted and disjoint (finditer)
    start = 0
    for match in _END.finditer(line):
        end = match.end()
        if not _NEXT_STARTS.match(line, end) and not _glued(line, match):
            continue
        n = bisect_right(quote_starts, end - 1) - 1
        if n >= 0 and end < quotes[n][1]:
            continue
        if match.group(0)[0] == "." and _is_abbreviation(line[max(start, match.start() - MAX_WORD):match.start()], rules):
            continue
        yield from _stripped(line, start, end)
        start = end
    yield from _stripped(line, start, len(line))


def _glued(line: str, match: re.Match) -> bool:
    """A period between a small word and a capitalised one without a blank ("wurde
    kritisiert.Europäische Agentur ..."): a sentence end whose space was lost, unless the
    period is part of an address (www, http, @, /)."""
    if match.group(0) != "." or not _GLUED.match(line, match.start()) or match.start() < 3 \
            or not line[match.start() - 3:match.start()].isalpha() or not line[match.start() - 3:match.start()].islower():
        return False
    token_start = max(line.rfind(" ", 0, match.start()), line.rfind("\t", 0, match.start())) + 1
    token_end = line.find(" ", match.end())
    token = line[token_start:token_end if token_end >= 0 else len(line)].lower()
    return not any(mark in token for mark in ("www", "http", "@", "/"))


def _terminated(line: str) -> bool:
    """Does the line end in sentence punctuation (plus closing quotes or brackets)?"""
    return line.rstrip().rstrip(_CLOSERS)[-1:] in (".", "!", "?", "…")


def _is_abbreviation(before: str, rules: EventRules) -> bool:
    word = _WORD_BEFORE.search(before)
    if not word:
        return False
    token = word.group(1).lstrip(_OPENERS)
    if not token:
        return False
    return (token + ".").lower() in rules.sentences.abbreviations or bool(
        rules.sentences.no_split_after.search(token))


def _stripped(line: str, start: int, end: int):
    piece = line[start:end]
    if not piece.strip():
        return
    left = len(piece) - len(piece.lstrip())
    right = len(piece.rstrip())
    yield start + left, start + right
