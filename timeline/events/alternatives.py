"""A pattern of alternatives searched as the alternation of those that can match the text.

`re` tries every alternative of a pattern at every position of a text. An alternative whose
every match holds one of some words (`required_words` and `more_required_words`, down to single
characters such as "©" or "@"; looked for in the lowered text as `cues.Cue` does) matches
nowhere in a text that lacks them. The alternation of the other alternatives, in their order,
finds the same match: at each position `re` takes the first alternative that matches there, and
the ones left out match at no position. The match has the same span; its groups are numbered
within the alternatives kept, so only its span is to be read. A pattern that refers to its
groups (back-references, conditionals) or sets flags inline for the whole pattern is searched
whole, as is a text whose lowered form `re` reads otherwise (`lowered_text_is_faithful`).
"""
from __future__ import annotations

import re

from timeline.tagger import patternstore
from timeline.tagger.matcher import shortest_words
from timeline.tagger.prefilter import latin_1_words, lowered_text_is_faithful

_REFERS_OR_SETS_FLAGS = re.compile(r"\(\?(P=|\(|[aiLmsux]+\))")   # (?P=name), (?(1)...), (?i) at an opening


_LAST_FAITHFUL: tuple = (None, True)   # (text, answer): the cues of a sentence ask about one text


def faithful(text: str) -> bool:
    """`lowered_text_is_faithful(text)`, remembered for the last text asked about."""
    global _LAST_FAITHFUL
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


class Alternatives:
    """The patterns' alternation (`regex`), searched through the alternatives a text can match."""

    __slots__ = ("regex", "parts", "needs", "flags", "_kept")

    def __init__(self, patterns, flags: int):
        patterns = [p for p in patterns if p]
        self.regex = patternstore.compile(_joined(patterns), flags) if patterns else re.compile(r"(?!x)x")
        self.flags = flags
        split = [split_alternatives(p) for p in patterns]
        self.parts = [part for parts in split for part in parts] if None not in split else patterns
        self._kept: dict[tuple[int, ...], re.Pattern] = {}
        self.needs = None   # per alternative: sets of words, one of each of which every match holds
        if len(self.parts) > 1 and None not in split and not flags & re.VERBOSE:
            needs = [_fewest([words for words in map(latin_1_words, patternstore.word_sets(p, flags)) if words])
                     for p in self.parts]
            self.needs = needs if any(needs) else None

    def search(self, text: str, pos: int = 0, lowered: str | None = None) -> re.Match | None:
        """A match with the span of `regex.search(text, pos)`'s, or None where it finds none;
        `lowered`, if given, is `text[pos:].lower()`."""
        if self.needs is None:
            return self.regex.search(text, pos)
        tail = text[pos:]   # every match lies in it (a lookbehind's words are not required words)
        lowered = tail.lower() if lowered is None else lowered
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
        if len(kept) == len(self.parts) or not faithful(tail):
            return self.regex.search(text, pos)
        if not kept:
            return None
        kept = tuple(kept)
        pattern = self._kept.get(kept)
        if pattern is None:
            pattern = self._kept[kept] = patternstore.compile(_joined(self.parts[n] for n in kept), self.flags)
        return pattern.search(text, pos)

    def __eq__(self, other) -> bool:
        return isinstance(other, Alternatives) and (self.regex, self.parts, self.needs) == \
            (other.regex, other.parts, other.needs)

    __hash__ = None
