"""The seed article through the REAL pipeline (tagger + events): every expected timex and event.

expected.json is what a careful reader takes from the article; this test is the project's
acceptance check for issue 2.
"""
from datetime import date

import pytest
from shared_inputs import SEED_EXPECTED as EXPECTED
from shared_inputs import SEED_TEXT as TEXT

from timeline import extract

TIMELINE = extract(TEXT, published=date.fromisoformat(EXPECTED["published"]), lang=EXPECTED["lang"])


def _event(needle):
    matches = [e for e in TIMELINE.events if needle in e.sentence]
    assert len(matches) == 1, f"{needle!r}: {len(matches)} events"
    return matches[0]


@pytest.mark.parametrize("expected", EXPECTED["timexes"], ids=lambda t: t["text"])
def test_expected_timex(expected):
    found = [t for t in TIMELINE.timexes if (t.start, t.end) == (expected["start"], expected["end"])]
    assert found, f"no timex at {expected['start']}-{expected['end']} ({expected['text']!r})"
    timex = found[0]
    assert timex.text == expected["text"] and timex.type == expected["type"]
    assert timex.value in [expected["value"], *expected.get("also", [])]


@pytest.mark.parametrize("expected", EXPECTED["events"], ids=lambda e: e["key"])
def test_expected_event(expected):
    event = _event(expected["sentence_contains"])
    assert event.status == expected["status"]
    if expected["when"] is None:
        assert event.value is None and event.latest is None
        assert event.earliest == EXPECTED["published"]
    else:
        assert event.value.startswith(expected["when"])
        assert event.earliest.startswith(expected["when"]) and event.latest.startswith(expected["when"])
        assert event.granularity == expected["granularity"]


def test_expected_order():
    keys = {e["key"]: _event(e["sentence_contains"]) for e in EXPECTED["events"]}
    positions = [TIMELINE.events.index(keys[k]) for k in EXPECTED["order"]]
    assert positions == sorted(positions)
    assert TIMELINE.events[-1] == keys["russian-reply"]


def test_seit_wochen_is_ongoing():  # a nice-to-have of expected.json
    assert _event("seit Wochen").status == "ongoing"
