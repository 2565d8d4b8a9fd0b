"""Quality floor on the second held-out German set: texts nobody has tuned the tagger for.

tests/data/heldout2-de.jsonl holds 15 German texts in styles far from agency prose (a feature
with flashbacks, a court report, a Bundesliga report, South Tyrolean `Jänner`/`Feber`/`heuer`,
quarters, a police report, timetables, frequencies …), written and annotated by hand before the
tagger was run on them (conventions: tests/data/ANNOTATION.md, last section). The first held-out
set has been used for error analysis; this one has not. Keep it that way: fix the tagger for
German in general, never for these texts, and do not edit the gold to match the tagger.

F1 is computed exactly as in tests/test_heldout.py (its `figures` is reused). The floors sit
about five points under what the tagger reached when the set was made (strict 89.6,
relaxed 96.3, type 95.6, value 84.4). Raise them when the tagger improves; never lower them to
make a change pass.
"""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from test_heldout import figures
from timeline.extract import extract

HELDOUT2 = Path(__file__).parent / "data" / "heldout2-de.jsonl"

FLOORS = {"relaxed_f1": 91.0, "value_f1": 79.0}


@pytest.fixture(scope="module")
def documents() -> list[dict]:
    return [json.loads(line) for line in HELDOUT2.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def gold_and_system(documents):
    gold = {doc["id"]: doc["gold"] for doc in documents}
    system = {}
    for doc in documents:
        timeline = extract(doc["text"], date.fromisoformat(doc["published"]), doc["lang"])
        system[doc["id"]] = [t.to_dict() for t in timeline.timexes]
    return gold, system


def test_the_annotations_are_well_formed(documents):
    assert [doc["id"] for doc in documents] == [f"heldout2-{n:02d}" for n in range(1, 16)]
    for doc in documents:
        assert doc["lang"] == "de"
        date.fromisoformat(doc["published"])
        previous_end = 0
        for g in doc["gold"]:
            assert doc["text"][g["start"]:g["end"]] == g["text"], (doc["id"], g)
            assert g["start"] >= previous_end, (doc["id"], g)
            assert g["type"] in ("DATE", "TIME", "DURATION", "SET") and g["value"]
            previous_end = g["end"]


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_the_tagger_stays_above_its_floor(gold_and_system, name):
    result = figures(*gold_and_system)
    assert result[name] >= FLOORS[name], result
