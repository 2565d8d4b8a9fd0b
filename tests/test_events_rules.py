"""Every example in lang/de/events.toml holds: the language data is tested as data."""
import pytest

from timeline.event_rules import compile_rules, event_rules
from timeline.headlines import make_headline
from timeline.lang import load_language
from timeline.tense import is_past

RULES = event_rules(load_language("de"))
DATA = RULES.data


def _cases(section, positive, negative):
    for example in DATA[section]["examples"]:
        for text in example.get(positive, []):
            yield pytest.param(text, True, id=f"{positive}:{text[:40]}")
        for text in example.get(negative, []):
            yield pytest.param(text, False, id=f"{negative}:{text[:40]}")


@pytest.mark.parametrize("text, expected", list(_cases("cues", "open", "not_open")))
def test_open_cue_examples(text, expected):
    assert bool(RULES.cues.open.search(text)) is expected


@pytest.mark.parametrize("text, expected", list(_cases("cues", "ongoing", "not_ongoing")))
def test_ongoing_cue_examples(text, expected):
    assert bool(RULES.cues.ongoing.search(text)) is expected


@pytest.mark.parametrize("text, expected", list(_cases("cues", "ongoing_before_timex", "not_ongoing_before_timex")))
def test_ongoing_before_timex_examples(text, expected):
    assert bool(RULES.cues.ongoing_before_timex.search(text)) is expected


@pytest.mark.parametrize("text, expected", list(_cases("cues", "elapsed_after_timex", "not_elapsed_after_timex")))
def test_elapsed_after_timex_examples(text, expected):
    assert bool(RULES.cues.elapsed_after_timex.search(text)) is expected


@pytest.mark.parametrize("text, expected", list(_cases("reports", "said", "not_said")))
def test_said_examples(text, expected):
    assert bool(RULES.reports.said.search(text)) is expected


@pytest.mark.parametrize("text, expected", list(_cases("reports", "not_recent", "recent")))
def test_not_recent_examples(text, expected):
    assert bool(RULES.reports.not_recent.search(text)) is expected


@pytest.mark.parametrize("text, expected", list(_cases("cues", "general", "not_general")))
def test_general_statement_examples(text, expected):
    assert bool(RULES.cues.general.search(text)) is expected


@pytest.mark.parametrize("text, expected", list(_cases("cues", "reporting", "not_reporting")))
def test_reporting_cue_examples(text, expected):
    assert bool(RULES.cues.reporting.search(text)) is expected


@pytest.mark.parametrize("text, expected", list(_cases("cues", "direct_speech", "not_direct_speech")))
def test_direct_speech_examples(text, expected):
    assert bool(RULES.cues.direct_speech.search(text)) is expected


@pytest.mark.parametrize("text, expected", list(_cases("cues", "question", "not_question")))
def test_question_examples(text, expected):
    assert bool(RULES.cues.question.search(text)) is expected


@pytest.mark.parametrize("example", DATA["clauses"]["examples"])
def test_clause_examples(example):
    text = example["text"]
    bounds = [0]
    for match in RULES.clauses.strong_separators.finditer(text):
        bounds += [match.start(), match.end()]
    bounds.append(len(text))
    assert [text[a:b] for a, b in zip(bounds[::2], bounds[1::2])] == example["segments"]


def test_every_regex_in_the_data_compiles_and_every_section_has_examples():
    for section in ("sentences", "blocks", "clauses", "cues", "reports"):
        assert DATA[section].get("examples"), section


def test_a_language_without_event_data_gets_rules_that_match_nothing():
    empty = compile_rules({})
    assert not empty.cues.open.search("Wann Moskau antwortet, ist völlig offen.")
    assert not is_past("Dort übergab ein Bote die Antwort.", empty.tense)
    assert make_headline("Ein Satz.", None, empty) == "Ein Satz"
