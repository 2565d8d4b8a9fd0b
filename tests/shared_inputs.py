"""Where tests find their inputs from outside the code.

The seed article and what a careful reader takes from it are part of the repository
(`timeline/demo/nato-antwort.txt`, the package's demo; `tests/data/seed-expected.json`, a copy
of shared/seed/expected.json), so the seed tests run anywhere. The annotated KRAUTS corpus is
not (CC BY-NC, for evaluation only): it is looked up in $TIMELINE_SHARED, in `shared/` beside
the checkout, then in /work/shared; tests that need it skip where it is absent.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEED_PATH = REPO / "timeline" / "demo" / "nato-antwort.txt"
SEED_TEXT = SEED_PATH.read_text(encoding="utf-8")
SEED_EXPECTED = json.loads((REPO / "tests" / "data" / "seed-expected.json").read_text(encoding="utf-8"))


def _shared_dir() -> Path | None:
    candidates = [os.environ.get("TIMELINE_SHARED"), REPO.parent / "shared", "/work/shared"]
    for candidate in candidates:
        if candidate and (Path(candidate) / "corpus").is_dir():
            return Path(candidate)
    return None


SHARED = _shared_dir()
CORPUS = SHARED / "corpus" / "krauts-dev.jsonl" if SHARED else None
requires_corpus = pytest.mark.skipif(CORPUS is None or not CORPUS.is_file(),
                                     reason="the KRAUTS corpus (shared/corpus) is not here")
