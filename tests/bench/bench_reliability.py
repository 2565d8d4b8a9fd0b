"""Reliability under bad input, load, faults and kill -9 (issue 12).

    .venv/bin/python tests/bench/bench_reliability.py [--sizes 10000,100000,1000000]
        [--shape-timeout 120] [--skip-sync] [--only SECTION ...]

Sections (each prints a table; targets in brackets):
  inputs       bad-input classes over the API, the paste form and the CLI, and their answers
               [0 answers 5xx, no CLI exit 70]
  shapes       worst extraction time per text shape of tests/bench/bench_shapes.py at each
               size (each shape in its own process, cut off after --shape-timeout seconds),
               and the TimeML tolerant reader on pathological almost-XML
  idle         a request's latency while N connections sit idle, under the production
               configuration and under the old `gunicorn --workers 2` (sync; --skip-sync)
  concurrency  readers and writers at once through real gunicorn on SQLite and PostgreSQL,
               with their status counts [0 5xx for reads during writes, all writes 201]
  faults       full disk, read-only file, PostgreSQL stopped: answers during and after
               [503 for every server-side fault, recovery without restart]
  kill         kill -9 of gunicorn under writes: answered 201 vs stored after restart
               [0 stored articles lost, no half-written document]

PostgreSQL runs use TIMELINE_TEST_POSTGRES_URL (a fresh schema each); the faults section
starts a PostgreSQL server of its own (tests/fault_helpers.py; root: mounts for disk full
and read-only). Figures depend on the machine; nothing asserts them; never run by pytest.
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from contextlib import contextmanager
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "tests" / "bench")]
from fault_helpers import api_request  # noqa: E402  (after the path it lives on)
GUNICORN = Path(sys.executable).with_name("gunicorn")
TOKEN = "bench-token"
PUBLISHED = "2022-01-27"


def article(number: int, sentences: int = 4) -> dict:
    text = " ".join(f"Am {d + 1}. Juni {1700 + number % 300} beriet der Rat {number} zum {d}. Mal."
                    for d in range(sentences))
    return {"text": text, "published": PUBLISHED, "url": f"https://bench.example/{number}"}


def table(title: str, header: list[str], rows: list[list]) -> None:
    print(f"\n## {title}\n")
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for row in rows:
        print("| " + " | ".join(str(cell) for cell in row) + " |")
    sys.stdout.flush()


# --- databases -----------------------------------------------------------------------------

@contextmanager
def postgres_schema():
    """A fresh schema on TIMELINE_TEST_POSTGRES_URL (None when unset)."""
    base = os.environ.get("TIMELINE_TEST_POSTGRES_URL", "").strip()
    if not base:
        yield None
        return
    import sqlalchemy as sa
    url = sa.make_url(base)
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    try:
        yield url.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(
            hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin.dispose()


@contextmanager
def databases(folder: Path):
    """[(name, url)]: SQLite in `folder`, and PostgreSQL when configured."""
    with postgres_schema() as pg:
        found = [("SQLite", f"sqlite:///{folder / 'bench.sqlite3'}")]
        if pg:
            found.append(("PostgreSQL", pg))
        yield found


# --- a real server --------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Gunicorn:
    """The production configuration (or `sync_workers` for the old README command)."""

    def __init__(self, database_url: str, folder: Path, sync_workers: int | None = None):
        self.port = free_port()
        folder.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "TIMELINE_DATABASE_URL": database_url, "TIMELINE_API_TOKEN": TOKEN,
               "TIMELINE_SECRET_KEY": "bench", "PYTHONPATH": str(ROOT),
               "TIMELINE_BIND": f"127.0.0.1:{self.port}", "TIMELINE_TIMEOUT": "120"}
        if sync_workers:
            command = [str(GUNICORN), "--workers", str(sync_workers), "--bind",
                       f"127.0.0.1:{self.port}"]
        else:
            command = [str(GUNICORN), "-c", "python:feeds.web.gunicorn_conf"]
        self.log = open(folder / f"gunicorn-{self.port}.log", "wb")
        self.process = subprocess.Popen(command + ["--chdir", str(folder), "feeds.web:create_app()"],
                                        env=env, stdout=self.log, stderr=subprocess.STDOUT,
                                        start_new_session=True)
        for _ in range(600):
            try:
                if request(self.port, "GET", "/api/stories", timeout=5)[0] == 200:
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("gunicorn did not start")

    def kill_hard(self) -> None:
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()


def request(port: int, method: str, path: str, body: dict | None = None,
            timeout: float = 60) -> tuple[int, bytes]:
    return api_request(port, method, path, body, token=TOKEN, timeout=timeout)


# --- inputs ----------------------------------------------------------------------------------

def section_inputs(folder: Path) -> None:
    from click.testing import CliRunner

    from feeds.web.app import close_store, create_app
    from test_timeml_untrusted import LAUGHS
    from timeline.cli.group import cli

    app = create_app(instance_path=str(folder / "inputs"), test_config={
        "TESTING": True, "DATABASE_URL": f"sqlite:///{folder / 'inputs.sqlite3'}",
        "API_TOKEN": TOKEN, "SECRET_KEY": "bench", "BASE_URL": None, "MAX_CONTENT_LENGTH": 4 << 20})
    client = app.test_client()
    auth = {"Authorization": f"Bearer {TOKEN}"}
    ok = article(1)["text"]
    api_cases = {
        "empty text": {"text": "", "published": PUBLISHED},
        "whitespace only": {"text": " \n\t ", "published": PUBLISHED},
        "U+FEFF only": {"text": "\ufeff", "published": PUBLISHED},
        "U+200B only": {"text": "\u200b\u200b", "published": PUBLISHED},
        "NUL in text": {"text": ok + "\x00", "published": PUBLISHED},
        "text not a string": {"text": 42, "published": PUBLISHED},
        "no date": {"text": ok},
        "date not a date": {"text": ok, "published": "2022-02-30"},
        "year 0": {"text": ok, "published": "0000-01-01"},
        "year 1": {"text": ok, "published": "0001-01-01"},
        "year 99999": {"text": ok, "published": "99999-01-01"},
        "'Seit 3000 Jahren'": {"text": "Seit 3000 Jahren leben hier Menschen.", "published": PUBLISHED},
        "'vor 40000 Jahren'": {"text": "Vor 40000 Jahren kam das Eis.", "published": PUBLISHED},
        "unknown language": {"text": ok, "published": PUBLISHED, "lang": "xx"},
        "javascript: url": {"text": ok, "published": PUBLISHED, "url": "javascript:alert(1)"},
        "title 10 kB": {"text": ok, "published": PUBLISHED, "title": "T" * 10_000},
        "100 kB of '<'": {"text": "<" * 100_000, "published": PUBLISHED},
        "lone surrogate escape": None,      # raw body below
        "not JSON": None, "JSON array": None, "nested 100000 deep": None, "body > limit": None,
        "wrong content type": None, "no token": None, "wrong token": None, "bad slug": None,
    }
    raw_bodies = {
        "lone surrogate escape": (b'{"text": "a\\ud800b", "published": "2022-01-27"}', "application/json"),
        "not JSON": (b"{nope", "application/json"),
        "JSON array": (b"[1, 2]", "application/json"),
        "nested 100000 deep": (b"[" * 100_000 + b"]" * 100_000, "application/json"),
        "body > limit": (b'{"text": "' + b"a" * (5 << 20) + b'"}', "application/json"),
        "wrong content type": (b"text=x", "text/plain"),
    }
    rows, fives = [], 0
    for name, body in api_cases.items():
        headers, path = dict(auth), "/api/stories/bench/documents"
        if name == "no token":
            headers = {}
        if name == "wrong token":
            headers = {"Authorization": "Bearer nope"}
        if name == "bad slug":
            path = "/api/stories/Bad..Slug/documents"
        if name in raw_bodies:
            data, kind = raw_bodies[name]
            response = client.post(path, data=data, headers={**headers, "Content-Type": kind})
        else:
            response = client.post(path, json=body or {"text": ok, "published": PUBLISHED},
                                   headers=headers)
        fives += response.status_code >= 500
        message = (response.get_json(silent=True) or {}).get("error", "")
        rows.append([name, "API", response.status_code, message[:70]])
    form = client.get("/stories/bench/paste").get_data(as_text=True)
    csrf = form.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    for name, text in [("empty", ""), ("U+FEFF only", "\ufeff"), ("U+200B only", "\u200b"),
                       ("'Seit 3000 Jahren'", "Seit 3000 Jahren leben hier Menschen."),
                       ("100 kB of '('", "(" * 100_000)]:
        response = client.post("/stories/bench/paste", data={
            "csrf_token": csrf, "token": TOKEN, "text": text, "published": PUBLISHED, "lang": "de"})
        fives += response.status_code >= 500
        rows.append([name, "paste form", response.status_code, ""])
    close_store(app)

    runner = CliRunner()
    files = {
        "empty file": b"", "U+FEFF only": "\ufeff\ufeff".encode(), "U+200B only": "\u200b".encode(),
        "binary": b"\x00\x01\x02", "Latin-1": "Am Montag kam Jürgen.".encode("latin-1"),
        "UTF-16": "Am Montag".encode("utf-16"), "'Seit 3000 Jahren'": "Seit 3000 Jahren lebten sie.".encode(),
    }
    timeml = {
        "TimeML billion laughs": LAUGHS.encode(),
        "TimeML DCT 0001-01-01": (b'<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="0001-01-01" '
                                  b'functionInDocument="CREATION_TIME">x</TIMEX3></DCT><TEXT>Vor drei '
                                  b'Jahren tagte der Rat. Seit 3000 Jahren leben hier Menschen.</TEXT></TimeML>'),
        "TimeML 200 kB of '<'": b"<TimeML><TEXT>" + b"<" * 200_000 + b"</TEXT></TimeML>",
    }
    exits = 0
    for name, data in {**files, **timeml}.items():
        path = folder / ("input.tml" if name.startswith("TimeML") else "input.txt")
        path.write_bytes(data)
        for command in (["extract", str(path), "--published", PUBLISHED],
                        ["ingest", str(path), "--story", "bench", "--published", PUBLISHED,
                         "--database", f"sqlite:///{folder / 'cli.sqlite3'}"]):
            if command[0] == "extract" and name.startswith("TimeML"):
                continue
            result = runner.invoke(cli, command)
            exits += result.exit_code == 70
            rows.append([name, f"CLI {command[0]}", f"exit {result.exit_code}",
                         (result.stderr.strip() or result.stdout.strip().splitlines()[0]
                          if (result.stderr or result.stdout) else "")[:70]])
    table("Bad input: answers", ["input class", "way in", "answer", "message"], rows)
    print(f"\n{len(rows)} tries; 5xx answers: {fives}; CLI exit 70 (a bug): {exits}")


# --- shapes ----------------------------------------------------------------------------------

SHAPE_RUNNER = """
import sys, time
from datetime import date
sys.path.insert(0, sys.argv[1])
from bench_shapes import SHAPES, shape
from timeline import extract
unit = SHAPES[sys.argv[2]]
extract("Am Montag kam er.", published=date(2022, 1, 27))
for size in map(int, sys.argv[3].split(",")):
    text = shape(unit, size)
    start = time.perf_counter()
    extract(text, published=date(2022, 1, 27))
    print(size, time.perf_counter() - start, flush=True)
