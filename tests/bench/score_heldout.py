#!/usr/bin/env python3
"""Score the tagger on the held-out German set (texts the rules were not written from).

usage: python tests/bench/score_heldout.py [HELDOUT.jsonl] [--errors N] [--json] [--keep OUT.jsonl]

Runs `timeline.extract` on every document of tests/data/heldout-de.jsonl (conventions in
tests/data/ANNOTATION.md) and scores the timexes with the shared TempEval-3 scorer,
/work/shared/tools/score_timex.py (set TIMELINE_SHARED to find /work/shared elsewhere):
strict and relaxed span F1, type F1 and value F1.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from timeline.extract import extract  # noqa: E402

HELDOUT = ROOT / "tests" / "data" / "heldout-de.jsonl"
SCORER = Path(os.environ.get("TIMELINE_SHARED", "/work/shared")) / "tools" / "score_timex.py"


def load_docs(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def system_records(docs: list[dict]) -> list[dict]:
    """One `{"id", "timexes"}` record per document, as the scorer reads them."""
    records = []
    for doc in docs:
        timeline = extract(doc["text"], date.fromisoformat(doc["published"]), doc.get("lang", "de"))
        records.append({"id": doc["id"], "timexes": [t.to_dict() for t in timeline.timexes]})
    return records


def load_scorer(path: Path = SCORER):
    """The shared scorer module, imported from its file (it is a script, not a package)."""
    spec = importlib.util.spec_from_file_location("score_timex", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(HELDOUT))
    parser.add_argument("--errors", type=int, default=0)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--keep", help="also write the system JSONL here")
    args = parser.parse_args()

    docs = load_docs(Path(args.corpus))
    records = system_records(docs)
    if args.keep:
        Path(args.keep).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                                   encoding="utf-8")
    scorer = load_scorer()
    gold = {doc["id"]: doc["gold"] for doc in docs}
    system = {r["id"]: r["timexes"] for r in records}
    result, shown = scorer.score(gold, system, errors=args.errors)
    if args.json:
        print(json.dumps(result))
        return
    for line in shown:
        print(line)
    print(" ".join(f"{k}={v}" for k, v in result.items()))


if __name__ == "__main__":
    main()
