"""Server-side faults are the server's (issue 12, items 3-5): 503 with Retry-After, a message
without internals, the cause in the log; readers see whole stories while writers commit; a
read-only SQLite file stops refusing writes once it is writable again, without a restart.

The faults are real where this machine allows it: a read-only bind mount of the database
file, a PostgreSQL server of our own stopped and started (`fault_helpers`); a full disk is
SQLite's own "database or disk is full", reached through `PRAGMA max_page_count` here and
through a full tmpfs in `test_cli_ingest_faults.py`.
"""
from __future__ import annotations

import threading
from datetime import date

import pytest
from sqlalchemy import event as sa_event

from fault_helpers import OwnPostgres, Unavailable, read_only_file
from feeds.web.app import RETRY_AFTER_SECONDS, UNAVAILABLE_MESSAGE, close_store, create_app
from feeds.web.security import SECURITY_HEADERS
from timeline.extract import extract
from timeline.store import Store
from web_helpers import API_TOKEN_ASCII, auth

PUBLISHED = date(2022, 1, 27)


def article(number: int, sentences: int = 3) -> dict:
    text = " ".join(f"Am {day + 1}. März {1800 + number} tagte der Rat {number} zum {day}. Mal."
                    for day in range(sentences))
    return {"text": text, "published": PUBLISHED.isoformat(), "url": f"https://x.example/{number}"}


def save(store: Store, number: int, slug: str = "lage"):
    body = article(number)
    return store.save_document(slug, body["text"], PUBLISHED, extract(body["text"], PUBLISHED),
                               url=body["url"])


def assert_unavailable(response, *, json: bool = True) -> None:
    assert response.status_code == 503, response.get_data(as_text=True)[:300]
    assert response.headers["Retry-After"] == str(RETRY_AFTER_SECONDS)
    for name in SECURITY_HEADERS:
        assert name in response.headers
    if json:
        assert response.get_json() == {"error": UNAVAILABLE_MESSAGE}


def form_token(client, slug: str) -> str:
    form = client.get(f"/stories/{slug}/paste").get_data(as_text=True)
    return form.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]


def paste(client, slug: str, number: int, csrf: str | None = None, sentences: int = 3):
    csrf = csrf or form_token(client, slug)
    return client.post(f"/stories/{slug}/paste", data={
        "csrf_token": csrf, "token": API_TOKEN_ASCII, "lang": "de",
        **article(number, sentences)})


# --- item 3: one snapshot per read -------------------------------------------------------

def test_a_story_is_read_in_one_snapshot_while_a_document_is_committed(database_url):
    """A document committed between the reader's documents and events statements is either
    wholly in the story or wholly not (READ COMMITTED gave its events without it: KeyError)."""
    with Store.open(database_url) as reader, Store.open(database_url) as writer:
        save(writer, 0)
        committed = []

        @sa_event.listens_for(reader.engine, "after_cursor_execute")
        def commit_in_between(conn, cursor, statement, *args):
            if not committed and "FROM documents" in statement:
                committed.append(save(writer, 1).status)

        story = reader.story("lage")
        assert committed == ["created"]
        ids = {document.id for document in story.documents}
        assert len(ids) == 1
        assert story.events and all(e.document_id in ids for e in story.events)
        sa_event.remove(reader.engine, "after_cursor_execute", commit_in_between)
        assert len(reader.story("lage").documents) == 2


def test_readers_never_fail_while_writers_write(app):
    """Three readers and two writers at once: every read is 200 (or 404 before the first
    write) and shows whole documents; every write is 201."""
    writes, reads, problems = [], [], []
    done = threading.Event()

    def writer(first: int) -> None:
        client = app.test_client()
        for number in range(first, first + 8):
            writes.append(client.post("/api/stories/lage/documents", json=article(number),
                                      headers=auth()).status_code)

    def reader() -> None:
        client = app.test_client()
        while not done.is_set():
            for path in ("/api/stories/lage", "/stories/lage", "/api/stories"):
                response = client.get(path)
                reads.append(response.status_code)
                if path == "/api/stories/lage" and response.status_code == 200:
                    story = response.get_json()
                    ids = {d["id"] for d in story["documents"]}
                    if not all(set(e["sources"]) <= ids for e in story["events"]):
                        problems.append(story)

    writers = [threading.Thread(target=writer, args=(n,)) for n in (0, 100)]
    readers = [threading.Thread(target=reader) for _ in range(3)]
    for thread in readers + writers:
        thread.start()
    for thread in writers:
        thread.join()
    done.set()
    for thread in readers:
        thread.join()
    assert writes == [201] * 16
    assert set(reads) <= {200, 404} and reads.count(200) > 0, sorted(set(reads))
    assert not problems


# --- item 4: a full disk is the server's fault --------------------------------------------

