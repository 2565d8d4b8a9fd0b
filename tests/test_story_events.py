"""Pairing a document's events across versions, and the story's chronological merge."""
from dataclasses import replace
from datetime import date, datetime, timezone

from timeline.model import Event, StoredEvent
from timeline.dates.ordering import chronological_key
from timeline.store.versions import match_events, merge_chronologically, real_change


def event(id, sentence, value="2022-01-26", status="dated"):
    return Event(id=id, headline=sentence.rstrip("."), sentence=sentence, start=0,
                 end=len(sentence), status=status, value=value,
                 granularity="day" if value else None, earliest=value, latest=value)


BOTE = event("a", "Am Mittwoch übergab ein Bote die Antwort der Nato.")
BUERO = event("b", "Russland hatte im November sein Büro geschlossen.", "2021-11")


def test_the_same_id_is_the_same_event_wherever_it_moved():
    assert match_events([BOTE, BUERO], [BUERO, BOTE]) == {0: 1, 1: 0}


def test_a_slightly_changed_sentence_on_the_same_date_is_the_same_event():
    changed = event("a2", "Am Mittwoch übergab ein Bote die schriftliche Antwort der Nato.")
    assert match_events([BOTE, BUERO], [changed, BUERO]) == {0: 0, 1: 1}


def test_a_different_status_or_sentence_is_another_event():
    assert match_events([BOTE], [event("x", BOTE.sentence + " ", status="open")]) == {}
    assert match_events([BOTE], [event("x", "Am Mittwoch tagte in Genf eine ganz andere Runde.")]) == {}


def test_the_same_sentence_on_another_date_is_the_same_event_moved():
    # issue 10: a changed version that moves an event keeps it (key, feed id, UID)
    assert match_events([BOTE], [event("x", BOTE.sentence + " ", "2022-01-25")]) == {0: 0}
    moved = event("m", "Am Donnerstag übergab ein Bote die Antwort der Nato.", "2022-01-27")
    assert match_events([BOTE], [moved]) == {0: 0}
    other = event("o", "Am Donnerstag lehnte Moskau die Antwort der Nato ab.", "2022-01-27")
    assert match_events([BOTE], [other]) == {}


def test_the_most_similar_pair_wins():
    near = event("n", "Am Mittwoch übergab ein Bote die Antwort der Allianz.")
    far = event("f", "Am Mittwoch übergab ein Kurier eine Antwort an Moskau.")
    assert match_events([BOTE], [far, near]) == {1: 0}


def test_only_date_status_headline_and_sentence_are_real_changes():
    assert not real_change(BOTE, replace(BOTE, start=40, end=90, anchor="own"))
    for field, value in [("value", "2022-01-25"), ("earliest", "2022-01-25"),
                         ("latest", "2022-01-27"), ("granularity", "week"), ("status", "vague"),
                         ("headline", "Ein Bote"), ("sentence", "Ein Bote kam.")]:
        assert real_change(BOTE, replace(BOTE, **{field: value})), field


def test_keys_order_dated_then_what_held_by_publication_then_later_then_open():
    year = replace(event("y", "1997."), value="1997", granularity="year",
                   earliest="1997-01-01", latest="1997-12-31")
    evening = replace(event("e", "Abends."), value="2022-01-27TEV", granularity="part-of-day",
                      earliest="2022-01-27T18:00", latest="2022-01-27T24:00")
    ongoing = replace(event("o", "Seit Wochen.", None, "ongoing"), latest="2022-01-27")
    vague = replace(event("v", "Er sagte.", None, "vague"), latest="2022-01-27")
    tomorrow = event("t", "Morgen.", "2022-01-28")
    opened = replace(event("q", "Offen.", None, "open"), earliest="2022-01-27")
    ordered = [year, BUERO, BOTE, evening, ongoing, vague, tomorrow, opened]
    assert sorted(reversed(ordered), key=chronological_key) == ordered


def stored(e, document_id):
    now = datetime(2022, 1, 27, tzinfo=timezone.utc)
    return StoredEvent(key=e.id, event=e, document_id=document_id, created=now, updated=now)


def test_the_merge_keeps_each_documents_order_and_interleaves_by_date():
    tomorrow = event("t", "Morgen.", "2022-01-28")
    first = [stored(BOTE, 1), stored(BUERO, 1)]          # the extractor's order, kept as is
    second = [stored(event("c", "Am Mittwoch.", "2022-01-26"), 2), stored(tomorrow, 2)]
    merged = merge_chronologically([(date(2022, 1, 27), first), (date(2022, 1, 28), second)])
    assert [(s.document_id, s.event.id) for s in merged] == [(1, "a"), (1, "b"), (2, "c"), (2, "t")]


def test_an_extracted_documents_events_are_in_key_order():
    """The merge interleaves documents by `chronological_key`, so each document's own order
    (the extractor's) must agree with the key, narrative events included."""
    from shared_inputs import SEED_TEXT

    from timeline import extract

    timeline = extract(SEED_TEXT, date(2022, 1, 27))
    events = sorted(timeline.events + timeline.asides, key=chronological_key)
    assert {e.status for e in timeline.events} >= {"dated", "ongoing", "open"}
    assert {e.status for e in timeline.asides} == {"vague"}
    events = list(timeline.events)
    assert any(e.anchor == "narrative" for e in events)
    keys = [chronological_key(e) for e in events]
    assert keys == sorted(keys)
