"""JSON Feed paging: `feed.json` carries the newest entries like the Atom feed, and JSON Feed
1.1's `next_url` leads to older pages (`feed/archive-N.json`) until the whole history is read.

Checked from outside: the served bytes parsed with `json`, every page validated against the
JSON Feed 1.1 schema of tests/test_jsonfeed.py plus `next_url` (a URL, never the feed_url,
never one seen before: the spec's words), the links followed through the app."""
from __future__ import annotations

import json

import jsonschema
import pytest

from feeds.render.jsonfeed import render_jsonfeed, render_jsonfeed_archive
from test_feed_archive import T0, long_story
from test_jsonfeed import SCHEMA, URL
from timeline.model import Timeline

PAGED_SCHEMA = {**SCHEMA, "properties": {**SCHEMA["properties"], "next_url": URL}}
BASE = "http://localhost"


def validated(body: bytes) -> dict:
    data = json.loads(body.decode("utf-8"))
    jsonschema.validate(data, PAGED_SCHEMA, format_checker=jsonschema.FormatChecker())
    return data


def walk(client, slug: str) -> list[dict]:
    """Every page from `feed.json` along `next_url`, as a reader would fetch them."""
    response = client.get(f"/stories/{slug}/feed.json")
    assert response.status_code == 200
    pages = [validated(response.data)]
    seen = {pages[0]["feed_url"]}
    while "next_url" in pages[-1]:
        url = pages[-1]["next_url"]
        assert url.startswith(BASE + "/") and url not in seen   # no loop, never the feed_url
        seen.add(url)
        response = client.get(url[len(BASE):])
        assert response.status_code == 200
        assert response.headers["Content-Type"] == "application/feed+json"
        pages.append(validated(response.data))
    return pages


def save_long(store, count: int, slug: str = "lang") -> None:
    events = tuple(s.event for s in long_story(count).events)
    store.save_document(slug, "Ein langer Text.", T0.date(),
                        Timeline(published=T0.date(), lang="de", events=events))


@pytest.mark.parametrize("count", [1, 2, 5, 7])
def test_next_url_leads_through_every_entry_once_per_page(client, web_store, monkeypatch, count):
    monkeypatch.setenv("TIMELINE_FEED_ENTRIES", "2")
    save_long(web_store, count)
    pages = walk(client, "lang")
    assert len(pages) == 1 + count // 2
    ids = [item["id"] for page in pages for item in page["items"]]
    everything = {s.key for s in web_store.story("lang").events}
    assert {i.rsplit("/", 1)[1] for i in ids} == everything    # nothing out of reach
    assert all(len(page["items"]) == 2 for page in pages[1:])  # archives are full pages
    assert len({page["feed_url"] for page in pages}) == 1      # one feed, its identifier
    assert pages[0]["feed_url"] == f"{BASE}/stories/lang/feed.json"


def test_archives_are_cacheable_and_stay_the_same_while_the_story_grows(
        client, web_store, monkeypatch):
    monkeypatch.setenv("TIMELINE_FEED_ENTRIES", "2")
    save_long(web_store, 5)
    first = client.get("/stories/lang/feed/archive-1.json")
    assert first.status_code == 200 and "public" in first.headers["Cache-Control"]
    again = client.get("/stories/lang/feed/archive-1.json",
                       headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    save_long(web_store, 9, slug="lang")          # the same article, longer: more events
    assert client.get("/stories/lang/feed/archive-1.json").data == first.data
    assert client.get("/stories/lang/feed/archive-4.json").status_code == 200
    assert client.get("/stories/lang/feed/archive-5.json").status_code == 404
    assert client.get("/stories/lang/feed/archive-1.xml").status_code == 404
    assert client.get("/stories/nope/feed/archive-1.json").status_code == 404


def test_the_served_pages_equal_the_whole_storys_pages(client, web_store, monkeypatch):
    """The app reads only the entries of a page (a bounded read), with the same result."""
    monkeypatch.setenv("TIMELINE_FEED_ENTRIES", "2")
    save_long(web_store, 5)
    whole = web_store.story("lang")
    root = BASE + "/"
    assert json.loads(client.get("/stories/lang/feed.json").data) == \
        render_jsonfeed(whole, base_url=root)
    assert json.loads(client.get("/stories/lang/feed/archive-2.json").data) == \
        render_jsonfeed_archive(whole, 2, base_url=root)
    assert render_jsonfeed_archive(whole, 3, base_url=root) is None


def test_the_static_build_writes_the_pages_a_reader_follows(app, web_store, runner, tmp_path,
                                                             monkeypatch):
    from timeline.cli.group import cli

    monkeypatch.setenv("TIMELINE_FEED_ENTRIES", "2")
    save_long(web_store, 5)
    site = tmp_path / "site"
    result = runner.invoke(cli, ["build", str(site), "--base-url", "https://example.org/tl/",
                                 "--database", app.config["DATABASE_URL"]],
                           env={"TIMELINE_SECRET_KEY": "k"})
    assert result.exit_code == 0, result.output
    page = validated((site / "stories/lang/feed.json").read_bytes())
    read = 0
    while "next_url" in page:
        relative = page["next_url"].removeprefix("https://example.org/tl/")
        page = validated((site / relative).read_bytes())
        read += 1
    assert read == 2
