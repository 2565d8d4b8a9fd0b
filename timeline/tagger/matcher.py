"""Find rule matches in a text and keep a non-overlapping set of them.

Every rule is run over the text (a rule with required words only over the windows around
them, windows.py, which finds the same matches); where matches overlap, the longer span wins,
then the rule with the higher `priority`, then the earlier rule. A `reject` rule takes
part in this contest and, if it wins, removes the span (e.g. a number that is no year).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from timeline.tagger.patterns import Rule
from timeline.tagger.prefilter import lowered_text_is_faithful
from timeline.tagger.windows import scan, windows


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


def find_candidates(text: str, rules: list[Rule]) -> list[Candidate]:
    found = []
    lowered = text.lower()
    may_skip = lowered_text_is_faithful(text)   # else every rule runs (see prefilter.py)
    same_offsets = len(lowered) == len(text)    # positions in `lowered` are those in `text`
    present: dict[str, bool] = {}   # many rules need the same words (month names): look once
    longest: dict = {}              # longest runs of a character class, shared by the rules

    def found_words(words: tuple[str, ...]) -> list[str]:
        out = []
        for word in words:
            hit = present.get(word)
            if hit is None:
                hit = present[word] = word in lowered
            if hit:
                out.append(word)
        return out

    for order, rule in enumerate(rules):
        matches = None
        if may_skip and rule.required is not None:
            words = found_words(shortest_words(rule.required))
            if not words:
                continue   # a word every match needs is not in the text
            if rule.reach is not None and same_offsets:
                reach = rule.reach.in_text(text, longest)
                zones = windows(lowered, words, reach)
                if zones is not None:
                    matches = scan(rule.regex, text, zones, reach)
        for match in matches if matches is not None else rule.regex.finditer(text):
            start, end = _span(match)
            if end > start:
                found.append(Candidate(start, end, rule, match, order))
    return found


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
