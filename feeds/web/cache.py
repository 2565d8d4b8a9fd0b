"""Rendered story files (feed, calendar, TimelineJS), kept while the story does not change.

Feed readers poll: most requests ask for a file that has not changed since the last one.
Loading the story and rendering it again costs far more than one cheap query for the
story's version (`timeline.store.Store.story_version`), so each worker process keeps the rendered
body, its ETag and Last-Modified per (story, file, base URL), valid for one version.

Correctness rests on one order: the version is read *before* the story is loaded. A write in
between makes the cached body newer than its version, never older, so at worst it is rendered
once more; a stale body is never served for a newer version. Workers do not share the cache;
each checks the database's version on every request, so all answer the same.
"""
from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from datetime import datetime
from typing import Callable, Hashable, NamedTuple

from werkzeug.http import http_date, quote_etag

EXTENSION = "timeline_render_cache"
MAX_ENTRIES = 256


class Rendered(NamedTuple):
    body: bytes
    etag: str            # strong: the SHA-256 of the body
    last_modified: datetime
    validators: tuple[tuple[str, str], ...] = ()    # ETag and Last-Modified as header values


def rendered(body: bytes, last_modified: datetime) -> Rendered:
    """The output with its validators, their header values made once (not per request)."""
    etag = hashlib.sha256(body).hexdigest()
    return Rendered(body, etag, last_modified,
                    (("ETag", quote_etag(etag)), ("Last-Modified", http_date(last_modified))))


class RenderCache:
    """A small LRU map: key -> (version, Rendered). Thread-safe (gthread workers)."""

    def __init__(self, max_entries: int = MAX_ENTRIES):
        self._entries: OrderedDict[Hashable, tuple[str, Rendered]] = OrderedDict()
        self._lock = threading.Lock()
        self._max_entries = max_entries

    def get_or_render(self, key: Hashable, version: str,
                      render: Callable[[], Rendered | None]) -> Rendered | None:
        """The cached output for `key` at `version`, else `render()` (stored unless None)."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None and entry[0] == version:
                self._entries.move_to_end(key)
                return entry[1]
        result = render()  # outside the lock: renders of different stories run in parallel
        if result is not None:
            with self._lock:
                self._entries[key] = (version, result)
                self._entries.move_to_end(key)
                while len(self._entries) > self._max_entries:
                    self._entries.popitem(last=False)
        return result

    def __len__(self) -> int:
        return len(self._entries)


def render_cache(app) -> RenderCache:
    """The app's cache (one per process: gunicorn forks workers before any request)."""
    cache = app.extensions.get(EXTENSION)
    if cache is None:
        cache = app.extensions.setdefault(EXTENSION, RenderCache())
    return cache
