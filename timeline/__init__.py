"""timeline: German news text to a chronological model of its time expressions and events.

    from timeline import extract
    tl = extract(text, published=date(2022, 1, 27), lang="de")
"""
from timeline.extract import extract, UnknownLanguage
from timeline.model import Event, Timeline, Timex

__all__ = ["extract", "UnknownLanguage", "Event", "Timeline", "Timex"]
