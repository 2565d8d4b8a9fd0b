"""Events: sentences (or clauses) that report something, anchored to a time.

find_events(text, published, timexes, language) -> list[Event] in chronological order.

Each sentence is read (`anchoring.read_sentence`) and becomes zero or more events:
- "dated": one event per distinct own time (anchor "own");
- "past" without a date of its own: if it continues a narrative, the narrative's time
  (anchor "narrative"), otherwise status "vague" (happened by publication, time unknown);
- "ongoing", "open", "report" (a present-tense report: vague) as read;
- "elapsed" (how long something took: "die Prüfung hat drei Wochen gedauert"):
  dated at its start, the duration before the reference time — the narrative's day if a
  narrative runs, else publication — as a window of days (wider for a count in words,
  `intervals.start_before`), with the granularity of the duration's unit.

Statements in news: a vague sentence reported in the preterite ("Peskow sagte, ...") in a text
that names a day in the week before publication (news, not an essay) was said on the
publication day or the day before, or since the last day the text names if that is earlier
(a report of Saturday's meeting on Monday): earliest = that day, latest = publication (the
language's [reports] data; not for habitual or earlier sayings: "sagte immer", "erklärte
bereits"). It stays vague: no date is claimed.

Kinds: every event has a `kind` (`timeline.model.EVENT_KINDS`). Vague events are kept out of
the listed timeline: an undated saying ("Die Sprecherin sagte, ...") is a "statement", any other
undated happening "background"; `timeline.extract` puts them in `Timeline.asides`.

Narrative time: a past-tense sentence with an own date that is not after publication sets
the narrative time, widened to its day when it is a part of a day or a clock time ("am
Mittwochnachmittag" -> that Wednesday: the next sentence happened that day, not necessarily
that afternoon). Following sentences in the preterite (the narrating tense; not a perfect,
which sums up, nor a pluperfect, which steps back) without a date of their own inherit it.
It ends at a new block (paragraph, heading), at any sentence that does not continue it
(present, future, perfect, subjunctive speech, direct speech, general statements, questions),
and is replaced by a new date.

Order: `timeline.dates.ordering.chronological_key`, the one key that also interleaves a story's
documents (`timeline.store.versions`). In short: dated events by the start of their interval,
coarser granularity first; narrative events right after the event that set their narrative,
in text order; then ongoing and vague events (they hold or happened by publication) after
everything dated on or before the publication day and before what is dated after it; open
events last, in text order.
"""
from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, replace
from datetime import date, timedelta

from timeline.events.anchoring import Anchor, attribute_events, read_sentence
from timeline.events.cues import EventRules, event_rules
from timeline.events.dayparts import day_of_the_text
from timeline.events.headlines import make_headline
from timeline.events.periods import counted_period
from timeline.dates.intervals import Interval, coarsen_to_day, day_value, days_before, interval, start_before
from timeline.lang import Language
from timeline.model import LISTED, Event, Timex
from timeline.dates.ordering import chronological_key
from timeline.dates.vocabulary import WITHIN_A_DAY
from timeline.events.sentences import Sentence, split_sentences
from timeline.tagger.tense import PERFECT, PLUPERFECT, PRETERITE


STATEMENT, BACKGROUND = "statement", "background"


@dataclass
class _Narrative:
    block: int
    anchor: Anchor      # widened to a day where finer
    aside: bool = False  # set by a pluperfect: ends at the first sentence that does not continue it
    origin: str | None = None  # the day its own date named: counted periods start there
    counted: bool = False      # its time is a counted period ("in der dritten Woche")


@dataclass
class _Draft:
    sentence: Sentence
    focus: tuple[int, int] | None
    status: str
    anchor: Anchor
    how: str            # own | narrative | none
    salt: str = ""      # tells apart several events of one sentence
    kind: str = LISTED  # event | statement | background (timeline.model.EVENT_KINDS)
    lead: bool = False  # the text's first happening, dated by the publication's year alone


