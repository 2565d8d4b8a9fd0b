"""The chronological order of events: one key, for a document's timeline and for a story's.

`chronological_key(event)` is computed from the `Event` alone. `timeline.events.finder.find_events`
sorts a document's events by it, and `timeline.store.versions.merge_chronologically`
interleaves the documents of a story by it, so the two orders cannot drift apart.

The key is a `ChronologicalKey(time, tier, granularity, setter, position)`, compared as a
tuple:
- dated events (tier 0): `time` is the start of their interval ("2021-11" -> "2021-11-01",
  so a year comes before the days inside it), the end where only that is known ("vor dem
  26. Januar"); `granularity` puts the coarser first on a tie; `setter` and `position` are
  the text offset of the event's own time expression (several events of one sentence: in
  the order of their times in the text);
- narrative events (anchor "narrative", dated by the narrative they continue) take the key
  of the dated event that set their narrative, the `setter`, and their sentence's offset as
  `position`: they sort right after that event, in text order, before anything else of the
  same time. Their own `earliest` is the setter's time widened to its day ("am
  Mittwochnachmittag" -> that Wednesday), so the setter's time is read again from the
  timex they inherited (`Event.timex` is the setter's; a setter's interval never depends on
  the publication date, references like PRESENT_REF never set a narrative);
- ongoing (tier 1) and vague (tier 2) events hold or happened by publication, which is their
  `latest` day: `time` is that day + "T24", after every time of the day and before the next
  day, i.e. after everything dated on or before publication and before what is dated after
  it; in text order (`position` the sentence's offset);
- open events (tier 3) come last ("~" sorts after every ISO date), in text order.

Edge cases (none occurs in the corpus or the held-out sets, where tests/test_ordering.py
checks that every document is in key order):
- a vague event whose own time has no place on the calendar ("im November", year unknown:
  `latest` None) cannot say when it was published; it sorts after everything dated, before
  the open events (today's extractor put it at publication; the tagger gives no such value);
- a dated event without any bound (not produced by the extractor) sorts like that too;
- a narrative event whose date is not its timex's widened to a day sorts like a dated event
  of its own, at its sentence: one without a timex (not produced by the extractor), or one
  `timeline.store.merging` gave the more precise date another document reported (the story's
  merge keeps it in its place in its document anyway).

Across documents the text offsets mean nothing: `merge_chronologically` compares
`time, tier, granularity`, then the publication, and the offsets only within a document
(`ChronologicalKey.in_document`).
"""
from __future__ import annotations

from typing import NamedTuple

from timeline.dates.intervals import Interval, coarsen_to_day, interval
from timeline.dates.vocabulary import granularity_rank
from timeline.model import Event

AFTER_THE_DAY = "T24"   # "2022-01-27T24" sorts after "2022-01-27T23:59", before "2022-01-28"
LAST = "~"              # sorts after every ISO date
TIERS = {"dated": 0, "ongoing": 1, "vague": 2, "open": 3}


class ChronologicalKey(NamedTuple):
    time: str           # ISO date or time, or a marker (module docstring)
    tier: int           # dated 0, ongoing 1, vague 2, open 3
    granularity: int    # intervals.granularity_rank: coarser first; 0 where undated
    setter: int         # text offset of the time expression that dates the event
    position: int       # text offset of the event's own time expression, or sentence

    @property
    def on_the_axis(self) -> tuple[str, int, int]:
        """The part that means the same in every document: where on the time axis."""
        return self.time, self.tier, self.granularity

    @property
    def in_document(self) -> tuple[int, int]:
        """The part that only means something within one document: text offsets."""
        return self.setter, self.position


def chronological_key(event: Event) -> ChronologicalKey:
    """Where `event` belongs in chronological order (rules in the module docstring)."""
    tier = TIERS.get(event.status, TIERS["vague"])
    if event.status == "open":
        return ChronologicalKey(LAST, tier, 0, event.start, event.start)
    if event.status != "dated":
        time = event.latest[:10] + AFTER_THE_DAY if event.latest else LAST
        return ChronologicalKey(time, tier, 0, event.start, event.start)
    if event.anchor == "narrative" and event.timex is not None:
        setter = interval(event.timex.value, None, event.timex.mod)
        if setter.known and coarsen_to_day(setter) == Interval(event.earliest, event.latest, event.granularity):
            return ChronologicalKey(setter.earliest or setter.latest, tier,
                                    granularity_rank(setter.granularity), event.timex.start, event.start)
    at = event.timex.start if event.timex is not None and event.anchor != "narrative" else event.start
    return ChronologicalKey(event.earliest or event.latest or LAST, tier,
                            granularity_rank(event.granularity), at, at)
