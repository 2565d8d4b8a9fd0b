"""The event finder's language data (`lang/<code>/events.toml`), compiled once per language.

Everything language-specific the event modules use comes from here: abbreviations, byline
patterns, cue patterns, verbs of saying, and the tense data (`tense.toml`, compiled by
`timeline.tense`). The modules themselves hold no words of any language.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from timeline.lang import Language
from timeline.tense import TenseRules, compile_tense

NEVER = re.compile(r"(?!x)x")


def _any(patterns, flags=re.IGNORECASE) -> re.Pattern:
    patterns = [p for p in (patterns or []) if p]
    return re.compile("|".join(f"(?:{p})" for p in patterns), flags) if patterns else NEVER


@dataclass(frozen=True)
class SentenceRules:
    abbreviations: frozenset
    no_split_after: re.Pattern


@dataclass(frozen=True)
class BlockRules:
    byline: re.Pattern
    title_max_words: int


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
    elapsed_after_timex: re.Pattern
    ongoing: re.Pattern
    general: re.Pattern
    reporting: re.Pattern
    direct_speech: re.Pattern
    question: re.Pattern


@dataclass(frozen=True)
class ReportRules:
    said: re.Pattern               # a verb of saying in the preterite
    not_recent: re.Pattern         # ... said long ago or habitually ("sagte immer")
    days_before: int               # a statement was made this many days before publication ...
    news_days: int                 # ... in a text naming a day at most this long before it


@dataclass(frozen=True)
class EventRules:
    sentences: SentenceRules
    blocks: BlockRules
    tense: TenseRules              # the language's tense.toml (timeline.tense)
    clauses: ClauseRules
    cues: CueRules
    reports: ReportRules
    data: dict


@lru_cache(maxsize=None)
def event_rules(language: Language) -> EventRules:
    """Compile `events.toml` and `tense.toml` of `language`; a language without them gets
    rules that match nothing."""
    return compile_rules(language.get("events") or {}, language.get("tense"))


def compile_rules(data: dict, tense: dict | None = None) -> EventRules:
    s, b, c, q, r = (data.get(k, {}) for k in ("sentences", "blocks", "clauses", "cues", "reports"))
    return EventRules(
        sentences=SentenceRules(
            abbreviations=frozenset(a.lower() for a in s.get("abbreviations", [])),
            no_split_after=_any(s.get("no_split_after"), flags=0),
        ),
        blocks=BlockRules(
            byline=_any(b.get("byline_patterns"), flags=0),
            title_max_words=int(b.get("title_max_words", 0)),
        ),
        tense=compile_tense(tense),
        clauses=ClauseRules(
            separators=_any([c.get("separators")]),
            strong_separators=_any([c.get("strong_separators")]),
            phrase_boundaries=_any([c.get("phrase_boundaries")]),
        ),
        cues=CueRules(
            open=_any(q.get("open")),
            ongoing_before_timex=_any([q.get("ongoing_before_timex")]),
            ongoing_in_timex=_any([q.get("ongoing_in_timex")]),
            elapsed_after_timex=_any([q.get("elapsed_after_timex")]),
            ongoing=_any(q.get("ongoing")),
            general=_any(q.get("general")),
            reporting=_any(q.get("reporting")),
            direct_speech=_any([q.get("direct_speech")]),
            question=_any([q.get("question")]),
        ),
        reports=ReportRules(
            said=_any([r.get("said")]),
            not_recent=_any([r.get("not_recent")]),
            days_before=int(r.get("days_before", 0)),
            news_days=int(r.get("news_days", -1)),
        ),
        data=data,
    )
