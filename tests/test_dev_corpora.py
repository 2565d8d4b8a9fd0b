"""Quality floors on the two development corpora, news and histories, tagged by one command
with no document type: KRAUTS (news articles) and WikiWarsDE (war histories, where dates
resolve against the time the passage tells of). They live in shared/corpus (licences forbid
copying them here); the test skips where they are absent. Scored as tests/test_heldout.py
scores (TempEval-3 pairing). Raise the floors when the tagger improves; never lower them to
make a change pass. tests/bench/score_corpus.py prints the figures with the shared scorer.
"""
from __future__ import annotations

import json
from datetime import date

import pytest

from shared_inputs import SHARED
from test_heldout import figures
from timeline.lang import load_language
from timeline.tagger import tag

FLOORS = {  # corpus: floors, a little under the figures when they were set
    "krauts-dev": {"relaxed_f1": 94.6, "value_f1": 87.0},
    "wikiwars-dev": {"relaxed_f1": 94.3, "value_f1": 91.8},
}


def _path(name):
    return SHARED / "corpus" / f"{name}.jsonl" if SHARED else None


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_dev_corpus_floor(name):
    path = _path(name)
    if path is None or not path.is_file():
        pytest.skip(f"{name} (shared/corpus) is not here")
    de = load_language("de")
    gold, system = {}, {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        doc = json.loads(line)
        gold[doc["id"]] = doc["gold"]
        system[doc["id"]] = [t.to_dict() for t in tag(doc["text"], date.fromisoformat(doc["published"]), de)]
    got = figures(gold, system)
    for figure, floor in FLOORS[name].items():
        assert got[figure] >= floor, f"{name}: {figure} {got[figure]} < {floor} ({got})"
