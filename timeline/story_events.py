"""How the events of a story relate: across versions of a document, and across documents.

Pure functions over `timeline.model` objects (no database; `timeline.store` applies them).

Versions: `match_events(old, new)` pairs the events of a document's stored version with
those of its new version, so that `StoredEvent.key` stays for "the same event":
  1. the same `Event.id` (a hash of the sentence) is the same event;
  2. of the rest, a new event is the same as an old one with the same `value` (the date it
     is anchored to; None for undated) and the same status when their headlines or
     sentences are similar (difflib ratio >= SIMILAR_TEXT); best-matching pairs first;
  3. anything else is new; old events left unmatched are gone.
`real_change(old, new)` says whether subscribers must see the change (feeds' `updated`,
iCalendar SEQUENCE): the date (value, earliest, latest, granularity), status, headline or
sentence changed. Offsets and the timex alone do not count.

Documents: `merge_chronologically` merges the documents' timelines into the story's, each
document keeping the order the extractor gave its events, the documents interleaved by
`chronological_key` — the order `timeline.events` uses (which exposes no key of its own).
"""
from __future__ import annotations

import difflib
import heapq
from datetime import date

from timeline.model import GRANULARITIES, Event, StoredEvent

__all__ = ["SIMILAR_TEXT", "chronological_key", "match_events", "merge_chronologically",
           "real_change"]

SIMILAR_TEXT = 0.6              # difflib ratio above which two headlines/sentences match
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
    for _, j, i in sorted(candidates):
        if j not in pairs and i not in used_old:
            pairs[j] = i
            used_old.add(i)
    return pairs


_GRANULARITY_RANK = {g: i for i, g in enumerate(GRANULARITIES)}
_AFTER_THE_DAY = "~"        # sorts after every ISO time of that day ("2022-01-27~" > "...T18:00")


def chronological_key(event: Event) -> tuple:
    """Where an event belongs on a story's time axis, the way `timeline.events` orders them:
    dated events by their earliest time (coarser granularity first on a tie); ongoing, then
    vague events right after everything dated on or before their `latest` day (the
    publication: they hold or happened by then); open events last. Within the ongoing, vague
    and open tiers the extractor keeps text order, so the key ties there (no granularity):
    each document's events then stay sorted by this key, as the merge needs.
    """
    if event.status == "open":
        return (_AFTER_THE_DAY * 2, 3, 0)
    if event.status == "dated" and event.earliest:
        granularity = _GRANULARITY_RANK.get(event.granularity or "", len(GRANULARITIES))
        return (event.earliest, 0, granularity)
    tier = 1 if event.status == "ongoing" else 2
    return ((event.latest or "") + _AFTER_THE_DAY, tier, 0)


def merge_chronologically(per_document: list[tuple[date, list[StoredEvent]]]) -> list[StoredEvent]:
    """One story's events from its documents' timelines (each in the extractor's order).

    A merge, not a sort: each document keeps its own order exactly (the extractor knows
    more than the key does, e.g. that a narrative event follows the one it continues);
    between documents `chronological_key` decides, then the earlier publication.
    """
    streams = [[(chronological_key(s.event), published, s.document_id, s) for s in stored]
               for published, stored in per_document]
    return [item[3] for item in heapq.merge(*streams, key=lambda item: item[:3])]
