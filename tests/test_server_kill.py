"""The real server under real failure: gunicorn with the production configuration
(`feeds/web/gunicorn_conf.py`, two gthread workers), killed with SIGKILL.

- Clients post articles and readers read the story while the whole server process group is
  killed with `kill -9`. Every answer before the kill was 201 (writes) or 200/404 (reads),
  checked in the main thread. After a restart on the same database every article that was
  answered 201 is stored completely (document and all of its events), and no stored
  document lacks its events, including those whose request was cut off (committed or not,
  never half).
- Two workers sharing one database take 40 concurrent ingests into one story: all succeed
  and all are stored.

Both run on SQLite (a file in tmp_path) and on PostgreSQL when TIMELINE_TEST_POSTGRES_URL
is set (the `database_url` fixture of conftest.py).
"""
from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import pytest

from fault_helpers import api_request
from timeline.extract import extract

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
GUNICORN = Path(sys.executable).with_name("gunicorn")
TOKEN = "kill-test-token"
PUBLISHED = "2022-01-27"
MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
          "Oktober", "November", "Dezember"]
STARTUP_SECONDS = 60


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """`gunicorn -c python:feeds.web.gunicorn_conf 'feeds.web:create_app()'` (the README's
    command) in its own process group on 127.0.0.1."""

    def __init__(self, database_url: str, instance: Path, workers: int = 2):
        self.port = free_port()
        self.log = instance / f"gunicorn-{self.port}.log"
        instance.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "TIMELINE_DATABASE_URL": database_url, "TIMELINE_API_TOKEN": TOKEN,
               "TIMELINE_SECRET_KEY": "kill-test-secret", "PYTHONPATH": str(ROOT),
               "TIMELINE_WORKERS": str(workers), "TIMELINE_TIMEOUT": "120",
               "TIMELINE_BIND": f"127.0.0.1:{self.port}"}
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(
                [str(GUNICORN), "-c", "python:feeds.web.gunicorn_conf",
                 "--chdir", str(instance), "feeds.web:create_app()"],
                env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        self._wait_until_ready()

    def _wait_until_ready(self) -> None:
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"gunicorn exited: {self.log.read_text()[-2000:]}")
            try:
                if request(self.port, "GET", "/api/stories")[0] == 200:
                    return
            except OSError:
                time.sleep(0.1)
        raise AssertionError(f"gunicorn did not answer in time: {self.log.read_text()[-2000:]}")

    def kill_hard(self) -> None:
        """SIGKILL to the master and every worker at once (the process group)."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def request(port: int, method: str, path: str, body: dict | None = None,
            timeout: float = 60, raw: bool = False) -> tuple[int, dict | bytes | None]:
    status, payload = api_request(port, method, path, body, token=TOKEN, timeout=timeout)
    if raw:
        return status, payload
    return status, json.loads(payload) if payload else None


def article(number: int) -> dict:
    """An article with several dated sentences (so each document has several event rows).

    Its dates are its own (the year is 1700 + number): a story publishes an event that two
    documents report only once, and here every stored event row must be visible."""
    sentences = [f"Am {1 + i}. {MONTHS[i]} {1700 + number} meldete Quelle {number} die "
                 f"Nachricht {i}." for i in range(6)]
    return {"text": " ".join(sentences), "published": PUBLISHED,
            "title": f"Artikel {number}", "url": f"https://news.example.com/{number}"}


def expected_event_count(body: dict) -> int:
    return len(extract(body["text"], date.fromisoformat(body["published"])).events)


@pytest.fixture
def instance(tmp_path) -> Path:
    return tmp_path / "instance"


def test_kill_9_mid_ingest_loses_nothing_answered_and_leaves_nothing_half_written(
        database_url, instance):
    server = Server(database_url, instance)
    answered: dict[str, dict] = {}     # url -> the 201 answer
    sent: dict[str, dict] = {}         # url -> body, for every request started
    wrong: list[tuple[int, object]] = []   # answers before the kill that were not 201
    reads: list[int] = []                   # statuses of the readers' answers
    lock = threading.Lock()
    stop = threading.Event()
    numbers = iter(range(10_000))

    def client() -> None:
        while not stop.is_set():
            with lock:
                body = article(next(numbers))
                sent[body["url"]] = body
            try:
                status, data = request(server.port, "POST", "/api/stories/absturz/documents", body)
            except OSError:  # the server died under us: this request may or may not be stored
                return
            with lock:
                if status == 201:
                    answered[body["url"]] = data
                else:
                    wrong.append((status, data))

    def reader() -> None:
        while not stop.is_set():
            for path in ("/api/stories/absturz", "/stories/absturz"):
                try:
                    status, _ = request(server.port, "GET", path, raw=True)
                except OSError:
                    return
                with lock:
                    reads.append(status)

    clients = [threading.Thread(target=client) for _ in range(4)]
    clients += [threading.Thread(target=reader) for _ in range(2)]
    try:
        for thread in clients:
            thread.start()
        deadline = time.monotonic() + 60
        while len(answered) < 20 and time.monotonic() < deadline:
            time.sleep(0.01)
        server.kill_hard()  # while the four clients have requests in flight
    finally:
        stop.set()
        for thread in clients:
            thread.join(timeout=60)
        server.stop()
    assert wrong == []                       # every write answered before the kill was 201
    assert reads and set(reads) <= {200, 404}, sorted(set(reads))
    assert len(answered) >= 20
    assert set(sent) - set(answered), "the kill came while requests were in flight"

    restarted = Server(database_url, instance)
    try:
        status, story = request(restarted.port, "GET", "/api/stories/absturz")
    finally:
        restarted.stop()
    assert status == 200
    stored = {document["url"]: document for document in story["documents"]}
    events_of = {}
    for event in story["events"]:
        events_of.setdefault(event["document_id"], set()).add(event["key"])

    missing = set(answered) - set(stored)
    assert not missing, f"answered 201 but lost: {sorted(missing)}"
    for url, answer in answered.items():
        assert stored[url]["id"] == answer["document"]["id"]
        assert events_of.get(answer["document"]["id"], set()) == {e["key"] for e in answer["events"]}
    assert set(stored) <= set(sent)
    for url, document in stored.items():  # answered or cut off: complete either way
        assert len(events_of.get(document["id"], ())) == expected_event_count(sent[url]), url
    if database_url.startswith("sqlite:"):
        path = database_url.removeprefix("sqlite:///")
        with sqlite3.connect(path) as db:
            assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_two_workers_take_forty_concurrent_ingests_into_one_story(database_url, instance):
    server = Server(database_url, instance)
    try:
        with ThreadPoolExecutor(max_workers=40) as pool:
            results = list(pool.map(
                lambda n: request(server.port, "POST", "/api/stories/ansturm/documents", article(n)),
                range(40)))
        status, story = request(server.port, "GET", "/api/stories/ansturm")
    finally:
        server.stop()
    assert [code for code, _ in results] == [201] * 40, [data for _, data in results]
    assert status == 200 and len(story["documents"]) == 40
    assert {d["url"] for d in story["documents"]} == {article(n)["url"] for n in range(40)}
    assert len(story["events"]) == sum(len(data["events"]) for _, data in results)
    for _, data in results:
        assert data["events"], "every article has dated sentences"
