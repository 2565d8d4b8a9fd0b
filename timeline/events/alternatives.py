"""A pattern of alternatives searched through those that can match the text.

`re` tries every alternative of a pattern at every position of a text. An alternative whose
every match holds one of some words (`required_words` and `more_required_words`, down to single
characters such as "©" or "@"; looked for in the lowered text as `cues.Cue` does) matches
nowhere in a text that lacks them. The other alternatives are searched one by one, and the
match is the leftmost of theirs, of two at one place the earlier alternative's: what the
alternation finds (at each position `re` takes the first alternative that matches there, the
ones left out match at no position, and nothing follows the alternation). The match has the
same span; its groups are those of its alternative alone, so only its span is to be read. A
pattern that refers to its groups (back-references, conditionals) or sets flags inline for the
whole pattern is searched whole, as is a text whose lowered form `re` reads otherwise
(`lowered_text_is_faithful`). Each alternative is one entry of the pattern store, whatever
the texts: there is no pattern per set of alternatives kept. An alternative `re` would try at
every position runs behind a lookahead of its first characters (`patternstore.scanning`: the
same matches, most positions fail at once).
"""
from __future__ import annotations

import hashlib
import re
import sys
import unicodedata
from pathlib import Path

from timeline.tagger import patternstore
from timeline.tagger.matcher import shortest_words
from timeline.tagger.prefilter import latin_1_words, lowered_text_is_faithful, more_required_words, required_words

_REFERS_OR_SETS_FLAGS = re.compile(r"\(\?(P=|\(|[aiLmsux]+\))")   # (?P=name), (?(1)...), (?i) at an opening


_LAST_FAITHFUL: tuple = (None, True)   # (text, answer): the cues of a sentence ask about one text


def faithful(text: str) -> bool:
    """`lowered_text_is_faithful(text)`, remembered for the last text asked about; an ASCII text
    (`str` knows it without a look) holds no character beyond Latin-1: faithful."""
    global _LAST_FAITHFUL
    if text.isascii():
        return True
    last = _LAST_FAITHFUL
    if last[0] is not text:
        last = _LAST_FAITHFUL = (text, lowered_text_is_faithful(text))
    return last[1]


def split_alternatives(source: str) -> list[str] | None:
    """The alternatives at the top level of a pattern's source (`a|(b|c)|[|]` -> a, (b|c), [|]);
    None for a pattern that refers to its groups or sets flags for the whole pattern."""
    parts, depth, start, i, n = [], 0, 0, 0, len(source)
    while i < n:
        ch = source[i]
        if ch == "\\":
            if source[i + 1:i + 2] in tuple("123456789"):
                return None   # a back-reference
            i += 2
            continue
        if ch == "[":   # a class: up to its closing "]" (one right after "[" or "[^" is a member)
            i += 2 if source[i + 1:i + 2] == "^" else 1
            i += 1 if source[i:i + 1] == "]" else 0
            while i < n and source[i] != "]":
                i += 2 if source[i] == "\\" else 1
        elif ch == "(":
            if _REFERS_OR_SETS_FLAGS.match(source, i):
                return None
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(source[start:i])
            start = i + 1
        i += 1
    parts.append(source[start:])
    return parts


def _joined(parts) -> str:
    return "|".join(f"(?:{p})" for p in parts)


def _fewest(sets: list[frozenset[str]]) -> list[tuple[str, ...]]:
    """The sets that another does not imply, each down to its words that contain no other
    (`shortest_words`). A set is implied where every word of another holds one of its words
    (the "n" of "nicht"): a text with a word of the other holds one of it, so it asks nothing more.
    A single letter ("b" of "bis" after a word boundary) is in nearly every text: not looked for."""
    sets = [frozenset(words) for words in dict.fromkeys(map(shortest_words, sets))
            if not (len(words) == 1 and len(next(iter(words))) == 1 and next(iter(words)).isalpha())]
    return [tuple(sorted(words)) for n, words in enumerate(sets)
            if not any(m != n and all(any(w in t for w in words) for t in other) for m, other in enumerate(sets))]


def _lookable(words: frozenset[str]) -> frozenset[str] | None:
    """`words` if they can be looked for in lowered text: Latin-1 (`latin_1_words`), or beyond
    it only punctuation and spaces ("–"), which have no case, and which no other character
    lowers into (a test checks every character): `lower` leaves each where it stands."""
    if latin_1_words(words) is not None or all(
            unicodedata.category(c)[0] in "PZ" and c.lower() == c == c.upper() for w in words for c in w if c > "\xff"):
        return words
    return None


def _word_sets(source: str, flags: int) -> list[frozenset[str]]:
    """`required_words` and `more_required_words` down to single characters (`min_length` 1)."""
    first = required_words(source, flags, min_length=1)
    return [first, *more_required_words(source, flags, min_length=1)] if first else []


