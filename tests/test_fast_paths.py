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


# --- the rule cache (timeline/tagger/rulecache.py) -------------------------------------------

from timeline.tagger import rulecache  # noqa: E402
from timeline.tagger.patterns import compile_language  # noqa: E402


def _compile(monkeypatch, where) -> list:
    monkeypatch.setenv(rulecache.CACHE_ENV, str(where))
    return compile_language(DE.data).rules


def test_rules_read_from_the_cache_are_the_rules_compiled_afresh(monkeypatch, tmp_path):
    afresh = _compile(monkeypatch, "off")
    assert not list(tmp_path.iterdir())
    written = _compile(monkeypatch, tmp_path)   # computes and stores
    stored = list(tmp_path.glob("rules-*.json"))
    assert len(stored) == 1
    read_back = _compile(monkeypatch, tmp_path)
    assert written == afresh and read_back == afresh
    assert [r.regex.pattern for r in read_back] == [r.regex.pattern for r in afresh]
    assert [(r.required, r.reach, r.starts) for r in read_back] == [(r.required, r.reach, r.starts) for r in afresh]


def test_a_broken_cache_file_is_compiled_around(monkeypatch, tmp_path):
    afresh = _compile(monkeypatch, "off")
    _compile(monkeypatch, tmp_path)
    (stored,) = tmp_path.glob("rules-*.json")
    count = len(afresh)
    for broken in ("{not json", '{"key": "other", "entries": []}', '{"key": "%s", "entries": [1]}'
                   % stored.name[6:-5], '{"key": "%s", "entries": %s}' % (stored.name[6:-5], [[1, 2]] * count), ""):
        stored.write_text(broken, encoding="utf-8")
        assert _compile(monkeypatch, tmp_path) == afresh


def test_an_unwritable_cache_changes_nothing(monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    assert _compile(monkeypatch, blocker / "below") == _compile(monkeypatch, "off")


def test_other_rule_data_or_engine_code_is_another_cache_entry(monkeypatch):
    data = dict(DE.data)
    key = rulecache.cache_key(data)
    changed = {**data, "rules_dates": {**data["rules_dates"], "rule": data["rules_dates"]["rule"][1:]}}
    assert rulecache.cache_key(changed) != key
    assert rulecache.cache_key({**data, "events": {}}) == key   # not read by the rules
    monkeypatch.setattr(rulecache, "_engine_source", lambda: b"other code")
    assert rulecache.cache_key(data) != key
