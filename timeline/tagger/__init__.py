"""The temporal tagger: finds time expressions and normalizes them to TimeML values.

tag(text, published, language) -> list[Timex] in text order, non-overlapping, with
text == source[start:end]. The engine knows no language: the rules, word tables and tense
markers of a language are data under `timeline/lang/<code>/` (see `patterns.py`).

Pipeline: patterns (compile rules) -> matcher (candidates, overlap) -> normalize (rule
fields from the match) -> tense + narrative -> resolve (the TimeML value). Matches of rules
that hand a date string to dateparser (`dateforms.py`) are checked before the overlap contest.

Context the resolver gets besides the tense: the day a clock time belongs to (named in its
sentence, the one before or shortly before; not across items of a listing), the year a
date without one takes (named in its sentence; see resolve), the last calendar date named
(weekdays after a date beyond the publication week count from it), and whether the text
reports news (it names days near publication), which decides what a present "heute" means.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime

from timeline.lang import Language
from timeline.model import Timex
from timeline.tagger.ago import anchored
from timeline.tagger.dateforms import parse_absolute
from timeline.tagger.era import EraCarry
from timeline.tagger.matcher import Candidate, find_candidates, select
from timeline.tagger.normalize import fields_of
from timeline.tagger.patterns import CompiledLanguage, compile_language
from timeline.tagger.narrative import DISTANT_YEARS, HISTORY_YEARS, Narrative, in_history
from timeline.tagger.resolve import resolve
from timeline.tagger.tense import (PLUPERFECT, PRETERITE, STRETCH, TenseRules, clause_tense, compile_tense,
                                   sentence_bounds, sentence_marks, stretch_tense)

__all__ = ["tag", "tag_with_rules"]

_COMPILED: dict[int, tuple[dict, CompiledLanguage, TenseRules]] = {}
TENSE_FREE = {"DURATION", "SET"}
CLOCK_NEAR = 30   # characters between "today" and a clock time that makes it a day, not "nowadays"
LABEL = re.compile(r":\s")   # "Bozen: Konzert ...": a sentence that opens an item of a listing


@dataclass(frozen=True)
class Tagged:
    timex: Timex
    rule: str


def _compiled(language: Language) -> tuple[CompiledLanguage, TenseRules]:
    """The compiled rules of a language, cached per data object (not per code: a test or a
    caller may build a Language with other data under the same code)."""
    key = id(language.data)
    entry = _COMPILED.get(key)
    if entry is None or entry[0] is not language.data:
        compiled = compile_language(language.data)
        entry = _COMPILED[key] = (language.data, compiled, compile_tense(language.data.get("tense")))
    return entry[1], entry[2]


def _reads_as_date(cand: Candidate, compiled: CompiledLanguage) -> bool:
    """Does a match handed to dateparser name a date? Checked before the overlap contest, so
    that "3 Tore 2010", which it is not, leaves "2010" to the other rules."""
    fields = fields_of(cand.rule.fields, cand.match, compiled.words)
    return parse_absolute(fields.get("parse", ""), tuple(fields.get("languages", "").split()),
                          int(fields.get("day") or 0), int(fields.get("year") or 0)) is not None


def _is_generic(text: str, cand: Candidate, following: Candidate | None, markers: TenseRules,
                earlier: list[Tagged], published: date, news_register: bool, distant_past: bool) -> bool:
    """Is a deictic word ("today") used for "nowadays"?

    Not when a clock time follows closely ("heute um 19.30 Uhr"). In a history (a text that
    reports no news and is in a year more than HISTORY_YEARS before its publication: "1871 ... Die Grenze
    ist bis heute umstritten") always. Else not when its clause
    has a past or future verb: that reports what happened or will happen today. A present
    clause is "nowadays", unless the text reports news (it names days near publication: "gestern",
    "am Montag") and does not set "today" against the past: no past verb in its sentence or
    the ones next to it ("Früher standen hier Zechen, heute sind es Bürotürme") and
    no earlier time named in it or the sentence before ("weniger als 1930", "früher"). So
    "Die Amerikaner wählen heute ... am Montagabend ..." is the day of the report.
    """
    if following is not None and following.rule.type == "TIME" and following.start - cand.end <= CLOCK_NEAR:
        return False
    if not news_register and distant_past:
        return True   # a history (no day near publication, a distant year named): the present as such
    if clause_tense(text, cand.start, cand.end, markers, whole_sentence=False) is not None:
        return False
    if not news_register or clause_tense(text, cand.start, cand.end, markers) == "past":
        return True
    since = _previous_sentence_start(text, cand, markers)
    until = _next_sentence_end(text, cand, markers)
    if stretch_tense(text, max(since, cand.start - STRETCH), cand.start, markers) == "past" \
            or stretch_tense(text, cand.end, min(until, cand.end + STRETCH), markers) == "past":
        return True
    for tagged in reversed(earlier):   # the latest first: only those since `since` count
        if tagged.timex.start < since:
            return False
        if _before(tagged.timex.value, published):
            return True
    return False


def _names_a_nearby_day(cand: Candidate) -> bool:
    """Does the expression name a day near publication ("gestern", "am Montag")? A text with
    such days reports news: its "heute" is the day, unless set against the past."""
    fields = cand.rule.fields
    if "generic" in fields or fields.get("anchor"):
        return False   # "am nächsten Tag" counts from the text's own days, not from publication
    return "weekday" in fields or str(fields.get("shift", "")).startswith("day:")


def _before(value: str, published: date) -> bool:
    """Does a TimeML value name a time before the publication year (or the past as such)?"""
    if value == "PAST_REF":
        return True
    head = value[:4]
    return len(head) >= 3 and head.isdigit() and int(head.ljust(4, "0")) < published.year


def _tag(text: str, published: date, language: Language) -> list[Tagged]:
    compiled, markers = _compiled(language)
    out: list[Tagged] = []
    found = [c for c in find_candidates(text, compiled.rules)
             if "parse" not in c.rule.fields or _reads_as_date(c, compiled)]
    chosen = select(found)
    news_register = any(_names_a_nearby_day(c) for c in chosen)
    narrative = Narrative(news=news_register,
                          reports_days=any(_names_a_nearby_day(c) and "weekday" not in c.rule.fields for c in chosen))
    era = EraCarry()
    for index, cand in enumerate(chosen):
        following = chosen[index + 1] if index + 1 < len(chosen) else None
        try:
            tagged, resolved = _one(cand, text, published, narrative, compiled, markers, following, out,
                                    narrative.news)
        except Exception:  # noqa: BLE001 - a match that makes no date (31.02.) is dropped; tag never raises
            continue
        if resolved is not None:
            value = era.value(tagged.timex.value, resolved.explicit_year, resolved.now)
            if value != tagged.timex.value:   # a passage told before the common era (era.py)
                tagged = Tagged(replace(tagged.timex, value=value), tagged.rule)
            narrative.before_era = era.year is not None
            if resolved.day is not None and "hour" not in cand.rule.fields:
                narrative.day, narrative.day_pos = resolved.day, cand.start
                narrative.day_part = cand.rule.fields.get("part")
                if resolved.dated or resolved.counted:
                    narrative.dated_pos = cand.start
                if resolved.dated:
                    narrative.dated = resolved.day
                    if abs(published.year - resolved.day.year) <= DISTANT_YEARS:
                        narrative.reports_days = True   # a date near publication: the text reports news
            if resolved.explicit_year is not None and not _bounds_a_span(text, cand.start, compiled):
                narrative.year, narrative.year_pos = resolved.explicit_year, cand.end
                if not _bare_year_in_passing(text, cand, compiled, markers) \
                        and not _steps_back(text, cand, markers):
                    narrative.ref_year, narrative.ref_pos = resolved.explicit_year, cand.end
            if resolved.resumed_year is not None:   # back in the passage's year after a look ahead
                narrative.year = narrative.ref_year = resolved.resumed_year
                narrative.year_pos = narrative.ref_pos = cand.end
            if resolved.month is not None:
                narrative.month, narrative.month_pos = resolved.month, cand.start
            if "weekday" in cand.rule.fields and not cand.rule.fields.get("anchor"):
                _weekday_told(narrative, resolved.told)
            if resolved.now:
                narrative.now_pos = cand.start
            elif "generic" in cand.rule.fields and tagged.timex.value == cand.rule.fields["generic"]:
                narrative.present_pos = cand.start   # "bis heute": the text speaks of the present
        if tagged.timex.type == "DURATION" and not in_history(narrative, published):
            # "vor fünf Jahren": the year it names (ago.py); a history's counts from its own time
            point = anchored(tagged.timex, text, published, compiled.ago)
            if point is not None:
                tagged = Tagged(replace(tagged.timex, anchored=point), tagged.rule)
        out.append(tagged)
    return out


def _weekday_told(narrative: Narrative, told: bool) -> None:
    """A bare weekday made the text news (`_names_a_nearby_day`); one counted from a history's
    day (`narrative.history_day`) does not: from there on the text is a history again ("im
    vorigen Jahr" counts from its passage, "bis heute" is the present), unless it reports
    days near publication by other words or a weekday before was the news week's."""
    if told and not narrative.reports_days and not narrative.news_weekday:
        narrative.news = False
    elif not told:
        narrative.news_weekday = narrative.news = True


def _one(cand: Candidate, text, published, narrative, compiled, markers, following, earlier,
         news_register):
    fields = fields_of(cand.rule.fields, cand.match, compiled.words)
    mod = fields.pop("mod", None) or None
    generic = fields.pop("generic", None)
    tense = None
    tense_free = cand.rule.type in TENSE_FREE or "value" in fields
    if not tense_free:
        # a rule may know the direction better than the clause ("die Sieger vom Wochenende")
        tense = fields.pop("tense", None) or clause_tense(text, cand.start, cand.end, markers)
    distant_past = narrative.before_era or (
        narrative.ref_year is not None and published.year - narrative.ref_year > HISTORY_YEARS)
    if generic and _is_generic(text, cand, following, markers, earlier, published,
                               news_register, distant_past):
        fields = {"value": generic}
    sentence_start = _clock_day_since(text, cand, markers) if "hour" in fields else 0
    year_since = None
    if not tense_free and "year" not in fields:
        year_since = _year_since(text, cand, markers)
    passage_since = _passage_since(text, cand, markers) \
        if "weekday" in fields or str(fields.get("shift", "")).startswith("weekend:") else 0
    resolved = resolve(fields, cand.rule.type, published, narrative, tense, cand.start,
                       sentence_start=sentence_start, year_since=year_since, passage_since=passage_since)
    timex = Timex(start=cand.start, end=cand.end, text=text[cand.start:cand.end],
                  type=resolved.type or cand.rule.type, value=resolved.value, mod=mod)
    return Tagged(timex, cand.rule.name), resolved


REFERENCE_REACH = 24   # characters before an expression searched for a word that keeps it from the narrative


def _bounds_a_span(text: str, start: int, compiled: CompiledLanguage) -> bool:
    """Is the year at `start` one that bounds a span or is quoted ("bis 1915", "aus dem Jahr
    1997", "(1908)")? It names a date, but not the time the passage is in."""
    return compiled.not_reference_before.search(text, max(0, start - REFERENCE_REACH), start) is not None


BARE_YEAR = re.compile(r"[\d/\s]+")


def _bare_year_in_passing(text: str, cand: Candidate, compiled: CompiledLanguage, markers: TenseRules) -> bool:
    """Is a year written as digits alone named in passing, after a noun ("der Krieg 1870/71",
    "die Verfassung 1791")? One that opens its sentence, follows a word of
    `reference_year_after` ("im", "Jahr") or stands in the clause as an adverb ("kam es 1916
    zu Kämpfen") sets the time a passage is in; a full date always does."""
    if not BARE_YEAR.fullmatch(text[cand.start:cand.end]):
        return False
    before = text[max(0, cand.start - REFERENCE_REACH):cand.start]
    words = re.findall(r"\w+", before)
    if not words or sentence_bounds(text, cand.start, cand.end, markers)[0] >= cand.start - 2:
        return False
    previous = words[-1]
    return previous[:1].isupper() and previous.lower() not in compiled.words.get("reference_year_after", {})


def _steps_back(text: str, cand: Candidate, markers: TenseRules) -> bool:
    """Is the year named in a sentence told in the pluperfect only ("Bereits im Mai 1912 hatte
    der Rat gewarnt")? The pluperfect steps back from the time the passage is in; the year
    dates that sentence, not the ones after it."""
    kinds = {mark.kind for mark in sentence_marks(text, cand.start, cand.end, markers)}
    return PLUPERFECT in kinds and PRETERITE not in kinds


def _previous_sentence_start(text: str, cand: Candidate, markers: TenseRules) -> int:
    """Where the sentence before the one holding `cand` begins (0 in the first sentence)."""
    start = sentence_bounds(text, cand.start, cand.end, markers)[0]
    if start == 0:
        return 0
    return sentence_bounds(text, max(0, start - 2), max(0, start - 2), markers)[0]


def _next_sentence_end(text: str, cand: Candidate, markers: TenseRules) -> int:
    """Where the sentence after the one holding `cand` ends."""
    end = sentence_bounds(text, cand.start, cand.end, markers)[1]
    if end >= len(text):
        return len(text)
    return sentence_bounds(text, min(len(text), end + 1), min(len(text), end + 1), markers)[1]


def _year_since(text: str, cand: Candidate, markers: TenseRules) -> tuple[int, int]:
    """From where a year named earlier gives a date without one ("im Mai") its year: the
    same sentence; the one before only for a story set in the past (see resolve)."""
    return sentence_bounds(text, cand.start, cand.end, markers)[0], _previous_sentence_start(text, cand, markers)


def _passage_since(text: str, cand: Candidate, markers: TenseRules) -> int:
    """Where the passage of a news text's old date may begin for a weekday that follows it:
    the sentence before, within the weekday's paragraph (see `narrative.history_day`)."""
    return max(_previous_sentence_start(text, cand, markers), text.rfind("\n", 0, cand.start) + 1)


def _clock_day_since(text: str, cand: Candidate, markers: TenseRules, near: int = 250) -> int:
    """From where a day named earlier gives a clock time its date.

    A day named in the same sentence, the one before or shortly before counts ("Am Sonntag
    brannte es. Um 22 Uhr ..."). A sentence that opens with a label ("Bozen: Konzert, 20 Uhr")
    is an item of a listing: only its own day counts.
    """
    start = sentence_bounds(text, cand.start, cand.end, markers)[0]
    if start == 0 or LABEL.search(text, start, cand.start):
        return start
    return min(_previous_sentence_start(text, cand, markers), max(0, cand.start - near))


def tag_with_rules(text: str, published: date, language: Language) -> list[Tagged]:
    """Like `tag`, with the name of the rule that found each expression (for tests and debugging)."""
    if not isinstance(text, str) or not text:
        return []
    if isinstance(published, datetime):
        published = published.date()
    return _tag(text, published, language)


def tag(text: str, published: date, language: Language) -> list[Timex]:
    """The time expressions of `text`, normalized against its publication date."""
    return [t.timex for t in tag_with_rules(text, published, language)]
