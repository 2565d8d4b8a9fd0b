"""Serving under load: the story's feed, calendar and page against a static file.

    .venv/bin/python tests/bench/bench_serve.py [--duration 10] [--connections 8] [--workers 2]

Starts the production server (`gunicorn --workers N 'feeds.web:create_app()'`) on a free
port of 127.0.0.1 over a fresh SQLite database in a temporary folder, with the seed story
ingested (`timeline.demo.seed_demo`). Then Debian's `wrk` (apt-get install wrk) — a bounded
load generator: fixed duration, fixed connections — measures each URL in turn, plain and
with `If-None-Match` (conditional GET, answered 304 when the ETag matches). The static CSS
file, served by the same server in the same run, is the ceiling. Prints a Markdown table
(requests/s, p50, p99, answers that were not 2xx/3xx) and the ratio static/feed; the target
is a feed within 2x of the static file. Results go to tests/bench/results/serve-DATE.json.

Figures depend on the machine (the load generator shares its CPUs with the server), so
nothing asserts them; this never runs in pytest.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from timeline.demo import DEMO_SLUG, seed_demo  # noqa: E402
from timeline.store import Store  # noqa: E402

RESULTS = ROOT / "tests" / "bench" / "results"
STATIC = "/static/style.css"
TARGETS = [  # (name, path)
    ("static file (ceiling)", STATIC),
    ("feed (Atom)", f"/stories/{DEMO_SLUG}/feed.atom"),
    ("calendar (iCalendar)", f"/stories/{DEMO_SLUG}/calendar.ics"),
    ("page (HTML)", f"/stories/{DEMO_SLUG}"),
]
_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(folder: Path, port: int, workers: int) -> subprocess.Popen:
    env = {**os.environ, "TIMELINE_DATABASE_URL": f"sqlite:///{folder / 'timeline.sqlite3'}",
           "TIMELINE_SECRET_KEY": "bench", "PYTHONPATH": str(ROOT)}
    env.pop("TIMELINE_API_TOKEN", None)
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(
        [str(gunicorn), "--workers", str(workers), "--bind", f"127.0.0.1:{port}",
         "--chdir", str(folder), "--log-level", "warning", "feeds.web:create_app()"],
        env=env, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5):
                return process
        except OSError:
            if process.poll() is not None:
                raise SystemExit("gunicorn exited")
            time.sleep(0.2)
    raise SystemExit("gunicorn did not start")


def etag_of(url: str) -> str | None:
    with urllib.request.urlopen(url, timeout=10) as response:
        response.read()
        return response.headers.get("ETag")


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(number) * _UNITS[unit]


def run_wrk(url: str, *, duration: int, connections: int, threads: int,
            headers: dict[str, str] | None = None) -> dict:
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency"]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run(command + [url], capture_output=True, text=True, check=True).stdout
    percentiles = dict(re.findall(r"^\s+(50|99)%\s+(\S+)$", output, re.M))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(r"Socket errors: (.*)$", output, re.M)
    return {
        "requests_per_s": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50_ms": _ms(percentiles["50"]),
        "p99_ms": _ms(percentiles["99"]),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "not_2xx_3xx": int(bad.group(1)) if bad else 0,
        "socket_errors": errors.group(1).strip() if errors else "",
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per measurement")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    args = parser.parse_args(argv)
    if shutil.which("wrk") is None:
        raise SystemExit("needs Debian's wrk: apt-get install -y wrk")

    with tempfile.TemporaryDirectory(prefix="timeline-bench-") as tmp:
        folder = Path(tmp)
        with Store.open(f"sqlite:///{folder / 'timeline.sqlite3'}") as store:
            seed = seed_demo(store)
        port = free_port()
        server = start_server(folder, port, args.workers)
        rows = []
        try:
            for name, path in TARGETS:
                url = f"http://127.0.0.1:{port}{path}"
                etag = etag_of(url)
                runs = [("plain", None)] + ([("If-None-Match", {"If-None-Match": etag})] if etag else [])
                for mode, headers in runs:
                    result = run_wrk(url, duration=args.duration, connections=args.connections,
                                     threads=args.threads, headers=headers)
                    rows.append({"target": name, "path": path, "mode": mode, **result})
                    print(f"  {name:24} {mode:14} {result['requests_per_s']:9.0f} req/s",
                          file=sys.stderr)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)

    def rps(target: str, mode: str) -> float:
        return next(r["requests_per_s"] for r in rows if r["target"] == target and r["mode"] == mode)

    print(f"\n{len(seed.events)} events in the seed story; gunicorn {args.workers} workers; "
          f"wrk {args.threads} threads, {args.connections} connections, {args.duration} s each; "
          f"{os.cpu_count()} CPUs\n")
    print("| target | request | req/s | p50 ms | p99 ms | not 2xx/3xx |")
    print("|---|---|---|---|---|---|")
    for row in rows:
        print(f"| {row['target']} | {row['mode']} | {row['requests_per_s']:,.0f} | "
              f"{row['p50_ms']:.2f} | {row['p99_ms']:.2f} | {row['not_2xx_3xx']} |")
    ratios = {}
    for mode in ("plain", "If-None-Match"):
        try:
            ratios[mode] = rps("static file (ceiling)", mode) / rps("feed (Atom)", mode)
        except StopIteration:
            continue
        verdict = "within" if ratios[mode] <= 2 else "NOT within"
        print(f"\nstatic/feed ({mode}): {ratios[mode]:.2f}x — {verdict} the 2x target")

    RESULTS.mkdir(parents=True, exist_ok=True)
    day = datetime.now(timezone.utc).date().isoformat()
    out = RESULTS / f"serve-{day}.json"
    out.write_text(json.dumps({
        "date": day, "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                                 "platform": platform.platform()},
        "settings": vars(args), "rows": rows, "static_over_feed": ratios}, indent=2) + "\n")
    print(f"\nsaved {out.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
