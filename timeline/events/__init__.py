"""Events: sentences become events anchored to a time (own, inherited or open), with headlines.

    sentences.py   the text cut into sentences and paragraphs
    cues.py        the language's event cues (reporting verbs, announcements, states), as data
    anchoring.py   which time a sentence's event takes: its own, the narrative's, or none
    headlines.py   a clause a reader understands alone
    finder.py      `find_events`: the stage that puts them together
"""
from timeline.events.finder import find_events

__all__ = ["find_events"]
