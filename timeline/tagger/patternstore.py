"""Patterns compiled by earlier processes: their code and required words, read back from a file.

The event finder compiles some fifty cue patterns at start and reads each one's parse tree for
its required words (prefilter.py): about 0.1 s of every `timeline extract` process, longer than
the tagger's rules take with their own cache (rulecache.py). Both results depend only on the
pattern, its flags and the code that computes them, so they are kept in one file per version
of that code and of Python, keyed by flags and pattern: a cue that changes is a new entry, and
the file is written again at exit when a process compiled one it did not hold (atomically, as
rulecache writes). A missing, unreadable or unwritable file changes nothing but the time; the
patterns are the ones `re.compile` returns (recompile.py), the words those `required_words`
finds. The same folder as the rule cache (`TIMELINE_CACHE_DIR`, `off` turns both off).
Other data worked out from a pattern alone is kept there too (`stored`: the event finder's
alternatives and their words, timeline/events/alternatives.py).
"""
from __future__ import annotations

import atexit
import hashlib
import json
import re
import sys
from pathlib import Path

from timeline.tagger import recompile, rulecache
from timeline.tagger.prefilter import anchored_at_start, scan_class
from timeline.tagger.prefilter import required_words as find_required_words

FORMAT = 1
MAX_ENTRIES = 2_000   # a file grown past this (many edited cues) starts afresh
_ENGINE = ("prefilter", "recompile", "patternstore")
_entries: dict | None = None
_added = False


def _path() -> Path | None:
    folder = rulecache.cache_dir()
    if folder is None:
        return None
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256(f"{FORMAT}\x00{sys.version}\x00".encode())
    for name in _ENGINE:
        digest.update((here / f"{name}.py").read_bytes())
    return folder / f"patterns-{digest.hexdigest()[:32]}.json"


def _load() -> dict:
    global _entries
    if _entries is None:
        _entries = {}
        try:
            path = _path()
            stored = json.loads(path.read_text(encoding="utf-8")) if path is not None else {}
            if isinstance(stored, dict) and len(stored) <= MAX_ENTRIES:
                _entries = stored
        except (OSError, ValueError):
            pass
    return _entries


def stored(source: str, flags: int, field: str, compute):
    """The pattern's stored `field` (JSON data), or `compute()`'s, stored for later processes."""
    global _added
    entries = _load()
    entry = entries.setdefault(f"{flags}\x00{source}", {})
    if not isinstance(entry, dict):
        entry = entries[f"{flags}\x00{source}"] = {}
    if field not in entry:
        entry[field] = compute()
        if not _added:
            _added = True
            atexit.register(save)
    return entry[field]


def longest_first(words) -> list[str]:
    """Words for an alternation: longest first, words of one length in alphabetical order.
    A set's own order follows string hashes, different in every process: its pattern would be
    a new source to each process, compiled afresh and stored again."""
    return sorted(words, key=lambda word: (-len(word), word))


def compile(source: str, flags: int = 0) -> re.Pattern:   # noqa: A001 - re.compile's name on purpose
    """`re.compile(source, flags)`, from stored code where there is some."""
    return recompile.from_code(source, flags, stored(source, flags, "code", lambda: recompile.code_of(source, flags)))


def required_words(source: str, flags: int) -> frozenset[str] | None:
    """`prefilter.required_words(source, flags)`, stored."""
    words = stored(source, flags, "words", lambda: _sorted(find_required_words(source, flags)))
    if words is None:
        return None
    if isinstance(words, list) and all(isinstance(w, str) for w in words):
        return frozenset(words)
    return find_required_words(source, flags)   # a file edited by hand: found afresh


def scanning(source: str, flags: int) -> re.Pattern:
    """`re.compile(source, flags)`'s matches, behind a lookahead of its first characters where
    `re` would try it at every position (`prefilter.scan_class`); stored."""
    first = stored(source, flags, "scan", lambda: scan_class(source, flags))
    if isinstance(first, str):
        try:
            return compile(f"(?={first})(?:{source})", flags)
        except re.error:   # (a source that sets flags for the whole pattern: kept as it is)
            pass
    return compile(source, flags)


def anchored(source: str, flags: int) -> bool:
    """`prefilter.anchored_at_start(source, flags)`, stored."""
    return stored(source, flags, "anchored", lambda: anchored_at_start(source, flags)) is True


def _sorted(words: frozenset[str] | None) -> list[str] | None:
    return None if words is None else sorted(words)


def save() -> None:
    """Write the entries if this process added any; on any failure write nothing."""
    global _added
    if not _added or _entries is None:
        return
    path = _path()
    if path is None:
        return
    rulecache.write_file(path, _entries)
    _added = False
