"""Editors' corrections in the store (issue 10, schema version 3), on both databases.

Corrections live apart from extraction results, keyed by event key; they are applied when a
story is read, survive re-ingest, and every change is in the log. The articles are invented
and extracted for real (tests/editing_helpers.py).
"""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from editing_helpers import (COUNCIL, COUNCIL_MOVED, COUNCIL_SHORT, SECOND, SECOND_URL, URL,
                             by_value, meeting, save)
from timeline.store import (SCHEMA_VERSION, InvalidCorrection, Store, StoreError,
                            UnknownDocument, UnknownEvent, UnknownStory)


def test_a_correction_is_published_with_a_new_sequence_and_version(store):
    save(store)
    before = meeting(store.story("rat"))
    version = store.story_version("rat")
    after = store.correct_event("rat", before.key, {
        "headline": "Versammlung  verlegt", "when": "2022-11-14", "status": "dated",
        "pinned": True, "note": "Der Ort steht noch nicht fest."}, editor="anna")
    assert after.key == before.key
    assert after.event.headline == "Versammlung verlegt"
    assert (after.event.value, after.event.earliest, after.event.latest,
            after.event.granularity) == ("2022-11-14", "2022-11-14", "2022-11-14", "day")
    assert after.pinned and after.note == "Der Ort steht noch nicht fest."
    assert after.sequence == before.sequence + 1 and after.updated > before.updated
    assert store.story_version("rat") != version
    published = meeting(store.story("rat"))
    assert published == after
    assert after.event.sentence == before.event.sentence      # the source stays as it was
    (stamp,) = [s for s in store.event_stamps("rat") if s.key == after.key]
    assert stamp.updated == after.updated


def test_each_correction_raises_the_sequence_by_one(store):
    save(store)
    key = meeting(store.story("rat")).key
    sequences = [store.correct_event("rat", key, changes, editor="anna").sequence
                 for changes in ({"pinned": True}, {"note": "a"}, {"when": "2022-11"},
                                 {"when": None}, {"pinned": False})]
    assert sequences == [1, 2, 3, 4, 5]
    restored = meeting(store.story("rat"))
    assert restored.event.value == "2022-11-12T19:00" and not restored.pinned


def test_a_corrected_date_moves_the_event_in_the_timeline(store):
    save(store)
    story = store.story("rat")
    assert [e.event.value[:7] for e in story.events] == ["2022-10", "2022-10", "2022-11"]
    store.correct_event("rat", meeting(story).key, {"when": "2022-09"}, editor="anna")
    story = store.story("rat")
    assert story.events[0].key == meeting(story).key
    assert story.events[0].event.granularity == "month"


@pytest.mark.parametrize("when", ["2022-02-30", "2022-13", "2022-11-31", "bald", "", 2022,
                                  "P3D", "XXXX-11", "PRESENT_REF"])
def test_an_impossible_date_is_refused(store, when):
    save(store)
    key = meeting(store.story("rat")).key
    with pytest.raises(InvalidCorrection, match="when"):
        store.correct_event("rat", key, {"when": when}, editor="anna")
    assert store.changes("rat") == []


@pytest.mark.parametrize("changes, words", [
    ({}, "at least one"), ({"colour": "red"}, "unknown field"), ({"hidden": "yes"}, "true or false"),
    ({"status": "vague"}, "status"), ({"headline": 5}, "string"), ({"same_as": 3}, "same_as"),
    ({"same_as": "nope"}, "no event"), ("hidden", "at least one"),
])
def test_a_bad_correction_says_what_is_wrong(store, changes, words):
    save(store)
    key = meeting(store.story("rat")).key
    with pytest.raises(InvalidCorrection, match=words):
        store.correct_event("rat", key, changes, editor="anna")


def test_unknown_story_event_and_document_are_their_own_errors(store):
    save(store)
    with pytest.raises(UnknownStory):
        store.correct_event("nirgends", "k", {"hidden": True}, editor="anna")
    with pytest.raises(UnknownStory):
        store.correct_event("Nicht gültig!", "k", {"hidden": True}, editor="anna")
    with pytest.raises(UnknownEvent):
        store.correct_event("rat", "0" * 20, {"hidden": True}, editor="anna")
    with pytest.raises(UnknownDocument):
        store.remove_document("rat", 999, editor="anna")
    with pytest.raises(UnknownStory):
        store.changes("nirgends")
    for error in (UnknownStory, UnknownEvent, UnknownDocument, InvalidCorrection):
        assert issubclass(error, StoreError)


