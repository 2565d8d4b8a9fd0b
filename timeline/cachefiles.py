"""The folder where `timeline` keeps what one process worked out for the next, and how it
writes there (rule cache, cue patterns, parsed language files).

Where: `$TIMELINE_CACHE_DIR`, else `$XDG_CACHE_HOME/timeline`, else `~/.cache/timeline`;
`TIMELINE_CACHE_DIR=off` turns every cache off. Files are JSON (data, never code), written to
a temporary file and renamed, so readers see a whole file or none; each kind (the name's
prefix up to the first "-") keeps its newest few files. Any failure writes nothing: a cache
only ever saves time.
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

CACHE_ENV = "TIMELINE_CACHE_DIR"
KEEP = 8   # files kept per kind (one per version of the data seen lately); older ones are removed


def cache_dir() -> Path | None:
    configured = os.environ.get(CACHE_ENV)
    if configured is not None:
        return None if configured.strip().lower() in ("", "off", "0") else Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "timeline"


def write_file(path: Path, data, keep: int = KEEP) -> None:
    """Write `data` as JSON to `path`; keep the `keep` newest files of its kind."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".cache-", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(data, out, ensure_ascii=False)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
        _prune(path.parent, path.name.split("-")[0], keep)
    except (OSError, ValueError, TypeError):
        return


def _prune(folder: Path, kind: str, keep: int) -> None:
    files = sorted(folder.glob(f"{kind}-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for stale in files[keep:]:
        stale.unlink(missing_ok=True)
