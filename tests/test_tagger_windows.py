"""Scanning a rule only in windows around its required words finds what a whole-text scan finds
(windows.py), and the factored word-table alternations match what the plain ones match
(patterns.py). Both are speed-ups that must not change a single match."""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.lang import load_language
from timeline.tagger.matcher import _span, find_candidates, shortest_words
from timeline.tagger.patterns import _alternation, _factored_alternation, compile_language
from timeline.tagger.prefilter import ASCII_DIGITS, other_digits, required_words
from timeline.tagger.starts import tried_at
from timeline.tagger.tense import compile_tense
from timeline.tagger.textview import _all_matches, _start_finder
from timeline.tagger.windows import WHITESPACE, before_of, longest_run, longest_unspaced, reach_of, scan, windows

DE = load_language("de")
SHARED = Path(os.environ.get("TIMELINE_SHARED", "/work/shared"))
RULES = compile_language(DE.data).rules
WINDOWED = [rule for rule in RULES if rule.required is not None and rule.reach is not None]
TABLE_WORDS = sorted({key for table in DE.data["words"].values() if isinstance(table, dict)
                      for key in table})
DATE_WORDS = TABLE_WORDS + ["am", "im", "vom", "bis", "seit", "Uhr", "Jahr", "Jahren", "vor", "nach",
                            "etwa", "rund", "alt", "der", "den", "Anfang", "Ende", "Mitte", "und"]
EXAMPLES = sorted({example["text"] for rule in RULES for example in rule.examples})
GLUE = [" ", "  ", "\n", "\n\n", "\t", "\u00a0", ".", ",", "-", "–", "/", ":", "(", ")", "ſ", "İ", "K"]

tokens = st.one_of(
    st.sampled_from(EXAMPLES),   # phrases the rules match
    st.sampled_from(DATE_WORDS),
    st.sampled_from(DATE_WORDS).map(str.upper),
    st.integers(0, 3000).map(str),
    st.sampled_from(GLUE),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöüß", min_size=1, max_size=12),
    st.integers(1, 40).map(lambda n: " " * n),   # long runs of whitespace widen the windows
)
texts = st.lists(tokens, max_size=80).map(lambda parts: " ".join(parts))


def _whole(rule, text):
    return [(m.span(), m.groups()) for m in rule.regex.finditer(text)]


def _word_sets(rule):
    """(words, how far before one a match can begin) of each set a rule's windows may be placed by."""
    for words, before in zip((rule.required, *rule.required_too), rule.before or (None,) * (1 + len(rule.required_too))):
        yield words, before


def _windowed(rule, text, words, before, most_covered=100.0):
    """The matches of scanning `rule` around `words` (lowered), or None if the windows say a whole scan."""
    lowered = text.lower()
    found = [w for w in shortest_words(words) if w in lowered]
    reach = rule.reach.in_text(text, {})
    start = reach if before is None else min(reach, before.in_text(text, {}))
    zones = windows(lowered, found, start, reach, most_covered=most_covered)   # however much they cover
    if zones is None:
        return None   # so many occurrences that find_candidates scans the text whole
    return [(m.span(), m.groups()) for m in scan(rule.regex, text, zones, reach)]


def _check_windows(text):
    if len(text.lower()) != len(text):
        return   # find_candidates scans such a text whole
    for rule in WINDOWED:
        whole = None
        for words, before in _word_sets(rule):
            if words is ASCII_DIGITS and other_digits(text):
                continue   # a `\d` may match elsewhere: not windowed by digits (matcher.py)
            windowed = _windowed(rule, text, words, before)
            if windowed is None:
                continue
            whole = _whole(rule, text) if whole is None else whole
            assert windowed == whole, (rule.name, sorted(words)[:3])


@settings(max_examples=300, deadline=None)
@given(texts)
def test_windows_find_what_the_whole_text_scan_finds(text):
    _check_windows(text)


@settings(max_examples=200, deadline=None)
@given(texts)
def test_matches_begin_no_farther_before_a_word_than_the_rules_bound(text):
    lowered = text.lower()
    if len(lowered) != len(text) or other_digits(text):
        return
    for rule in WINDOWED:
        for words, before in _word_sets(rule):
            if before is None:
                continue
            bound = before.in_text(text, {})
            for match in rule.regex.finditer(text):
                near = lowered[match.start():match.start() + bound + max(map(len, words))]
                assert any(near.find(w) <= bound for w in shortest_words(words) if w in near), rule.name


@pytest.mark.skipif(not (SHARED / "corpus" / "krauts-dev.jsonl").exists(), reason="no dev corpus here")
def test_windows_on_the_dev_texts_find_what_the_whole_text_scan_finds():
    for name in ("krauts-dev.jsonl", "wikiwars-dev.jsonl"):
        for line in list((SHARED / "corpus" / name).open(encoding="utf-8"))[::3]:
            _check_windows(json.loads(line)["text"])


def test_a_match_begins_a_bounded_way_before_its_required_word():
    # the day (and an optional weekday) come before the month; the year after it does not count
    months = frozenset({"januar", "mai"})
    before = before_of(r"(?:(?:montag|dienstag),?\s+)?\d{1,2}\.\s*(?:Januar|Mai)\s+\d{4}", re.I, months)
    assert before is not None and before.fixed == len("dienstag,") + len("31.")
    assert [run[2] for run in before.runs] == [2]   # two runs of whitespace
    assert before_of(r"(?:ab|cd)?januar", re.I, months).fixed == 2
    # windows are placed around "jahr" in "jahren", which a match may hold: up to one later
    assert before_of(r"seit\s+(?:jahren|jahr)", re.I, frozenset({"jahr", "ajahren"})).fixed == 4 + 3
    assert before_of(r"(?:x\d|januar)", re.I, months) is None   # a branch without a month
    ahead = before_of(r"am\s+(?=\d+\.\s*mai)", re.I, months)   # a lookahead's: "am", ".", runs of \s, \d
    assert (ahead.fixed, [run[2] for run in ahead.runs]) == (3, [1, 2])
    assert before_of(r"(?:ab\s)+\d", re.I, ASCII_DIGITS) is None   # unbounded before the digit
    assert before_of(r"am\s+\d", re.I, ASCII_DIGITS).fixed == 2


