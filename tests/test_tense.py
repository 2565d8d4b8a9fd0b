"""Every example in lang/de/tense.toml holds: the one tense recogniser, both its views."""
import re

import pytest

from timeline.lang import load_language
from timeline.tagger.tense import (FUTURE, PAST, PERFECT, PLUPERFECT, PRETERITE, clause_tense, compile_tense,
                            is_past, tense_marks, tense_rules)

LANGUAGE = load_language("de")
RULES = tense_rules(LANGUAGE)
DATA = LANGUAGE["tense"]


def _cases(section, *keys):
    for example in DATA[section]["examples"]:
        for key in keys:
            for text in example.get(key, []):
                yield pytest.param(key, text, id=f"{key}:{text[:40]}")


def _kinds(text):
    return {m.kind for m in tense_marks(text, RULES)}, [(text[m.start:m.end], m.kind) for m in tense_marks(text, RULES)]


@pytest.mark.parametrize("key, text", list(_cases("preterite", "past", "not_past")))
def test_preterite_examples(key, text):
    kinds, marks = _kinds(text)
    assert (PRETERITE in kinds) is (key == "past"), marks


@pytest.mark.parametrize("key, text", list(_cases("perfect", "perfect", "pluperfect", "not_perfect")))
def test_perfect_examples(key, text):
    kinds, marks = _kinds(text)
    if key == "not_perfect":
        assert not kinds & {PERFECT, PLUPERFECT}, marks
    else:
        assert {"perfect": PERFECT, "pluperfect": PLUPERFECT}[key] in kinds, marks


@pytest.mark.parametrize("example", DATA["direction"]["examples"],
                         ids=lambda e: f"{e['expression']}:{e['text'][:40]}")
def test_direction_examples(example):
    text, expression = example["text"], example["expression"]
    start = text.index(expression)
    tense = clause_tense(text, start, start + len(expression), RULES,
                         whole_sentence=not example.get("clause_only", False))
    assert (tense or "none") == example["tense"]


@pytest.mark.parametrize("example", DATA["bounds"]["examples"], ids=lambda e: e["text"][:40])
def test_bounds_examples(example):
    text = example["text"]
    cuts = [0] + [m.end() for m in RULES.sentence_end.finditer(text)] + [len(text)]
    assert [text[a:b] for a, b in zip(cuts, cuts[1:])] == example["sentences"]
    assert re.split(RULES.clause_end, text) == example["clauses"]


def test_marks_are_spans_of_the_sentence_in_text_order():
    text = "Weil Russland im November sein Büro geschlossen hatte, übergab ein Bote die Antwort."
    marks = tense_marks(text, RULES)
    assert [(text[m.start:m.end], m.kind) for m in marks] == [
        ("geschlossen", PLUPERFECT), ("hatte", PLUPERFECT), ("übergab", PRETERITE)]


def test_the_two_views_agree_on_the_past():
    text = "Am Montag übergab ein Bote die Antwort."
    assert is_past(text, RULES)
    assert clause_tense(text, 3, 9, RULES) == PAST
    future = "Am Montag wird ein Bote die Antwort übergeben."
    assert not is_past(future, RULES)
    assert clause_tense(future, 3, 9, RULES) == FUTURE


def test_every_section_has_examples():
    for section in ("preterite", "perfect", "direction", "bounds"):
        assert DATA[section].get("examples"), section


def test_a_language_without_tense_data_finds_no_tense():
    empty = compile_tense({})
    text = "Dort übergab ein Bote am Montag die Antwort, die er geschrieben hatte."
    assert tense_marks(text, empty) == []
    assert clause_tense(text, text.index("Montag"), text.index("Montag") + 6, empty) is None
