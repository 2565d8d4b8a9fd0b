"""The event stage does work linear in the text (issue 12 item 1), counted, not timed.

Each shape is extracted at two sizes, ten times apart; the Python lines the event stage runs
(`sys.settrace` line events in the engine's modules) may grow at most `MAX_GROWTH` times.
A quadratic step (a candidate per pair of chunks, every timex checked against every sentence)
grows a hundredfold. The regular expressions of the event stage are bounded by construction
(windows of `CUE_WINDOW`, `MAX_QUOTE`, `MAX_WORD` characters); tests/bench/bench_shapes.py times
the shapes at 10 kB and 100 kB.
"""
from datetime import date
from pathlib import Path

import pytest
from work_counting import lines_run, repeated

from timeline.events import find_events
from timeline.lang import load_language
from timeline.model import Timex
from timeline.tagger import tag

LANGUAGE = load_language("de")
PUBLISHED = date(2022, 1, 27)
ENGINE = str(Path(__file__).resolve().parents[1] / "timeline")
MAX_GROWTH = 13
SHAPES = ["am Montag ", "abcdefghij", "„", "(", "am 3. Mai 2021 ", "vom 1. bis 3. Mai ", "Er kam am Montag. ",
          "Sie sagte, er kam, ", "„Wir kamen.“ ", ". ", "seit 2020 ", "Wann er kommt, ist offen, ob "]


_text = repeated


def _work(text, timexes):
    return lines_run(ENGINE, find_events, text, PUBLISHED, timexes, LANGUAGE)[0]


def _timexes(unit, size):
    # the tagger's timexes of the small text, repeated: the event stage sees the real shapes
    # without paying the tagger for the large one
    small = _text(unit, 1000)
    period = len(unit)
    found = [t for t in tag(small, PUBLISHED, LANGUAGE) if t.end <= 1000 - period]
    copies = []
    for k in range(0, size - period, period):
        for t in found:
            if t.start < period:
                copies.append(Timex(t.start + k, t.end + k, t.text, t.type, t.value, t.mod))
    return copies


@pytest.mark.parametrize("unit", SHAPES)
def test_the_event_stage_grows_linearly(unit):
    small, large = 2_000, 20_000
    work_small = _work(_text(unit, small), _timexes(unit, small))
    work_large = _work(_text(unit, large), _timexes(unit, large))
    assert work_large <= MAX_GROWTH * max(work_small, 1), (unit, work_small, work_large)