def find_events(text: str, published: date, timexes: list[Timex], language: Language) -> list[Event]:
    rules = event_rules(language)
    sentences = split_sentences(text, rules)
    drafts = _drafts(text, sentences, published, sorted(timexes, key=lambda t: t.start), rules)
    ids = _ids(drafts)  # in text order, so a repeated sentence is numbered by position
    events = [_event(draft, id_, rules) for draft, id_ in zip(drafts, ids)]
    return sorted(events, key=chronological_key)


def _drafts(text: str, sentences: list[Sentence], published: date, timexes: list[Timex],
            rules: EventRules) -> list[_Draft]:
    day = published.isoformat()
    by_publication = Anchor(None, Interval(None, day, None), None)
    reports = rules.reports
    last_day = _last_day_named(timexes, published, reports.news_days)
    said_lately = by_publication if last_day is None else Anchor(
        None, Interval(min(last_day, days_before(published, reports.days_before).isoformat()), day, "day"), None)
    from_publication = Anchor(None, Interval(day, None, None), None)
    publication_day = Anchor(None, interval(day), day)
    this_year = Anchor(None, interval(f"{published.year:04d}"), f"{published.year:04d}")
    # the news a lead in the perfect reports happened lately, within the days news reports on:
    # in the publication's month where those days all lie in it, else in its year
    lately = this_year if days_before(published, reports.news_days).month != published.month else \
        Anchor(None, interval(day[:7]), day[:7])
    drafts: list[_Draft] = []
    narrative: _Narrative | None = None
    main: _Narrative | None = None   # the news's own day: the first narrative set close to publication
    first = 0   # timexes and sentences are both in text order: one pass over each
    chain = -2  # the last sentence of news told in the perfect (its day's own, or continuing it)
    lead = next((n for n, s in enumerate(sentences) if not (s.heading or s.byline)), -1)   # the first sentence of the body
    program: _Narrative | None = None   # the day a present-tense announcement names ("Am Samstag beginnt ...")
    for index, sentence in enumerate(sentences):
        carried = None   # a narrative the previous paragraph ended in (see _carried)
        if narrative and narrative.block != sentence.block:
            carried = _carried(narrative, drafts, sentences, index)
            narrative = None
        while first < len(timexes) and timexes[first].start < sentence.start:
            first += 1
        inside, n = [], first
        while n < len(timexes) and timexes[n].start < sentence.end:
            if timexes[n].end <= sentence.end:
                inside.append(timexes[n])
            n += 1
        reading = read_sentence(sentence, inside, text, published, rules)
        kind = reading.kind
        if carried is not None and kind == "past" and reading.narrates and not reading.said:
            narrative = replace(carried, block=sentence.block)
        previous = len(drafts) - 1   # the last draft before this sentence's
        if kind != "skip":
            for anchor in attribute_events(sentence, inside, text, published, rules):
                drafts.append(_Draft(sentence, _local(anchor, sentence), "dated", anchor, "own", salt=anchor.timex.text))
        period = None if narrative is None or kind == "skip" or (kind == "dated" and not narrative.counted) \
            else counted_period(sentence.text, narrative.origin, narrative.anchor.span.earliest, rules,
                                last_only=kind == "dated")
        if period is not None:
            # "in der dritten Woche": counted from the narrative's origin (events/periods.py)
            value, _ = period
            anchor = Anchor(None, interval(value), value)
            drafts.append(_Draft(sentence, reading.focus, "dated", anchor, "none"))   # no timex of its own
            narrative = _Narrative(sentence.block, anchor, origin=narrative.origin, counted=True)
        elif kind == "dated":
            several = len(reading.anchors) > 1
            anchors = [_from_narrative(a, narrative, published, rules) for a in reading.anchors]
            if len(anchors) == 1 and index > 0 and sentences[index - 1].block == sentence.block:
                # "Am Abend ..." after "..., denn morgen beginnt ...": the evening of the day before
                prior = [d.anchor for d in _drafts_of(drafts, previous, sentences[index - 1])
                         if d.how == "own" and d.status == "dated" and d.anchor.timex is not None]
                anchors = [day_of_the_text(anchors[0], sentence.start, sentences[index - 1], prior, published, rules)]
            for anchor in anchors:
                focus = (anchor.timex.start - sentence.start, anchor.timex.end - sentence.start)
                drafts.append(_Draft(sentence, focus, "dated", anchor, "own",
                                     salt=anchor.timex.text if several else "",
                                     kind=STATEMENT if reading.said else LISTED))
            last = reading.until or anchors[-1]
            if not reading.past and not reading.said and _program_day(last, published, reports.news_days):
                program = _Narrative(sentence.block, _widened(last))
            narrative = _back_to(main, sentence)
            # a quotation dated by its reporting words ("„...“, sagte er gestern") is a
            # statement: it sets no narrative
            if reading.past and not reading.said and (last.span.earliest or "")[:10] <= day:
                if _dated_by_next(drafts, previous, sentences, index, rules):
                    # dated by the words of the next sentence: its own time, not a narrative's
                    widened = _widened(last)
                    drafts[previous] = replace(drafts[previous], status="dated", how="none", kind=LISTED,
                                              anchor=Anchor(None, widened.span, widened.value))
                # a pluperfect steps back: its narrative lasts only while sentences continue it
                narrative = _Narrative(sentence.block, _widened(last), PLUPERFECT in reading.tenses,
                                       origin=(last.span.earliest or "")[:10] or None,
                                       counted=last.timex is not None and bool(rules.cues.counted_period.search(last.timex.text)))
                if main is None and not narrative.aside and _news_day(last, published, reports.news_days):
                    main = narrative
                if reading.tenses == {PERFECT} and _news_day(last, published, reports.news_days):
                    chain = index
        elif kind == "fragment":
            # a stage of a journey without a verb happened in the narrative it stands in
            if narrative is not None and not narrative.aside:
                drafts.append(_Draft(sentence, None, "dated", narrative.anchor,
                                     "narrative" if narrative.anchor.timex is not None else "none"))
        elif kind == "past" and narrative is not None and (reading.narrates or (
                reading.tenses == {PERFECT} and not rules.cues.reporting.search(sentence.text) and (
                    chain == index - 1 or rules.cues.narrative_step.search(sentence.text)))):
            # the perfect sums up and does not narrate, except right after news told in the
            # perfect ("X hat gestern gewonnen. Sie haben nur ein Spiel verloren.") or after a
            # word that steps on in the narrative ("Über Nacht sind 50.000 Euro verschwunden.")
            if reading.tenses == {PERFECT} and chain == index - 1:
                chain = index
            # a saying within the narrative keeps its day but stays a statement (no news),
            # lately or not ("Polen erklärte bereits, ...")
            said = reading.said or rules.reports.said.search(sentence.text)
            drafts.append(_Draft(sentence, reading.focus, "dated", narrative.anchor,
                                 "narrative" if narrative.anchor.timex is not None else "none",
                                 kind=STATEMENT if said else LISTED))
        elif kind == "elapsed" and _elapsed(reading, narrative, published) is not None:
            anchor = _elapsed(reading, narrative, published)
            drafts.append(_Draft(sentence, reading.focus, "dated", anchor, "own"))
            narrative = None
        else:
            # a description, a quote, an announcement or a step back interrupts the narrative
            # without ending it; it returns to the news's day if one was set in this paragraph
            narrative = None if kind == "skip" else _back_to(main, sentence) or (
                None if narrative is None or narrative.aside else narrative)
            if kind == "past" and not reading.said and (
                    (previous < 0 and reading.vague is None and (reading.tenses == {PERFECT} or (
                        reading.tenses == {PRETERITE} and reading.narrates and index == lead
                        and not rules.reports.subjunctive.search(sentence.text))))
                    or (rules.cues.recently.search(sentence.text) and (reading.narrates or reading.tenses - {PRETERITE})
                        and (reading.vague is None or reading.vague.timex.value == "PAST_REF"))):
                # the news itself (a lead in the perfect: "X hat die Rallye gewonnen": lately) or
                # "zuletzt", "kürzlich": the reader knows the year, the publication's
                # (a lead in the narrating preterite: this year's news, "Die Polizei fasste einen Dieb")
                recent = rules.cues.recently.search(sentence.text)
                drafts.append(_Draft(sentence, reading.focus, "dated",
                                     lately if previous < 0 and (reading.tenses == {PERFECT} or recent) else this_year,
                                     "none", lead=previous < 0))
            elif kind == "report" and previous < 0 and last_day is not None and reading.vague is None \
                    and not rules.cues.direct_speech.search(sentence.text):
                # the lead of news in the present of reporting ("Die EU-Kommission warnt vor
                # ...", the news itself): the publication day
                drafts.append(_Draft(sentence, reading.focus, "dated", publication_day, "none"))
            elif kind == "none" and program is not None and program.block == sentence.block \
                    and rules.cues.happening_present.search(sentence.text):
                # what else happens on an announced day ("Am Samstag beginnt der Markt. Im
                # Palais findet wieder ein Fest statt."): that day
                drafts.append(_Draft(sentence, None, "dated", program.anchor, "narrative"))
            elif kind in ("past", "report", "elapsed"):
                fallback = said_lately if reading.said else by_publication
                kind = STATEMENT if reading.said or kind == "report" else BACKGROUND
                drafts.append(_Draft(sentence, reading.focus, "vague", reading.vague or fallback,
                                     "own" if reading.vague else "none", kind=kind))
            elif kind == "ongoing":
                anchor = reading.anchors[0]
                quoted = rules.cues.direct_speech.search(sentence.text)
                drafts.append(_Draft(sentence, reading.focus, "ongoing", anchor,
                                     "own" if anchor.timex else "none", kind=STATEMENT if quoted else LISTED))
            elif kind == "open":
                anchor = reading.anchors[0] if reading.anchors else from_publication
                # a plan in direct speech ("„Wir wollen bauen“, sagte sie") is a statement
                quoted = rules.cues.direct_speech.search(sentence.text) or reading.said
                drafts.append(_Draft(sentence, reading.focus, "open", anchor,
                                     "own" if anchor.timex else "none", kind=STATEMENT if quoted else LISTED))
    return drafts


