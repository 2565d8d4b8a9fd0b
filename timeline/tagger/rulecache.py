"""What compiling a language's rules found out, remembered between processes.

Compiling the rules (patterns.py) expands every pattern and reads its parse tree for the
pre-checks (first characters, required words, reach: prefilter.py, windows.py), about 0.2 s
of CPU that every `timeline extract` process paid before its first document. Those results
depend only on the rule data and on the code that computes them, so the first process writes
them to a file and later ones read it back, with the code `re` compiles each rule's pattern
to (recompile.py), so that a later process does not parse the patterns again.

The file is named after a hash of the rule data, of the source of the modules that compute
the entries (`ENGINE_MODULES`) and of the Python version (the parse trees are CPython's), so a
change to any of them gives another file: an entry never outlives what made it. It is JSON
(data, never code), written to a temporary file and renamed, so readers see a whole file or
none. A missing, unreadable, corrupt or unwritable cache changes nothing but the time: the
rules are compiled as before. Where: `$TIMELINE_CACHE_DIR`, else `$XDG_CACHE_HOME/timeline`,
else `~/.cache/timeline`; `TIMELINE_CACHE_DIR=off` turns it off.
"""
from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from timeline.cachefiles import CACHE_ENV, cache_dir, write_file  # noqa: F401 - CACHE_ENV: tests, callers

FORMAT = 2
ENGINE_MODULES = ("patterns", "prefilter", "windows", "starts", "rulecache", "recompile")


def _engine_source() -> bytes:
    here = Path(__file__).resolve().parent
    return b"".join((here / f"{name}.py").read_bytes() for name in ENGINE_MODULES)


def cache_key(data: dict) -> str:
    """A hash of everything the cached entries depend on."""
    rule_data = {k: v for k, v in data.items() if k.startswith("rules") or k in ("patterns", "words")}
    digest = hashlib.sha256()
    digest.update(f"{FORMAT}\x00{sys.version}\x00".encode())
    digest.update(_engine_source())
    digest.update(json.dumps(rule_data, sort_keys=True, default=str, ensure_ascii=False).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:32]


def read(key: str) -> list | None:
    """The entries stored under `key`, or None (none stored, or unreadable)."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        stored = json.loads((folder / f"rules-{key}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(stored, dict) or stored.get("key") != key or not isinstance(stored.get("entries"), list):
        return None
    return stored["entries"]


def write(key: str, entries: list) -> None:
    """Store `entries` under `key`; on any failure store nothing (the cache is optional)."""
    folder = cache_dir()
    if folder is not None:
        write_file(folder / f"rules-{key}.json", {"key": key, "entries": entries})
