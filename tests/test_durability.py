"""Concurrent writers and crashes, on SQLite and PostgreSQL.

- 40 ingests into one story at once (threads sharing a store; separate `timeline ingest`
  processes): every one succeeds and every document is stored with its events; ten
  readers reading the story all the while see only whole documents.
- A writer killed with SIGKILL in the middle of its work: afterwards the database opens,
  everything the writer reported committed is there complete, and nothing is half-written.
"""
import hashlib
import os
import signal
import subprocess
import sys
import textwrap
import threading
from datetime import date
from pathlib import Path

import pytest

from timeline.model import Event, Timeline
from timeline.store import Store

pytestmark = pytest.mark.slow

PUBLISHED = date(2022, 1, 27)
WRITERS = 40
SEED = Path(__file__).resolve().parents[1] / "timeline" / "demo" / "nato-antwort.txt"


def numbered_timeline(number: int, events: int = 3) -> tuple[str, Timeline]:
    sentences = [f"Am {day + 1}. Januar meldete Quelle {number} Nachricht {day}."
                 for day in range(events)]
    made = tuple(
        Event(id=hashlib.sha1(s.encode()).hexdigest()[:12], headline=s[:-1], sentence=s,
              start=0, end=len(s), status="dated", value=f"2022-01-{day + 1:02d}",
              granularity="day", earliest=f"2022-01-{day + 1:02d}",
              latest=f"2022-01-{day + 1:02d}")
        for day, s in enumerate(sentences))
    return " ".join(sentences), Timeline(PUBLISHED, "de", events=made)


def run_threads(target, count):
    barrier = threading.Barrier(count)
    results, errors = [None] * count, []

    def work(index):
        try:
            barrier.wait()
            results[index] = target(index)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return results


def whole(story) -> bool:
    """Every document of the story read has all of its 3 events, and every event its document."""
    ids = {d.id for d in story.documents}
    per_document = {}
    for event in story.events:
        per_document[event.document_id] = per_document.get(event.document_id, 0) + 1
    return set(per_document) == ids and set(per_document.values()) <= {3}


def test_forty_threads_ingest_into_one_story_while_ten_read_it(store):
    readers = 10
    reads = []
    finished = []      # one entry per writer done, whether it succeeded or not

    def work(index):
        if index >= WRITERS:  # a reader: reads the story until the writers are done
            while len(finished) < WRITERS:
                story = store.story("crowd", merge=False)
                reads.append(story is None or whole(story))
            return None
        try:
            text, timeline = numbered_timeline(index)
            return store.save_document("crowd", text, PUBLISHED, timeline,
                                       url=f"https://example.org/{index}")
        finally:
            finished.append(index)

    results = run_threads(work, WRITERS + readers)[:WRITERS]
    assert reads and all(reads), f"{reads.count(False)} of {len(reads)} reads saw half a story"
    assert [r.status for r in results] == ["created"] * WRITERS
    story = store.story("crowd", merge=False)
    assert len(story.documents) == WRITERS
    assert len(story.events) == 3 * WRITERS
    assert {s.key for s in story.events} == {s.key for r in results for s in r.events}


def test_forty_threads_ingesting_the_same_document_store_it_once(store):
    text, timeline = numbered_timeline(1)
    results = run_threads(
        lambda _: store.save_document("crowd", text, PUBLISHED, timeline), WRITERS)
    assert sorted(r.status for r in results) == ["created"] + ["unchanged"] * (WRITERS - 1)
    assert len({r.document.id for r in results}) == 1
    story = store.story("crowd")
    assert len(story.documents) == 1 and len(story.events) == 3


TIMELINE_CLI = "import sys; from timeline.cli.group import cli; cli.main(sys.argv[1:], prog_name='timeline')"


