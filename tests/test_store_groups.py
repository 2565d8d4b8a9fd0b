"""Reports of one event, grouped when an article is saved (schema version 2).

The store keeps the groups (timeline.store.grouping): reads publish what read-time merging
published (`timeline.store.merging.merge_documents` over the same rows), an upgraded
version-1 database publishes the same entries, a merged entry's `updated`/`sequence` never
go back, and the work of saving an article does not grow with the story (statements
counted, not timed).
"""
from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from timeline import extract
from timeline.store import SCHEMA_VERSION, Store
from timeline.store.merging import merge_documents
from timeline.store.versions import merge_chronologically
from test_merging import ARTICLE_2, ARTICLES, ingest, nato_events


def read_time_merge(store, slug="nato"):
    """The story's events as the old read-time merge made them from the same stored rows."""
    own = store.story(slug, merge=False)
    per_document = []
    for document in own.documents:
        events = sorted((s for s in own.events if s.document_id == document.id),
                        key=lambda s: [e.event.id for e in own.events
                                       if e.document_id == document.id].index(s.event.id))
        per_document.append((document.published, document.lang, events))
    return merge_chronologically(merge_documents(per_document))


def test_stored_groups_publish_what_the_read_time_merge_published(store):
    for number in (1, 2, 3):
        ingest(store, number)
        assert list(store.story("nato").events) == read_time_merge(store)


def test_the_index_counts_published_events_in_one_statement(store):
    for number in (1, 2, 3):
        ingest(store, number)
    with count_statements(store) as statements:
        (summary,) = store.stories()
    assert summary.events == len(store.story("nato").events) and summary.documents == 3
    assert len(statements) == 1


def test_a_source_leaving_never_moves_the_entry_back(store):
    ingest(store, 1)
    ingest(store, 2)
    (before,) = nato_events(store.story("nato"))
    ingest(store, 2, ARTICLE_2.replace("Die Nato hatte am Mittwoch ihre Antwort übergeben. ", ""))
    (after,) = nato_events(store.story("nato"))
    assert after.sources == () and after.key == before.key
    assert after.updated > before.updated and after.sequence > before.sequence


def test_a_version_1_database_is_upgraded_with_the_same_entries(database_url):
    with Store.open(database_url) as store:
        for number in (1, 2, 3):
            ingest(store, number)
        published = store.story("nato")
        with store.engine.begin() as conn:      # back to what version 1 stored
            for table in ("corrections", "changes", "editors", "withdrawn_keys"):
                conn.execute(sa.text(f"DROP TABLE {table}"))     # version 3
            conn.execute(sa.text("ALTER TABLE stories DROP COLUMN description"))
            conn.execute(sa.text("DROP TABLE event_stems"))
            conn.execute(sa.text("DROP TABLE event_groups"))
            conn.execute(sa.text("DROP INDEX ix_events_group"))
            conn.execute(sa.text("ALTER TABLE events DROP COLUMN group_id"))
            conn.execute(sa.text("UPDATE schema_version SET version = 1"))
    with Store.open(database_url) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert store.story("nato") == published
        assert store.stories()[0].events == len(published.events)


class count_statements:
    """The SQL statements run while the block runs (a SQLAlchemy event listener)."""

    def __init__(self, store):
        self.engine = store.engine
        self.statements: list[str] = []

    def _listen(self, conn, cursor, statement, *args):
        if statement.split(None, 1)[0].upper() in ("SELECT", "INSERT", "UPDATE", "DELETE"):
            self.statements.append(statement)

    def __enter__(self):
        sa.event.listen(self.engine, "before_cursor_execute", self._listen)
        return self.statements

    def __exit__(self, *exc):
        sa.event.remove(self.engine, "before_cursor_execute", self._listen)


def varied(number: int):
    """Article `number` of a long story: the three articles, on other days and at other URLs."""
    text, published, title, _ = ARTICLES[number % 3]
    published = published + timedelta(days=7 * (number // 3))
    return text + f" Meldung {number}.", published, title, f"https://news.example.com/{number}"


def save_varied(store, number):
    text, published, title, url = varied(number)
    return store.save_document("long", text, published, extract(text, published=published),
                               title=title, url=url)


def test_saving_an_article_does_not_grow_with_the_story(store):
    costs = []
    for number in range(40):
        with count_statements(store) as statements:
            save_varied(store, number)
        costs.append(len(statements))
    # same shapes of article: the same statements at article 3 as at article 39
    assert costs[36:39] == costs[3:6], costs


def published_stamps(store, slug):
    return sorted((s.key, s.created, s.updated) for s in store.story(slug).events)


def test_stamps_are_those_of_the_published_entries_with_and_without_corrections(store):
    """`event_stamps` picks most entries' heads in the database and reads report by report
    only the entries a correction names (`timeline.store.stamps`): either way a stamp per
    published entry, with its key, first publication and last change."""
    for number in range(9):                 # merged groups, and reports that stand alone
        save_varied(store, number)

    def stamps():
        found = [(s.key, s.created, s.updated) for s in store.event_stamps("long")]
        assert len({key for key, _, _ in found}) == len(found)
        return sorted(found)

    assert stamps() == published_stamps(store, "long")
    merged = [e for e in store.story("long").events if len(e.sources) > 1]
    assert merged
    first, second, third, *_ = [e for e in store.story("long").events if e not in merged[:1]]
    store.correct_event("long", merged[0].key, {"headline": "Neu gefasst"}, editor="test")
    store.correct_event("long", first.key, {"hidden": True}, editor="test")
    store.correct_event("long", second.key, {"same_as": third.key}, editor="test")
    assert stamps() == published_stamps(store, "long")
    assert first.key not in {key for key, _, _ in stamps()}
