"""Find rule matches in a text and keep a non-overlapping set of them.

Every rule is run over the text (a rule with required words only over the windows around
them, windows.py, or only where a match can begin, starts.py; both find the same matches); where matches overlap, the longer span wins,
then the rule with the higher `priority`, then the earlier rule. A `reject` rule takes
part in this contest and, if it wins, removes the span (e.g. a number that is no year).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from timeline.tagger.wordsearch import words_present
from timeline.tagger.patterns import Rule
from timeline.tagger.prefilter import ASCII_DIGITS, lowered_text_is_faithful, other_digits
from timeline.tagger.starts import places, tried_at
from timeline.tagger.windows import LOWERED, scan, windows


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    rule: Rule
    match: re.Match
    order: int


def _span(match: re.Match) -> tuple[int, int]:
    if "t" in match.re.groupindex and match.start("t") >= 0:
        return match.start("t"), match.end("t")
    return match.start(), match.end()


@lru_cache(maxsize=None)
def shortest_words(words: frozenset[str]) -> tuple[str, ...]:
    """The words that contain none of the others: where a word occurs, one of these does too
    (inside it), so they suffice both to tell whether a rule can match and to place windows."""
    return tuple(sorted(w for w in words if not any(o != w and o in w for o in words)))


class _Text:
    """A text with what several rules look up in it, looked up once."""

    def __init__(self, text: str, vocabulary: frozenset[str]):
        self.text = text
        self.lowered = text.lower()
        self.may_skip = lowered_text_is_faithful(text)   # else every rule runs (see prefilter.py)
        self.same_offsets = len(self.lowered) == len(text)   # positions in `lowered` are those in `text`
        self.digits_tell = not other_digits(text)   # a `\d` matches only where 0-9 are
        self.vocabulary = vocabulary         # all the words the rules look for ...
        self.found: frozenset | None = None  # ... and those of them in the text, found at the first need
        self.longest: dict = {LOWERED: self.lowered}   # longest runs of a character class (windows.py)
        self.beginnings: dict = {}           # where matches can begin, per start finder

    def words_in(self, words: tuple[str, ...]) -> frozenset[str]:
        """The words of `words` that occur in the text (in any order: windows.py places zones
        around each, and they are merged in text order)."""
        if self.found is None:   # one pass over all the rules' words instead of a loop per rule
            self.found = words_present(self.lowered, self.vocabulary)
        return self.found.intersection(words)

    def matches(self, rule: Rule):
        """The matches of `rule.regex.finditer` over the text, found the cheapest way we know."""
        text = self.text
        if self.may_skip and rule.required is not None and (self.digits_tell or rule.required is not ASCII_DIGITS):
            words = self.words_in(shortest_words(rule.required))
            if not words:
                return ()   # a word every match needs is not in the text
            chosen = 0   # which set places the windows: the one with the fewest words in the text
            for index, more in enumerate(rule.required_too, 1):   # one of each further set is needed too
                if more is ASCII_DIGITS and not self.digits_tell:
                    continue
                found = self.words_in(shortest_words(more))
                if not found:
                    return ()
                if len(found) < len(words):
                    words, chosen = found, index
            if rule.reach is not None and self.same_offsets:
                reach = rule.reach.in_text(text, self.longest)
                before = rule.before[chosen] if chosen < len(rule.before) else None
                before = reach if before is None else min(reach, before.in_text(text, self.longest))
                zones = windows(self.lowered, words, before, reach)
                if zones is not None:
                    return scan(rule.regex, text, zones, reach)
        if rule.starts is not None:
            if rule.starts not in self.beginnings:
                self.beginnings[rule.starts] = places(rule.starts, text)
            if self.beginnings[rule.starts] is not None:
                return tried_at(rule.regex, text, self.beginnings[rule.starts])
        return rule.regex.finditer(text)


def find_candidates(text: str, rules: list[Rule]) -> list[Candidate]:
    found = []
    view = _Text(text, _vocabulary(rules))
    for order, rule in enumerate(rules):
        for match in view.matches(rule):
            start, end = _span(match)
            if end > start:
                found.append(Candidate(start, end, rule, match, order))
    return found


_VOCABULARIES: dict[int, tuple[list, frozenset]] = {}


def _vocabulary(rules: list[Rule]) -> frozenset[str]:
    """Every word the pre-checks of `rules` look for (remembered per list of rules)."""
    entry = _VOCABULARIES.get(id(rules))
    if entry is None or entry[0] is not rules:
        words = frozenset(word for rule in rules if rule.required is not None
                          for group in (rule.required, *rule.required_too) for word in shortest_words(group))
        entry = _VOCABULARIES[id(rules)] = (rules, words)
    return entry[1]


def select(candidates: list[Candidate]) -> list[Candidate]:
    """Greedy choice of non-overlapping candidates, best first; returned in text order."""
    ranked = sorted(candidates, key=lambda c: (-(c.end - c.start), -c.rule.priority, c.order, c.start))
    starts: list[int] = []
    chosen: list[Candidate] = []
    for cand in ranked:
        i = bisect.bisect_left(starts, cand.start)
        if i > 0 and chosen[i - 1].end > cand.start:
            continue
        if i < len(chosen) and chosen[i].start < cand.end:
            continue
        starts.insert(i, cand.start)
        chosen.insert(i, cand)
    return [c for c in chosen if not c.rule.reject]
