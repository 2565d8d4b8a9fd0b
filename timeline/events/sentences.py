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
  is a heading (subheads, titles without a period) when a line of the story (one that ends a
  sentence) follows it; so is the first line of a text of several lines when it is one short
  sentence (the title). Real web text often drops the last stop: the one stopless line after
  the story's last sentence is its last sentence, and in a text that ends no sentence at all
  every line but the title is one; several stopless lines after the story are a box (a book's
  data, link titles) and stay headings. A long teaser line is a sentence. A list item
  (`bullet`: "• ...", "- ...") is a sentence without its marker, never a heading.
- A trailer at the end of a line (`trailer`: "© Alle Rechte vorbehalten", "(dpa)", a URL, a
  photo credit) is cut off as a byline. Bylines, agency tags, datelines, URLs, teasers of other
  articles and site boilerplate are recognised by pattern (`byline_patterns`); the stopless
  lines after a related-links marker (`links_marker`: "Mehr zum Thema") are its links.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from timeline.events.cues import EventRules

_CLOSERS = "\"'“”»«’)]"
_OPENERS = "\"'„“»«‚(["
# "[.!?…][.!?…]*" is "[.!?…]+" (the same matches) in a form `re` scans for its first character
# (a pattern that begins with a class gets a fast scan; one that begins with a repeat does not)
_END = re.compile(r"[.!?…][.!?…]*[" + re.escape(_CLOSERS) + r"]*")
_GLUED = re.compile(r"\.(?=[A-ZÄÖÜ][a-zäöüß]{2})")
_NEXT_STARTS = re.compile(r"\s+(?=[" + re.escape(_OPENERS) + r"]*[A-ZÄÖÜ0-9])")
MAX_QUOTE = 150  # a longer quotation is split like any text: its closing mark may be missing
# bounded: a quotation mark never makes the scan read past MAX_QUOTE characters (linear time)
_Q = MAX_QUOTE - 2
_QUOTE_PAIRS = re.compile(r"„[^“”\"\n]{0,%d}[“”\"]|»[^«\n]{0,%d}«|«[^»\n]{0,%d}»|“[^”\n]{0,%d}”|\"[^\"\n]{0,%d}\""
                          % ((_Q,) * 5))
_WORD_BEFORE = re.compile(r"(\S{1,%d})$" % 64)   # the word before a period (`word_before` finds it)
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
    lines = [(m.start(), m.group(0)) for m in re.finditer(r"[^\n\r\u2028\u2029]+", text)]   # LF, CR, CRLF, U+2028
    lines = [(start, line) for start, line in lines if line.strip()]
    blocks = [_Line(line, rules) for _, line in lines]
    _mark_links(blocks, rules)
    # a heading introduces text: a line after which no line of the story ends a sentence
    # (the end of an article whose stop is missing, a list of short lines) is no heading
    story_follows, later = [], False
    for block in reversed(blocks):
        story_follows.append(later)
        later = later or block.story
    story_follows.reverse()
    # the lines after the story's last sentence: one is its last paragraph lacking the stop;
    # several are a box (a book's data, link titles) and stay headings, as in a text that
    # ends a sentence nowhere every line is part of the story
    tail = [info for info, follows in zip(blocks, story_follows)
            if not follows and not info.story and info.single and not all(info.bylines)]
    box = later and len(tail) > 1
    sentences: list[Sentence] = []
    for block, ((line_start, line), info) in enumerate(zip(lines, blocks)):
        spans = info.spans
        title = (block == 0 and len(lines) > 1 and len(spans) == 1 and not info.item
                 and len(line.split()) <= rules.blocks.title_max_words)
        for n, (start, end) in enumerate(spans):
            piece = line[start:end]
            # a line without a final stop is a heading when it is one short piece that text
            # follows; the last sentence of a paragraph that lacks its stop, a long teaser and
            # a list item are sentences
            heading = title or (len(spans) == 1 and not info.item and (story_follows[block] or box)
                                and not _terminated(piece)
                                and len(piece.split()) <= rules.blocks.heading_max_words)
            sentences.append(Sentence(
                start=line_start + start, end=line_start + end, text=piece, block=block,
                heading=heading, byline=info.bylines[n]))
    return sentences


class _Line:
    """One line's sentence spans (a list item's marker and a trailer cut off) and which of
    them are bylines; `story` when a sentence of the story ends in it."""

    def __init__(self, line: str, rules: EventRules):
        marker = rules.blocks.bullet.match(line)
        # an item ending in a colon leads in to what follows, like a heading
        self.item = bool(marker and line[marker.end():].strip()) and not line.rstrip().endswith(":")
        offset = marker.end() if self.item else 0
        trailer = rules.blocks.trailer.search(line, max(offset, len(line) - MAX_BYLINE))
        cut = trailer.start() if trailer and line[offset:trailer.start()].strip() else len(line)
        self.spans = [(offset + a, offset + b) for a, b in _split_line(line[offset:cut], rules)]
        byline, anywhere = rules.blocks.byline, rules.blocks.byline.may_match_anywhere(line)
        self.bylines = [b - a <= MAX_BYLINE and bool(byline.search(line[a:b], anywhere)) for a, b in self.spans]
        if cut < len(line):
            self.spans += list(_stripped(line, cut, len(line)))
            self.bylines.append(True)
        self.single = len(self.spans) == 1 and not _terminated(line[self.spans[0][0]:self.spans[0][1]])
        self.marker = len(self.spans) == 1 and bool(rules.blocks.links_marker.search(line.strip()))
        self.story = self.item or any(not byline and _terminated(line[a:b])
                         for (a, b), byline in zip(self.spans, self.bylines))


def _mark_links(blocks: list[_Line], rules: EventRules) -> None:
    """The lines without a final stop after a related-links marker are the links' titles."""
    links = False
    for block in blocks:
        if block.marker:
            links = True
        elif links and block.single:
            block.bylines = [True]
        else:
            links = False


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


def word_before(before: str) -> str | None:
    """`_WORD_BEFORE.search(before).group(1)`, or None where it finds none, without the regex
    (which tries every position): the run of non-blanks that ends the text, or ends it before
    a final line feed (`$`), at most 64 characters long. `str.split` and `\\s` take the same
    characters for blanks (`str.isspace`)."""
    body = before[:-1] if before.endswith("\n") else before
    if not body or body[-1].isspace():
        return None
    return body.split()[-1][-64:]


def _is_abbreviation(before: str, rules: EventRules) -> bool:
    word = word_before(before)
    if not word:
        return False
    token = word.lstrip(_OPENERS)
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
