"""Long stories: ingest time per article and read latencies at 60, 600 and 1,200 articles.

    .venv/bin/python tests/bench/bench_story.py [--sizes 60,600,1200] [--repeat 5]
        [--postgres postgresql+psycopg://postgres@127.0.0.1:55432/DB]
        [--serve-seconds 6] [--connections 4] [--no-postgres]

Articles are the texts of /work/shared/corpus/krauts-dev.jsonl (TIMELINE_SHARED elsewhere),
taken in turn, each with its own URL and a publication date one day after the previous one
(relative dates move with it; absolute dates repeat, so later copies report events already
in the story and are merged, as a story that follows a topic gathers retellings). Each text
is extracted once; the same timelines are saved into a fresh SQLite database and, with
--postgres (or TIMELINE_TEST_POSTGRES_URL), into a fresh schema of that PostgreSQL database.

The story grows to each size in turn. Ingest: the store's time to save an article
(`store.save_document`, extraction apart), mean over the last 10% of the articles before
the size. Reads, in process through the Flask test client (no HTTP server), --repeat
times each, p50/p95 in ms: the page, the story API, the Atom feed first rendered (render
cache emptied) and cached, the calendar first rendered (no entry rendered before), changed
(its rendered entries kept, as after a story's change) and cached, the index and a year's
first page. Prints a Markdown table per database with the growth from one size to the next, and the targets from 60 to
600: bounded reads (feed, page, index) at most 4x slower, the story API at most linear
(time per article at 600 <= 1.5x that at 60), ingest of the 600th article within 2x of the
60th. Results go to tests/bench/results/story-DATE.json (not committed).

Served: at each size the production server (gunicorn -c python:feeds.web.gunicorn_conf)
runs on the same database, and a small Python client (keep-alive connections in threads;
`wrk` and `ab` are not installed here) asks for the cached Atom feed and for the static
CSS file in alternating rounds, so both see the same machine load: p50/p95 latency and
requests/s of each, and their ratio (target: the cached feed within 2x of the static file).

The machine is shared: the 1-minute load average is printed and stored with every size,
and the figures that matter are ratios measured side by side in the same run.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from timeline import extract  # noqa: E402

SHARED = Path(os.environ.get("TIMELINE_SHARED", "/work/shared"))
CORPUS = SHARED / "corpus" / "krauts-dev.jsonl"
RESULTS = ROOT / "tests" / "bench" / "results"
SLUG = "lang"
START = date(2021, 1, 1)
# What a read empties first: nothing, the render cache of whole files (FILES: the file is
# rendered again, as after a change of the story), or that and the calendar's rendered
# entries too (ALL: every entry rendered, as on a new worker).
NOTHING, FILES, ALL = "nothing", "files", "all"
READS = [  # (name, path, what is emptied first)
    ("page", f"/stories/{SLUG}", NOTHING),
    ("api", f"/api/stories/{SLUG}", NOTHING),
    ("feed first", f"/stories/{SLUG}/feed.atom", FILES),
    ("feed cached", f"/stories/{SLUG}/feed.atom", NOTHING),
    ("calendar first", f"/stories/{SLUG}/calendar.ics", ALL),
    ("calendar changed", f"/stories/{SLUG}/calendar.ics", FILES),
    ("calendar cached", f"/stories/{SLUG}/calendar.ics", NOTHING),
    ("index", "/", NOTHING),
    ("year page", f"/stories/{SLUG}/{START.year}", NOTHING),   # a year's first page
]
STATIC = "/static/style.css"
FEED = f"/stories/{SLUG}/feed.atom"


def load() -> float:
    """The machine's 1-minute load average (2 cores shared by several people)."""
    return round(os.getloadavg()[0], 2)


