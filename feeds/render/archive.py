"""Feed paging and archives (RFC 5005, "Feed Paging and Archiving"), for every feed format.

A story of a thousand articles has thousands of entries; its feed carries the newest
`feed_entries()` of them (TIMELINE_FEED_ENTRIES, default 50) and links archive documents
from which a subscriber reads the whole history:

- Archive pages hold the story's events in the order they were first published
  (`created`, then key), `size` to a page: archive 1 the oldest. Only full pages are
  archives, so a page's entries stay the same while the story grows; an archived entry
  shows its current state (when it changes, it is also at the top of the current feed,
  and RFC 5005 lets the newer copy win). Archives are served and built as
  `feed/archive-N.atom` (with an ETag like every file, so caches keep them).
- The current feed holds every event not yet archived (fewer than `size`, the newest
  published) and, up to `size` entries, the most recently changed of the archived ones:
  nothing is out of reach, and a reader of the current feed still sees the latest changes.
- Links: the current feed's `prev-archive` is the newest archive; each archive links the
  older one (`prev-archive`) and the `current` feed. No `next-archive` (RFC 5005 makes it
  optional): it would change the newest archive when the next one fills, and a reader
  walks back from the current feed anyway. So an archive's bytes stay the same.

Known limit: when an event disappears (its article changed), later events move up by one
place, so the later archive pages shift by one entry (a subscriber sees an entry twice,
never misses one). The page size is the setting: changing it renumbers the archives.
"""
from __future__ import annotations

import os
from dataclasses import dataclass

from timeline.model import StoredEvent, Story

FEED_ENTRIES_ENV = "TIMELINE_FEED_ENTRIES"
DEFAULT_FEED_ENTRIES = 50
ARCHIVE_NAME = "feed/archive-{number}.{extension}"


def feed_entries() -> int:
    """Entries of a current feed and of each archive page (TIMELINE_FEED_ENTRIES, >= 1)."""
    value = os.environ.get(FEED_ENTRIES_ENV, "").strip()
    if not value:
        return DEFAULT_FEED_ENTRIES
    try:
        number = int(value)
    except ValueError:
        raise ValueError(f"{FEED_ENTRIES_ENV} must be a whole number, not {value!r}") from None
    if number < 1:
        raise ValueError(f"{FEED_ENTRIES_ENV} must be at least 1, not {number}")
    return number


@dataclass(frozen=True)
class Page:
    """One feed document: its events, and the archive numbers it links (None: no link)."""

    events: tuple[StoredEvent, ...]
    number: int | None          # None: the current feed; else the archive's number (from 1)
    prev_archive: int | None
    next_archive: int | None

    @property
    def is_archive(self) -> bool:
        return self.number is not None


def _published_order(stamps) -> list:
    return sorted(stamps, key=lambda s: (s.created, s.key))


def archive_count(story: Story, size: int) -> int:
    return len(story.events) // size


def current_selection(stamps, size: int | None = None) -> tuple[set[str], int | None]:
    """(keys of the current feed's entries, number of the newest archive or None), from
    anything with `key`, `created`, `updated` (StoredEvents, or the store's EventStamps:
    so a feed can choose before it loads)."""
    size = size or feed_entries()
    ordered = _published_order(stamps)
    archives = len(ordered) // size
    keep = {s.key for s in ordered[archives * size:]}
    recent = sorted(ordered[:archives * size], key=lambda s: (s.updated, s.key), reverse=True)
    keep.update(s.key for s in recent[:size - len(keep)])
    return keep, archives or None


def archive_selection(stamps, number: int, size: int | None = None) -> set[str] | None:
    """Keys of archive `number`'s entries (1 = the oldest), None when there is none."""
    size = size or feed_entries()
    ordered = _published_order(stamps)
    if not 1 <= number <= len(ordered) // size:
        return None
    return {s.key for s in ordered[(number - 1) * size:number * size]}


def current_page(story: Story, size: int | None = None, stamps=None) -> Page:
    """The current feed (rules in the module docstring), its events in the story's order.
    `stamps`: all the story's entries when `story` holds only some (`Store.event_stamps`)."""
    keep, prev_archive = current_selection(story.events if stamps is None else stamps, size)
    return Page(tuple(s for s in story.events if s.key in keep), None, prev_archive, None)


def archive_page(story: Story, number: int, size: int | None = None, stamps=None) -> Page | None:
    """Archive `number` (1 = the oldest), None when there is no such archive."""
    chosen = archive_selection(story.events if stamps is None else stamps, number, size)
    if chosen is None:
        return None
    return Page(tuple(s for s in story.events if s.key in chosen), number, number - 1 or None,
                None)


def archive_name(number: int, extension: str = "atom") -> str:
    """The archive's file name below the story, e.g. `feed/archive-3.atom`."""
    return ARCHIVE_NAME.format(number=number, extension=extension)
