"""Language files parsed once per content, not once per process.

`tomllib` is pure Python: parsing a language's files took about 35 ms of every `timeline
extract` process. A parsed file is kept as JSON (which `json` reads in C) under a hash of the
file's bytes, in the cache folder (`timeline/cachefiles.py`); a changed file is another entry.
Only data that JSON gives back unchanged is kept (TOML dates, for one, are not): the result is
always what `tomllib.loads` returns.
"""
from __future__ import annotations

import hashlib
import json
import tomllib
from pathlib import Path

from timeline.cachefiles import cache_dir, write_file

FORMAT = 1
KEEP = 64   # parsed files kept: a language has a dozen, and several versions may be in use


def load_toml(path: Path) -> dict:
    """`tomllib.loads` of the file at `path` (raises as it does)."""
    raw = path.read_bytes()
    folder = cache_dir()
    stored = None
    if folder is not None:
        stored = folder / f"toml-{hashlib.sha256(b'%d:' % FORMAT + raw).hexdigest()[:32]}.json"
        try:
            data = json.loads(stored.read_text(encoding="utf-8"))
            if isinstance(data, dict):
                return data
        except (OSError, ValueError):
            pass
    data = tomllib.loads(raw.decode("utf-8"))
    if stored is not None:
        try:
            same = json.loads(json.dumps(data, ensure_ascii=False)) == data
        except (TypeError, ValueError):
            same = False
        if same:
            write_file(stored, data, keep=KEEP)
    return data