def articles(count: int):
    texts = [json.loads(line)["text"] for line in CORPUS.read_text(encoding="utf-8").splitlines()
             if line.strip()]
    for i in range(count):
        published = START + timedelta(days=i)
        text = texts[i % len(texts)]
        yield (text, published, f"Artikel {i + 1}", f"https://news.example.com/{i + 1}",
               extract(text, published=published))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def measure_reads(app, repeat: int) -> dict:
    from feeds.render.ical import _rendered_vevent
    from feeds.web.cache import EXTENSION, RenderCache

    client = app.test_client()
    figures = {}
    for name, path, emptied in READS:
        times = []
        client.get(path)        # warm: the first request also opens the store
        for _ in range(repeat):
            if emptied in (FILES, ALL):
                app.extensions[EXTENSION] = RenderCache()
            if emptied == ALL:
                _rendered_vevent.cache_clear()
            started = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (path, response.status_code)
        figures[name] = {"p50": percentile(times, 0.5), "p95": percentile(times, 0.95),
                         "bytes": len(response.data)}
    return figures


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(url: str, folder: str) -> tuple[subprocess.Popen, int]:
    """gunicorn with the production configuration, serving the store at `url`."""
    port = free_port()
    env = {**os.environ, "TIMELINE_DATABASE_URL": url, "TIMELINE_SECRET_KEY": "bench",
           "TIMELINE_BIND": f"127.0.0.1:{port}", "PYTHONPATH": str(ROOT)}
    env.pop("TIMELINE_API_TOKEN", None)
    gunicorn = Path(sys.executable).with_name("gunicorn")
    log = open(Path(folder) / "gunicorn.log", "wb")     # its access log would flood stderr
    process = subprocess.Popen(
        [str(gunicorn), "-c", "python:feeds.web.gunicorn_conf", "--chdir", folder,
         "--log-level", "warning", "feeds.web:create_app()"], env=env, start_new_session=True,
        stdout=log, stderr=log)
    log.close()
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{FEED}", timeout=30):
                return process, port
        except OSError:
            if process.poll() is not None:
                raise SystemExit("gunicorn exited: "
                                 + (Path(folder) / "gunicorn.log").read_text()[-2000:])
            time.sleep(0.3)
    stop_server(process)
    raise SystemExit("gunicorn did not start")


