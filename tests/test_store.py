"""The store: documents and events of stories, identity across versions, on SQLite and PostgreSQL.

Timelines are written by hand here so that these tests say exactly which events a version
of a document has; tests/test_ingest.py goes through the real extractor.
"""
import hashlib
from datetime import date

import pytest
import sqlalchemy as sa

from timeline.model import Event, Timeline, Timex
from timeline.store import SCHEMA_VERSION, Store, StoreError, normalize_text, valid_slug

PUBLISHED = date(2022, 1, 27)
URL = "https://example.org/nato-antwort"


def event(sentence, value="2022-01-26", *, status="dated", granularity="day", start=0,
          headline=None, timex=None):
    """An Event as the extractor makes it: the id is a hash of the sentence."""
    earliest = latest = None
    if value and granularity == "day":
        earliest = latest = value
    elif value and granularity == "month":
        earliest, latest = f"{value}-01", f"{value}-28"
    elif value and granularity == "year":
        earliest, latest = f"{value}-01-01", f"{value}-12-31"
    return Event(id=hashlib.sha1(sentence.encode()).hexdigest()[:12],
                 headline=headline or sentence.rstrip("."), sentence=sentence, start=start,
                 end=start + len(sentence), status=status, value=value,
                 granularity=granularity if value else None, earliest=earliest, latest=latest,
                 anchor="own" if value else "none", timex=timex)


def timeline(*events, published=PUBLISHED):
    return Timeline(published=published, lang="de", events=tuple(events))


def save(store, events, text=None, slug="nato", **kwargs):
    text = text or " ".join(e.sentence for e in events) or "Ein Text ohne Ereignis."
    return store.save_document(slug, text, PUBLISHED, timeline(*events), **kwargs)


BOTE = event("Am Mittwoch übergab ein Bote die Antwort der Nato.")
BUERO = event("Russland hatte im November sein Büro geschlossen.", "2021-11", granularity="month")
PESKOW = event("Wann Moskau antwortet, ist völlig offen.", None, status="open")


# --- schema and opening -----------------------------------------------------------------

def test_a_new_database_gets_the_current_schema_and_reopens(database_url):
    with Store.open(database_url) as store:
        assert store.schema_version() == SCHEMA_VERSION
        save(store, [BOTE])
    with Store.open(database_url) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert [s.slug for s in store.stories()] == ["nato"]


def test_a_database_from_a_newer_version_is_refused(database_url):
    with Store.open(database_url) as store:
        with store.engine.begin() as conn:
            conn.execute(sa.text("UPDATE schema_version SET version = :v"),
                         {"v": SCHEMA_VERSION + 1})
    with pytest.raises(StoreError, match="newer|knows versions up to"):
        Store.open(database_url)


def test_sqlite_is_the_default_in_the_instance_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("TIMELINE_DATABASE_URL", raising=False)
    with Store.open(instance_path=tmp_path / "instance") as store:
        save(store, [BOTE])
        assert store.url == f"sqlite:///{tmp_path / 'instance' / 'timeline.sqlite3'}"
    assert (tmp_path / "instance" / "timeline.sqlite3").is_file()


def test_the_environment_variable_chooses_the_database(tmp_path, monkeypatch):
    target = tmp_path / "elsewhere.sqlite3"
    monkeypatch.setenv("TIMELINE_DATABASE_URL", f"sqlite:///{target}")
    with Store.open(instance_path=tmp_path / "instance") as store:
        save(store, [BOTE])
    assert target.is_file() and not (tmp_path / "instance").exists()


def test_sqlite_runs_in_wal_mode(tmp_path):
    with Store.open(f"sqlite:///{tmp_path / 'db.sqlite3'}") as store:
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_a_plain_postgresql_url_uses_psycopg(database_url):
    if not database_url.startswith("postgresql+psycopg://"):
        pytest.skip("PostgreSQL only")
    with Store.open(database_url.replace("postgresql+psycopg://", "postgresql://")) as store:
        assert store.engine.dialect.driver == "psycopg"


def test_an_impossible_database_folder_is_a_store_error(tmp_path, monkeypatch):
    monkeypatch.delenv("TIMELINE_DATABASE_URL", raising=False)
    (tmp_path / "file").write_text("not a folder")
    with pytest.raises(StoreError, match="cannot create the folder"):
        Store.open(instance_path=tmp_path / "file" / "instance")


def test_a_file_that_is_no_database_is_a_store_error(tmp_path):
    (tmp_path / "timeline.sqlite3").write_bytes(b"this is not SQLite" * 100)
    with pytest.raises(StoreError, match="cannot open database"):
        Store.open(f"sqlite:///{tmp_path / 'timeline.sqlite3'}")


