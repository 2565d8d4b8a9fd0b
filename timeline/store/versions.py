"""How the events of a story relate: across versions of a document, and across documents.

Pure functions over `timeline.model` objects (no database; `timeline.store.store` applies them).

Versions: `match_events(old, new)` pairs the events of a document's stored version with
those of its new version, so that `StoredEvent.key` stays for "the same event":
  1. the same `Event.id` (a hash of the sentence) is the same event;
  2. of the rest, a new event is the same as an old one with the same `value` (the date it
     is anchored to; None for undated) and the same status when their headlines or
     sentences are similar (difflib ratio >= SIMILAR_TEXT); best-matching pairs first;
  3. of the rest, a new event is the same as an old one with the same status when their
     sentences without their own time expressions are nearly equal (ratio >= MOVED_TEXT):
     the event moved ("findet am 12. November um 19 Uhr statt" becomes "am 14. November um
     18.30 Uhr"), so it keeps its key (feed id, calendar UID) and gets a new date, a real
     change (SEQUENCE + 1), and editors' corrections stay with it; best pairs first;
  4. anything else is new; old events left unmatched are gone.
`real_change(old, new)` says whether subscribers must see the change (feeds' `updated`,
iCalendar SEQUENCE): the date (value, earliest, latest, granularity), status, headline or
sentence changed. Offsets and the timex alone do not count.

Documents: `merge_chronologically` merges the documents' timelines into the story's, each
document keeping the order the extractor gave its events, the documents interleaved by
`timeline.dates.ordering.chronological_key` — the key the extractor sorts each document by.
"""
from __future__ import annotations

import difflib
import heapq
from datetime import date

from timeline.model import Event, StoredEvent
from timeline.dates.ordering import chronological_key

__all__ = ["MOVED_TEXT", "SIMILAR_TEXT", "match_events", "merge_chronologically", "real_change"]

SIMILAR_TEXT = 0.6              # difflib ratio above which two headlines/sentences match
MOVED_TEXT = 0.8                # ... the sentences without their time expressions (rule 3)
CHANGE_FIELDS = ("value", "earliest", "latest", "granularity", "status", "headline", "sentence")


def real_change(old: Event, new: Event) -> bool:
    """Did the event change in a way subscribers must see (feeds' updated, iCal SEQUENCE)?"""
    return any(getattr(old, f) != getattr(new, f) for f in CHANGE_FIELDS)


def _similar(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def match_events(old: list[Event], new: list[Event]) -> dict[int, int]:
    """Pairs {index in new: index in old} of the same events (rules in the module docstring)."""
    pairs: dict[int, int] = {}
    old_by_id = {e.id: i for i, e in enumerate(old)}
    for j, event in enumerate(new):
        if event.id in old_by_id:
            pairs[j] = old_by_id[event.id]
    used_old = set(pairs.values())
    candidates = []
    for j, event in enumerate(new):
        if j in pairs:
            continue
        for i, previous in enumerate(old):
            if i in used_old or previous.value != event.value or previous.status != event.status:
                continue
            score = max(_similar(previous.headline, event.headline),
                        _similar(previous.sentence, event.sentence))
            if score >= SIMILAR_TEXT:
                candidates.append((-score, j, i))
    _pair_best(candidates, pairs, used_old)
    moved = []
    for j, event in enumerate(new):
        if j in pairs:
            continue
        for i, previous in enumerate(old):
            if i in used_old or previous.status != event.status:
                continue
            score = _similar(_without_time(previous), _without_time(event))
            if score >= MOVED_TEXT:
                moved.append((-score, j, i))
    _pair_best(moved, pairs, used_old)
    return pairs


def _pair_best(candidates: list, pairs: dict[int, int], used_old: set[int]) -> None:
    for _, j, i in sorted(candidates):
        if j not in pairs and i not in used_old:
            pairs[j] = i
            used_old.add(i)


def _without_time(event: Event) -> str:
    """The sentence without its own time expression (an inherited one lies elsewhere)."""
    sentence, timex = event.sentence, event.timex
    if timex is not None:
        start, end = timex.start - event.start, timex.end - event.start
        if 0 <= start < end <= len(sentence) and sentence[start:end] == timex.text:
            return sentence[:start] + sentence[end:]
    return sentence


def merge_chronologically(per_document: list[tuple[date, list[StoredEvent]]]) -> list[StoredEvent]:
    """One story's events from its documents' timelines (each in the extractor's order).

    A merge, not a sort: each document keeps its own order exactly (the extractor sorted it
    by `chronological_key`; an event merged from several documents may carry a finer date
    than the place it stands at, and a document stored by an older extractor keeps that
    extractor's order). Between documents the key's place on the time axis decides, then
    the earlier publication, then the document; its text offsets only within a document
    (offsets of different texts say nothing about each other), so a narrative event stays
    right after the event it continues.
    """
    def merge_key(item: tuple[date, StoredEvent]) -> tuple:
        published, stored = item
        key = chronological_key(stored.event)
        return key.on_the_axis + (published, stored.document_id) + key.in_document

    streams = [[(published, s) for s in stored] for published, stored in per_document]
    return [item[1] for item in heapq.merge(*streams, key=merge_key)]
