"""The model's explicit `to_dict` methods (written out for speed) say what `asdict` says,
except that a Timex without `anchored` (every expression but a time ago) leaves the key out."""
import dataclasses
from datetime import date

from timeline import extract
from shared_inputs import SEED_TEXT


def _as_written(value):
    """`asdict` output with the `"anchored": None` entries left out, as `to_dict` writes them."""
    if isinstance(value, dict):
        return {k: _as_written(v) for k, v in value.items() if not (k == "anchored" and v is None)}
    if isinstance(value, list):
        return [_as_written(v) for v in value]
    return value


def test_to_dict_equals_asdict_with_the_same_key_order():
    timeline = extract(SEED_TEXT, published=date(2022, 1, 27))
    assert timeline.timexes and timeline.events
    ago = extract("Vor fünf Jahren eröffnete das Hotel.", published=date(2018, 6, 1))
    assert ago.timexes[0].anchored is not None
    for timex in timeline.timexes + ago.timexes:
        assert list(timex.to_dict().items()) == list(_as_written(dataclasses.asdict(timex)).items())
    for event in timeline.events + ago.events:
        assert list(event.to_dict().items()) == list(_as_written(dataclasses.asdict(event)).items())
    data = timeline.to_dict()
    assert data["published"] == "2022-01-27" and data["lang"] == "de"
    assert data["events"] == [_as_written(dataclasses.asdict(e)) for e in timeline.events]