"""


def section_shapes(sizes: list[int], timeout: float) -> None:
    from bench_shapes import SHAPES
    from timeline.timeml import parse_timeml

    rows, worst = [], {size: (0.0, "") for size in sizes}
    for name in SHAPES:
        process = subprocess.Popen([sys.executable, "-c", SHAPE_RUNNER, str(ROOT / "tests" / "bench"),
                                    name, ",".join(map(str, sizes))],
                                   stdout=subprocess.PIPE, text=True)
        times: dict[int, str] = {}
        deadline = time.monotonic() + timeout * len(sizes)
        timer = threading.Timer(timeout * len(sizes), process.kill)
        timer.start()
        for line in process.stdout:
            size, seconds = line.split()
            seconds = float(seconds)
            times[int(size)] = f"{seconds:.2f} s"
            if seconds > worst[int(size)][0]:
                worst[int(size)] = (seconds, name)
        process.wait()
        timer.cancel()
        for size in sizes:
            times.setdefault(size, f"> {timeout * len(sizes) - (deadline - time.monotonic()):.0f} s (cut off)"
                             if time.monotonic() >= deadline - 1 else "not reached")
        rows.append([name] + [times[size] for size in sizes])
    table("Extraction time per shape (timeline.extract, one process per shape)",
          ["shape"] + [f"{size // 1000} kB" for size in sizes], rows)
    cut = {size: [row[0] for row in rows if "cut off" in row[1 + k] or "not reached" in row[1 + k]]
           for k, size in enumerate(sizes)}
    print("\nworst: " + ", ".join(
        f"{size // 1000} kB " + (f"cut off after {timeout:.0f} s ({', '.join(cut[size])})"
                                 if cut[size] else f"{seconds:.2f} s ({name})")
        for size, (seconds, name) in worst.items()))
    rows = []
    for name, body in [("'<' x 200 kB", "<" * 200_000), ("'<TIMEX3 ' x 25000", "<TIMEX3 " * 25_000),
                       ("'<TITLE>' x 30000", None)]:
        data = body and f"<TimeML><TEXT>{body}</TEXT></TimeML>" or "<TITLE>" * 30_000 + "<TEXT>x</TEXT>"
        start = time.perf_counter()
        parse_timeml(data)
        rows.append([name, f"{time.perf_counter() - start:.2f} s"])
    table("TimeML tolerant reader", ["input", "time"], rows)


# --- idle connections ----------------------------------------------------------------------

def section_idle(folder: Path, skip_sync: bool) -> None:
    rows = []
    configurations = [("production config (gthread 2 x 16)", None)]
    if not skip_sync:
        configurations.append(("old README: gunicorn --workers 2 (sync)", 2))
    for label, sync in configurations:
        server = Gunicorn(f"sqlite:///{folder / 'idle.sqlite3'}", folder / "idle", sync)
        try:
            for count in ((2,) if sync else (2, 10, 30, 60)):
                idle = [socket.create_connection(("127.0.0.1", server.port)) for _ in range(count)]
                time.sleep(0.5)
                start = time.perf_counter()
                try:
                    status = request(server.port, "GET", "/api/stories", timeout=60)[0]
                except OSError as exc:
                    status = type(exc).__name__
                rows.append([label, count, status, f"{time.perf_counter() - start:.2f} s"])
                for sock in idle:
                    sock.close()
                time.sleep(1)
        finally:
            server.stop()
    table("A request while connections sit idle", ["server", "idle connections", "answer",
                                                   "latency"], rows)


# --- concurrency -----------------------------------------------------------------------------

def section_concurrency(folder: Path, writers: int = 4, per_writer: int = 10, readers: int = 4) -> None:
    rows = []
    with databases(folder / "concurrency") as found:
        for name, url in found:
            server = Gunicorn(url, folder / f"concurrency-{name}")
            counts = collections.Counter()
            lock = threading.Lock()
            done = threading.Event()

            def writer(first: int) -> None:
                for number in range(first, first + per_writer):
                    status = request(server.port, "POST", "/api/stories/last/documents",
                                     article(number))[0]
                    with lock:
                        counts["write", status] += 1

            def reader() -> None:
                while not done.is_set():
                    for path in ("/api/stories/last", "/stories/last", "/stories/last/feed.atom",
                                 "/api/stories"):
                        status = request(server.port, "GET", path)[0]
                        with lock:
                            counts["read", status] += 1

            try:
                threads = [threading.Thread(target=writer, args=(k * 1000,)) for k in range(writers)]
                pool = [threading.Thread(target=reader) for _ in range(readers)]
                start = time.perf_counter()
                for thread in threads + pool:
                    thread.start()
                for thread in threads:
                    thread.join()
                done.set()
                for thread in pool:
                    thread.join()
                elapsed = time.perf_counter() - start
            finally:
                server.stop()
            for kind in ("write", "read"):
                statuses = {s: n for (k, s), n in sorted(counts.items()) if k == kind}
                rows.append([name, kind, sum(statuses.values()),
                             ", ".join(f"{s}: {n}" for s, n in statuses.items()),
                             sum(n for s, n in statuses.items() if s >= 500), f"{elapsed:.1f} s"])
    table(f"Reads during writes (gunicorn production config; {writers} writers x {per_writer} "
          f"articles, {readers} readers)", ["database", "kind", "requests", "statuses", "5xx",
                                            "wall"], rows)


# --- faults ----------------------------------------------------------------------------------

def section_faults(folder: Path) -> None:
    from sqlalchemy import event as sa_event

    from fault_helpers import OwnPostgres, Unavailable, full_disk, read_only_file
    from feeds.web.app import close_store, create_app, get_store

    def make_app(url: str, name: str):
        return create_app(instance_path=str(folder / name), test_config={
            "TESTING": True, "DATABASE_URL": url, "API_TOKEN": TOKEN, "SECRET_KEY": "b",
            "BASE_URL": None})

    auth = {"Authorization": f"Bearer {TOKEN}"}
    rows = []

    def probe(fault: str, client, phase: str, number: int, sentences: int = 4) -> None:
        write = client.post("/api/stories/s/documents", json=article(number, sentences), headers=auth)
        read = client.get("/api/stories/s")
        rows.append([fault, phase, write.status_code, write.headers.get("Retry-After", ""),
                     read.status_code, (write.get_json(silent=True) or {}).get("error", "")[:60]])

    # disk full: a 2 MB tmpfs (root), else SQLite's page limit
    try:
        with full_disk(folder / "disk", "2m") as fill:
            app = make_app(f"sqlite:///{folder / 'disk' / 'db.sqlite3'}", "disk-app")
            client = app.test_client()
            probe("disk full (tmpfs)", client, "before", 1)
            fill(True)
            probe("disk full (tmpfs)", client, "during", 2, 300)
            fill(False)
            probe("disk full (tmpfs)", client, "after", 2, 300)
            close_store(app)
    except Unavailable as why:
        rows.append(["disk full (tmpfs)", f"skipped: {why}", "", "", "", ""])
    app = make_app(f"sqlite:///{folder / 'pages.sqlite3'}", "pages-app")
    client = app.test_client()
    probe("disk full (max_page_count)", client, "before", 1)
    with app.app_context():
        store = get_store()

    def limit(dbapi_connection, _record):
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")
    sa_event.listen(store.engine, "connect", limit)
    store.engine.dispose()
    probe("disk full (max_page_count)", client, "during", 2, 300)
    sa_event.remove(store.engine, "connect", limit)
    store.engine.dispose()
    probe("disk full (max_page_count)", client, "after", 2, 300)
    close_store(app)

    # read-only database file
    app = make_app(f"sqlite:///{folder / 'ro.sqlite3'}", "ro-app")
    client = app.test_client()
    probe("read-only file", client, "before", 1)
    with app.app_context():
        store = get_store()
    store.engine.dispose()
    try:
        with read_only_file(folder / "ro.sqlite3") as writable:
            client.get("/api/stories/s")
            probe("read-only file", client, "during", 2)
            writable()
            probe("read-only file", client, "after (no restart)", 2)
            store.engine.dispose()
    except Unavailable as why:
        rows.append(["read-only file", f"skipped: {why}", "", "", "", ""])
    close_store(app)

    # PostgreSQL stopped and started
    try:
        with OwnPostgres() as server:
            app = make_app(server.url, "pg-app")
            client = app.test_client()
            probe("PostgreSQL stopped", client, "before", 1)
            server.stop()
            probe("PostgreSQL stopped", client, "during", 2)
            server.start()
            probe("PostgreSQL stopped", client, "after restart", 2)
            close_store(app)
    except Unavailable as why:
        rows.append(["PostgreSQL stopped", f"skipped: {why}", "", "", "", ""])
    table("Server-side faults (the web app in process)", ["fault", "phase", "write", "Retry-After",
                                                          "read", "message"], rows)


# --- kill -9 ---------------------------------------------------------------------------------

def section_kill(folder: Path) -> None:
    from timeline.extract import extract

    rows = []
    with databases(folder / "kill") as found:
        for name, url in found:
            server = Gunicorn(url, folder / f"kill-{name}")
            answered, sent, other, lock, stop = {}, {}, collections.Counter(), threading.Lock(), threading.Event()
            numbers = iter(range(100_000))

            def client() -> None:
                while not stop.is_set():
                    with lock:
                        body = article(next(numbers), 6)
                        sent[body["url"]] = body
                    try:
                        status, data = request(server.port, "POST", "/api/stories/crash/documents", body)
                    except OSError:
                        return
                    with lock:
                        if status == 201:
                            answered[body["url"]] = json.loads(data)
                        else:
                            other[status] += 1

            threads = [threading.Thread(target=client) for _ in range(4)]
            for thread in threads:
                thread.start()
            while len(answered) < 30:
                time.sleep(0.01)
            server.kill_hard()
            stop.set()
            for thread in threads:
                thread.join()
            restarted = Gunicorn(url, folder / f"kill-{name}")
            try:
                story = json.loads(request(restarted.port, "GET", "/api/stories/crash")[1])
            finally:
                restarted.stop()
            stored = {d["url"]: d for d in story["documents"]}
            events = collections.Counter(e["document_id"] for e in story["events"])
            lost = set(answered) - set(stored)
            half = [url_ for url_, d in stored.items() if events[d["id"]] != len(
                extract(sent[url_]["text"], date.fromisoformat(PUBLISHED)).events)]
            rows.append([name, len(sent), len(answered), dict(other) or "-",
                         len(set(stored) - set(answered)), len(stored), len(lost), len(half)])
    table("kill -9 of gunicorn (master and workers) under 4 writers, then restart",
          ["database", "requests sent", "answered 201", "other answers", "stored though cut off",
           "stored", "answered but lost", "half-written"], rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--shape-timeout", type=float, default=120.0)
    parser.add_argument("--skip-sync", action="store_true")
    parser.add_argument("--only", nargs="*", default=None)
    args = parser.parse_args()
    sections = args.only or ["inputs", "shapes", "idle", "concurrency", "faults", "kill"]
    import logging
    logging.disable(logging.CRITICAL)       # the faults log their causes; the tables say enough
    with tempfile.TemporaryDirectory(prefix="bench-reliability-") as tmp:
        folder = Path(tmp)
        print(f"# Reliability benchmark ({time.strftime('%Y-%m-%d %H:%M')}, load "
              f"{os.getloadavg()[0]:.1f}, {os.cpu_count()} CPUs)")
        for section in sections:
            if section == "inputs":
                section_inputs(folder)
            elif section == "shapes":
                section_shapes([int(s) for s in args.sizes.split(",")], args.shape_timeout)
            elif section == "idle":
                section_idle(folder, args.skip_sync)
            elif section == "concurrency":
                section_concurrency(folder)
            elif section == "faults":
                section_faults(folder)
            elif section == "kill":
                section_kill(folder)


if __name__ == "__main__":
    main()