def test_hiding_is_reversible_and_announced_as_withdrawn(store):
    save(store)
    event = meeting(store.story("rat"))
    store.correct_event("rat", event.key, {"hidden": True}, editor="anna")
    story = store.story("rat")
    assert event.key not in [e.key for e in story.events]
    assert [w.key for w in story.withdrawn] == [event.key]
    assert event.key not in [s.key for s in store.event_stamps("rat")]
    (listed,) = [e for e in store.editorial_events("rat") if e.key == event.key]
    assert listed.hidden and listed.sentence == event.event.sentence
    assert listed.document_title == "Stadtrat"
    assert store.stories()[0].events == len(story.events) == 2
    shown = store.correct_event("rat", event.key, {"hidden": False}, editor="bob")
    story = store.story("rat")
    assert meeting(story) == shown and story.withdrawn == ()
    assert shown.sequence == event.sequence + 2
    assert [(c.editor, c.before, c.after) for c in store.changes("rat")] == [
        ("bob", {"hidden": True}, {"hidden": False}), ("anna", {"hidden": False}, {"hidden": True})]


def test_reingesting_the_same_or_a_changed_article_keeps_the_corrections(store):
    save(store)
    key = by_value(store.story("rat"), "2022-10-31").key
    store.correct_event("rat", key, {"headline": "Haushalt beraten", "pinned": True},
                        editor="anna")
    for text in (COUNCIL, COUNCIL + " Die Sitzung dauerte bis zum Abend.", COUNCIL):
        save(store, text)
        event = by_value(store.story("rat"), "2022-10-31")
        assert event.key == key and event.event.headline == "Haushalt beraten" and event.pinned
    assert [c.action for c in store.changes("rat")] == ["correct"]


def test_a_correction_whose_event_vanished_is_logged_as_orphaned_and_comes_back(store):
    save(store)
    draft = by_value(store.story("rat"), "2022-10").key
    assert by_value(store.story("rat"), "2022-10").event.value == "2022-10"
    store.correct_event("rat", draft, {"note": "Entwurf liegt vor"}, editor="anna")
    save(store, COUNCIL_SHORT)
    assert draft not in [e.key for e in store.story("rat").events]
    orphaned, corrected = store.changes("rat")
    assert (orphaned.action, orphaned.subject, orphaned.editor) == ("orphaned", draft, None)
    assert orphaned.after == {"correction": {"note": "Entwurf liegt vor"}}
    save(store, COUNCIL_SHORT)      # noted once, not at every save
    assert len(store.changes("rat")) == 2
    save(store, COUNCIL)            # the sentence is back: so is the correction
    assert by_value(store.story("rat"), "2022-10").note == "Entwurf liegt vor"
    assert store.changes("rat")[0].action == "reattached"


def test_an_event_a_changed_version_drops_is_announced_as_withdrawn(store):
    save(store)
    draft = by_value(store.story("rat"), "2022-10").key
    save(store, COUNCIL_SHORT)
    story = store.story("rat")
    assert draft not in [e.key for e in story.events]
    assert [w.key for w in story.withdrawn] == [draft]          # feeds write a tombstone
    save(store, COUNCIL)                                        # the sentence is back
    story = store.story("rat")
    assert draft in [e.key for e in story.events] and story.withdrawn == ()


def test_a_moved_event_is_the_same_event_with_a_new_date(store):
    save(store)
    before = meeting(store.story("rat"))
    store.correct_event("rat", before.key, {"pinned": True}, editor="anna")
    corrected = meeting(store.story("rat"))
    save(store, COUNCIL_MOVED)
    after = meeting(store.story("rat"))
    assert after.key == before.key and after.created == before.created
    assert after.event.value == "2022-11-14T18:30"
    assert after.sequence == corrected.sequence + 1 and after.updated > corrected.updated
    assert after.pinned
    assert store.story("rat").withdrawn == ()


def test_a_removed_document_leaves_every_output_and_can_be_ingested_again(store):
    first = save(store)
    save(store, SECOND, SECOND_URL)
    key = meeting(store.story("rat")).key
    store.correct_event("rat", key, {"headline": "Versammlung"}, editor="anna")
    keys = {e.key for e in first.events}
    version = store.story_version("rat")
    store.remove_document("rat", first.document.id, editor="bob")
    story = store.story("rat")
    assert [d.id for d in story.documents] != [first.document.id] and len(story.documents) == 1
    assert not keys & {e.key for e in story.events}
    assert not keys & {s.key for s in store.event_stamps("rat")}
    assert {w.key for w in story.withdrawn} == keys
    assert store.story_version("rat") != version
    assert store.stories()[0].documents == 1
    orphaned, removed, _ = store.changes("rat")
    assert (removed.action, removed.editor, removed.subject) == ("remove-document", "bob",
                                                                 str(first.document.id))
    assert removed.before["text"] == COUNCIL and removed.before["url"] == URL
    assert sorted(removed.before["events"]) == sorted(keys)
    assert (orphaned.action, orphaned.subject) == ("orphaned", key)
    again = save(store, removed.before["text"], removed.before["url"])     # nothing was lost
    assert again.status == "created" and {e.key for e in again.events} == keys
    story = store.story("rat")
    assert meeting(story).event.headline == "Versammlung" and story.withdrawn == ()
    with pytest.raises(UnknownDocument):
        store.remove_document("rat", first.document.id, editor="bob")


