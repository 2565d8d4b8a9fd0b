"""The cache of rendered story files (`feeds.web.cache`) and the version it is keyed on
(`timeline.store.Store.story_version`): a cached file is never older than the story.
"""
from __future__ import annotations

from datetime import date

import pytest

from feeds.web.cache import RenderCache, rendered
from feeds.render.registry import RENDERERS
from feeds.web.app import close_store, create_app, get_store
from timeline.intake.ingest import ingest
from web_helpers import API_TOKEN_ASCII, auth

PUBLISHED = date(2022, 1, 27)
TEXT = "Am 26. Januar 2022 übergab ein Bote die Antwort. Im November 2021 schloss Russland das Büro."
URL = "https://news.example.com/antwort"


def test_story_version_changes_with_every_change_and_only_then(store):
    assert store.story_version("antwort") is None
    assert store.story_version("Not A Slug") is None
    ingest(store, "antwort", TEXT, PUBLISHED, title="Die Antwort", url=URL)
    seen = [store.story_version("antwort")]
    assert seen[0] is not None and store.story_version("antwort") == seen[0]

    assert ingest(store, "antwort", TEXT, PUBLISHED, title="Die Antwort", url=URL).status == "unchanged"
    assert store.story_version("antwort") == seen[-1]

    changes = [  # each a real change of what store.story() returns
        lambda: ingest(store, "antwort", TEXT + " Ein Dialog sei möglich.", PUBLISHED, url=URL),
        lambda: ingest(store, "antwort", TEXT, PUBLISHED, url=URL, title="Neuer Titel"),
        lambda: ingest(store, "antwort", "Im März 2022 kam die zweite Antwort.", PUBLISHED),
        lambda: ingest(store, "antwort", "Im März 2022 kam die zweite Antwort.", PUBLISHED,
                       story_title="Die Antworten"),
    ]
    for change in changes:
        before = store.story("antwort")
        change()
        assert store.story("antwort") != before
        assert store.story_version("antwort") not in seen
        seen.append(store.story_version("antwort"))
    assert store.story_version("andere") is None


def test_the_quick_version_read_is_the_ordinary_one_and_steps_aside_on_a_driver_error(store):
    """`story_version` runs on the driver's connection (`timeline.store.quick`); its token is
    the one a SQLAlchemy read gives, and a driver error hands the read to the ordinary path."""
    import sqlalchemy as sa

    from timeline.store.quick import QuickFailed, QuickRead
    from timeline.store.reading import story_version

    ingest(store, "antwort", TEXT, PUBLISHED, title="Die Antwort", url=URL)
    ordinary = store._read(lambda conn: story_version(conn, "antwort"))
    assert ordinary is not None and store.story_version("antwort") == ordinary
    with store.engine.connect() as conn:    # PostgreSQL's autocommit was for that read only
        assert getattr(conn.connection.dbapi_connection, "autocommit", None) is not True
    broken = QuickRead(store.engine, sa.select(sa.literal_column("id")).select_from(
        sa.table("no_such_table")))
    with pytest.raises(QuickFailed):
        broken.first({})
    assert store.story_version("antwort") == ordinary     # the pool still serves reads


def test_the_cache_renders_once_per_version_and_forgets_the_oldest():
    calls = []

    def render(body):
        def go():
            calls.append(body)
            return rendered(body, PUBLISHED)
        return go

    cache = RenderCache(max_entries=2)
    assert cache.get_or_render("a", "v1", render(b"1")).body == b"1"
    assert cache.get_or_render("a", "v1", render(b"other")).body == b"1"
    assert cache.get_or_render("a", "v2", render(b"2")).body == b"2"
    assert calls == [b"1", b"2"]
    cache.get_or_render("b", "v1", render(b"b"))
    cache.get_or_render("c", "v1", render(b"c"))
    assert len(cache) == 2
    cache.get_or_render("a", "v2", render(b"again"))  # "a" was the oldest: rendered anew
    assert calls[-1] == b"again"
    assert cache.get_or_render("x", "v1", lambda: None) is None and len(cache) == 2


def _app(tmp_path, database_url, name):
    return create_app(instance_path=str(tmp_path / name), test_config={
        "TESTING": True, "DATABASE_URL": database_url, "API_TOKEN": API_TOKEN_ASCII,
        "SECRET_KEY": "test", "BASE_URL": None})


def test_two_workers_never_serve_a_stale_file(tmp_path, database_url):
    """Two apps on one database, as two gunicorn workers: a change made through one is in
    every file the other serves next, though the other had it cached."""
    first, second = _app(tmp_path, database_url, "a"), _app(tmp_path, database_url, "b")
    try:
        writer, reader = first.test_client(), second.test_client()
        article = {"text": TEXT, "published": "2022-01-27", "url": URL}
        assert writer.post("/api/stories/antwort/documents", json=article, headers=auth()).status_code == 201
        for _ in range(2):  # the second request comes from the cache
            cached = {r.filename: reader.get(f"/stories/antwort/{r.filename}") for r in RENDERERS.values()}
        article["text"] += " Im März 2022 folgte ein Treffen."
        assert writer.post("/api/stories/antwort/documents", json=article, headers=auth()).status_code == 200
        with second.app_context():
            story = get_store().story("antwort")
        for renderer in RENDERERS.values():
            fresh = reader.get(f"/stories/antwort/{renderer.filename}",
                               headers={"If-None-Match": cached[renderer.filename].headers["ETag"]})
            assert fresh.status_code == 200
            assert fresh.get_data() == renderer.render(story, base_url="http://localhost/")
            assert fresh.headers["ETag"] != cached[renderer.filename].headers["ETag"]
            again = reader.get(f"/stories/antwort/{renderer.filename}",
                               headers={"If-None-Match": fresh.headers["ETag"]})
            assert again.status_code == 304
    finally:
        close_store(first)
        close_store(second)
