"""The event finder's language data (`lang/<code>/events.toml`), compiled once per language.

Everything language-specific the event modules use comes from here: abbreviations, byline
patterns, past-tense stems, cue patterns. The modules themselves hold no words of any language.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from timeline.lang import Language

NEVER = re.compile(r"(?!x)x")


def _any(patterns, flags=re.IGNORECASE) -> re.Pattern:
    patterns = [p for p in (patterns or []) if p]
    return re.compile("|".join(f"(?:{p})" for p in patterns), flags) if patterns else NEVER


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True)
class SentenceRules:
    abbreviations: frozenset
    no_split_after: re.Pattern


@dataclass(frozen=True)
class BlockRules:
    byline: re.Pattern
    title_max_words: int


@dataclass(frozen=True)
class TenseRules:
    past_forms: frozenset
    past_stem: re.Pattern          # prefixes + strong/irregular stem + ending, whole word
    bare_past_stem: re.Pattern     # the same without prefixes
    weak_past_ending: re.Pattern
    not_past: frozenset
    not_past_pattern: re.Pattern
    t_stem_present: re.Pattern     # prefixes + t-stem + e/en: present tense, not past
    no_verb_after: frozenset
    perfect_auxiliaries: frozenset
    participle: re.Pattern
    perfect_auxiliaries_ge_only: frozenset
    pluperfect_auxiliaries: frozenset
    pluperfect_auxiliaries_ge_only: frozenset
    ge_participle: re.Pattern
    not_participles: frozenset
    passive_after_participle: frozenset


@dataclass(frozen=True)
class ClauseRules:
    separators: re.Pattern
    strong_separators: re.Pattern
    phrase_boundaries: re.Pattern


@dataclass(frozen=True)
class CueRules:
    open: re.Pattern
    ongoing_before_timex: re.Pattern
    ongoing_in_timex: re.Pattern
    ongoing: re.Pattern
    general: re.Pattern
    reporting: re.Pattern
    direct_speech: re.Pattern
    question: re.Pattern


@dataclass(frozen=True)
class EventRules:
    sentences: SentenceRules
    blocks: BlockRules
    tense: TenseRules
    clauses: ClauseRules
    cues: CueRules
    data: dict


@lru_cache(maxsize=None)
def event_rules(language: Language) -> EventRules:
    """Compile `events.toml` of `language`; a language without it gets rules that match nothing."""
    data = language.get("events") or {}
    return compile_rules(data)


def compile_rules(data: dict) -> EventRules:
    s, b, t, c, q = (data.get(k, {}) for k in ("sentences", "blocks", "tense", "clauses", "cues"))
    prefixes = _alternation(t.get("verb_prefixes", [])) or "(?!x)x"
    stems = _alternation(t.get("past_stems", [])) or "(?!x)x"
    endings = _alternation(t.get("past_stem_endings", [""]))
    t_stems = _alternation(t.get("t_stems", [])) or "(?!x)x"
    return EventRules(
        sentences=SentenceRules(
            abbreviations=frozenset(a.lower() for a in s.get("abbreviations", [])),
            no_split_after=_any(s.get("no_split_after"), flags=0),
        ),
        blocks=BlockRules(
            byline=_any(b.get("byline_patterns"), flags=0),
            title_max_words=int(b.get("title_max_words", 0)),
        ),
        tense=TenseRules(
            past_forms=frozenset(w.lower() for w in t.get("past_forms", [])),
            past_stem=re.compile(rf"^(?:{prefixes})*(?:{stems})(?:{endings})$"),
            bare_past_stem=re.compile(rf"^(?:{stems})(?:{endings})$"),
            weak_past_ending=_any([rf"(?:{_alternation(t.get('weak_past_endings', [])) or '(?!x)x'})$"], flags=0),
            not_past=frozenset(w.lower() for w in t.get("not_past", [])),
            not_past_pattern=_any(t.get("not_past_patterns"), flags=0),
            t_stem_present=re.compile(rf"^(?:{prefixes})*(?:{t_stems})(?:e|en)$"),
            no_verb_after=frozenset(w.lower() for w in t.get("no_verb_after", [])),
            perfect_auxiliaries=frozenset(w.lower() for w in t.get("perfect_auxiliaries", [])),
            participle=_any(t.get("participle_patterns"), flags=0),
            perfect_auxiliaries_ge_only=frozenset(w.lower() for w in t.get("perfect_auxiliaries_ge_only", [])),
            pluperfect_auxiliaries=frozenset(w.lower() for w in t.get("pluperfect_auxiliaries", [])),
            pluperfect_auxiliaries_ge_only=frozenset(w.lower() for w in t.get("pluperfect_auxiliaries_ge_only", [])),
            ge_participle=_any([t.get("ge_participle_pattern")], flags=0),
            not_participles=frozenset(w.lower() for w in t.get("not_participles", [])),
            passive_after_participle=frozenset(w.lower() for w in t.get("passive_after_participle", [])),
        ),
        clauses=ClauseRules(
            separators=_any([c.get("separators")]),
            strong_separators=_any([c.get("strong_separators")]),
            phrase_boundaries=_any([c.get("phrase_boundaries")]),
        ),
        cues=CueRules(
            open=_any(q.get("open")),
            ongoing_before_timex=_any([q.get("ongoing_before_timex")]),
            ongoing_in_timex=_any([q.get("ongoing_in_timex")]),
            ongoing=_any(q.get("ongoing")),
            general=_any(q.get("general")),
            reporting=_any(q.get("reporting")),
            direct_speech=_any([q.get("direct_speech")]),
            question=_any([q.get("question")]),
        ),
        data=data,
    )
