"""`timeline ingest` when the database fails (issue 12, item 4): one `Error:` line, exit
status 75 (EX_TEMPFAIL: try again later), distinct from bad input (1) and bugs (70); the
same command succeeds once the fault is gone, and nothing half-written is left.

Real faults: the database on a 2 MB tmpfs filled to the last byte (root only), a PostgreSQL
server of our own stopped.
"""
from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from fault_helpers import OwnPostgres, Unavailable, full_disk
from timeline.cli.extract import EXIT_UNAVAILABLE
from timeline.cli.group import cli
from timeline.store import Store

ERROR = re.compile(r"Error: [^\n]+\n")


def run(*args):
    return CliRunner().invoke(cli, ["ingest", *map(str, args)])


def write_article(folder, number: int, sentences: int = 3):
    path = folder / f"artikel-{number}.txt"
    path.write_text(" ".join(f"Am {d + 1}. Mai {1900 + number} sprach der Rat {number} zum "
                             f"{d}. Mal." for d in range(sentences)), encoding="utf-8")
    return path


def test_a_full_disk_exits_75_with_one_line_and_the_next_try_succeeds(tmp_path):
    disk = tmp_path / "disk"
    try:
        with full_disk(disk, "2m") as fill:
            url = f"sqlite:///{disk / 'timeline.sqlite3'}"
            first = write_article(tmp_path, 0)
            assert run(first, "--story", "s", "--published", "2022-01-27",
                       "--database", url).exit_code == 0
            fill(True)
            second = write_article(tmp_path, 1, sentences=200)
            result = run(second, "--story", "s", "--published", "2022-01-27", "--database", url)
            assert result.exit_code == EXIT_UNAVAILABLE == 75, result.output
            assert ERROR.fullmatch(result.stderr) and "full" in result.stderr
            assert "Traceback" not in result.output
            fill(False)
            assert run(second, "--story", "s", "--published", "2022-01-27",
                       "--database", url).exit_code == 0
            with Store.open(url) as store:
                story = store.story("s", merge=False)
            assert len(story.documents) == 2
            assert {e.document_id for e in story.events} == {d.id for d in story.documents}
    except Unavailable as why:
        pytest.skip(str(why))


def test_postgres_stopped_exits_75_and_started_again_succeeds(tmp_path):
    try:
        server = OwnPostgres()
    except Unavailable as why:
        pytest.skip(str(why))
    with server:
        path = write_article(tmp_path, 0)
        server.stop()
        result = run(path, "--story", "s", "--published", "2022-01-27", "--database", server.url)
        assert result.exit_code == 75 and ERROR.fullmatch(result.stderr), result.output
        server.start()
        assert run(path, "--story", "s", "--published", "2022-01-27",
                   "--database", server.url).exit_code == 0
