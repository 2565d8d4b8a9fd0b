#!/usr/bin/env python3
"""Tag the development corpora and score them with the shared TempEval-3 scorer.

usage: python tests/bench/score_corpus.py [CORPUS.jsonl ...] [--errors N] [--keep OUT.jsonl]

Without a corpus it scores both dev sets: KRAUTS (news) and WikiWarsDE (war histories), the
same command for both (no document type). Runs `timeline.tagger.tag` on every document, writes the system JSONL the scorer reads,
calls /work/shared/tools/score_timex.py on it and prints its figures, plus the tagger's
speed in characters per second.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from timeline.lang import load_language  # noqa: E402
from timeline.tagger import tag  # noqa: E402

CORPORA = [Path("/work/shared/corpus/krauts-dev.jsonl"), Path("/work/shared/corpus/wikiwars-dev.jsonl")]
SCORER = Path("/work/shared/tools/score_timex.py")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="*", default=[str(c) for c in CORPORA])
    parser.add_argument("--errors", type=int, default=0)
    parser.add_argument("--keep", help="also write the system JSONL here (of the last corpus)")
    args = parser.parse_args()
    for corpus in args.corpus:
        print(f"== {corpus}")
        score(corpus, args.errors, args.keep)


def score(corpus: str, errors: int, keep: str | None) -> None:
    docs = [json.loads(line) for line in Path(corpus).read_text(encoding="utf-8").splitlines() if line.strip()]
    records, chars, elapsed = [], 0, 0.0
    for doc in docs:
        language = load_language(doc.get("lang", "de"))
        published = date.fromisoformat(doc["published"])
        begin = time.perf_counter()
        timexes = tag(doc["text"], published, language)
        elapsed += time.perf_counter() - begin
        chars += len(doc["text"])
        records.append({"id": doc["id"], "timexes": [t.to_dict() for t in timexes]})

    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    if keep:
        Path(keep).write_text(Path(out.name).read_text(encoding="utf-8"), encoding="utf-8")
    command = [sys.executable, str(SCORER), corpus, out.name]
    if errors:
        command += ["--errors", str(errors)]
    subprocess.run(command, check=True)
    Path(out.name).unlink()
    print(f"speed: {chars} chars in {elapsed:.2f}s = {chars / elapsed:,.0f} chars/s" if elapsed else "speed: n/a")


if __name__ == "__main__":
    main()
