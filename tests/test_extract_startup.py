"""What `timeline extract` loads at start: whole-process speed (issue 13) depends on it.

The store's SQLAlchemy takes about 0.3 s to import, a tenth of what extracting a million
characters costs; extract stores nothing, so it must not load it. Checked by what is imported,
not by timing.
"""
import json
import subprocess
import sys

PROBE = """
import sys
from timeline.cli.group import main
try:
    main(sys.argv[1:])
except SystemExit as done:
    assert not done.code, done.code
print(" ".join(sorted(name for name in sys.modules if name.split(".")[0] in ("sqlalchemy", "flask", "dateparser"))))
"""


def test_extract_loads_no_database_or_web_stack(tmp_path):
    batch = tmp_path / "in.jsonl"
    batch.write_text(json.dumps({"id": "a", "text": "Am Montag kam er nach Bozen.", "published": "2022-01-27"}) + "\n",
                     encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", PROBE, "extract", "--jsonl", str(batch), "--out",
                           str(tmp_path / "out.jsonl")], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""
    assert json.loads((tmp_path / "out.jsonl").read_text(encoding="utf-8"))["timexes"]
