"""Speed-ups of issue 13 give what the plain paths give: each shortcut is compared here with
the computation it replaces, on the dev texts and on generated ones (property tests)."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.events.cues import event_rules
from timeline.events.sentences import split_sentences
from timeline.lang import load_language
from timeline.tagger.tense import tense_marks

DE = load_language("de")
EVENT_RULES = event_rules(DE)
SHARED = Path(os.environ.get("TIMELINE_SHARED", "/work/shared"))
WORDS = ["hat", "hatte", "ist", "war", "wurde", "sagte", "kam", "gekommen", "geschlossen", "übergab",
         "Kam", "Die", "die", "Stadt", "am", "Montag", "werden", "soll", "gestern", "„", "“", ",", ";",
         ":", " - ", ".", "\n", "  ", "3.", "2022", "Er", "sie", "erklärte", "studiert", "und"]
texts = st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join)


def _marks_both_ways(text: str) -> None:
    rules = EVENT_RULES.tense
    for sentence in split_sentences(text, EVENT_RULES):
        assert text[sentence.start:sentence.end] == sentence.text
        alone = tense_marks(sentence.text, rules)
        assert tense_marks(sentence.text, rules, text, sentence.start) == alone, sentence.text


@settings(max_examples=300, deadline=None)
@given(texts)
def test_tense_marks_from_the_text_view_are_those_of_the_sentence_alone(text):
    _marks_both_ways(text)


@pytest.mark.skipif(not (SHARED / "corpus" / "krauts-dev.jsonl").exists(), reason="no dev corpus here")
def test_tense_marks_from_the_text_view_on_the_dev_texts():
    for name in ("krauts-dev.jsonl", "wikiwars-dev.jsonl"):
        for line in (SHARED / "corpus" / name).open(encoding="utf-8"):
            _marks_both_ways(json.loads(line)["text"])
