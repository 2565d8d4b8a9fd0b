"""Shared helpers for the event tests: hand-made timexes, so they do not depend on the tagger."""
from datetime import date

from timeline.events.finder import find_events
from timeline.lang import load_language
from timeline.model import Anchored, Timex

GERMAN = load_language("de")


def timex(text: str, phrase: str, type_: str, value: str, occurrence: int = 0, mod: str | None = None,
          ago: str | None = None) -> Timex:
    """The Timex for the `occurrence`-th appearance of `phrase` in `text`; `ago` the date a
    duration dates as a time ago (the tagger's `anchored`, tagger/ago.py: "vor drei Jahren")."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    return Timex(start, start + len(phrase), phrase, type_, value, mod,
                 Anchored("DATE", ago) if ago else None)


def events_of(text: str, published: date, timexes: list[Timex]):
    return find_events(text, published, timexes, GERMAN)


def find(events, needle: str):
    """The one event whose sentence contains `needle`."""
    matches = [e for e in events if needle in e.sentence]
    assert len(matches) == 1, (needle, [e.sentence for e in matches])
    return matches[0]