def _analysis(patterns: list[str], flags: int) -> list:
    """[the alternatives, or None where the patterns cannot be split; per alternative its word
    sets (`_fewest`), or None where no alternative needs any]"""
    split = [split_alternatives(p) for p in patterns]
    if None in split:
        return [None, None]
    parts = [part for pieces in split for part in pieces]
    if len(parts) < 2 or flags & re.VERBOSE:
        return [parts, None]
    needs = [_fewest([words for words in map(_lookable, _word_sets(p, flags)) if words]) for p in parts]
    return [parts, [[list(words) for words in sets] for sets in needs] if any(needs) else None]


# the store's entries are kept per version of prefilter.py and of the store; the analysis is
# this module's: its field is named after this module's code
_FIELD = "alternatives-" + hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]


def _analysed(patterns: list[str], flags: int) -> tuple:
    """`_analysis`, stored with the alternation's pattern (a file edited by hand: done afresh)."""
    found = patternstore.stored(_joined(patterns), flags, _FIELD, lambda: _analysis(patterns, flags))
    try:
        parts, needs = found
        if (parts is None or all(isinstance(p, str) for p in parts)) and (needs is None or (
                len(needs) == len(parts) and all(isinstance(w, str) for sets in needs for words in sets for w in words))):
            return parts, needs
    except (TypeError, ValueError):
        pass
    return tuple(_analysis(patterns, flags))


class Alternatives:
    """The patterns' alternation (`regex`), searched through the alternatives a text can match
    (for the span of its match only)."""

    __slots__ = ("regex", "parts", "needs", "flags", "_compiled")

    def __init__(self, patterns, flags: int):
        patterns = [p for p in patterns if p]
        self.regex = patternstore.compile(_joined(patterns), flags) if patterns else re.compile(r"(?!x)x")
        self.flags = flags
        parts, needs = _analysed(patterns, flags) if patterns else (None, None)
        self.parts = parts or patterns
        self._compiled: list[re.Pattern | None] = [None] * len(self.parts)   # each alternative alone
        self.needs = None if needs is None else [[tuple(words) for words in sets] for sets in needs]

    def search(self, text: str, pos: int = 0, lowered: str | None = None) -> re.Match | None:
        """A match with the span of `regex.search(text, pos)`'s, or None where it finds none;
        `lowered`, if given, is `text[pos:].lower()`."""
        if self.needs is None:
            return self.regex.search(text, pos)
        tail = text[pos:]   # every match lies in it (a lookbehind's words are not required words)
        kept = self._kept(tail.lower() if lowered is None else lowered)
        if kept is None or not faithful(tail):
            return self.regex.search(text, pos)
        return self._leftmost(kept, text, pos, sys.maxsize)

    def finditer(self, text: str, start: int = 0, end: int = sys.maxsize):
        """Matches with the spans of `regex.finditer(text, start, end)`'s: the leftmost match
        from `start`, then the leftmost from its end, and so on, as `finditer` goes on after a
        match that is not empty (at an empty one, `finditer` itself goes on from there)."""
        part = text[start:end]
        kept = None if self.needs is None else self._kept(part.lower())
        if kept is None or not faithful(part):
            yield from self.regex.finditer(text, start, end)
            return
        pos = start
        while (found := self._leftmost(kept, text, pos, end)) is not None:
            if found.end() == found.start():
                yield from self.regex.finditer(text, pos, end)
                return
            yield found
            pos = found.end()

    def _kept(self, lowered: str) -> list[int] | None:
        """The alternatives whose words `lowered` holds (None: all of them)."""
        kept = []
        for n, sets in enumerate(self.needs):   # (plain loops: no generator per alternative)
            for words in sets:
                for word in words:
                    if word in lowered:
                        break
                else:
                    break   # no word of this set: the alternative cannot match
            else:
                kept.append(n)
        return None if len(kept) == len(self.parts) else kept

    def _leftmost(self, kept: list[int], text: str, pos: int, end: int) -> re.Match | None:
        best = None   # the leftmost match; of matches at one place, the first alternative's
        for n in kept:
            pattern = self._compiled[n]
            if pattern is None:
                pattern = self._compiled[n] = patternstore.scanning(self.parts[n], self.flags)
            found = pattern.search(text, pos, end)
            if found is not None and (best is None or found.start() < best.start()):
                best = found
                if best.start() == pos:
                    break   # no alternative after it can begin further left
        return best

    def __eq__(self, other) -> bool:
        return isinstance(other, Alternatives) and (self.regex, self.parts, self.needs) == \
            (other.regex, other.parts, other.needs)

    __hash__ = None
