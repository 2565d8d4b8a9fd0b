"""The tagger does work linear in the text (issue 12 item 1), counted, not timed.

Each shape is tagged at two sizes, ten times apart; the Python lines the tagger runs
(`sys.settrace` line events in timeline/tagger/) may grow at most `MAX_GROWTH` times, and the
words its clause windows read (`textview.WORK`) at most as much. A window read afresh per
expression over a sentence without end, or every earlier expression checked for every new
one, grows a hundredfold. The regular expressions run over bounded windows or once over the
text (windows.py, textview.py); tests/bench/bench_shapes.py times the shapes.
"""
from datetime import date
from pathlib import Path

import pytest
from work_counting import lines_run, repeated

from timeline.lang import load_language
from timeline.tagger import tag
from timeline.tagger.textview import WORK

LANGUAGE = load_language("de")
PUBLISHED = date(2022, 1, 27)
TAGGER = str(Path(__file__).resolve().parents[1] / "timeline" / "tagger")
MAX_GROWTH = 13
SMALL, LARGE = 1_500, 15_000
SHAPES = ["am Montag ", "abcdefghij", "„", "am 3. Mai 2021 ", "vom 1. bis 3. Mai ", "Er kam am Montag. ",
          "Sie sagte, er kam, ", ". ", "seit 2020 ", "heute ", "gestern hatte er am 3. Mai 1912 gesagt, "]


_text = repeated


def _work(text):
    words_before = WORK["window_words"]
    lines, found = lines_run(TAGGER, tag, text, PUBLISHED, LANGUAGE)
    return lines, WORK["window_words"] - words_before, len(found)


@pytest.mark.parametrize("unit", SHAPES)
def test_tagger_work_grows_linearly(unit):
    tag(_text(unit, 200), PUBLISHED, LANGUAGE)   # rules compiled, word shapes cached
    small_lines, small_words, small_found = _work(_text(unit, SMALL))
    large_lines, large_words, large_found = _work(_text(unit, LARGE))
    assert large_lines <= MAX_GROWTH * max(small_lines, 1), (unit, small_lines, large_lines)
    assert large_words <= MAX_GROWTH * max(small_words, 1), (unit, small_words, large_words)
    assert large_found >= small_found   # the large text was tagged, not refused


def test_clause_windows_read_a_bounded_number_of_words_per_expression():
    text = _text("am Montag ", LARGE)
    before = WORK["window_words"]
    found = tag(text, PUBLISHED, LANGUAGE)
    # two clause reads at most, each of at most REACH_WORDS words a side plus the expression
    assert WORK["window_words"] - before <= len(found) * 2 * (2 * 30 + 2)


def test_one_text_is_viewed_once_by_the_tagger_and_the_event_finder():
    # both read its words and sentence ends from one view (textview.py); a second view of the
    # same text (e.g. each stage with its own sentence-end pattern object) doubles that work
    from timeline.extract import extract
    text = "Der Rat hatte am Montag getagt. Am 3. Mai 2021 übergab die Stadt den Neubau. Er wurde gestern eröffnet."
    before = WORK["views"]
    timeline = extract(text, PUBLISHED)
    assert timeline.events and timeline.timexes
    assert WORK["views"] - before == 1