def _drafts_of(drafts: list[_Draft], last: int, sentence: Sentence) -> list[_Draft]:
    """The drafts of `sentence`, the sentence of drafts[last] (they are consecutive), in order."""
    first = last
    while first >= 0 and drafts[first].sentence is sentence:
        first -= 1
    return drafts[first + 1:last + 1]


def _carried(narrative: _Narrative, drafts: list[_Draft], sentences: list[Sentence], index: int) -> _Narrative | None:
    """The narrative that may go on in the paragraph `sentences[index]` opens: one the last
    sentence of the paragraph just before was dated by (not a step back). A new paragraph
    that opens in the narrating preterite without a date of its own continues it ("Vor zwei
    Jahren drohte die Firma mit der Schließung. ¶ Selbst der Bürgermeister schaltete sich
    ein."); anything else there ends it."""
    before = sentences[index - 1]
    if narrative.aside or before.block != narrative.block or sentences[index].block != before.block + 1:
        return None
    last = drafts[-1] if drafts else None
    return narrative if last is not None and last.sentence is before and last.status == "dated" else None


def _from_narrative(anchor: Anchor, narrative: _Narrative | None, published: date,
                    rules: EventRules) -> Anchor:
    """"Am nächsten Tag" in a narrative: the day after the narrative's day (or, where that
    is known more coarsely, the narrative's time), not the day after publication."""
    if narrative is None or not rules.cues.next_day_timex.search(anchor.timex.text):
        return anchor
    span = narrative.anchor.span
    if span.granularity == "day" and span.earliest:
        value = (date.fromisoformat(span.earliest[:10]) + timedelta(days=1)).isoformat()
        return Anchor(anchor.timex, interval(value, published), value)
    return Anchor(anchor.timex, span, narrative.anchor.value)


