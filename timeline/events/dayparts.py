"""The day a bare part of a day belongs to ("Am Abend ..." after a sentence naming two days).

A sentence that opens with a part of a day alone ("Am Abend habe ich Zeit ...") goes on with
the day the text is at. The tagger counts it from the last day named before it; where that
day was named in a clause of reason of the sentence before ("Am Donnerstag fliege ich nach
Stuttgart, denn morgen beginnt der Parteitag."), the text is still at that sentence's first
day: the evening is Thursday's, not Friday's. Cues: `bare_day_part`, `reason_clause`.
"""
from __future__ import annotations

from datetime import date

from timeline.dates.intervals import interval
from timeline.events.anchoring import Anchor, clause_before


def day_of_the_text(anchor: Anchor, sentence_start: int, before, prior: list[Anchor],
                    published: date, rules) -> Anchor:
    """`anchor` (an own time of a sentence at `sentence_start`), moved to the first day of the
    sentence `before` (its dated anchors: `prior`, in text order) where the rule above applies."""
    timex = anchor.timex
    if timex is None or len(prior) < 2 or timex.start - sentence_start > 4 \
            or not rules.cues.bare_day_part.search(timex.text):
        return anchor
    days = [(a.span.earliest or "")[:10] for a in prior]
    mine = (anchor.span.earliest or "")[:10]
    if not days[0] or not mine or mine == days[0] or mine not in days[1:] or timex.value[:10] != mine:
        return anchor
    later = prior[days.index(mine, 1)].timex
    clause = clause_before(before.text, later.start - before.start)
    if clause is None or not rules.cues.reason_clause.search(clause):
        return anchor
    value = days[0] + timex.value[10:]
    span = interval(value, published, timex.mod)
    return Anchor(timex, span, value) if span.known else anchor
