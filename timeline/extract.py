"""The public entry point: text + publication date -> Timeline. Pure: no I/O, no globals."""
from __future__ import annotations

from datetime import date, datetime

from timeline.events.dateline import dateline_day
from timeline.events.finder import find_events
from timeline.invisible import event_back, timex_back, unwrapped, visible
from timeline.lang import UnknownLanguage, load_language
from timeline.model import Timeline
from timeline.tagger import tag

__all__ = ["extract", "UnknownLanguage"]


def extract(text: str, published: date, lang: str = "de") -> Timeline:
    """Find the time expressions and events of `text`, an article published on `published`.

    Raises UnknownLanguage for a language without resources, TypeError for a text that
    is not a string; never raises because of what the text says.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    if not isinstance(published, date):
        raise TypeError(f"published must be a date, not {type(published).__name__}")
    if isinstance(published, datetime):
        published = published.date()
    language = load_language(lang)
    source, (text, positions) = text, visible(text)   # soft hyphens and the like left out
    wrapped = unwrapped(text)                          # a hard-wrapped paste read as paragraphs
    if wrapped is not text and positions is None:
        positions = list(range(len(text) + 1))
    text = wrapped
    # the writer's now: the day of an opening dateline, else the publication date
    reference = dateline_day(text, published, language) or published
    timexes = tag(text, reference, language)
    events = find_events(text, reference, timexes, language)
    if positions is not None:
        timexes = [timex_back(t, source, positions) for t in timexes]
        events = [event_back(e, source, positions) for e in events]
    return Timeline(published=published, lang=language.code, timexes=tuple(timexes),
                    events=tuple(e for e in events if e.listed),
                    asides=tuple(e for e in events if not e.listed))
