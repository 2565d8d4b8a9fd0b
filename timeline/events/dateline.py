"""A dateline as the text's reference time ("Schladming (02.12.2022). Am Donnerstagabend ...").

An agency or web text may open with the place and the day it was written. That day, not the
publication date the text was filed under, is the writer's "now": "gestern", "am Donnerstag"
and the tense of undated days count from it. The language's `events.toml` [blocks] give the
pattern (`dateline`, group `date`) and how many days before publication a dateline may lie
(`dateline_days`); the date itself is read by the tagger, so every date form it knows works.
A dateline after publication, or longer before it, is ignored (a typo or an old text).
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from timeline.lang import Language
from timeline.tagger import tag

HEAD = 200   # a dateline opens the text: only this many characters are read
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@lru_cache(maxsize=None)
def _rules(language: Language) -> tuple[re.Pattern | None, int]:
    blocks = (language.get("events") or {}).get("blocks", {})
    pattern = blocks.get("dateline")
    return (re.compile(pattern) if pattern else None), int(blocks.get("dateline_days", 0))


def dateline_day(text: str, published: date, language: Language) -> date | None:
    """The day the opening dateline of `text` names, if it lies at most `dateline_days`
    before `published` (or on it); else None."""
    pattern, days = _rules(language)
    if pattern is None:
        return None
    match = pattern.match(text[:HEAD].lstrip())
    if not match:
        return None
    named = [t for t in tag(match.group("date"), published, language) if _DAY.match(t.value or "")]
    if len(named) != 1:
        return None
    day = date.fromisoformat(named[0].value)
    return day if published - timedelta(days=days) <= day <= published else None