def stop_server(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


def hammer(port: int, path: str, seconds: float, connections: int) -> list[float]:
    """Latencies (ms) of GETs of `path` from `connections` keep-alive clients for `seconds`."""
    latencies: list[float] = []
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mine = []
        while time.monotonic() < stop:
            started = time.perf_counter()
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            assert response.status == 200, (path, response.status)
            mine.append((time.perf_counter() - started) * 1000)
        conn.close()
        with lock:
            latencies.extend(mine)
    threads = [threading.Thread(target=client) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies


def measure_served(url: str, seconds: float, connections: int, rounds: int = 3) -> dict:
    """The cached feed against the static file on one gunicorn, in alternating rounds."""
    with tempfile.TemporaryDirectory() as folder:
        process, port = start_server(url, folder)
        try:
            hammer(port, FEED, 1, connections)       # every worker renders and caches it
            hammer(port, STATIC, 1, connections)
            times = {STATIC: [], FEED: []}
            for _ in range(rounds):
                for path in (STATIC, FEED):
                    times[path] += hammer(port, path, seconds / rounds / 2, connections)
        finally:
            stop_server(process)
    result = {}
    for name, path in (("static", STATIC), ("feed cached", FEED)):
        values = times[path]
        result[name] = {"p50": percentile(values, 0.5), "p95": percentile(values, 0.95),
                        "rps": len(values) / (seconds / 2)}
    result["ratio p50"] = result["feed cached"]["p50"] / result["static"]["p50"]
    result["ratio rps"] = result["static"]["rps"] / result["feed cached"]["rps"]
    return result


def run_database(url: str, label: str, timelines: list, sizes: list[int], repeat: int,
                 serve: tuple[float, int] | None = None) -> dict:
    from feeds.web.app import close_store, create_app
    from timeline.store import Store

    results = {"database": label, "sizes": {}}
    with tempfile.TemporaryDirectory() as instance, Store.open(url) as store:
        app = create_app(instance_path=instance, test_config={
            "DATABASE_URL": url, "SECRET_KEY": "bench", "BASE_URL": None, "API_TOKEN": None})
        saves: list[float] = []
        done = 0
        for size in sizes:
            for text, published, title, link, timeline in timelines[done:size]:
                started = time.perf_counter()
                store.save_document(SLUG, text, published, timeline, title=title, url=link)
                saves.append((time.perf_counter() - started) * 1000)
            done = size
            tail = saves[-max(1, size // 10):]
            summary = store.stories()[0]
            before = load()
            reads = measure_reads(app, repeat)
            served = measure_served(url, *serve) if serve else None
            results["sizes"][size] = {"ingest_ms": statistics.mean(tail),
                                      "events": summary.events, "reads": reads,
                                      "served": served, "load": [before, load()]}
            print(f"  {label} {size} articles ({summary.events} events), load {before}: ingest "
                  f"{statistics.mean(tail):.1f} ms/article; "
                  + ", ".join(f"{n} {r['p50']:.0f} ms" for n, r in reads.items())
                  + (f"; served: static {served['static']['p50']:.1f} ms, cached feed "
                     f"{served['feed cached']['p50']:.1f} ms ({served['ratio p50']:.2f}x)"
                     if served else ""), file=sys.stderr, flush=True)
        close_store(app)
    return results


def table(result: dict, sizes: list[int]) -> str:
    rows = [f"### {result['database']}", "",
            "| measure | " + " | ".join(f"{s} articles" for s in sizes)
            + " | " + " | ".join(f"{a}→{b}" for a, b in zip(sizes, sizes[1:])) + " |",
            "|---|" + "---|" * (2 * len(sizes) - 1)]
    by_size = result["sizes"]
    rows.append("| events | " + " | ".join(str(by_size[s]["events"]) for s in sizes)
                + " |" + " |" * (len(sizes) - 1))

    def row(name, values):
        growth = [f"{b / a:.2f}x" if a else "-" for a, b in zip(values, values[1:])]
        return f"| {name} | " + " | ".join(f"{v:.1f}" for v in values) + " | " \
            + " | ".join(growth) + " |"
    rows.append("| load (1 min, before/after reads) | " + " | ".join(
        "/".join(str(v) for v in by_size[s]["load"]) for s in sizes) + " |" + " |" * (len(sizes) - 1))
    rows.append(row("ingest ms/article", [by_size[s]["ingest_ms"] for s in sizes]))
    for name, _, _ in READS:
        for stat in ("p50", "p95"):
            rows.append(row(f"{name} {stat} ms", [by_size[s]["reads"][name][stat] for s in sizes]))
    if all(by_size[s]["served"] for s in sizes):
        for name in ("static", "feed cached"):
            for stat in ("p50", "p95", "rps"):
                unit = "req/s" if stat == "rps" else "ms"
                rows.append(row(f"served {name} {stat} {unit}",
                                [by_size[s]["served"][name][stat] for s in sizes]))
        rows.append(row("served cached feed / static (p50)",
                        [by_size[s]["served"]["ratio p50"] for s in sizes]))
    return "\n".join(rows)


def targets(result: dict) -> list[str]:
    by_size = result["sizes"]
    if 60 not in by_size or 600 not in by_size:
        return []
    small, large = by_size[60], by_size[600]
    lines = [f"- load at 60 / 600: {small['load']} / {large['load']}"]
    for name in ("feed first", "feed cached", "page", "index"):
        ratio = large["reads"][name]["p50"] / small["reads"][name]["p50"]
        lines.append(f"- {name}: {ratio:.2f}x slower at 600 than at 60 (target <= 4x): "
                     f"{'met' if ratio <= 4 else 'MISSED'}")
    per_article = (large["reads"]["api"]["p50"] / 600) / (small["reads"]["api"]["p50"] / 60)
    lines.append(f"- story API time per article at 600 / at 60: {per_article:.2f} "
                 f"(target <= 1.5): {'met' if per_article <= 1.5 else 'MISSED'}")
    ingest = large["ingest_ms"] / small["ingest_ms"]
    lines.append(f"- ingest of the 600th article / the 60th: {ingest:.2f}x (target <= 2x): "
                 f"{'met' if ingest <= 2 else 'MISSED'}")
    for size in sorted(by_size):
        served = by_size[size]["served"]
        if served:
            lines.append(f"- {size} articles: the cached feed served {served['ratio p50']:.2f}x "
                         f"the static file's p50 latency, {served['ratio rps']:.2f}x fewer "
                         f"requests/s (target <= 2x): "
                         f"{'met' if served['ratio p50'] <= 2 else 'MISSED'}")
    return lines


def postgres_schema_url(base: str) -> tuple[str, callable]:
    import sqlalchemy as sa

    url = sa.make_url(base)
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')

    def drop():
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin.dispose()
    scoped = url.update_query_dict({"options": f"-csearch_path={schema}"})
    return scoped.render_as_string(hide_password=False), drop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="60,600,1200")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--postgres", default=os.environ.get("TIMELINE_TEST_POSTGRES_URL"))
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--serve-seconds", type=float, default=6.0,
                        help="per size: cached feed vs static file through gunicorn (0: skip)")
    parser.add_argument("--connections", type=int, default=4)
    args = parser.parse_args()
    serve = (args.serve_seconds, args.connections) if args.serve_seconds > 0 else None
    print(f"load {load()} at start; {os.cpu_count()} CPUs", file=sys.stderr, flush=True)
    sizes = sorted(int(s) for s in args.sizes.split(","))
    started = time.perf_counter()
    timelines = list(articles(sizes[-1]))
    print(f"extracted {len(timelines)} articles in {time.perf_counter() - started:.0f} s",
          file=sys.stderr, flush=True)
    results = []
    with tempfile.TemporaryDirectory() as folder:
        results.append(run_database(f"sqlite:///{folder}/bench.sqlite3", "SQLite", timelines,
                                    sizes, args.repeat, serve))
    if args.postgres and not args.no_postgres:
        url, drop = postgres_schema_url(args.postgres)
        try:
            results.append(run_database(url, "PostgreSQL", timelines, sizes, args.repeat, serve))
        finally:
            drop()
    for result in results:
        print(table(result, sizes))
        print()
        print("\n".join(targets(result)))
        print()
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
    (RESULTS / f"story-{stamp}.json").write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
