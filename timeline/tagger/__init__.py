"""The temporal tagger: finds time expressions and normalizes them to TimeML values.

PLACEHOLDER — being built (issue 2). Contract: tag(text, published, language) -> list[Timex]
in text order, non-overlapping, with text == source[start:end].
"""
from __future__ import annotations

from datetime import date

from timeline.lang import Language
from timeline.model import Timex


def tag(text: str, published: date, language: Language) -> list[Timex]:
    return []
