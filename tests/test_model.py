"""The model's explicit `to_dict` methods (written out for speed) say what `asdict` says."""
import dataclasses
from datetime import date

from timeline import extract
from shared_inputs import SEED_TEXT


def test_to_dict_equals_asdict_with_the_same_key_order():
    timeline = extract(SEED_TEXT, published=date(2022, 1, 27))
    assert timeline.timexes and timeline.events
    for timex in timeline.timexes:
        assert list(timex.to_dict().items()) == list(dataclasses.asdict(timex).items())
    for event in timeline.events:
        assert list(event.to_dict().items()) == list(dataclasses.asdict(event).items())
    data = timeline.to_dict()
    assert data["published"] == "2022-01-27" and data["lang"] == "de"
    assert data["events"] == [dataclasses.asdict(e) for e in timeline.events]