def test_a_bad_database_url_is_a_store_error():
    with pytest.raises(StoreError, match="not a database URL"):
        Store.open("this is not a url")


# --- stories and documents --------------------------------------------------------------

def test_the_first_ingest_creates_the_story(store):
    result = save(store, [BOTE, BUERO], story_title="Nato und Russland", url=URL, title="Antwort")
    assert result.status == "created"
    assert [e.event for e in result.events] == [BOTE, BUERO]
    story = store.story("nato")
    assert story.title == "Nato und Russland"
    assert [d.id for d in story.documents] == [result.document.id]
    doc = story.documents[0]
    assert (doc.url, doc.title, doc.published, doc.lang, doc.story) == (
        URL, "Antwort", PUBLISHED, "de", "nato")
    assert doc.text == result.document.text
    assert doc.content_hash == hashlib.sha256(normalize_text(doc.text).encode()).hexdigest()
    assert story.created == story.updated == doc.created == doc.updated


def test_without_a_story_title_the_slug_is_the_title(store):
    save(store, [BOTE])
    assert store.story("nato").title == "nato"


def test_a_later_story_title_renames_the_story(store):
    save(store, [BOTE])
    save(store, [BUERO], story_title="Nato und Russland")
    assert store.story("nato").title == "Nato und Russland"


def test_unknown_and_invalid_slugs_have_no_story(store):
    assert store.story("nothing-here") is None
    assert store.story("../etc") is None


def test_stories_list_newest_change_first_with_counts(store):
    save(store, [BOTE], slug="alpha")
    save(store, [BOTE, BUERO], slug="beta")
    save(store, [PESKOW], slug="alpha")
    summaries = store.stories()
    assert [(s.slug, s.documents, s.events) for s in summaries] == [("alpha", 2, 2),
                                                                    ("beta", 1, 2)]
    assert summaries[0].updated > summaries[1].updated


def test_times_are_utc_aware(store):
    result = save(store, [BOTE])
    story = store.story("nato")
    for moment in (story.created, story.updated, result.document.created,
                   result.events[0].created, result.events[0].updated,
                   store.stories()[0].updated):
        assert moment.tzinfo is not None and moment.utcoffset().total_seconds() == 0


def test_events_round_trip_with_their_timex(store):
    text = "Am Mittwoch übergab ein Bote die Antwort der Nato."
    tx = Timex(3, 11, "Mittwoch", "DATE", "2022-01-26", None)
    original = event(text, timex=tx)
    result = save(store, [original], text=text)
    assert result.events[0].event == original
    assert store.story("nato").events[0].event == original


def test_story_events_merge_documents_chronologically(store):
    later = event("Am 2. Februar antwortete Moskau.", "2022-02-02")
    year = event("Die Grundakte stammt aus dem Jahr 1997.", "1997", granularity="year")
    save(store, [BOTE, PESKOW], url="https://example.org/1")
    save(store, [year, BUERO, later], url="https://example.org/2")
    events = [s.event for s in store.story("nato").events]
    assert events == [year, BUERO, BOTE, later, PESKOW]


def test_vague_and_ongoing_events_sit_at_their_publication(store):
    """As the extractor orders them: after what is dated up to publication, before later."""
    on_the_day = event("Am Donnerstagabend sprach Stoltenberg.", "2022-01-27")
    ongoing = Event("o1", "Die Gespräche laufen seit Wochen", "Die Gespräche laufen seit Wochen.",
                    0, 30, "ongoing", "PXW", "week", None, "2022-01-27", "own")
    vague = Event("v1", "Blinken betonte die Prinzipien", "Blinken betonte die Prinzipien.",
                  0, 30, "vague", None, None, None, "2022-01-27")
    next_day = event("Am Freitag berät der Nato-Rat.", "2022-01-28")
    save(store, [on_the_day, ongoing, vague], url="https://example.org/1")
    save(store, [next_day, BOTE], url="https://example.org/2")   # not in order: kept as given
    assert [s.event for s in store.story("nato").events] == [
        on_the_day, ongoing, vague, next_day, BOTE]


