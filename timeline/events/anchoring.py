"""How one sentence relates to time: the reading that decides what kind of event it is.

`read_sentence` looks at a sentence, the time expressions inside it and the language's cues,
and returns a `Reading`. The first rule that applies wins:

1. headings, bylines and questions            -> "skip"    (no event; ends the narrative);
   a condition ("Gibt es Streit, klären sie ..."), a plan given up ("Eigentlich wollte er bis
   Mai ...") or a bare time ("Bis vergangene Woche.")
                                              -> "none"
2. an open cue ("Wann ..., ist offen")        -> "open"    (announced, date unknown; an own
                                                 time after publication bounds it)
3. own dates or times (DATE/TIME timexes with a place on the calendar, not after "seit")
                                              -> "dated"   (one anchor per distinct time)
4. a state up to now ("bis zur Stunde nicht", "laufen weiter") -> "ongoing", before own dates
   ("bis gestern gab es keinen Hinweis" is no event of yesterday);
   "vor drei Jahren", "liegt drei Wochen zurück" (a time ago) is an own date (the year three years before);
   a time after "seit", "derzeit" (not "jetzt": cue ongoing_present_timex) in a sentence not in the past, or an
   ongoing cue ("nach wie vor")               -> "ongoing" (a state up to publication)
5. a general statement (cue or SET timex)     -> "skip"
6. a past sentence with a duration of how long something took ("habe sich gut zwei
   Monate Zeit gelassen")                     -> "elapsed" (dated at its start: the duration
                                                 before the reference time; see events.py)
7. FUTURE_REF ("künftig"), or an announcement without a date ("soll ausgebaut werden",
   "hat Berufung angekündigt", "Geplant ist ...") -> "open"
8. direct speech („...“, sagte er)            -> "report"  (vague: said by publication)
9. past tense                                 -> "past"    (narrative time or vague;
                                                 "damals", or "jetzt" in the past: vague)
10. a present-tense reporting verb ("sagt")   -> "report"  (vague: said by publication)
11. a verbless stage of a journey ("Von Plymouth nach Fuerteventura.") -> "fragment"
                                                 (continues a narrative running in its
                                                 paragraph; else no event)
12. anything else (description, opinion)      -> "none"    (no event; ends the narrative)

`said` marks a statement reported in the preterite ("Peskow sagte, ..."): in news it was made
on the publication day or the day before (see events.py).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from timeline.events.cues import EventRules
from timeline.dates.intervals import Interval, interval, span_back_from
from timeline.dates.vocabulary import granularity_rank
from timeline.model import Timex
from timeline.tagger.tense import PRETERITE, tense_marks
from timeline.events.sentences import Sentence

REFERENCES = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")
POINT_TYPES = ("DATE", "TIME")
CUE_WINDOW = 80       # characters around a time expression its cues are looked for in
CLAUSE_WINDOW = 160   # characters back a clause's opening comma is looked for in
MAX_TIMES = 6         # distinct times one sentence is read for (bounds the work per sentence)
BARE_TIME_CHARS = 60  # a sentence that is only a time is at most this long


@dataclass(frozen=True)
class Anchor:
    timex: Timex | None
    span: Interval
    value: str | None


@dataclass(frozen=True)
class Reading:
    kind: str                      # skip | none | open | dated | ongoing | past | report
    anchors: tuple[Anchor, ...] = ()
    past: bool = False
    narrates: bool = False                 # in the preterite: can continue a narrative
    focus: tuple[int, int] | None = None   # span in the sentence that the headline keeps
    vague: Anchor | None = None            # a vague time of its own (PAST_REF, XXXX-11)
    said: bool = False                     # a statement reported in the preterite
    tenses: frozenset = frozenset()        # kinds of the sentence's tense marks
    until: Anchor | None = None            # the end of a range after the anchors: a narrative goes on from it


SKIP, NONE = Reading("skip"), Reading("none")   # frozen: one instance serves every such sentence


def read_sentence(sentence: Sentence, timexes: list[Timex], text: str, published: date,
                  rules: EventRules) -> Reading:
    """The reading of `sentence`; `timexes` are those inside it (offsets into `text`)."""
    cues = rules.cues
    words = sentence.text
    lowered = words.lower()   # for the cues' pre-checks
    if sentence.heading or sentence.byline or cues.question.search(words, lowered):
        return SKIP
    if cues.condition.search(words, lowered) or cues.abandoned_plan.search(words, lowered) or (timexes and len(words) <= BARE_TIME_CHARS and cues.bare_time.search(
            _without_times(words, timexes, sentence))):
        # "Gibt es Streit, klären sie das am Abend": a condition; "Bis vergangene Woche.":
        # the end of the sentence before
        return NONE
    marks = tense_marks(words, rules.tense, text, sentence.start)   # words from the text's view
    # "Das teilte sie gestern mit": the cue knows the preterite that an article before it hides
    past = bool(marks) or bool(cues.refers_back.search(words, lowered))
    tenses = frozenset(m.kind for m in marks)
    marker_focus = (marks[0].start, marks[0].end) if marks else None
    opened = cues.open.search(words, lowered)
    ongoing, dated, vague = [], [], None
    ago = False   # a time ago dates something past, whatever the verb's tense
    until = False  # "läuft bis zum Ende des Jahres", "bis heute": a state that holds now
    for timex in timexes:
        before = text[max(sentence.start, timex.start - CUE_WINDOW):timex.start]
        low = before.lower()   # lowered once for the cues' pre-checks
        if cues.attribute_timex.search(timex.text) or _participle_attribute(timex, before, text, sentence, cues) \
                or cues.apposition_before_timex.search(before, low) or cues.comparison_before_timex.search(before, low):
            # "die heutigen Machthaber", "des im Jahr 578 verstorbenen Abtes", "Anna Muster,
            # geboren 1950, ...": an attribute of a noun, no time of the sentence (see
            # `attribute_events`); nor is a comparison ("wie am Freitag")
            continue
        at = timex.start - sentence.start
        if cues.lasts_until_before_timex.search(before, low) or (
                _on_day(timex, published) and cues.until_before_timex.search(before, low)):
            # "..., die bis heute auf Antwort wartet, ...": the state of a side clause does not
            # make the sentence a state
            until = until or not _in_side_clause(words, at, cues, relative=True)
        elif (timex.value == "PRESENT_REF" and not past and cues.ongoing_present_timex.search(timex.text)) \
                and _begins_by(timex, published):
            if not _in_side_clause(words, at, cues, relative=True):
                ongoing.append(timex)
        elif (cues.ongoing_before_timex.search(before, low) or cues.ongoing_in_timex.search(timex.text)
                or (timex.type == "DURATION" and not past and cues.whole_span_timex.search(timex.text))) \
                and _begins_by(timex, published):
            # "Der Rat, in dem Russland seit 1996 sitzt, warnte": the same
            if not _state_of_side_clause(words, at, cues):
                ongoing.append(timex)
        elif timex.type == "DURATION" and timex.anchored is not None:
            # "vor drei Jahren", "liegt drei Wochen zurück": the time ago the tagger anchored
            # the duration to (timeline/tagger/ago.py), the period of its unit that far back
            value = timex.anchored.value
            dated.append(Anchor(timex, interval(value, published), value))
            ago = True
        elif timex.type == "DURATION" and not past and cues.these_days_timex.search(timex.text):
            # "In diesen Tagen stehen die Verhandlungen an": around publication, its week
            value = "%04d-W%02d" % published.isocalendar()[:2]
            dated.append(Anchor(timex, interval(value, published), value))
        elif timex.type in POINT_TYPES and timex.value not in REFERENCES:
            span = interval(timex.value, published, timex.mod)
            if span.known:
                dated.append(Anchor(timex, span, timex.value))
            elif span.granularity and vague is None:
                vague = Anchor(timex, span, timex.value)
        elif timex.value in ("PAST_REF", "PRESENT_REF") and vague is None:
            # "damals"; "jetzt" in a past sentence means "recently", not a state
            vague = Anchor(timex, Interval(None, published.isoformat(), None), timex.value)

    if opened:
        return Reading("open", anchors=_open_anchors(timexes, dated, published), past=past)
    up_to_now = cues.up_to_now.search(words, lowered)
    if up_to_now and not _in_side_clause(words, up_to_now.start(), cues, relative=True):
        # "bis gestern gab es noch keinen Hinweis": a state up to now, not an event of yesterday
        return Reading("ongoing", anchors=(Anchor(None, Interval(None, published.isoformat(), None), None),),
                       past=past, focus=marker_focus)
    if dated:
        corrected = _corrected(dated, text, cues)
        anchors = tuple(_distinct_times(_without_reported(
            _without_bare_day_parts([a for a in corrected if not _range_end(a, corrected, text, cues)], cues, published),
            sentence, rules)))
        # the narrative goes on after a range's end ("vom 5. bis 17. Dezember ... Danach ...")
        ends = [a for a in corrected if _range_end(a, corrected, text, cues) and a.timex.start > anchors[-1].timex.start]
        return Reading("dated", anchors=anchors, past=past or ago, focus=_local_timex(anchors[0].timex, sentence),
                       tenses=tenses, said=_dated_saying(words, anchors, sentence, rules)
                       or bool(rules.reports.no_comment.search(words, lowered)), until=ends[-1] if ends else None)
    if until and not past:
        return Reading("ongoing", anchors=(Anchor(None, Interval(None, published.isoformat(), None), None),),
                       focus=marker_focus)
    still = cues.ongoing.search(words, lowered)
    if still and _in_side_clause(words, still.start(), cues, relative=True):
        # "..., die bis heute wartet, lässt mir keine Ruhe": the state of a side clause
        still = None
    if ongoing or still:
        anchor = _ongoing_anchor(ongoing[0], published) if ongoing else \
            Anchor(None, Interval(None, published.isoformat(), None), None)
        focus = _local_timex(anchor.timex, sentence) if anchor.timex else marker_focus
        return Reading("ongoing", anchors=(anchor,), past=past, focus=focus)
    if cues.general.search(words, lowered) or any(t.type == "SET" for t in timexes):
        return SKIP
    elapsed = next((t for t in timexes if past and t.type == "DURATION"
                    and cues.elapsed_after_timex.search(text[t.end:min(sentence.end, t.end + CUE_WINDOW)])), None)
    if elapsed is not None:
        return Reading("elapsed", anchors=(Anchor(elapsed, Interval(None, None, None), elapsed.value),),
                       past=True, narrates=_narrates(words, marks, cues), focus=_local_timex(elapsed, sentence))
    future = [a for a in _open_anchors(timexes, [], published)
              if not _in_side_clause(words, a.timex.start - sentence.start, cues)]   # "..., ob wir künftig ..."
    if future:
        return Reading("open", anchors=tuple(future), past=past, focus=_local_timex(future[0].timex, sentence),
                       said=_reported(words, lowered, rules))
    announced = cues.announced.search(words, lowered)
    # not a plan of a side clause ("..., was man tun soll", "..., wenn ich es hinnehmen soll")
    if announced and not cues.not_announced.search(words, lowered) \
            and not _in_side_clause(words, announced.start(), cues) and not _relative_plan(words, announced, cues):
        # a plan inside a quotation ("..., heißt es, »sollen die Staaten ...«") is a statement
        return Reading("open", anchors=(Anchor(None, Interval(published.isoformat(), None, None), None),),
                       past=past, focus=announced.span(),
                       said=_reported(words, lowered, rules) or _quoted_at(words, announced.start()))
    if cues.direct_speech.search(words, lowered):
        return Reading("report", focus=marker_focus, vague=vague, said=_said(words, lowered, rules))
    if past:
        return Reading("past", past=True, narrates=_narrates(words, marks, cues), focus=marker_focus, vague=vague,
                       said=_said(words, lowered, rules), tenses=tenses)
    report = cues.reporting.search(words, lowered)
    if report:
        return Reading("report", focus=report.span(), vague=vague)
    if cues.fragment.search(words, lowered):
        return Reading("fragment")
    return NONE


def _narrates(words: str, marks, cues) -> bool:
    """Does a preterite of the sentence narrate? One only in side or relative clauses ("versucht
    herauszufinden, woher die Drogen stammten", "An Bord waren zwei Männer, die Gemüse
    transportierten") does not: the sentence's own verb is another tense; nor does one that
    describes a state ("An Bord waren zwei Männer"). Asked only by the readings that keep it."""
    return any(m.kind == PRETERITE and not _in_side_clause(words, m.start, cues, relative=True)
               and not cues.stative_preterite.search(words[m.start:m.end].lower()) for m in marks)


def _reported(words: str, lowered: str, rules: EventRules) -> bool:
    """A plan reported as someone's view ("..., so der Sprecher") is a statement; asked only
    by the readings that keep it."""
    return bool(rules.reports.reported_tail.search(words, lowered))


_CLOSING_QUOTES = "“”«»\""
_CLAUSE_END = re.compile(r"[,;:.!?]")


def _dated_saying(words: str, anchors, sentence: Sentence, rules: EventRules) -> bool:
    """Is the sentence a quotation whose times all lie in the clause that reports it
    ("„Wir sagen nichts“, erklärte gestern der Sprecher")? Then it dates a statement, not
    an event."""
    if not rules.cues.direct_speech.search(words):
        return False
    end = max(words.rfind(q) for q in _CLOSING_QUOTES) + 1
    start = end + len(words[end:]) - len(words[end:].lstrip(" ,"))
    stop = _CLAUSE_END.search(words, start)
    stop = stop.start() if stop else len(words)
    if end <= 1 or not rules.reports.quoted_by.search(words[end:stop]):
        return False
    return all(start <= a.timex.start - sentence.start and a.timex.end - sentence.start <= stop for a in anchors)


def _without_times(words: str, timexes: list[Timex], sentence: Sentence) -> str:
    """The sentence with its time expressions cut out."""
    parts, at = [], 0
    for timex in timexes:
        start, end = timex.start - sentence.start, timex.end - sentence.start
        parts.append(words[at:max(at, start)])
        at = max(at, end)
    parts.append(words[at:])
    return " ".join(parts)


def _quoted_at(words: str, at: int) -> bool:
    """Is `words[at]` inside a quotation opened earlier in the sentence („...“, »...«, "...")?"""
    before = words[:at]
    opened = max(before.rfind("„"), before.rfind("»"))
    closed = max(before.rfind("“"), before.rfind("”"), before.rfind("«"))
    return opened > closed or before.count('"') % 2 == 1


def _participle_attribute(timex: Timex, before: str, text: str, sentence: Sentence, cues) -> bool:
    """An article before the time and a participle after it ("des im Jahr 578 verstorbenen");
    the cheaper cue after it is asked first (either order gives the same answer)."""
    return bool(cues.participle_after_timex.search(text[timex.end:min(sentence.end, timex.end + CUE_WINDOW)])) \
        and bool(cues.article_before_timex.search(before))


def attribute_events(sentence: Sentence, timexes: list[Timex], text: str, published: date,
                     rules: EventRules) -> list[Anchor]:
    """The times of attributes that name a happening going on ("die im Dezember tagende
    Konferenz", cue happening_attribute) or a birth or death in an apposition ("Anna Muster,
    geboren 1950, ...", cue life_apposition_before_timex): each dates an event of its own,
    besides the sentence's main event, and sets no narrative. A past attribute ("des 578 verstorbenen
    Abtes") is background."""
    found = []
    cues = rules.cues
    for timex in timexes:
        if timex.type not in POINT_TYPES or timex.value in REFERENCES:
            continue
        before = text[max(sentence.start, timex.start - CUE_WINDOW):timex.start]
        if cues.life_apposition_before_timex.search(before) or (   # the cheap cue first
                cues.happening_attribute.search(text[timex.end:min(sentence.end, timex.end + CUE_WINDOW)])
                and _participle_attribute(timex, before, text, sentence, cues)):
            span = interval(timex.value, published, timex.mod)
            if span.known and len(found) < MAX_TIMES:
                found.append(Anchor(timex, span, timex.value))
    return found


def clause_before(words: str, at: int) -> str | None:
    """The text from the last comma before `at` (bounded: a long sentence stays linear)."""
    start = max(0, at - CLAUSE_WINDOW)
    comma = max(words.rfind(",", start, at), words.rfind(";", start, at))
    return words[comma + 1:at] if comma >= 0 else None


def _in_side_clause(words: str, at: int, cues, relative: bool = False) -> bool:
    """Is the word at `at` in a clause opened by a subordinator (or, with `relative`, a
    relative pronoun) after a comma?"""
    clause = clause_before(words, at)
    return clause is not None and bool(cues.side_clause.search(clause) or (
        relative and cues.relative_pronoun.search(clause)))


def _relative_plan(words: str, announced, cues) -> bool:
    """Is the plan word the last word of a relative clause ("Frontex, die Schlepper stoppen
    soll, ...")? That plan is an attribute of a noun, not the sentence's announcement."""
    if " " in announced.group(0).strip() or not cues.clause_end_after.search(words[announced.end():]):
        return False
    clause = clause_before(words, announced.start())
    return clause is not None and bool(cues.relative_pronoun.search(clause))


def _state_of_side_clause(words: str, at: int, cues) -> bool:
    """Is the "seit" time at `at` inside a relative clause (", in dem Russland seit 1996 ...")?"""
    clause = clause_before(words, at)
    return clause is not None and bool(cues.relative_clause.search(clause))


SAYING_REACH = 30    # characters on each side of a verb of saying its "when" words are looked for in


def _said(words: str, lowered: str, rules: EventRules) -> bool:
    """Is the sentence a statement reported in the preterite, and lately ("Peskow sagte")?
    "sagte immer", "erklärte bereits" make it habitual or earlier; such a word counts next to
    the verb of saying, in its clause, not anywhere in what was said ("„... immer stärker
    ...“, meinte der Pfarrer" was said lately)."""
    said = rules.reports.said.search(words, lowered)
    if not said:
        return bool(rules.reports.no_comment.search(words, lowered))
    start = max(0, said.start() - SAYING_REACH)
    end = min(len(words), said.end() + SAYING_REACH)
    before = re.split(r"[,;:„“”\"»«]", words[start:said.start()])[-1]
    after = re.split(r"[,;:„“”\"»«]", words[said.end():end])[0]
    return not rules.reports.not_recent.search(before + words[said.start():said.end()] + after)


def _open_anchors(timexes: list[Timex], dated: list[Anchor], published: date) -> tuple[Anchor, ...]:
    """An open event starts at publication; an own time that reaches past publication
    ("noch in diesem Jahr") bounds it."""
    day = published.isoformat()
    for anchor in dated:
        span = anchor.span
        if span.latest is None or span.latest[:10] >= day:
            earliest = max(day, span.earliest or day)
            return (Anchor(anchor.timex, Interval(earliest, span.latest, span.granularity), anchor.value),)
    future = next((t for t in timexes if t.value == "FUTURE_REF"), None)
    if future:
        return (Anchor(future, Interval(day, None, None), future.value),)
    return ()


def _corrected(anchors: list[Anchor], text: str, cues) -> list[Anchor]:
    """An editor's correction in brackets replaces the time before it: "Heute (gestern,
    A.d.R.)" is yesterday."""
    kept = []
    for anchor in anchors:
        if kept and cues.correction_between.search(text[kept[-1].timex.end:anchor.timex.start]):
            kept[-1] = anchor
        else:
            kept.append(anchor)
    return kept


def _range_end(anchor: Anchor, anchors: list[Anchor], text: str, cues) -> bool:
    """Is `anchor` the end of a range ("vom 5. bis 22. November")? The happening is one, dated
    by the range's start: the end is no time of its own."""
    n = anchors.index(anchor)
    return n > 0 and bool(cues.range_between.search(text[anchors[n - 1].timex.end:anchor.timex.start]))


def _without_bare_day_parts(anchors: list[Anchor], cues, published: date) -> list[Anchor]:
    """A part of a day named alone after another date ("Vor einigen Tagen ... in den frühen
    Morgenstunden") is a part of that date, not of the publication day the tagger gave it for
    want of one."""
    day = published.isoformat()
    first_other = min((a.timex.start for a in anchors if not (a.span.earliest or "").startswith(day)), default=None)
    if first_other is None:
        return anchors
    return [a for a in anchors if not (a.timex.start > first_other and (a.span.earliest or "").startswith(day)
                                       and cues.bare_day_part.search(a.timex.text))]


def _without_reported(anchors: list[Anchor], sentence: Sentence, rules: EventRules) -> list[Anchor]:
    """A saying dated in its own clause ("Der Minister kündigte am Sonntag an, man wolle bis
    2030 ...") is the event; a time in the speech it reports (a clause in the subjunctive
    after the verb of saying and a comma) is what was said, not a second event."""
    if len(anchors) < 2:
        return anchors
    saying = rules.reports.reported_speech.search(sentence.text)
    if saying is None:
        return anchors
    start = sentence.start + saying.end()   # the reported clause begins after the comma
    if not any(a.timex.start < start for a in anchors) or \
            not rules.reports.subjunctive.regex.search(sentence.text, saying.end()):
        return anchors
    return [a for a in anchors if a.timex.start < start]


def _distinct_times(anchors: list[Anchor]) -> list[Anchor]:
    """One anchor per distinct time: of nested times ("2022", "26. Januar 2022") the finest."""
    kept: list[Anchor] = []
    for anchor in anchors:
        if len(kept) >= MAX_TIMES:
            break
        for n, other in enumerate(kept):
            if _nested(anchor.span, other.span):
                if granularity_rank(anchor.span.granularity) > granularity_rank(other.span.granularity):
                    kept[n] = anchor
                break
        else:
            kept.append(anchor)
    return kept


def _nested(a: Interval, b: Interval) -> bool:
    def inside(x: Interval, y: Interval) -> bool:
        return (y.earliest is None or (x.earliest is not None and x.earliest[:10] >= y.earliest[:10])) and \
               (y.latest is None or (x.latest is not None and x.latest[:10] <= y.latest[:10]))
    return inside(a, b) or inside(b, a)


def _on_day(timex: Timex, published: date) -> bool:
    return timex.value == published.isoformat()


def _begins_by(timex: Timex, published: date) -> bool:
    """Can a state that began at `timex` still hold at publication? ("seit 2023" in 2022 can't)"""
    if timex.type == "DURATION" or timex.value == "PRESENT_REF":
        return True
    start = interval(timex.value, published, timex.mod).earliest
    return start is None or start[:10] <= published.isoformat()


def _ongoing_anchor(timex: Timex, published: date) -> Anchor:
    if timex.value == "PRESENT_REF":
        return Anchor(timex, Interval(None, published.isoformat(), None), timex.value)
    if timex.type == "DURATION":
        return Anchor(timex, span_back_from(published, timex.value), timex.value)
    start = interval(timex.value, published, timex.mod)
    return Anchor(timex, Interval(start.earliest, published.isoformat(), start.granularity), timex.value)


def _local_timex(timex: Timex | None, sentence: Sentence) -> tuple[int, int] | None:
    if timex is None:
        return None
    return timex.start - sentence.start, timex.end - sentence.start
