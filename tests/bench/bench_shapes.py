"""Extraction time of pathological text shapes (issue 12 item 1): the tagger and the event
stage timed apart, at two sizes (default 10 kB and 100 kB), with the growth factor.

usage: tests/bench/bench_shapes.py [--cpu] [SIZE ...]

--cpu: this process's CPU time instead of wall time (steadier on a shared, loaded machine).
"""
import sys
import time
from datetime import date

from timeline.events import find_events
from timeline.lang import load_language
from timeline.tagger import tag

SHAPES = {
    "am Montag": "am Montag ", "no spaces": "abcdefghij", "„": "„", "(": "(",
    "dates": "am 3. Mai 2021 ", "vom 1. bis 3. Mai": "vom 1. bis 3. Mai ", "sentences": "Er kam am Montag. ",
    "commas": "Sie sagte, er kam, ", "quotes": "„Wir kamen.“ ", "dots": ". ", "seit": "seit 2020 ",
}
PUBLISHED = date(2022, 1, 27)


def shape(unit: str, size: int) -> str:
    # ends in a sentence so that the event stage reads it all
    return (unit * (size // len(unit) + 1))[:size] + " kam."


clock = time.perf_counter


def main(sizes):
    language = load_language("de")
    tag("Am Montag kam er.", PUBLISHED, language)  # load and compile once
    print(f"{'shape':20}" + "".join(f"{'tag ' + str(s // 1000) + 'k':>10}{'events':>9}" for s in sizes) + "  growth")
    for name, unit in SHAPES.items():
        row, totals = f"{name:20}", []
        for size in sizes:
            text = shape(unit, size)
            t0 = clock()
            timexes = tag(text, PUBLISHED, language)
            t1 = clock()
            find_events(text, PUBLISHED, timexes, language)
            t2 = clock()
            row += f"{t1 - t0:9.2f}s{t2 - t1:8.2f}s"
            totals.append(t2 - t0)
        growth = totals[-1] / max(totals[0], 1e-3) if len(totals) > 1 else 1.0
        print(row + f"  {growth:5.1f}x", flush=True)


if __name__ == "__main__":
    if "--cpu" in sys.argv:
        clock = time.process_time
    main([int(a) for a in sys.argv[1:] if a != "--cpu"] or [10_000, 100_000])
