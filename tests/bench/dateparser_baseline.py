"""The baseline of bench_extract.py: dateparser's search over the same JSONL records.

usage: python tests/bench/dateparser_baseline.py IN.jsonl OUT.jsonl
Writes `{"id", "matches": [[text, iso date], ...]}` per record, as `timeline extract --jsonl`
writes its records, so both sides read, parse and write the same amount.
"""
import json
import sys

from dateparser.search import search_dates


def main(source: str, target: str) -> None:
    with open(source, encoding="utf-8") as lines, open(target, "w", encoding="utf-8") as out:
        for line in lines:
            record = json.loads(line)
            found = search_dates(record["text"], languages=["de"]) or []
            matches = [[text, when.isoformat()] for text, when in found]
            out.write(json.dumps({"id": record["id"], "matches": matches}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(*sys.argv[1:3])
