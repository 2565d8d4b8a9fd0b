"""The event finder's language data (`lang/<code>/events.toml`), compiled once per language.

Everything language-specific the event modules use comes from here: abbreviations, byline
patterns, cue patterns, verbs of saying, and the tense data (`tense.toml`, compiled by
`timeline.tagger.tense`). The modules themselves hold no words of any language.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from timeline.events.alternatives import Alternatives, faithful
from timeline.lang import Language
from timeline.tagger import patternstore
from timeline.tagger.matcher import shortest_words
from timeline.tagger.prefilter import latin_1_words
from timeline.tagger.tense import TenseRules, compile_tense

NEVER = re.compile(r"(?!x)x")


def _any(patterns, flags=re.IGNORECASE) -> re.Pattern:
    patterns = [p for p in (patterns or []) if p]
    return patternstore.compile("|".join(f"(?:{p})" for p in patterns), flags) if patterns else NEVER


class Cue:
    """A cue pattern whose `search` skips texts that cannot match.

    Every sentence is searched for most cues, and most sentences hold none. Where each match
    of the pattern contains one of a few words (`timeline.tagger.prefilter.required_words`),
    a text holding none of them is not searched: looking for words is cheaper than running the
    pattern. The answer is the pattern's own either way. Of the words only those that contain
    no other are looked for (`shortest_words`: where a longer one occurs, a shorter one inside
    it does too). A pattern anchored at the start (`^...`, `patternstore.anchored`) gets no
    pre-check: `re` tries it at the first position only, which costs less than looking for
    words in the whole text.
    """

    __slots__ = ("regex", "words", "alternatives")

    def __init__(self, regex: re.Pattern, alternatives: Alternatives | None = None):
        self.regex = regex
        words = None if patternstore.anchored(regex.pattern, regex.flags) else \
            latin_1_words(patternstore.required_words(regex.pattern, regex.flags))
        self.words = None if words is None else shortest_words(words)
        self.alternatives = alternatives if alternatives is not None and alternatives.needs is not None \
            and self.words is not None and not regex.groupindex else None

    def search(self, text: str, lowered: str | None = None) -> re.Match | None:
        """`regex.search(text)`; `lowered`, if given, is `text.lower()`."""
        if self.words is not None:
            lowered = text.lower() if lowered is None else lowered
            for word in self.words:   # (a plain loop: cheaper than any(map(...)) for a few words)
                if word in lowered:
                    break
            else:
                if faithful(text):
                    return None
            if self.alternatives is not None:
                return self.alternatives.search(text, 0, lowered)
        return self.regex.search(text)


class AnyOf:
    """An alternation of patterns whose `search` tries those anchored at the start (`^...`) only
    there (`match`) and searches the others as a `Cue`: the same answer (a match or None) as
    searching the alternation, which would try every anchored pattern at every position."""

    __slots__ = ("anchored", "anywhere")

    def __init__(self, patterns, flags: int = re.IGNORECASE):
        patterns = [p for p in (patterns or []) if p]
        at_start = [patternstore.anchored(p, flags) for p in patterns]
        self.anchored = _any([p for p, a in zip(patterns, at_start) if a], flags)
        self.anywhere = Cue(_any([p for p, a in zip(patterns, at_start) if not a], flags))

    def search(self, text: str, anywhere: bool = True) -> re.Match | None:
        """`anywhere`: False where `may_match_anywhere` said so of a line `text` is a piece of."""
        return self.anchored.match(text) or (self.anywhere.search(text) if anywhere else None)

    def may_match_anywhere(self, line: str) -> bool:
        """False if no piece of `line` can match the patterns not anchored at the start: the line
        holds none of their words, nor then does a piece of it (a Latin-1 word in a piece's lowered
        form is in the line's: `lower` maps each other character alone), and `re` reads the line's
        lowered form as it is, as it reads a piece's."""
        words = self.anywhere.words
        if words is None:
            return True
        lowered = line.lower()
        for word in words:
            if word in lowered:
                return True
        return not faithful(line)

    def __eq__(self, other) -> bool:
        return isinstance(other, AnyOf) and (self.anchored, self.anywhere.regex, self.anywhere.words) == \
            (other.anchored, other.anywhere.regex, other.anywhere.words)

    __hash__ = None


def _cue(patterns) -> Cue:
    alternatives = Alternatives([p for p in (patterns or []) if p], re.IGNORECASE)
    return Cue(alternatives.regex, alternatives)


@dataclass(frozen=True)
class SentenceRules:
    abbreviations: frozenset
    no_split_after: re.Pattern


@dataclass(frozen=True)
class BlockRules:
    byline: AnyOf   # searched in a whole sentence
    title_max_words: int
    heading_max_words: int
    trailer: Alternatives   # searched for its span only
    links_marker: re.Pattern = NEVER   # a line opening a list of related links
    bullet: re.Pattern = NEVER         # a list item's marker at the start of a line


@dataclass(frozen=True)
class ClauseRules:
    separators: Alternatives         # searched for the spans of their matches only
    strong_separators: Alternatives
    phrase_boundaries: re.Pattern


@dataclass(frozen=True)
class HeadlineRules:
    subordinators: frozenset       # open a clause whose finite verb comes last
    finite_verbs: frozenset        # finite verbs that may close such a clause
    determiners: frozenset         # open a noun phrase (the subject before the moved verb)
    coordinators: frozenset        # a headline does not start with these
    relatives: frozenset           # open a relative clause
    phrase_starts: frozenset       # a shortened headline may start at these words
    dangling: frozenset            # a headline does not end in these words


@dataclass(frozen=True)
class CueRules:
    open: Cue
    ongoing_before_timex: Cue
    ongoing_in_timex: Cue
    whole_span_timex: Cue
    ongoing_present_timex: Cue
    elapsed_after_timex: Cue
    ongoing: Cue
    up_to_now: Cue
    next_day_timex: Cue
    refers_back: Cue
    bare_day_part: Cue
    reason_clause: Cue
    counted_period: Cue
    recently: Cue
    lasts_until_before_timex: Cue
    until_before_timex: Cue
    attribute_timex: Cue
    comparison_before_timex: Cue
    apposition_before_timex: Cue
    life_apposition_before_timex: Cue
    stative_preterite: Cue
    these_days_timex: Cue
    side_clause: Cue
    relative_clause: Cue
    relative_pronoun: Cue
    clause_end_after: Cue
    article_before_timex: Cue
    participle_after_timex: Cue
    happening_attribute: Cue
    correction_between: Cue
    range_between: Cue
    announced: Cue
    not_announced: Cue
    general: Cue
    reporting: Cue
    happening_present: Cue
    narrative_step: Cue
    fragment: Cue
    condition: Cue
    abandoned_plan: Cue
    bare_time: Cue
    direct_speech: Cue
    question: Cue


@dataclass(frozen=True)
class ReportRules:
    said: Cue                      # a verb of saying in the preterite
    not_recent: Cue                # ... said long ago or habitually ("sagte immer")
    quoted_by: Cue                 # the clause after a quotation that reports it
    no_comment: Cue                # a refusal to comment: a statement
    reported_tail: Cue             # "..., so der Sprecher": a view reported, a statement
    reported_speech: Cue           # a verb of saying up to the comma that opens what it reports
    subjunctive: Cue               # a verb form of reported speech ("habe", "wolle")
    days_before: int               # a statement was made this many days before publication ...
    news_days: int                 # ... in a text naming a day at most this long before it


@dataclass(frozen=True)
class EventRules:
    sentences: SentenceRules
    blocks: BlockRules
    tense: TenseRules              # the language's tense.toml (timeline.tagger.tense)
    clauses: ClauseRules
    cues: CueRules
    reports: ReportRules
    headlines: HeadlineRules
    data: dict


@lru_cache(maxsize=None)
def event_rules(language: Language) -> EventRules:
    """Compile `events.toml` and `tense.toml` of `language`; a language without them gets
    rules that match nothing."""
    return compile_rules(language.get("events") or {}, language.get("tense"))


def compile_rules(data: dict, tense: dict | None = None) -> EventRules:
    s, b, c, q, r, h = (data.get(k, {}) for k in ("sentences", "blocks", "clauses", "cues", "reports", "headlines"))
    words = lambda key: frozenset(w.lower() for w in h.get(key, []))  # noqa: E731
    return EventRules(
        sentences=SentenceRules(
            abbreviations=frozenset(a.lower() for a in s.get("abbreviations", [])),
            no_split_after=_any(s.get("no_split_after"), flags=0),
        ),
        blocks=BlockRules(
            byline=AnyOf(b.get("byline_patterns"), flags=0),
            title_max_words=int(b.get("title_max_words", 0)),
            heading_max_words=int(b.get("heading_max_words", 0)),
            trailer=Alternatives([b.get("trailer")], re.IGNORECASE),
            links_marker=_any([b.get("links_marker")], flags=0),
            bullet=_any([b.get("bullet")], flags=0),
        ),
        tense=compile_tense(tense),
        clauses=ClauseRules(
            separators=Alternatives([c.get("separators")], re.IGNORECASE),
            strong_separators=Alternatives([c.get("strong_separators")], re.IGNORECASE),
            phrase_boundaries=_any([c.get("phrase_boundaries")]),
        ),
        cues=CueRules(
            open=_cue(q.get("open")),
            ongoing_before_timex=_cue([q.get("ongoing_before_timex")]),
            ongoing_in_timex=_cue([q.get("ongoing_in_timex")]),
            whole_span_timex=_cue([q.get("whole_span_timex")]),
            ongoing_present_timex=_cue([q.get("ongoing_present_timex")]),
            elapsed_after_timex=_cue([q.get("elapsed_after_timex")]),
            ongoing=_cue(q.get("ongoing")),
            up_to_now=_cue(q.get("up_to_now")),
            next_day_timex=_cue([q.get("next_day_timex")]),
            refers_back=_cue([q.get("refers_back")]),
            bare_day_part=_cue([q.get("bare_day_part")]),
            reason_clause=_cue([q.get("reason_clause")]),
            counted_period=_cue([q.get("counted_period")]),
            recently=_cue([q.get("recently")]),
            lasts_until_before_timex=_cue([q.get("lasts_until_before_timex")]),
            until_before_timex=_cue([q.get("until_before_timex")]),
            attribute_timex=_cue([q.get("attribute_timex")]),
            comparison_before_timex=_cue([q.get("comparison_before_timex")]),
            apposition_before_timex=_cue([q.get("apposition_before_timex")]),
            life_apposition_before_timex=_cue([q.get("life_apposition_before_timex")]),
            stative_preterite=_cue([q.get("stative_preterite")]),
            these_days_timex=_cue([q.get("these_days_timex")]),
            side_clause=_cue([q.get("side_clause")]),
            relative_clause=_cue([q.get("relative_clause")]),
            relative_pronoun=_cue([q.get("relative_pronoun")]),
            clause_end_after=_cue([q.get("clause_end_after")]),
            article_before_timex=_cue([q.get("article_before_timex")]),
            participle_after_timex=_cue([q.get("participle_after_timex")]),
            happening_attribute=_cue([q.get("happening_attribute")]),
            correction_between=_cue([q.get("correction_between")]),
            range_between=_cue([q.get("range_between")]),
            announced=_cue(q.get("announced")),
            not_announced=_cue(q.get("not_announced")),
            general=_cue(q.get("general")),
            reporting=_cue(q.get("reporting")),
            happening_present=_cue(q.get("happening_present") and [q.get("happening_present")]),
            narrative_step=_cue([q.get("narrative_step")]),
            fragment=_cue([q.get("fragment")]),
            condition=_cue([q.get("condition")]),
            abandoned_plan=_cue([q.get("abandoned_plan")]),
            bare_time=_cue([q.get("bare_time")]),
            direct_speech=_cue([q.get("direct_speech")]),
            question=_cue([q.get("question")]),
        ),
        reports=ReportRules(
            said=_cue([r.get("said")]),
            not_recent=_cue([r.get("not_recent")]),
            quoted_by=_cue([r.get("quoted_by")]),
            no_comment=_cue([r.get("no_comment")]),
            reported_tail=_cue([r.get("reported_tail")]),
            reported_speech=_cue([r.get("reported_speech")]),
            subjunctive=_cue([r.get("subjunctive")]),
            days_before=int(r.get("days_before", 0)),
            news_days=int(r.get("news_days", -1)),
        ),
        headlines=HeadlineRules(
            subordinators=words("subordinators"),
            finite_verbs=words("finite_verbs"),
            determiners=words("determiners"),
            relatives=words("relatives"),
            coordinators=words("coordinators"),
            phrase_starts=words("phrase_starts"),
            dangling=words("dangling"),
        ),
        data=data,
    )
