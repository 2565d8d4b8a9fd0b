"""The temporal tagger: finds time expressions and normalizes them to TimeML values.

tag(text, published, language) -> list[Timex] in text order, non-overlapping, with
text == source[start:end]. The engine knows no language: the rules, word tables and tense
markers of a language are data under `timeline/lang/<code>/` (see `patterns.py`).

Pipeline: patterns (compile rules) -> matcher (candidates, overlap) -> normalize (rule
fields from the match) -> tense + narrative -> resolve (the TimeML value).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from timeline.lang import Language
from timeline.model import Timex
from timeline.tagger.matcher import Candidate, find_candidates, select
from timeline.tagger.normalize import fields_of
from timeline.tagger.patterns import CompiledLanguage, compile_language
from timeline.tagger.resolve import Narrative, resolve
from timeline.tagger.tense import TenseMarkers, sentence_bounds, tense_at

__all__ = ["tag", "tag_with_rules"]

_COMPILED: dict[int, tuple[dict, CompiledLanguage, TenseMarkers]] = {}
TENSE_FREE = {"DURATION", "SET"}
CLOCK_NEAR = 30   # characters between "today" and a clock time that makes it a day, not "nowadays"


@dataclass(frozen=True)
class Tagged:
    timex: Timex
    rule: str


def _compiled(language: Language) -> tuple[CompiledLanguage, TenseMarkers]:
    """The compiled rules of a language, cached per data object (not per code: a test or a
    caller may build a Language with other data under the same code)."""
    key = id(language.data)
    entry = _COMPILED.get(key)
    if entry is None or entry[0] is not language.data:
        compiled = compile_language(language.data)
        entry = _COMPILED[key] = (language.data, compiled, TenseMarkers.from_settings(compiled.settings))
    return entry[1], entry[2]


def _is_generic(text: str, cand: Candidate, following: Candidate | None, markers: TenseMarkers) -> bool:
    """Is a deictic word ("today") used for "nowadays"?

    Yes in a present-tense clause, unless a clock time follows closely ("heute um 19.30 Uhr"):
    a report of what happened or will happen today has a past or future verb or a time.
    """
    if tense_at(text, cand.start, cand.end, markers, whole_sentence=False) is not None:
        return False
    return not (following is not None and following.rule.type == "TIME"
                and following.start - cand.end <= CLOCK_NEAR)


def _tag(text: str, published: date, language: Language) -> list[Tagged]:
    compiled, markers = _compiled(language)
    narrative = Narrative()
    out: list[Tagged] = []
    chosen = select(find_candidates(text, compiled.rules))
    for index, cand in enumerate(chosen):
        following = chosen[index + 1] if index + 1 < len(chosen) else None
        try:
            tagged, resolved = _one(cand, text, published, narrative, compiled, markers, following)
        except Exception:  # noqa: BLE001 - a match that makes no date (31.02.) is dropped; tag never raises
            continue
        if resolved is not None:
            if resolved.day is not None and "hour" not in cand.rule.fields:
                narrative.day, narrative.day_pos = resolved.day, cand.start
            if resolved.explicit_year is not None:
                narrative.year, narrative.year_pos = resolved.explicit_year, cand.end
        out.append(tagged)
    return out


def _one(cand: Candidate, text, published, narrative, compiled, markers, following):
    fields = fields_of(cand.rule.fields, cand.match, compiled.words)
    mod = fields.pop("mod", None) or None
    generic = fields.pop("generic", None)
    tense = None
    if cand.rule.type not in TENSE_FREE and "value" not in fields:
        tense = tense_at(text, cand.start, cand.end, markers)
    if generic and _is_generic(text, cand, following, markers):
        fields = {"value": generic}
    sentence_start = sentence_bounds(text, cand.start, cand.end, markers)[0] if "hour" in fields else 0
    resolved = resolve(fields, cand.rule.type, published, narrative, tense, cand.start,
                       sentence_start=sentence_start)
    timex = Timex(start=cand.start, end=cand.end, text=text[cand.start:cand.end],
                  type=cand.rule.type, value=resolved.value, mod=mod)
    return Tagged(timex, cand.rule.name), resolved


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
