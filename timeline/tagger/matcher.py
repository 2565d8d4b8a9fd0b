"""Find rule matches in a text and keep a non-overlapping set of them.

Every rule is run over the whole text; where matches overlap, the longer span wins,
then the rule with the higher `priority`, then the earlier rule. A `reject` rule takes
part in this contest and, if it wins, removes the span (e.g. a number that is no year).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from timeline.tagger.patterns import Rule
from timeline.tagger.prefilter import lowered_text_is_faithful


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


def find_candidates(text: str, rules: list[Rule]) -> list[Candidate]:
    found = []
    lowered = text.lower()
    may_skip = lowered_text_is_faithful(text)   # else every rule runs (see prefilter.py)
    present: dict[str, bool] = {}   # many rules need the same words (month names): look once

    def contains(word: str) -> bool:
        if word not in present:
            present[word] = word in lowered
        return present[word]

    for order, rule in enumerate(rules):
        if may_skip and rule.required is not None and not any(contains(word) for word in rule.required):
            continue   # a word every match needs is not in the text
        for match in rule.regex.finditer(text):
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
