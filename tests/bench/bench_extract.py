"""Benchmark: `timeline extract --jsonl` against dateparser's `search_dates`, as whole processes.

    .venv/bin/python tests/bench/bench_extract.py [--mb 3] [--budget 60] [--workers 1,2] [--repeat 3]
        [--sample-mb X]

Workload: the corpus articles and the seed article, repeated to --mb million characters.
1. timeline over the whole workload (its own throughput and memory), once per --workers count;
2. timeline (one worker) and dateparser over the SAME sample of it, sized so that dateparser
   runs for about --budget seconds (dateparser is slow; --sample-mb fixes the size instead),
   --repeat times in turn (timeline, dateparser, timeline, ...): each pair gives a speed
   ratio, and the worst of them is the figure to quote.
Both sides import byte-compiled modules, as installed packages do: dateparser's were compiled
when pip installed it, and the timeline sources are compiled here first (`compileall`; a
process started with PYTHONDONTWRITEBYTECODE=1 would otherwise compile them at every start).
Each run is a separate process measured from the outside: wall time (process start, imports
and all) and peak resident memory (ru_maxrss of that child, from os.wait4; with --workers > 1
it is the largest of the processes, not their sum). Results are printed and saved as JSON
under tests/bench/results/. Not part of the test suite: figures depend on the machine.
"""
from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("TIMELINE_SHARED", "/work/shared"))
RESULTS = ROOT / "tests" / "bench" / "results"
TIMELINE = [sys.executable, "-m", "timeline.cli", "extract"]
TARGET = 6.0   # issue 13: at least 6x dateparser's search_dates, whole processes, same documents
DATEPARSER = [sys.executable, str(ROOT / "tests" / "bench" / "dateparser_baseline.py")]


def source_records() -> list[dict]:
    records = [json.loads(line) for line in (SHARED / "corpus" / "krauts-dev.jsonl").open(encoding="utf-8")]
    seed = SHARED / "seed" / "nato-antwort.txt"
    records.append({"id": "nato-antwort", "text": seed.read_text("utf-8"), "published": "2022-01-27"})
    return [{"id": r["id"], "text": r["text"], "published": r["published"], "lang": "de"} for r in records]


def write_workload(path: Path, records: list[dict], chars: int) -> tuple[int, int]:
    """Write records round-robin until `chars` characters; returns (documents, characters)."""
    docs = total = 0
    with path.open("w", encoding="utf-8") as out:
        while total < chars:
            for record in records:
                out.write(json.dumps({**record, "id": f"{record['id']}#{docs}"}, ensure_ascii=False) + "\n")
                docs += 1
                total += len(record["text"])
                if total >= chars:
                    break
    return docs, total


def measure(name: str, command: list[str], docs: int, chars: int) -> dict:
    """Run `command` as a child process; wall time, CPU time and that child's peak RSS, with
    the load average just before it (other work on a shared machine skews wall times)."""
    load = os.getloadavg()[0]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    stderr = process.stderr.read().decode("utf-8", "replace")
    process.stderr.close()
    if process.returncode != 0:
        sys.exit(f"{name} failed (exit {process.returncode}):\n{stderr}")
    return {"name": name, "documents": docs, "chars": chars, "wall_s": round(wall, 3),
            "chars_per_s": round(chars / wall), "docs_per_s": round(docs / wall, 1),
            "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),  # Linux reports KiB
            "cpu_s": round(usage.ru_utime + usage.ru_stime, 3),
            "chars_per_cpu_s": round(chars / max(usage.ru_utime + usage.ru_stime, 1e-9)),
            "load_before": round(load, 1)}