@settings(max_examples=300, deadline=None)
@given(texts)
def test_trying_rules_where_matches_can_begin_finds_what_the_whole_text_scan_finds(text):
    for rule in RULES:
        if rule.starts is not None:
            beginnings = [m.start() for m in rule.starts.finditer(text)]   # however many
            tried = [(m.span(), m.groups()) for m in tried_at(rule.regex, text, beginnings)]
            assert tried == _whole(rule, text), rule.name


@settings(max_examples=150, deadline=None)
@given(texts)
def test_candidates_are_those_of_whole_text_scans(text):
    reference = [(order, m.span(), _span(m)) for order, rule in enumerate(RULES)
                 for m in rule.regex.finditer(text) if _span(m)[1] > _span(m)[0]]
    got = [(c.order, c.match.span(), (c.start, c.end)) for c in find_candidates(text, RULES)]
    assert got == reference


def test_reach_is_bounded_only_by_runs_of_single_characters():
    reach = reach_of(r"(?<!\w)am\s+\d{1,2}\.(?!\w)", re.I)
    assert reach is not None and reach.in_text("am  3.", {}) >= len("am  3.") + 2
    assert reach_of(r"(?:ab\s)+", 0) is None   # a repeated group: no bound
    assert reach_of(r"\1(a)", 0) is None   # a reference to a group not yet read
    backref = reach_of(r"(?P<u>tag|woche)\s+um\s+(?P=u)", re.I)   # as far as its group: 5
    assert backref is not None and backref.fixed == len("wocheumwoche")
    assert backref.in_text("woche   um woche", {}) >= len("woche   um woche")


def test_words_a_lookahead_reads_are_required():
    # a match reads them, within its reach: "am 5." only before a month
    assert required_words(r"(?:am|,)\s*\d+\.(?=\s*(?:januar|mai))", re.I) == {"januar", "mai"}
    assert required_words(r"(?:am|,)\s*\d+\.(?<=(?:januar|mai))", re.I) is None   # lookbehind: not counted


@given(st.text(alphabet=" \t\nab1\u00a0", max_size=60))
def test_longest_run(text):
    runs = [len(m) for m in re.findall(r"\s+", text)]
    assert longest_run(text, r"[\s]", 0) == max(runs, default=0)


def test_whitespace_is_what_re_and_str_split_take_for_it():
    every = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
    assert "".join(c for c in every if re.fullmatch(r"\s", c)) == WHITESPACE
    assert "".join(c for c in every if c.isspace()) == WHITESPACE


@given(st.text(alphabet=" \t\u00a0\u2003ab1\u20ac", max_size=60))
def test_longest_unspaced_bounds_runs_of_classes_without_whitespace(text):
    assert longest_unspaced(text) == max((len(m) for m in re.findall(r"\S+", text)), default=0)
    assert longest_unspaced(text) >= longest_run(text, r"[\w\u20ac]", re.I)

@settings(max_examples=300, deadline=None)
@given(texts)
def test_sentence_ends_tried_where_they_can_begin_are_those_of_a_whole_scan(text):
    end = compile_tense(DE.data["tense"]).sentence_end
    whole = [m.span() for m in end.finditer(text)]
    assert [m.span() for m in _all_matches(end, text)] == whole
    beginnings = [m.start() for m in _start_finder(end).finditer(text)]   # however many
    assert [m.span() for m in tried_at(end, text, beginnings)] == whole


# --- the factored word tables ------------------------------------------------------------------

def _matches_everywhere(regex, text):
    return [(m.group() if (m := regex.match(text, i)) else None) for i in range(len(text) + 1)]


keys = st.lists(st.text(alphabet="abcäßſ. K", min_size=1, max_size=6), min_size=1, max_size=12)


@settings(max_examples=300, deadline=None)
@given(keys, st.text(alphabet="abcäßſ. AKBC\n", max_size=40), st.booleans())
def test_factored_alternation_matches_what_the_plain_one_matches(words, text, ignore_case):
    flags = re.I if ignore_case else 0
    plain = re.compile(_alternation(words), flags)
    factored = re.compile(_factored_alternation(words), flags)
    assert _matches_everywhere(factored, text) == _matches_everywhere(plain, text)
    assert [m.span() for m in factored.finditer(text)] == [m.span() for m in plain.finditer(text)]


@pytest.mark.parametrize("table", sorted(name for name, t in DE.data["words"].items() if isinstance(t, dict)))
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_factored_word_tables_of_de_match_what_the_plain_ones_match(table, data):
    words = list(DE.data["words"][table])
    text = " ".join(data.draw(st.lists(st.one_of(st.sampled_from(words), st.sampled_from(words).map(str.upper),
                                                 st.sampled_from(GLUE)), max_size=20)))
    plain = re.compile(_alternation(words), re.I)
    factored = re.compile(_factored_alternation(words), re.I)
    assert _matches_everywhere(factored, text) == _matches_everywhere(plain, text)