def test_same_as_publishes_two_reports_once_and_null_splits_them(store):
    save(store)
    save(store, SECOND, SECOND_URL)
    story = store.story("rat")
    own = store.correct_event("rat", meeting(story).key, {"pinned": True}, editor="anna")
    (other,) = [e for e in story.events if "Zur Bürgerversammlung" in e.event.sentence]
    merged = store.correct_event("rat", other.key, {"same_as": own.key}, editor="anna")
    assert merged.pinned        # the first report's correction applies to the merged event
    story = store.story("rat")
    assert len(story.events) == 4 == store.stories()[0].events
    assert merged.key == own.key and set(merged.sources) == {own.document_id, other.document_id}
    assert merged.sequence == max(own.sequence, other.sequence) + 1 == 2
    assert merged.updated > own.updated
    assert [w.key for w in story.withdrawn] == [other.key]
    assert other.key not in [s.key for s in store.event_stamps("rat")]
    with pytest.raises(InvalidCorrection, match="already"):
        store.correct_event("rat", own.key, {"same_as": other.key}, editor="anna")
    split = store.correct_event("rat", own.key, {"same_as": None}, editor="bob")
    story = store.story("rat")
    assert len(story.events) == 5 and split.sources == () and split.sequence == merged.sequence + 1
    assert story.withdrawn == ()
    log = store.changes("rat")
    assert log[0].before == {"same_as": [other.key]} and log[0].after == {"same_as": None}
    assert (log[1].subject, log[1].before["same_as"], log[1].after["same_as"]) == (
        other.key, None, [own.key])
    assert log[1].after["headline"] == own.event.headline     # what `other` publishes now


def test_the_story_gets_a_title_and_a_description(store):
    save(store)
    version = store.story_version("rat")
    store.update_story("rat", title="  Der  Rat ", description="Alles zum Haushalt.",
                       editor="anna")
    story = store.story("rat")
    assert (story.title, story.description) == ("Der Rat", "Alles zum Haushalt.")
    assert store.story_version("rat") != version
    store.update_story("rat", description="", editor="anna")
    assert store.story("rat").description is None
    with pytest.raises(InvalidCorrection, match="empty"):
        store.update_story("rat", title=" ", editor="anna")
    change = store.changes("rat")[1]
    assert (change.action, change.before, change.after) == (
        "update-story", {"title": "Stadtrat", "description": None},
        {"title": "Der Rat", "description": "Alles zum Haushalt."})


def test_named_editors_keep_only_a_hash_of_their_token(store):
    token = store.add_editor("anna")
    assert len(token) >= 40 and store.editor_for_token(token) == "anna"
    assert store.editor_for_token(token + "x") is None and store.editor_for_token("") is None
    assert [e.name for e in store.editors()] == ["anna"]
    with store.engine.connect() as conn:
        stored = conn.execute(sa.text("SELECT * FROM editors")).one()
    assert token not in [str(value) for value in stored]
    with pytest.raises(StoreError, match="already"):
        store.add_editor("anna")
    with pytest.raises(StoreError, match="reserved"):
        store.add_editor("api-token")
    with pytest.raises(StoreError, match="invalid editor name"):
        store.add_editor("an na")
    assert store.remove_editor("anna") and not store.remove_editor("anna")
    assert store.editor_for_token(token) is None


def test_a_version_2_database_is_upgraded_in_place(database_url):
    with Store.open(database_url) as store:
        save(store)
        published = store.story("rat")
        with store.engine.begin() as conn:      # back to what version 2 stored
            for table in ("corrections", "changes", "editors", "withdrawn_keys"):
                conn.execute(sa.text(f"DROP TABLE {table}"))
            conn.execute(sa.text("ALTER TABLE stories DROP COLUMN description"))
            conn.execute(sa.text("UPDATE schema_version SET version = 2"))
    with Store.open(database_url) as store:
        assert store.schema_version() == SCHEMA_VERSION == 3
        assert store.story("rat") == published
        event = store.correct_event("rat", meeting(published).key, {"hidden": True},
                                    editor="anna")
        assert event.key not in [e.key for e in store.story("rat").events]
