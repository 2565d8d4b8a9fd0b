"""Events: sentences (or clauses) that report something, anchored to a time.

PLACEHOLDER — being built (issue 2). Contract:
find_events(text, published, timexes, language) -> list[Event] in chronological order.
"""
from __future__ import annotations

from datetime import date

from timeline.lang import Language
from timeline.model import Event, Timex


def find_events(text: str, published: date, timexes: list[Timex], language: Language) -> list[Event]:
    return []