def test_forty_processes_ingest_into_one_story(database_url, tmp_path):
    """They also race to create the schema of the empty database."""
    seed = SEED.read_text(encoding="utf-8")
    processes = []
    for number in range(WRITERS):
        article = tmp_path / f"article-{number}.txt"
        article.write_text(f"Meldung {number} vom 27. Januar 2022.\n\n{seed}", encoding="utf-8")
        processes.append(subprocess.Popen(
            [sys.executable, "-c", TIMELINE_CLI, "ingest", str(article), "--story", "crowd",
             "--published", "2022-01-27", "--database", database_url],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    outputs = [(p.wait(), *p.communicate()) for p in processes]
    assert [(code, err) for code, _, err in outputs] == [(0, "")] * WRITERS
    assert all(out.startswith("created: document ") for _, out, _ in outputs)
    reported_events = sum(int(out.split(", ")[-1].split()[0]) for _, out, _ in outputs)
    with Store.open(database_url) as store:
        story = store.story("crowd", merge=False)
        assert len(story.documents) == WRITERS
        assert len(story.events) == reported_events


# --- SIGKILL in the middle of writing ---------------------------------------------------

EVENTS_PER_DOCUMENT = 150   # makes a save long enough that a kill lands inside it

WRITER = textwrap.dedent("""
    import sys
    from datetime import date
    from timeline.model import Event, Timeline
    from timeline.store import Store

    url, first, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    published = date(2022, 1, 27)

    def version(label):
        sentences = [f"{label}: Ereignis {k} am {k % 28 + 1}. Januar." for k in range(size)]
        events = tuple(Event(id=f"{label}-{k}", headline=s, sentence=s, start=0, end=len(s),
                             status="dated", value=f"2022-01-{k % 28 + 1:02d}",
                             granularity="day", earliest=f"2022-01-{k % 28 + 1:02d}",
                             latest=f"2022-01-{k % 28 + 1:02d}") for k, s in enumerate(sentences))
        return " ".join(sentences), Timeline(published, "de", events=events)

    store = Store.open(url)
    number = first
    while True:
        # Odd steps add a new document; even steps rewrite the one living document.
        label = f"doc-{number}" if number % 2 else f"living-{number}"
        address = f"https://example.org/{label}" if number % 2 else "https://example.org/living"
        text, timeline = version(label)
        print("begin", number, flush=True)
        store.save_document("crash", text, published, timeline, url=address, title=label)
        print("committed", number, flush=True)
        number += 1
""")


def run_writer_until_killed(database_url, first, commits_before_kill):
    """Start a writer; SIGKILL it right after it announces a save, once it has committed
    `commits_before_kill` saves. Returns the numbers it reported committed."""
    process = subprocess.Popen(
        [sys.executable, "-c", WRITER, database_url, str(first), str(EVENTS_PER_DOCUMENT)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    committed, last = set(), first
    for line in process.stdout:
        word, number = line.split()
        last = int(number)
        if word == "committed":
            committed.add(last)
        elif len(committed) >= commits_before_kill:
            os.kill(process.pid, signal.SIGKILL)
            break
    process.wait()
    assert process.returncode == -signal.SIGKILL, process.stderr.read()
    process.stdout.close()
    process.stderr.close()
    return committed, last + 1


def test_a_killed_writer_leaves_only_whole_documents(database_url):
    Store.open(database_url).close()
    committed, number = set(), 1
    for commits_before_kill in (1, 2, 3):
        done, number = run_writer_until_killed(database_url, number, commits_before_kill)
        committed |= done

    with Store.open(database_url) as store:
        if store.engine.dialect.name == "sqlite":
            with store.engine.connect() as conn:
                assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        story = store.story("crash", merge=False)
        by_document = {}
        for stored in story.events:
            by_document.setdefault(stored.document_id, []).append(stored.event)
        for document in story.documents:
            events = by_document.get(document.id, [])
            assert len(events) == EVENTS_PER_DOCUMENT, document.title
            assert all(e.id.startswith(document.title + "-") for e in events), document.title
        titles = {d.title for d in story.documents}
        assert {f"doc-{n}" for n in committed if n % 2} <= titles
        rewrites = [n for n in committed if n % 2 == 0]
        living = [t for t in titles if t.startswith("living-")]
        if rewrites:   # one living document, at the last committed version or a later one
            assert len(living) == 1 and int(living[0].split("-")[1]) >= max(rewrites)
        # and the database takes new writes after the crashes
        text, timeline = numbered_timeline(99)
        assert store.save_document("crash", text, PUBLISHED, timeline).status == "created"
