"""Whole-output comparisons against files in tests/golden/ (as Datasette's tests do).

A format change shows as a readable diff. After an intended change, regenerate with
`TIMELINE_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_atom.py tests/test_ical.py
tests/test_timelinejs.py` and review the diff of tests/golden/ before committing.
"""
from __future__ import annotations

import difflib
import os
from pathlib import Path

GOLDEN = Path(__file__).parent / "golden"


def assert_matches_golden(name: str, data: bytes) -> None:
    path = GOLDEN / name
    if os.environ.get("TIMELINE_UPDATE_GOLDEN"):
        path.write_bytes(data)
    assert path.exists(), f"missing {path}; create it with TIMELINE_UPDATE_GOLDEN=1"
    expected = path.read_bytes()
    if data != expected:
        diff = difflib.unified_diff(expected.decode("utf-8").splitlines(), data.decode("utf-8").splitlines(),
                                    f"golden/{name}", "rendered", lineterm="", n=2)
        raise AssertionError(f"output differs from golden/{name}:\n" + "\n".join(list(diff)[:80]))
