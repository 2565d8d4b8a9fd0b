"""Does a sentence report something past, and in which tense? Found without a POS tagger.

Marks, all from the language's `events.toml` [tense]:
- "preterite": a strong or irregular preterite ("übergab", "traten", "wurde") with prefixes and
  endings, or a weak preterite ending ("-te", "-ten") on a lower-case word that is not on the
  not-past list, not an adjective pattern, not a present form of a verb whose stem ends in t
  ("halten", "erwarten"), and not right after an article or preposition ("die geplante");
- "perfect": a perfect auxiliary with a participle in the same clause ("hat ... geschlossen";
  with "sein" only a ge-participle: "ist zurückgetreten", while "ist bedroht" is a state);
- "pluperfect": the same with a past auxiliary ("hatte ... geschlossen").
The first word of a sentence counts only as a bare stem ("Kam", not "Bestand"): capitalised
words are nouns everywhere else.

The preterite is the tense a German report narrates in; the perfect sums up and the
pluperfect steps back in time, so only the preterite continues a narrative (see events.py).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from timeline.event_rules import EventRules

WORD = re.compile(r"\w+")
PRETERITE, PERFECT, PLUPERFECT = "preterite", "perfect", "pluperfect"


@dataclass(frozen=True)
class TenseMark:
    start: int
    end: int
    kind: str


def tense_marks(text: str, rules: EventRules) -> list[TenseMark]:
    """The past-tense marks of `text` (spans into it), in text order."""
    marks: list[TenseMark] = []
    for clause_start, clause in _clauses(text, rules):
        for start, end, kind in _perfect(clause, rules):
            marks.append(TenseMark(clause_start + start, clause_start + end, kind))
    taken = {(m.start, m.end) for m in marks}
    words = list(WORD.finditer(text))
    for i, match in enumerate(words):
        previous = words[i - 1].group(0).lower() if i else ""
        if match.span() not in taken and _is_preterite(match.group(0), previous, i == 0, rules):
            marks.append(TenseMark(match.start(), match.end(), PRETERITE))
    return sorted(marks, key=lambda m: m.start)


def past_markers(text: str, rules: EventRules) -> list[tuple[int, int]]:
    """Spans of all past-tense marks, in text order."""
    return [(m.start, m.end) for m in tense_marks(text, rules)]


def is_past(text: str, rules: EventRules) -> bool:
    return bool(tense_marks(text, rules))


def _is_preterite(word: str, previous: str, first: bool, rules: EventRules) -> bool:
    tense = rules.tense
    lower = word.lower()
    if lower in tense.not_past:
        return False
    if lower in tense.past_forms:
        return True
    if not word[0].islower():
        # capitalised: a noun, unless it is the first word and a bare stem ("Kam", not "Bestand")
        return first and bool(tense.bare_past_stem.match(lower))
    if tense.past_stem.match(lower):
        return True
    return (len(lower) >= 5 and bool(tense.weak_past_ending.search(lower))
            and not tense.not_past_pattern.search(lower)
            and not tense.t_stem_present.match(lower)
            and previous not in tense.no_verb_after)


def _clauses(text: str, rules: EventRules):
    start = 0
    for match in rules.clauses.separators.finditer(text):
        yield start, text[start:match.start()]
        start = match.end()
    yield start, text[start:]


def _perfect(clause: str, rules: EventRules) -> list[tuple[int, int, str]]:
    """(start, end, kind) of auxiliary and participle when the clause is a (plu)perfect."""
    tense = rules.tense
    words = list(WORD.finditer(clause))
    lowered = [m.group(0).lower() for m in words]
    groups = [  # (auxiliaries, only ge-participles, kind)
        (tense.pluperfect_auxiliaries, False, PLUPERFECT),
        (tense.pluperfect_auxiliaries_ge_only, True, PLUPERFECT),
        (tense.perfect_auxiliaries, False, PERFECT),
        (tense.perfect_auxiliaries_ge_only, True, PERFECT),
    ]
    present = [(next(m for m, w in zip(words, lowered) if w in auxiliaries), ge_only, kind)
               for auxiliaries, ge_only, kind in groups if auxiliaries & set(lowered)]
    if not present:
        return []
    for i, match in enumerate(words):
        word, lower = match.group(0), lowered[i]
        if not word[0].islower() or lower in tense.not_participles or not tense.participle.search(lower):
            continue
        previous = lowered[i - 1] if i else ""
        following = lowered[i + 1] if i + 1 < len(words) else ""
        if previous in tense.no_verb_after or following in tense.passive_after_participle:
            continue
        for auxiliary, ge_only, kind in present:
            if auxiliary is not match and (not ge_only or tense.ge_participle.search(lower)):
                return [(*auxiliary.span(), kind), (*match.span(), kind)]
    return []