def dateparser_rate(records: list[dict], work: Path) -> float:
    """A quick in-process estimate of dateparser's chars/s, to size the shared sample."""
    sample = work / "calibration.jsonl"
    docs, chars = write_workload(sample, records, 60_000)
    run = measure("calibration", [*DATEPARSER, str(sample), os.devnull], docs, chars)
    return run["chars_per_s"]


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=3.0, help="workload size in million characters")
    parser.add_argument("--budget", type=float, default=60.0, help="seconds of dateparser time to spend")
    parser.add_argument("--sample-mb", type=float, default=None,
                        help="size of the shared sample in million characters (default: from --budget)")
    parser.add_argument("--workers", default="1", help="timeline --workers for the whole workload, e.g. 1,2")
    parser.add_argument("--repeat", type=int, default=3, help="timeline/dateparser pairs on the sample")
    args = parser.parse_args(argv)
    worker_counts = [int(n) for n in args.workers.split(",")]

    load_before = os.getloadavg()[0]  # other work on the machine skews every figure
    RESULTS.mkdir(parents=True, exist_ok=True)
    compileall.compile_dir(str(ROOT / "timeline"), quiet=1)   # as `pip install` does
    records = source_records()
    workload = RESULTS / "workload.jsonl"
    docs, chars = write_workload(workload, records, int(args.mb * 1_000_000))

    if args.sample_mb:
        sample_chars = min(chars, int(args.sample_mb * 1_000_000))
    else:
        sample_chars = min(chars, int(dateparser_rate(records, RESULTS) * args.budget))
    sample = RESULTS / "sample.jsonl"
    sample_docs, sample_chars = write_workload(sample, records, sample_chars)

    out = RESULTS / "out.jsonl"
    runs = [measure(f"timeline (--workers {n}), whole workload",
                    [*TIMELINE, "--jsonl", str(workload), "--out", str(out), "--workers", str(n)], docs, chars)
            for n in worker_counts]
    pairs = []
    for turn in range(1, args.repeat + 1):
        ours = measure(f"timeline (--workers 1), sample, run {turn}",
                       [*TIMELINE, "--jsonl", str(sample), "--out", str(out), "--workers", "1"],
                       sample_docs, sample_chars)
        theirs = measure(f"dateparser.search_dates, sample, run {turn}", [*DATEPARSER, str(sample), str(out)],
                         sample_docs, sample_chars)
        runs += [ours, theirs]
        pairs.append((round(ours["chars_per_s"] / theirs["chars_per_s"], 2),
                      round(ours["chars_per_cpu_s"] / theirs["chars_per_cpu_s"], 2)))   # CPU: steadier under load
    ratios = [wall for wall, _ in pairs]
    report = {"date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
              "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
              "load_average_1min": round(load_before, 1),
              "runs": runs, "speed_ratios_on_sample": ratios, "cpu_ratios_on_sample": [cpu for _, cpu in pairs],
              "worst_speed_ratio": min(ratios), "median_speed_ratio": statistics.median(ratios)}

    print(f"{report['date']}  {report['machine']}  load before: {report['load_average_1min']}"
          + ("  -- a busy machine: absolute figures are low, the ratio less reliable"
             if report["load_average_1min"] > (os.cpu_count() or 1) else ""))
    print(f"{'run':48} {'docs':>7} {'chars':>10} {'wall s':>8} {'chars/s':>10} {'docs/s':>8} {'peak MB':>8}"
          f" {'CPU s':>7} {'load':>5}")
    for run in runs:
        print(f"{run['name']:48} {run['documents']:>7,} {run['chars']:>10,} {run['wall_s']:>8.2f} "
              f"{run['chars_per_s']:>10,} {run['docs_per_s']:>8,.1f} {run['peak_rss_mb']:>8.1f}"
              f" {run['cpu_s']:>7.2f} {run['load_before']:>5.1f}")
    for turn, (wall, cpu) in enumerate(pairs, 1):
        print(f"run {turn}: timeline is {wall:.2f}x faster than dateparser per character on the same sample, "
              f"wall time ({cpu:.2f}x in CPU time)")
    worst = report["worst_speed_ratio"]
    print(f"worst of {len(pairs)}: {worst:.2f}x, median {report['median_speed_ratio']:.2f}x "
          f"(target: >= {TARGET:g}x){'' if worst >= TARGET else '  -- BELOW TARGET'}")
    target = RESULTS / f"extract-{report['date'][:10]}.json"
    target.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"saved {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
