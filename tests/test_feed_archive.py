"""Feed paging (RFC 5005): the current feed carries the newest entries, archives hold the
rest, and a subscriber following `prev-archive` links reads every event of the story."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

import feedparser
import pytest

from feeds.render.archive import archive_page, current_page, feed_entries
from feeds.render.atom import render_atom, render_atom_archive
from story_samples import BASE_URL
from timeline.cli.group import cli
from timeline.model import Event, StoredEvent, Story, Timeline

T0 = datetime(2022, 1, 1, tzinfo=timezone.utc)


def long_story(count: int) -> Story:
    stored = []
    for i in range(count):
        day = (T0 + timedelta(days=i)).date().isoformat()
        event = Event(id=f"e{i}", headline=f"Ereignis {i}", sentence=f"Am Tag {i} geschah es.",
                      start=0, end=20, anchor="own", timex=None, status="dated", value=day,
                      granularity="day", earliest=day, latest=day)
        created = T0 + timedelta(hours=i)
        stored.append(StoredEvent(key=f"k{i:04d}", event=event, document_id=1, created=created,
                                  updated=created))
    return Story(slug="lang", title="Lange Geschichte", created=T0, updated=T0,
                 events=tuple(stored))


def links(parsed) -> dict[str, str]:
    return {link.rel: link.href for link in parsed.feed.links}


def read_everything(story: Story, size: int) -> tuple[int, set[str]]:
    """Follow the current feed's prev-archive links to the oldest archive; every entry id."""
    parsed = feedparser.parse(render_atom(story, base_url=BASE_URL))
    assert parsed.bozo == 0 and len(parsed.entries) == min(size, len(story.events))
    ids = {entry.id for entry in parsed.entries}
    documents = 1
    while "prev-archive" in links(parsed):
        number = int(links(parsed)["prev-archive"].rsplit("-", 1)[1].split(".")[0])
        archive = feedparser.parse(render_atom_archive(story, number, base_url=BASE_URL))
        assert archive.bozo == 0 and len(archive.entries) == size
        assert links(archive)["current"].endswith("/feed.atom")
        ids |= {entry.id for entry in archive.entries}
        parsed, documents = archive, documents + 1
    return documents, ids


@pytest.mark.parametrize("count", [1, 49, 50, 51, 130])
def test_the_whole_history_is_reachable_from_the_current_feed(count, monkeypatch):
    monkeypatch.setenv("TIMELINE_FEED_ENTRIES", "50")
    story = long_story(count)
    documents, ids = read_everything(story, 50)
    assert len(ids) == count and documents == 1 + count // 50


def test_archives_stay_the_same_while_the_story_grows(monkeypatch):
    monkeypatch.setenv("TIMELINE_FEED_ENTRIES", "10")
    first = render_atom_archive(long_story(25), 2, base_url=BASE_URL)
    assert first == render_atom_archive(long_story(95), 2, base_url=BASE_URL)
    assert render_atom_archive(long_story(25), 3, base_url=BASE_URL) is None
    assert b"<fh:archive/>" in first


def test_a_changed_old_event_comes_back_to_the_current_feed(monkeypatch):
    monkeypatch.setenv("TIMELINE_FEED_ENTRIES", "10")
    story = long_story(35)
    oldest = story.events[0]
    changed = replace(oldest, updated=T0 + timedelta(days=400), sequence=1)
    story = replace(story, events=(changed,) + story.events[1:])
    current = current_page(story)
    assert changed in current.events and len(current.events) == 10
    assert changed in archive_page(story, 1).events          # the archive keeps its entries
    assert {s.key for s in story.events[30:]} <= {s.key for s in current.events}


def test_the_feed_size_is_a_setting(monkeypatch):
    monkeypatch.setenv("TIMELINE_FEED_ENTRIES", "3")
    assert feed_entries() == 3
    monkeypatch.setenv("TIMELINE_FEED_ENTRIES", "none")
    with pytest.raises(ValueError, match="TIMELINE_FEED_ENTRIES"):
        feed_entries()
    monkeypatch.delenv("TIMELINE_FEED_ENTRIES")
    assert feed_entries() == 50


def test_archives_are_served_cacheable_and_built(app, client, web_store, runner, tmp_path,
                                                 monkeypatch):
    monkeypatch.setenv("TIMELINE_FEED_ENTRIES", "2")
    events = tuple(s.event for s in long_story(5).events)
    web_store.save_document("lang", "Ein langer Text.", T0.date(),
                            Timeline(published=T0.date(), lang="de", events=events))
    feed = feedparser.parse(client.get("/stories/lang/feed.atom").data)
    archive_url = links(feed)["prev-archive"]
    assert archive_url.endswith("/stories/lang/feed/archive-2.atom")
    response = client.get("/stories/lang/feed/archive-2.atom")
    assert response.status_code == 200 and response.content_type.startswith("application/atom+xml")
    assert response.headers["ETag"] and "public" in response.headers["Cache-Control"]
    again = client.get("/stories/lang/feed/archive-2.atom",
                       headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304
    assert client.get("/stories/lang/feed/archive-3.atom").status_code == 404
    assert client.get("/stories/nope/feed/archive-1.atom").status_code == 404
    result = runner.invoke(cli, ["build", str(tmp_path / "site"), "--base-url", BASE_URL,
                                 "--database", app.config["DATABASE_URL"]],
                           env={"TIMELINE_SECRET_KEY": "k"})
    assert result.exit_code == 0, result.output
    built = tmp_path / "site" / "stories" / "lang" / "feed"
    assert sorted(p.name for p in built.iterdir()) == ["archive-1.atom", "archive-1.json",
                                                        "archive-2.atom", "archive-2.json"]


def test_the_served_feed_reads_only_its_entries_and_equals_the_whole_storys(client, web_store,
                                                                          monkeypatch):
    monkeypatch.setenv("TIMELINE_FEED_ENTRIES", "2")
    events = tuple(s.event for s in long_story(5).events)
    web_store.save_document("lang", "Ein langer Text.", T0.date(),
                            Timeline(published=T0.date(), lang="de", events=events))
    served = client.get("/stories/lang/feed.atom").data
    whole = web_store.story("lang")
    assert served == render_atom(whole, base_url="http://localhost/")
    stamps = web_store.event_stamps("lang")
    assert sorted(s.key for s in stamps) == sorted(s.key for s in whole.events)
    newest = {s.key for s in whole.events[-2:]}
    assert {s.key for s in web_store.story("lang", keys=newest).events} == newest
    archive = client.get("/stories/lang/feed/archive-1.atom").data
    assert archive == render_atom_archive(whole, 1, base_url="http://localhost/")


@pytest.mark.parametrize("value", ["many", "0", "-3"])
def test_a_bad_feed_size_stops_the_app_at_start(monkeypatch, tmp_path, value):
    from feeds.web.app import create_app

    monkeypatch.setenv("TIMELINE_FEED_ENTRIES", value)
    with pytest.raises(ValueError, match="TIMELINE_FEED_ENTRIES"):
        create_app({"SECRET_KEY": "k"}, instance_path=str(tmp_path))
