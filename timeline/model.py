"""The chronological model: plain frozen dataclasses shared by every part of the project.

`Timex` and `Event` come out of `timeline.extract`; `Document`, `StoredEvent` and `Story`
come out of the store and are what the publications (feeds/) render.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from timeline.dates import vocabulary

TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")
EVENT_STATUSES = ("dated", "ongoing", "open", "vague")
# What an event is to the timeline: "event" is listed (page, feed, calendar, `Timeline.events`);
# "statement" (a saying that is not itself the news) and "background" (a happening the text
# does not date) are kept apart, in `Timeline.asides`.
EVENT_KINDS = ("event", "statement", "background")
LISTED = "event"
GRANULARITIES = vocabulary.GRANULARITIES


@dataclass(frozen=True)
class Anchored:
    """The time a duration dates, counted from the publication ("vor fünf Jahren" in 2018:
    DATE 2013). In TimeML, an empty TIMEX3 that is the duration's beginPoint (timeml.py)."""

    type: str
    value: str
    mod: str | None = None

    def to_dict(self) -> dict:
        return {"type": self.type, "value": self.value, "mod": self.mod}


@dataclass(frozen=True)
class Timex:
    """A time expression: `text == source[start:end]`, `value` a TimeML TIMEX3 value.

    `anchored` is set on a duration that dates a time ago ("vor fünf Jahren", "liegt drei
    Wochen zurück"; timeline/tagger/ago.py): the time it names, as its own TIMEX3 type,
    value and mod. A dict (as read back from JSON) is taken as its fields.
    """

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None
    anchored: Anchored | None = None

    def __post_init__(self):
        if isinstance(self.anchored, dict):
            object.__setattr__(self, "anchored", Anchored(**self.anchored))

    def to_dict(self) -> dict:
        # Written out rather than dataclasses.asdict, which deep-copies field by field and
        # took up to a tenth of `timeline extract`'s time. Keys in field order, as asdict has
        # them; "anchored" only where there is one (every other expression's record is as before).
        out = {"start": self.start, "end": self.end, "text": self.text, "type": self.type,
               "value": self.value, "mod": self.mod}
        if self.anchored is not None:
            out["anchored"] = self.anchored.to_dict()
        return out


@dataclass(frozen=True)
class Event:
    """Something the text reports, anchored to a time (its own, the narrative's, or none).

    `id` is derived from the sentence's content, so the same sentence gets the same id when
    an article is extracted again; it is unique within one timeline.
    `anchor` says where the time came from: "own" (a timex in the clause), "narrative"
    (inherited from the story time the sentence continues) or "none".
    `kind` (see EVENT_KINDS) says whether the timeline lists it: only kind "event" is listed.
    """

    id: str
    headline: str
    sentence: str
    start: int
    end: int
    status: str
    value: str | None
    granularity: str | None
    earliest: str | None
    latest: str | None
    anchor: str = "none"
    timex: Timex | None = None
    kind: str = LISTED

    @property
    def listed(self) -> bool:
        return self.kind == LISTED

    def to_dict(self) -> dict:
        # Written out rather than dataclasses.asdict (see Timex.to_dict); keys in field order.
        return {"id": self.id, "headline": self.headline, "sentence": self.sentence,
                "start": self.start, "end": self.end, "status": self.status, "value": self.value,
                "granularity": self.granularity, "earliest": self.earliest, "latest": self.latest,
                "anchor": self.anchor, "timex": self.timex.to_dict() if self.timex else None,
                "kind": self.kind}


@dataclass(frozen=True)
class Timeline:
    """What `extract` returns: timexes in text order, events in chronological order.

    `events` are the listed events (kind "event"); `asides` the rest (statements, undated
    background), in the same order, for those who want them: pages, feeds and calendars
    publish `events` only.
    """

    published: date
    lang: str
    timexes: tuple[Timex, ...] = ()
    events: tuple[Event, ...] = ()
    asides: tuple[Event, ...] = ()

    def to_dict(self) -> dict:
        return {
            "published": self.published.isoformat(),
            "lang": self.lang,
            "timexes": [t.to_dict() for t in self.timexes],
            "events": [e.to_dict() for e in self.events],
            "asides": [e.to_dict() for e in self.asides],
        }


@dataclass(frozen=True)
class Document:
    """An article stored in a story."""

    id: int
    story: str
    title: str | None
    url: str | None
    published: date
    lang: str
    content_hash: str
    created: datetime
    updated: datetime
    text: str = field(default="", repr=False)


@dataclass(frozen=True)
class StoredEvent:
    """An event as a story publishes it.

    `key` is stable for as long as the event exists (Atom entry ids and iCalendar UIDs are
    made from it); `updated` is the last real change of the event (UTC) and `sequence`
    counts those changes. `sources` are the ids of all documents reporting the event, the
    first-stored first (`timeline.store.merging`); empty where no story merged it (then it is
    `document_id` alone).
    An editor's corrections of headline, date and status are already applied to `event`;
    `pinned` marks a key event and `note` is the editor's word to readers. Hidden events are
    not in a story's `events` at all.
    """

    key: str
    event: Event
    document_id: int
    created: datetime
    updated: datetime
    sequence: int = 0
    sources: tuple[int, ...] = ()
    pinned: bool = False
    note: str | None = None


@dataclass(frozen=True)
class Withdrawn:
    """An event a story once published and no longer does (hidden by an editor, or its
    article removed): feeds announce it so that readers drop it (Atom tombstones, RFC 6721)."""

    key: str
    when: datetime


@dataclass(frozen=True)
class Story:
    """A developing news topic: its documents and its merged, chronological events."""

    slug: str
    title: str
    created: datetime
    updated: datetime
    documents: tuple[Document, ...] = ()
    events: tuple[StoredEvent, ...] = ()
    description: str | None = None
    withdrawn: tuple[Withdrawn, ...] = ()
