"""`timeline ingest --jsonl FILE --story SLUG`: every good record stored, each bad one reported
with its line, exit status 1 if any failed, and a run again resumes without duplicates."""
import json

from click.testing import CliRunner

from timeline.cli.group import cli
from timeline.store import Store

TEXTS = ["Am Montag eröffnete die Stadt eine neue Brücke über den Fluss.",
         "Am Dienstag stimmte der Gemeinderat dem Haushalt für das nächste Jahr zu.",
         "Am Mittwoch begann der Umbau des alten Bahnhofs.",
         "Am Donnerstag legte die Feuerwehr ihren Jahresbericht vor."]


def record(number, **extra):
    values = {"id": f"r{number}", "text": TEXTS[number % len(TEXTS)],
              "published": f"2022-03-{number + 1:02d}", "url": f"https://news.example.com/{number}"}
    values.update(extra)
    return json.dumps({k: v for k, v in values.items() if v is not None},
                      ensure_ascii=False).encode("utf-8")


def run(*args, input=None):
    return CliRunner(env={"TIMELINE_DEBUG": "1"}).invoke(cli, ["ingest", *map(str, args)],
                                                         input=input)


def bulk(path, database_url):
    return run("--jsonl", path, "--story", "stadt", "--database", database_url)


def documents(database_url):
    with Store.open(database_url) as store:
        story = store.story("stadt")
        return [] if story is None else story.documents


def test_bad_records_are_reported_by_line_and_the_good_ones_stored(database_url, tmp_path):
    lines = [record(0),
             b'{"id": "broken", "text": "Am Montag',                       # 2: broken JSON
             record(1),
             record(2, published="2022-13-01"),                            # 4: impossible date
             record(3).replace("Feuerwehr".encode(), "Feuerwehr".encode("latin-1")
                               .replace(b"e", b"\xe9", 1)),                # 5: not UTF-8
             record(4, text=None),                                         # 6: no text
             record(5, url=7),                                             # 7: url not text
             b"",                                                          # blank: skipped
             record(6, title="Neu: " + TEXTS[2][:20])]
    path = tmp_path / "articles.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    result = bulk(path, database_url)
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("line ")]
    assert [e.split(":")[0] for e in errors] == ["line 2", "line 4", "line 5", "line 6", "line 7"]
    assert "not JSON" in errors[0] and "2022-13-01" in errors[1] and "UTF-8" in errors[2]
    assert "text" in errors[3] and "url" in errors[4]
    assert "Traceback" not in result.output
    stored = documents(database_url)
    assert sorted(d.url for d in stored) == [f"https://news.example.com/{n}" for n in (0, 1, 6)]
    assert "9 records" not in result.stderr and "8 records: 3 created" in result.stderr


def test_an_interrupted_run_resumes_without_duplicates(database_url, tmp_path):
    lines = [record(n) for n in range(6)] + [record(6, url=None, text="Am Freitag schloss das Museum.")]
    first = tmp_path / "first.jsonl"
    first.write_bytes(b"\n".join(lines[:3]) + b"\n" + lines[3][:25])   # cut off mid-record
    assert bulk(first, database_url).exit_code == 1
    assert len(documents(database_url)) == 3
    whole = tmp_path / "whole.jsonl"
    whole.write_bytes(b"\n".join(lines) + b"\n")
    result = bulk(whole, database_url)
    assert result.exit_code == 0, result.output
    assert "7 records: 4 created, 0 updated, 3 unchanged, 0 failed" in result.stderr
    again = bulk(whole, database_url)
    assert "7 records: 0 created, 0 updated, 7 unchanged" in again.stderr
    stored = documents(database_url)
    assert len(stored) == 7 and len({d.id for d in stored}) == 7


def test_bulk_takes_no_single_article_options(database_url, tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_bytes(record(0) + b"\n")
    result = run("--jsonl", path, "--story", "stadt", "--published", "2022-01-01",
                 "--database", database_url)
    assert result.exit_code == 1 and result.stderr.startswith("Error: --jsonl takes no")
    missing = run("--jsonl", tmp_path / "missing.jsonl", "--story", "stadt",
                  "--database", database_url)
    assert missing.exit_code == 1 and "cannot read" in missing.stderr