@pytest.fixture
def sqlite_only(database_url):
    if not database_url.startswith("sqlite:"):
        pytest.skip("a SQLite fault")
    return database_url


def limit_pages(store: Store):
    """From now on the database cannot grow: SQLite answers "database or disk is full"."""
    def on_connect(dbapi_connection, _record):
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")
    sa_event.listen(store.engine, "connect", on_connect)
    store.engine.dispose()

    def unlimit() -> None:
        sa_event.remove(store.engine, "connect", on_connect)
        store.engine.dispose()
    return unlimit


def test_a_full_disk_is_503_with_retry_after_and_the_cause_only_in_the_log(
        sqlite_only, app, client, web_store, caplog):
    assert client.post("/api/stories/lage/documents", json=article(0),
                       headers=auth()).status_code == 201
    unlimit = limit_pages(web_store)
    big = article(1, sentences=400)
    response = client.post("/api/stories/lage/documents", json=big, headers=auth())
    assert_unavailable(response)
    assert "database or disk is full" in caplog.text
    page = paste(client, "lage", 2, sentences=400)
    assert_unavailable(page, json=False)
    assert "Datenbank ist gerade nicht erreichbar" in page.get_data(as_text=True)
    assert client.get("/api/stories/lage").status_code == 200     # reads go on
    unlimit()
    assert client.post("/api/stories/lage/documents", json=big,
                       headers=auth()).status_code == 201
    assert len(client.get("/api/stories/lage").get_json()["documents"]) == 2


# --- item 5: a read-only file, then writable again ----------------------------------------

def test_a_read_only_database_is_503_and_writes_resume_without_a_restart(
        sqlite_only, client, web_store):
    assert client.post("/api/stories/lage/documents", json=article(0),
                       headers=auth()).status_code == 201
    path = web_store.engine.url.database
    web_store.engine.dispose()   # no connection holds the file open for writing (mount needs it)
    try:
        with read_only_file(path) as make_writable:
            # connections opened now are read-only connections (SQLite falls back to them)
            assert client.get("/api/stories/lage").status_code == 200
            assert_unavailable(client.post("/api/stories/lage/documents", json=article(1),
                                           headers=auth()))
            assert client.get("/api/stories/lage").status_code == 200
            make_writable()
            response = client.post("/api/stories/lage/documents", json=article(1),
                                   headers=auth())
            assert response.status_code == 201, response.get_json()
            web_store.engine.dispose()    # let the mount go
    except Unavailable as why:
        pytest.skip(str(why))
    assert len(client.get("/api/stories/lage").get_json()["documents"]) == 2


# --- item 4: PostgreSQL stopped and started under the running app ---------------------------

@pytest.fixture
def own_postgres():
    try:
        server = OwnPostgres()
    except Unavailable as why:
        pytest.skip(str(why))
    with server:
        yield server


def test_postgres_down_is_503_everywhere_and_the_app_recovers_when_it_is_back(
        own_postgres, tmp_path, caplog):
    app = create_app(instance_path=str(tmp_path / "instance"), test_config={
        "TESTING": True, "DATABASE_URL": own_postgres.url, "API_TOKEN": API_TOKEN_ASCII,
        "SECRET_KEY": "test", "BASE_URL": None})
    client = app.test_client()
    try:
        assert client.post("/api/stories/lage/documents", json=article(0),
                           headers=auth()).status_code == 201
        csrf = form_token(client, "lage")
        own_postgres.stop()
        response = client.post("/api/stories/lage/documents", json=article(1), headers=auth())
        assert_unavailable(response)
        assert str(own_postgres.port) not in response.get_data(as_text=True)
        assert str(own_postgres.port) in caplog.text          # the cause is logged
        assert_unavailable(client.get("/api/stories/lage"))
        assert_unavailable(client.get("/api/stories"))
        assert_unavailable(client.get("/stories/lage"), json=False)
        assert_unavailable(client.get("/stories/lage/feed.atom"), json=False)
        assert_unavailable(paste(client, "lage", 1, csrf), json=False)
        own_postgres.start()
        assert client.post("/api/stories/lage/documents", json=article(1),
                           headers=auth()).status_code == 201
        assert len(client.get("/api/stories/lage").get_json()["documents"]) == 2
    finally:
        close_store(app)


def test_postgres_down_when_the_app_first_opens_the_store_is_503(own_postgres, tmp_path):
    app = create_app(instance_path=str(tmp_path / "instance"), test_config={
        "TESTING": True, "DATABASE_URL": own_postgres.url, "API_TOKEN": API_TOKEN_ASCII,
        "SECRET_KEY": "test", "BASE_URL": None})
    own_postgres.stop()
    try:
        assert_unavailable(app.test_client().get("/api/stories"))
        assert_unavailable(app.test_client().get("/"), json=False)
    finally:
        close_store(app)