def _dated_by_next(drafts: list[_Draft], n: int, sentences: list[Sentence], index: int,
                   rules: EventRules) -> bool:
    """Does the dated past sentence `index` date the vague draft `n` right before it? It does
    for the lead of a text ("Die Polizei fasste einen Dieb. Am Montag hielt sie ein Auto an.")
    and where it refers back to it ("Die Bank hat die Zinsen gesenkt. Das teilte sie gestern
    mit.")."""
    if n < 0 or drafts[n].how != "none" or not (
            drafts[n].lead or (drafts[n].status == "vague" and drafts[n].kind == BACKGROUND)):
        return False
    before = sentences[index - 1]
    if drafts[n].sentence is not before or before.block != sentences[index].block:
        return False
    return n == 0 or bool(rules.cues.refers_back.search(sentences[index].text))


def _local(anchor: Anchor, sentence: Sentence) -> tuple[int, int]:
    return anchor.timex.start - sentence.start, anchor.timex.end - sentence.start


def _back_to(main: _Narrative | None, sentence: Sentence) -> _Narrative | None:
    """The news's own day, where it was set in the sentence's paragraph."""
    return main if main is not None and main.block == sentence.block else None


def _news_day(anchor, published, days) -> bool:
    span = anchor.span
    return bool(span.earliest) and span.granularity in ("day", "part-of-day", "time") and \
        days_before(published, days).isoformat() <= span.earliest[:10] <= published.isoformat()


