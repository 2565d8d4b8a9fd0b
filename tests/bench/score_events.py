"""Event scores on the dev set: timeline's events against the reader timelines of
../shared/corpus/events-dev.jsonl, scored by ../shared/tools/score_events.py.

usage: tests/bench/score_events.py [GOLD.jsonl] [--errors N]
Prints the scorer's summary (and N misses with --errors); exit status 2 when the corpus or
the scorer is missing.
"""
from __future__ import annotations

import importlib.util
import json
import sys
import tempfile
from datetime import date
from pathlib import Path

from timeline import extract

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
GOLD = SHARED / "corpus" / "events-dev.jsonl"
SCORER = SHARED / "tools" / "score_events.py"


def load_scorer(path: Path = SCORER):
    spec = importlib.util.spec_from_file_location("score_events", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def system_output(gold: Path) -> list[dict]:
    out = []
    for line in gold.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            tl = extract(rec["text"], date.fromisoformat(rec["published"]), rec.get("lang", "de"))
            out.append({"id": rec["id"], **tl.to_dict()})
    return out


def figures(gold: Path = GOLD) -> dict:
    """The scorer's figures (dict) for timeline's output on `gold`."""
    scorer = load_scorer()
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8", delete=False) as f:
        for rec in system_output(gold):
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    try:
        result, _, _ = scorer.score(scorer.load_jsonl(str(gold), "gold"), scorer.load_jsonl(f.name, "system"))
    finally:
        Path(f.name).unlink()
    return result


def main(argv: list[str]) -> int:
    args = list(argv)
    errors = []
    if "--errors" in args:
        i = args.index("--errors")
        errors = ["--errors", args[i + 1]]
        del args[i:i + 2]
    gold = Path(args[0]) if args else GOLD
    if not gold.exists() or not SCORER.exists():
        print(f"missing {gold if not gold.exists() else SCORER}", file=sys.stderr)
        return 2
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8", delete=False) as f:
        for rec in system_output(gold):
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    try:
        return load_scorer().main([str(gold), f.name, *errors])
    finally:
        Path(f.name).unlink()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
