"""The one chronological key: the extractor's order of every real document, and a story's.

`find_events` sorts by `chronological_key`, so "sorted" alone would hold by construction;
these tests check what makes the key trustworthy as the one rule: on every corpus and
held-out document the keys are distinct (the order does not depend on the order events come
in, so a story's merge can rely on it), narrative events stand right after the event that
set their narrative, and the undated tiers sit at the document's publication.
"""
import json
from datetime import date
from pathlib import Path

import pytest
from events_helpers import events_of, find, timex
from shared_inputs import CORPUS, REPO, requires_corpus

from timeline import extract
from timeline.model import Event
from timeline.dates.ordering import AFTER_THE_DAY, chronological_key

HELDOUT = sorted((REPO / "tests" / "data").glob("*.jsonl"))


def _documents(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def _check_order(document: dict) -> None:
    published = date.fromisoformat(document["published"])
    events = list(extract(document["text"], published, document.get("lang", "de")).events)
    keys = [chronological_key(e) for e in events]
    assert keys == sorted(keys), document["id"]
    assert len(set(keys)) == len(keys), document["id"]       # no tie left to the input order
    assert sorted(reversed(events), key=chronological_key) == events, document["id"]
    for n, event in enumerate(events):
        if event.anchor == "narrative":
            before = events[n - 1]
            assert n > 0 and before.timex == event.timex and before.start < event.start, (
                document["id"], event.sentence)
            assert before.anchor == "narrative" or (before.anchor == "own" and before.status == "dated")
        if event.status in ("ongoing", "vague"):
            assert event.latest == document["published"], (document["id"], event.sentence)


@requires_corpus
def test_every_corpus_document_is_in_key_order():
    documents = _documents(CORPUS)
    assert len(documents) > 10
    for document in documents:
        _check_order(document)


@pytest.mark.parametrize("path", HELDOUT, ids=lambda p: p.name)
def test_every_held_out_document_is_in_key_order(path):
    documents = _documents(path)
    assert documents
    for document in documents:
        _check_order(document)


# --- the key itself ----------------------------------------------------------------------------

def _event(status, earliest=None, latest=None, granularity=None, start=0, anchor="own", timex=None):
    return Event(id=str(start), headline="x", sentence="x.", start=start, end=start + 2,
                 status=status, value=earliest, granularity=granularity, earliest=earliest,
                 latest=latest, anchor=anchor, timex=timex)


NARRATED = "Am Mittwochnachmittag übergab ein Bote die Antwort. Danach fuhr er zurück."
PUBLISHED = date(2022, 1, 27)


def test_a_narrative_event_takes_the_key_of_the_time_it_continues():
    afternoon = timex(NARRATED, "Mittwochnachmittag", "TIME", "2022-01-26TAF")
    setter, narrative = events_of(NARRATED, PUBLISHED, [afternoon])
    assert (narrative.anchor, narrative.earliest, narrative.granularity) == ("narrative", "2022-01-26", "day")
    later_that_day = _event("dated", "2022-01-26T15:00", "2022-01-26T15:00", "time", start=0)
    same_day = _event("dated", "2022-01-26", "2022-01-26", "day", start=999)
    assert sorted([later_that_day, narrative, same_day, setter], key=chronological_key) == [
        same_day, setter, narrative, later_that_day]
    assert chronological_key(narrative).on_the_axis == chronological_key(setter).on_the_axis


def test_undated_tiers_sit_after_their_publication_day_and_open_ones_last():
    evening = _event("dated", "2022-01-27T22:00", "2022-01-28T06:00", "part-of-day")
    ongoing = _event("ongoing", None, "2022-01-27", start=5)
    vague = _event("vague", None, "2022-01-27", start=1)
    next_day = _event("dated", "2022-01-28", "2022-01-28", "day")
    opened = _event("open", "2022-01-27", None, start=0)
    ordered = [evening, ongoing, vague, next_day, opened]
    assert sorted(reversed(ordered), key=chronological_key) == ordered
    assert chronological_key(vague).time == "2022-01-27" + AFTER_THE_DAY


def test_edge_a_vague_time_off_the_calendar_sorts_after_everything_dated():
    """'im November' with an unknown year: the event cannot say when it was published
    (`latest` None), so it goes after all dated events, before the open ones (documented in
    timeline/ordering.py; the tagger gives no such value in the corpus)."""
    text = "Er sagte im November, der Vertrag sei gut. Am 3. Februar beginnt die Konferenz."
    events = events_of(text, PUBLISHED, [timex(text, "im November", "DATE", "XXXX-11"),
                                         timex(text, "3. Februar", "DATE", "2022-02-03")])
    vague = find(events, "sagte")
    assert (vague.status, vague.latest) == ("vague", None)
    assert events == sorted(events, key=chronological_key)
    assert events[-1] == vague


# --- a story of two documents -------------------------------------------------------------------

def test_a_narrative_event_stays_right_after_its_setter_in_a_story(store):
    first = "Am Mittwochnachmittag übergab ein Bote die Antwort der Nato. Danach fuhr er zurück in die Botschaft."
    # the second document's afternoon is named at the same offset as the first's: offsets of
    # different texts must not be compared, or it would land between setter and narrative
    second = ("Am Mittwochnachmittag sprach Stoltenberg vor der Presse. Am Mittwoch tagte der "
              "Nato-Rat in Brüssel. Um 15 Uhr am Mittwoch reiste der Generalsekretär ab.")
    for n, text in enumerate((first, second)):
        store.save_document("nato", text, PUBLISHED, extract(text, PUBLISHED), url=f"https://example.org/{n}")
    story = [s.event.sentence.split()[:3] for s in store.story("nato").events]
    assert story == [["Am", "Mittwoch", "tagte"],           # the day before its parts
                     ["Am", "Mittwochnachmittag", "übergab"],  # the setter ...
                     ["Danach", "fuhr", "er"],              # ... and its narrative, together
                     ["Am", "Mittwochnachmittag", "sprach"],  # same time, the later document
                     ["Um", "15", "Uhr"]]
