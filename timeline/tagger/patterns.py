"""Compile a language's rule files into regular expressions.

A rule file (`rules_*.toml`) holds `[[rule]]` tables. A rule's `pattern` is a regular
expression that may name building blocks as `%(name)`: a named pattern from `patterns.toml`
(`[patterns]`, which may itself use `%(...)`) or a word table from `words.toml`, which expands
to the alternation of the table's keys (longest first, spaces matching any whitespace).
Every pattern is wrapped in word boundaries. A group named `t` marks the time expression
inside a longer match (context the span must not include); without it the whole match is the span.

Other keys of a rule: `name` (unique), `type` (DATE, TIME, DURATION, SET), `case_sensitive`
(default false), `priority` (breaks ties between equally long matches), `reject` (a match
that is no time expression and removes the span, e.g. "rund 1200 Unterschriften"),
`examples` (run by tests/test_rule_examples.py), `published` (the examples' publication
date; else the file's `[defaults] published`). All remaining keys are value fields, filled
by normalize.py and read by resolve.py.

What the expansion and the pre-checks find for each rule is kept between processes by
`rulecache.py` (it costs more than the rest of a process's start).
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache

from timeline.tagger import recompile, rulecache
from timeline.tagger.ago import AgoRules, ago_rules
from timeline.tagger.patternstore import longest_first
from timeline.tagger.prefilter import (ASCII_DIGITS, first_chars, latin_1_words, more_required_words,
                                      needs_a_digit, required_words)
from timeline.tagger.starts import start_finder
from timeline.tagger.windows import DIGIT_WORDS, Reach, before_of, reach_of

MACRO = re.compile(r"%\((\w+)\)")


@dataclass(frozen=True)
class Rule:
    name: str
    regex: re.Pattern
    type: str
    fields: dict
    priority: int = 0
    reject: bool = False
    examples: tuple = ()
    published: str | None = None
    required: frozenset | None = None   # one of these (lower case) is in every match
    reach: Reach | None = None          # how far a match reaches (windows.py), if bounded
    starts: re.Pattern | None = None    # finds where a match can begin (starts.py), if cheaply
    required_too: tuple = ()            # further sets of words, one of each is in every match
    before: tuple = ()                  # how far before a word of `required`, then of each of
                                        # `required_too`, a match can begin (windows.py), if known


@dataclass
class CompiledLanguage:
    rules: list[Rule]
    words: dict[str, dict]
    # the words before a year that keep it from setting the passage's time ("bis 1915")
    not_reference_before: re.Pattern | None = None
    # which durations date a time ago ("vor fünf Jahren"): the `[ago]` table (ago.py)
    ago: AgoRules | None = None


def word_key(text: str) -> str:
    """The form a word-table key is looked up by: lower case, single spaces."""
    return " ".join(text.lower().split())


def _source(key: str) -> str:
    """A word-table key as a regular expression: spaces match any run of whitespace."""
    return re.escape(key).replace(r"\ ", r"\s+")


def _alternation(keys) -> str:
    """The keys as one alternation, longest first (so that the longest word is tried first)."""
    parts = longest_first({word_key(k) for k in keys})
    return "(?:" + "|".join(_source(p) for p in parts) + ")"


def _factored_alternation(keys) -> str:
    """The same alternation with common beginnings factored out: `ja(?:nuar|hr)`.

    A speed-up only. Python's `re` tries the branches of an alternation one after the other,
    so a table of 60 words cost 60 attempts at every word of a text; factored, it costs one
    attempt per distinct first letter. Matches stay the same: the branches keep their order
    within each group, and branches in different groups cannot match at the same place as
    they begin with different characters. If two of the table's characters could match the
    same character when case is ignored (`s` and `ſ`), that would not hold: such a table
    keeps the plain alternation.
    """
    parts = longest_first({word_key(k) for k in keys})
    if not _distinct_ignoring_case(frozenset("".join(parts))):
        return _alternation(keys)
    return "(?:" + _prefix_tree(parts) + ")"


@lru_cache(maxsize=None)
def _distinct_ignoring_case(chars: frozenset) -> bool:
    """Can no two of these characters match the same character when case is ignored?"""
    ordered = sorted(chars)
    return not any(re.fullmatch(re.escape(a), b, re.IGNORECASE)
                   for i, a in enumerate(ordered) for b in ordered[i + 1:])


def _prefix_tree(parts: list[str]) -> str:
    """`parts` (in preference order, no duplicates) as nested alternations sharing prefixes."""
    groups: dict[str, list[str]] = {}
    for part in parts:
        groups.setdefault(part[:1], []).append(part)
    branches = []
    for head, members in groups.items():
        if not head:
            continue   # the empty word: the last branch, below
        if len(members) == 1:
            branches.append(_source(members[0]))
            continue
        prefix = os.path.commonprefix(members)
        rests = [m[len(prefix):] for m in members]
        branches.append(_source(prefix) + "(?:" + _prefix_tree(rests) + ")")
    if "" in groups:
        branches.append("")
    return "|".join(branches)


def expand(pattern: str, patterns: dict, words: dict, _depth: int = 0,
           alternation=_alternation) -> str:
    """`pattern` with its `%(name)` macros replaced; a word table by `alternation(keys)`."""
    if _depth > 20:
        raise ValueError(f"pattern macros nest too deep: {pattern!r}")

    def substitute(match: re.Match) -> str:
        name = match.group(1)
        if name in patterns:
            return "(?:" + expand(patterns[name], patterns, words, _depth + 1, alternation) + ")"
        if name in words:
            return alternation(words[name].keys())
        raise KeyError(f"unknown pattern or word table %({name})")

    return MACRO.sub(substitute, pattern)


def compile_language(data: dict) -> CompiledLanguage:
    """Build the rules of one language from its parsed TOML files (`Language.data`)."""
    words = {name: {word_key(k): v for k, v in table.items()}
             for name, table in data.get("words", {}).items() if isinstance(table, dict)}
    patterns = data.get("patterns", {}).get("patterns", {})
    specs = [(spec, data[stem].get("defaults", {})) for stem in sorted(data) if stem.startswith("rules")
             for spec in data[stem].get("rule", [])]
    # what the patterns expand to and their pre-checks: from the cache when this rule data
    # and this code made them before (rulecache.py), else found now and stored
    key = rulecache.cache_key(data)
    analyses = rulecache.read(key)
    rules = None
    if analyses is not None and len(analyses) == len(specs):
        try:
            rules = _rules(specs, analyses)
        except (TypeError, ValueError, re.error):   # a cache file edited by hand: compile afresh
            rules = None
    if rules is None:
        analyses = [analyse(spec, patterns, words) for spec, _ in specs]
        rulecache.write(key, analyses)
        rules = _rules(specs, analyses)
    return CompiledLanguage(rules=rules, words=words,
                            not_reference_before=_words_before_end(words.get("not_reference_after", {})),
                            ago=ago_rules(data))


def _rules(specs: list[tuple[dict, dict]], analyses: list) -> list[Rule]:
    rules = []
    for (spec, defaults), (source, first, required, reach, code, required_too, digit, before) in zip(specs, analyses):
        flags = _flags(spec)
        starts = start_finder(first, flags)
        # a rule tried only where its matches can begin needs no windows around digits
        required, required_too, before = _word_sets(required, required_too, digit and starts is None, before)
        fields = {k: v for k, v in spec.items()
                  if k not in ("name", "pattern", "type", "priority", "reject", "examples",
                               "case_sensitive", "published")}
        rules.append(Rule(
            name=spec["name"], regex=recompile.from_code(source, flags, code),
            type=spec.get("type", "DATE"), fields=fields, priority=spec.get("priority", 0),
            reject=spec.get("reject", False), examples=tuple(spec.get("examples", ())),
            published=spec.get("published", defaults.get("published")),
            required=required,
            reach=_reach(reach),
            starts=starts,
            required_too=required_too, before=before))
    return rules


def _reach(stored) -> Reach | None:
    return None if stored is None else Reach(int(stored[0]), tuple((c, int(f), int(n)) for c, f, n in stored[1]))


def _stored_reach(reach: Reach | None):
    return None if reach is None else [reach.fixed, [list(run) for run in reach.runs]]


def _flags(spec: dict) -> int:
    return re.UNICODE if spec.get("case_sensitive") else re.UNICODE | re.IGNORECASE


def analyse(spec: dict, patterns: dict, words: dict) -> list:
    """[regex source, first-character class, required words, reach, compiled code, further
    required words, whether every match holds a digit, how far before a word of each set (the
    required words, each further set, the digits) a match can begin] of one rule, as JSON data
    (what `rulecache` stores; `compile_language` turns it into a `Rule`)."""
    flags = _flags(spec)
    # the pre-checks read the plain alternations (the factored ones hide whole words)
    body = expand(spec["pattern"], patterns, words)
    first = first_chars(body, flags)
    fast_body = expand(spec["pattern"], patterns, words, alternation=_factored_alternation)
    source = (f"(?={first})" if first else "") + r"(?<![\w])(?:" + fast_body + r")(?![\w])"
    required = latin_1_words(required_words(body, flags))
    more = [words for words in map(latin_1_words, more_required_words(body, flags)) if words]
    digit = needs_a_digit(body, flags)
    sets = ([] if required is None else [required]) + more + ([DIGIT_WORDS] if digit else [])
    return [source, first, None if required is None else sorted(required),
            _stored_reach(reach_of(source, flags)), recompile.code_of(source, flags),
            [sorted(words) for words in more], digit,
            [_stored_reach(before_of(body, flags, words)) for words in sets]]


def _word_sets(required, required_too, digit: bool, before: list) -> tuple[frozenset | None, tuple, tuple]:
    """A rule's required words, further sets and how far before a word of each a match can
    begin; the ASCII digits are one more set for a rule whose every match holds a digit (the
    only one, for a rule without required words). `before` is `analyse`'s, the digits last."""
    bounds = tuple(map(_reach, before))
    if required is None:
        return (ASCII_DIGITS, (), bounds[-1:]) if digit else (None, (), ())
    more = tuple(frozenset(words) for words in required_too)
    if digit:
        return frozenset(required), more + (ASCII_DIGITS,), bounds
    return frozenset(required), more, bounds[:1 + len(more)]


def _words_before_end(table: dict) -> re.Pattern:
    """Matches when a text ends in one of the table's words (longest first), as a whole word."""
    keys = sorted(table, key=len, reverse=True)
    body = "|".join(r"\s+".join(re.escape(w) for w in key.split()) for key in keys) or "(?!x)x"
    return re.compile(rf"(?:^|(?<=\W))(?:{body})\s*$", re.IGNORECASE)