def test_each_document_keeps_the_extractors_order(store):
    """A narrative event follows the afternoon it continues, though its day sorts earlier."""
    afternoon = Event("a1", "Ein Bote übergab die Antwort", "Ein Bote übergab die Antwort.", 0, 28,
                      "dated", "2022-01-26TAF", "part-of-day", "2022-01-26T12:00",
                      "2022-01-26T18:00", "own")
    narrative = Event("n1", "Sullivan überreichte die Antwort", "Sullivan überreichte sie.", 29, 54,
                      "dated", "2022-01-26", "day", "2022-01-26", "2022-01-26", "narrative")
    other_day = event("Am Mittwoch tagte der Rat.")
    save(store, [afternoon, narrative], url="https://example.org/1")
    save(store, [other_day], url="https://example.org/2")
    assert [s.event for s in store.story("nato").events] == [other_day, afternoon, narrative]


def test_documents_of_other_stories_are_separate(store):
    save(store, [BOTE], slug="one", url=URL)
    result = save(store, [BOTE], slug="two", url=URL)
    assert result.status == "created"
    assert [len(store.story(s).events) for s in ("one", "two")] == [1, 1]
    assert store.story("one").events[0].key != store.story("two").events[0].key


# --- document identity ------------------------------------------------------------------

def test_identical_reingest_is_unchanged_and_touches_nothing(store):
    first = save(store, [BOTE, BUERO], url=URL, title="Antwort")
    before = store.story("nato")
    again = save(store, [BOTE, BUERO], url=URL, title="Antwort")
    assert again.status == "unchanged"
    assert again.document == first.document
    assert again.events == first.events
    assert store.story("nato") == before


def test_without_url_the_text_identifies_the_document(store):
    text = "Am Mittwoch übergab ein Bote die Antwort der Nato."
    first = save(store, [BOTE], text=text)
    assert save(store, [BOTE], text=text).status == "unchanged"
    assert save(store, [BOTE], text=text.replace("Bote", "Kurier")).status == "created"
    assert len(store.story("nato").documents) == 2
    assert store.story("nato").documents[0].id == first.document.id


def test_text_identity_ignores_line_ends_and_trailing_blanks():
    assert normalize_text("Ein Satz.  \r\n\r\n\r\nZwei.\n") == normalize_text("Ein Satz.\n\nZwei.")


def test_same_url_with_a_new_text_replaces_the_document(store):
    first = save(store, [BOTE], url=URL)
    second = save(store, [BOTE, BUERO], url=URL)
    assert second.status == "updated"
    assert second.document.id == first.document.id
    assert second.document.created == first.document.created
    assert second.document.updated > first.document.updated
    story = store.story("nato")
    assert len(story.documents) == 1 and story.documents[0].text == second.document.text
    assert story.updated == second.document.updated


def test_a_new_title_alone_is_an_update_and_no_title_keeps_the_old_one(store):
    save(store, [BOTE], url=URL, title="Alt")
    assert save(store, [BOTE], url=URL).status == "unchanged"
    result = save(store, [BOTE], url=URL, title="Neu")
    assert result.status == "updated" and result.document.title == "Neu"
    assert result.events[0].sequence == 0


# --- event identity across versions -----------------------------------------------------

def test_reingest_keeps_event_identity(store):
    """Same URL, one sentence changed, one removed, one added: the feed updates in place."""
    first = save(store, [BOTE, BUERO, PESKOW], url=URL)
    old = {s.event.id: s for s in first.events}
    bote_changed = event("Am Mittwoch übergab ein Bote die schriftliche Antwort der Nato.")
    added = event("Am Freitag berät der Nato-Rat.", "2022-01-28")
    second = save(store, [bote_changed, BUERO, added], url=URL)
    assert second.status == "updated"
    new = {s.event.id: s for s in second.events}

    kept = new[BUERO.id]                       # unchanged: nothing moves
    assert (kept.key, kept.created, kept.updated, kept.sequence) == (
        old[BUERO.id].key, old[BUERO.id].created, old[BUERO.id].updated, 0)

    changed = new[bote_changed.id]             # changed sentence: same key, one more change
    assert changed.key == old[BOTE.id].key
    assert changed.created == old[BOTE.id].created
    assert changed.sequence == 1
    assert changed.updated > old[BOTE.id].updated
    assert changed.event == bote_changed

    assert new[added.id].key not in {s.key for s in first.events}
    assert new[added.id].sequence == 0

    stored = store.story("nato").events        # the removed event is gone
    assert {s.key for s in stored} == {s.key for s in second.events}
    assert PESKOW.id not in {s.event.id for s in stored}
    assert save(store, [bote_changed, BUERO, added], url=URL).status == "unchanged"


def test_a_new_date_is_a_real_change(store):
    first = save(store, [BOTE], url=URL)
    moved = event(BOTE.sentence, "2022-01-25")
    second = save(store, [moved], url=URL)
    assert second.events[0].key == first.events[0].key
    assert second.events[0].sequence == 1
    assert second.events[0].event.earliest == "2022-01-25"


