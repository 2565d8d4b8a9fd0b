"""Every example in lang/de/events.toml holds: the language data is tested as data."""
import dataclasses

import pytest

from timeline.events.cues import CueRules, compile_rules, event_rules
from timeline.events.headlines import make_headline
from timeline.lang import load_language
from timeline.tagger.tense import is_past

RULES = event_rules(load_language("de"))
DATA = RULES.data


# (section of events.toml, cue name, key of the texts it must not match)
CUES = [
    ("cues", "open", "not_open"),
    ("cues", "ongoing", "not_ongoing"),
    ("cues", "ongoing_before_timex", "not_ongoing_before_timex"),
    ("cues", "elapsed_after_timex", "not_elapsed_after_timex"),
    ("cues", "general", "not_general"),
    ("cues", "up_to_now", "not_up_to_now"),
    ("cues", "refers_back", "not_refers_back"),
    ("cues", "bare_day_part", "not_bare_day_part"),
    ("cues", "reason_clause", "not_reason_clause"),
    ("cues", "counted_period", "not_counted_period"),
    ("cues", "recently", "not_recently"),
    ("cues", "lasts_until_before_timex", "not_lasts_until_before_timex"),
    ("cues", "until_before_timex", "not_until_before_timex"),
    ("cues", "attribute_timex", "not_attribute_timex"),
    ("cues", "comparison_before_timex", "not_comparison_before_timex"),
    ("cues", "side_clause", "not_side_clause"),
    ("cues", "relative_clause", "not_relative_clause"),
    ("cues", "article_before_timex", "not_article_before_timex"),
    ("cues", "participle_after_timex", "not_participle_after_timex"),
    ("cues", "happening_attribute", "not_happening_attribute"),
    ("cues", "correction_between", "not_correction_between"),
    ("cues", "range_between", "not_range_between"),
    ("cues", "ongoing_present_timex", "not_ongoing_present_timex"),
    ("cues", "next_day_timex", "not_next_day_timex"),
    ("cues", "announced", "not_announced_cue"),
    ("cues", "ongoing_in_timex", "not_ongoing_in_timex"),
    ("cues", "whole_span_timex", "not_whole_span_timex"),
    ("cues", "apposition_before_timex", "not_apposition_before_timex"),
    ("cues", "life_apposition_before_timex", "not_life_apposition_before_timex"),
    ("cues", "stative_preterite", "not_stative_preterite"),
    ("cues", "these_days_timex", "not_these_days_timex"),
    ("cues", "relative_pronoun", "not_relative_pronoun"),
    ("cues", "clause_end_after", "not_clause_end_after"),
    ("cues", "not_announced", "announced"),
    ("cues", "reporting", "not_reporting"),
    ("cues", "happening_present", "not_happening_present"),
    ("cues", "narrative_step", "not_narrative_step"),
    ("cues", "fragment", "not_fragment"),
    ("cues", "condition", "not_condition"),
    ("cues", "abandoned_plan", "not_abandoned_plan"),
    ("cues", "bare_time", "not_bare_time"),
    ("cues", "direct_speech", "not_direct_speech"),
    ("cues", "question", "not_question"),
    ("reports", "said", "not_said"),
    ("reports", "not_recent", "recent"),
    ("reports", "quoted_by", "not_quoted_by"),
    ("reports", "no_comment", "not_no_comment"),
    ("reports", "reported_tail", "not_reported_tail"),
    ("reports", "reported_speech", "not_reported_speech"),
    ("reports", "subjunctive", "not_subjunctive"),
]


def _cases():
    for section, cue, negative in CUES:
        for example in DATA[section]["examples"]:
            for text in example.get(cue, []):
                yield pytest.param(section, cue, text, True, id=f"{cue}:{text[:40]}")
            for text in example.get(negative, []):
                yield pytest.param(section, cue, text, False, id=f"{negative}:{text[:40]}")


@pytest.mark.parametrize("section, cue, text, expected", list(_cases()))
def test_cue_examples(section, cue, text, expected):
    pattern = getattr(getattr(RULES, section), cue)
    assert bool(pattern.search(text)) is expected


def test_every_cue_of_the_engine_is_checked_here():
    checked = {cue for section, cue, _ in CUES if section == "cues"}
    assert [f.name for f in dataclasses.fields(CueRules) if f.name not in checked] == []


def test_every_cue_has_examples_both_ways():
    for section, cue, negative in CUES:
        examples = DATA[section]["examples"]
        assert any(example.get(cue) for example in examples), cue
        assert any(example.get(negative) for example in examples), negative


@pytest.mark.parametrize("example", DATA["clauses"]["examples"])
def test_clause_examples(example):
    text = example["text"]
    bounds = [0]
    for match in RULES.clauses.strong_separators.finditer(text):
        bounds += [match.start(), match.end()]
    bounds.append(len(text))
    assert [text[a:b] for a, b in zip(bounds[::2], bounds[1::2])] == example["segments"]


def test_every_regex_in_the_data_compiles_and_every_section_has_examples():
    for section in ("sentences", "blocks", "clauses", "cues", "reports", "headlines"):
        assert DATA[section].get("examples"), section


def test_a_language_without_event_data_gets_rules_that_match_nothing():
    empty = compile_rules({})
    assert not empty.cues.open.search("Wann Moskau antwortet, ist völlig offen.")
    assert not is_past("Dort übergab ein Bote die Antwort.", empty.tense)
    assert make_headline("Ein Satz.", None, empty) == "Ein Satz"