def _program_day(anchor: Anchor, published: date, days: int) -> bool:
    """Does a present-tense sentence with this time announce a day's programme: a day (or a
    time of it) from publication up to `days` later?"""
    span = anchor.span
    if not span.earliest or span.granularity not in ("day", "part-of-day", "time") \
            or span.earliest[:10] < published.isoformat():
        return False
    try:
        return (date.fromisoformat(span.earliest[:10]) - published).days <= days
    except ValueError:
        return False


def _last_day_named(timexes: list[Timex], published: date, days: int) -> str | None:
    """The latest day the text names at most `days` before publication (ISO), if any: a text
    that names one reports news, and what it reports happened since that day."""
    if days < 0:
        return None
    first, last = days_before(published, days).isoformat(), published.isoformat()
    named = [span.earliest[:10] for span in (interval(t.value, published, t.mod) for t in timexes)
             if span.granularity in WITHIN_A_DAY and span.earliest
             and first <= span.earliest[:10] <= last]
    return max(named, default=None)


def _elapsed(reading, narrative: _Narrative | None, published: date) -> Anchor | None:
    """The start of what took the sentence's duration up to the reference time."""
    timex = reading.anchors[0].timex
    reference = published
    if narrative is not None and narrative.anchor.span.earliest:
        reference = date.fromisoformat(narrative.anchor.span.earliest[:10])
    window, value = start_before(reference, timex.value, timex.mod)
    return Anchor(timex, window, value) if window.known else None


def _widened(anchor: Anchor) -> Anchor:
    span = coarsen_to_day(anchor.span)
    value = day_value(anchor.value) if span is not anchor.span else anchor.value
    return Anchor(anchor.timex, span, value)


def _ids(drafts: list[_Draft]) -> list[str]:
    ids, seen = [], {}
    for draft in drafts:
        base = event_id(draft.sentence.text, draft.salt)
        seen[base] = seen.get(base, 0) + 1
        ids.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return ids


def _event(draft: _Draft, id_: str, rules: EventRules) -> Event:
    anchor, span = draft.anchor, draft.anchor.span
    return Event(
        id=id_,
        headline=make_headline(draft.sentence.text, draft.focus, rules,
                               own_clause=draft.how == "own" and anchor.timex is not None),
        sentence=draft.sentence.text,
        start=draft.sentence.start,
        end=draft.sentence.end,
        status=draft.status,
        value=anchor.value,
        granularity=span.granularity,
        earliest=span.earliest,
        latest=span.latest,
        anchor=draft.how,
        timex=anchor.timex,
        kind=draft.kind,
    )


def event_id(sentence: str, salt: str = "") -> str:
    """Stable id from the sentence's content: the same text always gives the same id."""
    normal = " ".join(unicodedata.normalize("NFC", sentence).split())
    if salt:
        normal += "\x1f" + " ".join(salt.split())
    # surrogatepass: a Python str may hold lone surrogates (from JSON "\\ud800" escapes)
    return hashlib.sha1(normal.encode("utf-8", "surrogatepass")).hexdigest()[:12]
