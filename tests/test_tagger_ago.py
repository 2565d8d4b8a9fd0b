"""A duration that dates a time ago carries the time it names (issue 8: "vor fünf Jahren" is
DATE 2013 in a 2018 text), in the tagger's output, the JSON and the TimeML export; the events
stage dates events from it. The cases are the `[ago]` table's examples (language data)."""
from __future__ import annotations

import json
from datetime import date

import pytest

from timeline import extract
from timeline.lang import available_languages, load_language
from timeline.model import Anchored, Timex
from timeline.tagger import tag
from timeline.timeml import parse_timeml, to_timeml


def _examples():
    for code in available_languages():
        data = load_language(code).data
        for stem in sorted(data):
            table = data[stem].get("ago") if stem.startswith("rules") and isinstance(data[stem], dict) else None
            for i, example in enumerate((table or {}).get("examples", ())):
                yield pytest.param(code, example, id=f"{code}:{stem}:{i}")


def test_every_language_with_a_time_ago_table_has_examples():
    assert list(_examples())


@pytest.mark.parametrize("code, example", list(_examples()))
def test_ago_example(code, example):
    published = date.fromisoformat(example.get("published", "2022-01-27"))
    found = [t for t in tag(example["text"], published, load_language(code)) if t.text == example["expect"]]
    assert found, f"{example['expect']!r} not tagged in {example['text']!r}"
    duration = found[0]
    assert duration.type == "DURATION"   # the expression stays the duration the corpora annotate
    if "value" not in example:
        assert duration.anchored is None
    else:
        assert duration.anchored == Anchored("DATE", example["value"], example.get("mod"))


TEXT = "Vor fünf Jahren eröffnete das Hotel am See. Gestern schloss es."
PUBLISHED = date(2018, 6, 1)


def test_the_json_record_carries_the_anchored_date_only_where_there_is_one():
    records = [t.to_dict() for t in extract(TEXT, published=PUBLISHED, lang="de").timexes]
    assert records[0] == {"start": 4, "end": 15, "text": "fünf Jahren", "type": "DURATION", "value": "P5Y",
                          "mod": None, "anchored": {"type": "DATE", "value": "2013", "mod": None}}
    assert "anchored" not in records[1]
    # read back from JSON (as the store does), it is the same Timex
    assert Timex(**json.loads(json.dumps(records[0]))) == extract(TEXT, published=PUBLISHED).timexes[0]


def test_the_timeml_export_has_an_empty_timex3_as_the_durations_begin_point():
    timeline = extract(TEXT, published=PUBLISHED, lang="de")
    out = to_timeml(TEXT, timeline)
    assert ('<TIMEX3 tid="t1" type="DURATION" value="P5Y" beginPoint="t3" endPoint="t0">fünf Jahren</TIMEX3>'
            '<TIMEX3 tid="t3" type="DATE" value="2013" temporalFunction="true" anchorTimeID="t1"/>') in out
    assert '<TIMEX3 tid="t2" type="DATE" value="2018-05-31">Gestern</TIMEX3>' in out
    # the empty TIMEX3 covers no text: the text and the expressions read back are unchanged
    document = parse_timeml(out)
    assert document.text == TEXT
    assert [(t.text, t.value, t.anchored) for t in document.timexes] == [
        ("fünf Jahren", "P5Y", Anchored("DATE", "2013")), ("Gestern", "2018-05-31", None)]


def test_the_events_stage_dates_the_event_by_it():
    events = extract(TEXT, published=PUBLISHED, lang="de").events
    opened = next(e for e in events if "eröffnete" in e.sentence)
    assert (opened.status, opened.value, opened.anchor) == ("dated", "2013", "own")


def test_a_stored_event_keeps_the_anchored_date(store):
    timeline = extract(TEXT, published=PUBLISHED, lang="de")
    store.save_document("hotel", TEXT, PUBLISHED, timeline)
    stored = next(e.event for e in store.story("hotel").events if "eröffnete" in e.event.sentence)
    assert stored.timex.anchored == Anchored("DATE", "2013")
    assert stored == next(e for e in timeline.events if "eröffnete" in e.sentence)