def test_moved_offsets_are_stored_without_counting_as_a_change(store):
    first = save(store, [BOTE], url=URL, text=BOTE.sentence)
    shifted = event(BOTE.sentence, start=20)
    second = save(store, [shifted], url=URL, text="Vorspann ohne Datum. " + BOTE.sentence)
    assert second.status == "updated"
    assert second.events[0].event.start == 20
    assert (second.events[0].key, second.events[0].updated, second.events[0].sequence) == (
        first.events[0].key, first.events[0].updated, 0)


def test_an_unrelated_sentence_on_the_same_date_is_a_new_event(store):
    first = save(store, [BOTE], url=URL)
    other = event("Am Mittwoch tagte in Genf eine ganz andere Runde zu Handelsfragen.")
    second = save(store, [other], url=URL)
    assert second.events[0].key != first.events[0].key
    assert second.events[0].sequence == 0


def test_sequences_keep_counting_over_versions(store):
    versions = ["Am Mittwoch übergab ein Bote die Antwort.",
                "Am Mittwoch übergab ein Bote die schriftliche Antwort.",
                "Am Mittwochnachmittag übergab ein Bote die schriftliche Antwort."]
    keys, sequences = set(), []
    for sentence in versions:
        result = save(store, [event(sentence)], url=URL)
        keys.add(result.events[0].key)
        sequences.append(result.events[0].sequence)
    assert len(keys) == 1 and sequences == [0, 1, 2]


def test_keys_are_the_same_when_the_database_is_rebuilt(database_url, tmp_path):
    with Store.open(database_url) as store:
        keys = [s.key for s in save(store, [BOTE, BUERO], url=URL).events]
    with Store.open(f"sqlite:///{tmp_path / 'rebuilt.sqlite3'}") as rebuilt:
        assert [s.key for s in save(rebuilt, [BOTE, BUERO], url=URL).events] == keys


# --- invalid input and failures ---------------------------------------------------------

@pytest.mark.parametrize("slug", ["", "Nato", "-nato", "na to", "a" * 65, "nato/1", None])
def test_invalid_slugs_are_refused(store, slug):
    assert not valid_slug(slug)
    with pytest.raises(StoreError, match="invalid story slug"):
        save(store, [BOTE], slug=slug)
    assert store.stories() == []


def test_other_invalid_input_is_refused(store):
    with pytest.raises(StoreError, match="no text"):
        store.save_document("nato", "  \n", PUBLISHED, timeline())
    with pytest.raises(StoreError, match="extracted for"):
        store.save_document("nato", "Text.", PUBLISHED, timeline(published=date(2022, 1, 1)))
    with pytest.raises(StoreError, match="same id"):
        save(store, [BOTE, BOTE])
    with pytest.raises(StoreError, match="language"):
        save(store, [BOTE], lang="de; DROP TABLE")
    assert store.stories() == []


def unserializable(sentence):
    """An event the store fails on half-way: its JSON cannot be written."""
    return event(sentence, timex=Timex(0, 3, "Tag", "DATE", object(), None))


def test_a_failure_midway_through_a_new_document_stores_nothing(store):
    save(store, [BUERO], slug="other")
    with pytest.raises(TypeError):
        save(store, [BOTE, unserializable("Kaputt am Mittwoch.")])
    assert store.story("nato") is None
    assert [s.slug for s in store.stories()] == ["other"]


def test_a_failure_midway_through_an_update_keeps_the_old_version(store):
    first = save(store, [BOTE, BUERO, PESKOW], url=URL)
    before = store.story("nato")
    changed = event("Am Mittwoch übergab ein Bote die schriftliche Antwort der Nato.")
    with pytest.raises(TypeError):
        save(store, [changed, unserializable("Kaputt am Mittwoch.")], url=URL)
    assert store.story("nato") == before
    assert save(store, [BOTE, BUERO, PESKOW], url=URL).events == first.events


@pytest.mark.parametrize("field", ["text", "title", "url", "story_title"])
def test_nul_characters_are_refused_alike_on_every_database(store, field):
    values = {"title": "Titel", "url": URL, "story_title": "Geschichte"}
    text = "Am Mittwoch übergab ein Bote die Antwort."
    if field == "text":
        text = "Am Mittwoch\x00 übergab ein Bote die Antwort."
    else:
        values[field] = values[field] + "\x00"
    with pytest.raises(StoreError, match="NUL"):
        store.save_document("nato", text, PUBLISHED, timeline(), **values)
    assert store.story("nato") is None
