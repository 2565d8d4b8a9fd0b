"""`timeline extract`: files and batches in, JSON / TimeML / text out, one-line errors."""
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from hypothesis import given, settings, strategies as st

from timeline.cli.group import cli
from timeline.intake.decode import decode
from timeline.cli.extract import EXIT_INTERNAL_ERROR, user_errors_are_one_line
from timeline.cli.extract_output import json_line, render_text
from timeline.model import Event, Timeline, Timex
from timeline.timeml import parse_timeml

SHARED = Path("/work/shared") if Path("/work/shared").is_dir() else Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED / "corpus" / "krauts-dev.jsonl"
SEED = SHARED / "seed" / "nato-antwort.txt"
ROOT = Path(__file__).resolve().parents[1]


def run(*args, input=None):
    """The CLI in-process. Unexpected exceptions propagate with their traceback (debug mode)."""
    result = CliRunner().invoke(cli, ["extract", *args], input=input)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def run_process(*args, input=None):
    """The CLI as users run it: a real process, no debug mode."""
    env = {k: v for k, v in os.environ.items() if k not in ("TIMELINE_DEBUG", "PYTEST_CURRENT_TEST")}
    return subprocess.run([sys.executable, "-m", "timeline.cli", "extract", *args], input=input,
                          capture_output=True, cwd=ROOT, env=env, timeout=120)


def assert_one_line_error(stderr: str, *fragments):
    assert "Traceback" not in stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), stderr
    for fragment in fragments:
        assert fragment in lines[0]


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "nato.txt"
    path.write_bytes(SEED.read_bytes())
    return path


def assert_timexes_belong_to(text, record):
    for timex in record["timexes"]:
        assert text[timex["start"]:timex["end"]] == timex["text"]
        assert set(timex) >= {"start", "end", "text", "type", "value", "mod"}
    for event in record["events"]:
        assert text[event["start"]:event["end"]] == event["sentence"]
        assert set(event) >= {"id", "headline", "sentence", "status", "value", "granularity",
                              "earliest", "latest"}


# --- files -----------------------------------------------------------------------------

def test_json_for_one_file(article):
    result = run(str(article), "--published", "2022-01-27", "--format", "json")
    assert result.exit_code == 0 and result.stderr == ""
    (line,) = result.stdout.splitlines()
    record = json.loads(line)
    assert record["id"] == str(article)
    assert record["published"] == "2022-01-27" and record["lang"] == "de"
    assert_timexes_belong_to(SEED.read_text("utf-8"), record)


def test_json_is_the_default_when_stdout_is_not_a_terminal(article):
    plain = run(str(article), "--published", "2022-01-27")
    assert json.loads(plain.stdout)["id"] == str(article)


def test_several_files_give_json_lines_in_order(tmp_path, article):
    other = tmp_path / "kurz.txt"
    other.write_text("Am 3. Mai 2021 begann es; gestern endete es.\n", "utf-8")
    result = run(str(other), str(article), "--published", "2022-01-27", "--format", "json")
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in records] == [str(other), str(article)]
    assert_timexes_belong_to(other.read_text("utf-8"), records[0])


def test_standard_input_and_offsets_into_the_text_as_given():
    text = "\ufeffZeile\r\nAm 3. Mai 2021 begann es.\r\n"
    result = run("-", "--published", "2022-01-27", input=text.encode("utf-8"))
    record = json.loads(result.stdout)
    assert record["id"] == "-"
    assert_timexes_belong_to(text[1:], record)  # the BOM is not text: offsets start after it


def test_timeml_output_reads_back(article):
    result = run(str(article), "--published", "2022-01-27", "--format", "timeml")
    doc = parse_timeml(result.stdout)
    assert doc.text == SEED.read_text("utf-8") and doc.dct == date(2022, 1, 27)
    assert doc.doc_id == str(article)


def test_timeml_output_is_valid_xml_for_text_with_control_characters():
    text = "Ende\x1b[0m am 3.\x01Mai 2021 & <b>fett</b>\x0c ]]> \r\n"
    result = run("-", "--published", "2022-01-27", "--format", "timeml", input=text.encode("utf-8"))
    ET.fromstring(result.stdout_bytes)
    assert parse_timeml(result.stdout).text == text.replace("\x1b", "\ufffd").replace("\x01", "\ufffd").replace("\x0c", "\ufffd")


def test_timeml_takes_one_file(article):
    result = run(str(article), str(article), "--published", "2022-01-27", "--format", "timeml")
    assert result.exit_code == 1
    assert_one_line_error(result.stderr, "one FILE")


def test_text_format_for_several_files_has_a_section_each(tmp_path, article):
    result = run(str(article), str(article), "--published", "2022-01-27", "--format", "text")
    assert result.exit_code == 0
    assert result.stdout.count(f"== {article} ==") == 2


def test_out_writes_to_a_file(tmp_path, article):
    out = tmp_path / "out.json"
    result = run(str(article), "--published", "2022-01-27", "--out", str(out))
    assert result.stdout == "" and json.loads(out.read_text("utf-8"))["id"] == str(article)


def test_text_rendering_writes_dates_in_the_words_of_the_publications():
    text = "Am Mittwochnachmittag übergab ein Bote die Antwort. Wann Moskau antwortet, ist offen."
    timex = Timex(3, 21, "Mittwochnachmittag", "TIME", "2022-01-26TAF")
    events = (
        Event("e1", "Bote übergibt die Antwort", text[:51], 0, 51, "dated", "2022-01-26TAF",
              "part-of-day", "2022-01-26T12:00", "2022-01-26T18:00", "own", timex),
        Event("e2", "Moskau antwortet", text[52:], 52, len(text), "open", None, None, None, None),
    )
    weeks = Timex(60, 66, "Wochen", "DURATION", "PXW")
    events += (Event("e3", "Sie verhandeln", "...", 0, 3, "ongoing", "PXW", "week", None,
                     "2022-01-27", "own", weeks),
               Event("e4", "Die Frist läuft ab", "...", 0, 3, "dated", "2022-W04", "week",
                     "2022-01-24", "2022-01-30", "own"))
    tl = Timeline(published=date(2022, 1, 27), lang="de", timexes=(timex,), events=events)
    assert render_text(tl) == (
        "Mittwoch, 26. Januar 2022, nachmittags  Bote übergibt die Antwort\n"
        "Datum offen                             Moskau antwortet\n"
        "laufend                                 Sie verhandeln\n"
        "KW 4/2022                               Die Frist läuft ab\n"
        "\n"
        "time expressions:\n"
        "       3-21     'Mittwochnachmittag'  TIME 2022-01-26TAF\n")
    assert render_text(Timeline(published=date(2022, 1, 27), lang="de")) == "(no dates found)\n"
    shady = Event("e5", "Rot\x1b[31m\nzweite Zeile", "...", 0, 3, "open", None, None, None, None)
    assert render_text(Timeline(published=date(2022, 1, 27), lang="de", events=(shady,))) == (
        "Datum offen  Rot\ufffd[31m zweite Zeile\n")


def test_text_output_wraps_to_the_terminal_and_dates_keep_their_column(monkeypatch):
    long = "Der Rat der Stadt beschließt nach langer Debatte die Schließung der alten Bibliothek am Markt"
    events = (Event("e1", long, "...", 0, 3, "dated", "2022-01-26", "day", "2022-01-26", "2022-01-26"),
              Event("e2", "Kurz", "...", 0, 3, "open", None, None, None, None))
    tl = Timeline(published=date(2022, 1, 27), lang="de", events=events)
    monkeypatch.setenv("COLUMNS", "50")
    lines = render_text(tl, show_timexes=False).splitlines()
    column = len("Mittwoch, 26. Januar 2022  ")
    assert lines[0].startswith("Mittwoch, 26. Januar 2022  Der Rat")
    assert all(len(line) <= 50 for line in lines)
    assert len(lines) > 3 and lines[-1].startswith("Datum offen" + " " * (column - len("Datum offen")) + "Kurz")
    for line in lines[1:-1]:  # continuation lines start in the headline column
        assert line[:column].strip() == "" and line[column] != " "
    assert " ".join(line[column:] for line in lines[:-1]) == long
    assert render_text(tl, show_timexes=False, columns=200).splitlines()[0].endswith("am Markt")


# --- bad input: one line on stderr, non-zero exit, no traceback ----------------------------

def write(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


@pytest.mark.parametrize("make_args, fragments", [
    (lambda p: [write(p, "e.txt", b""), "--published", "2022-01-27"], ["e.txt", "empty"]),
    (lambda p: [write(p, "w.txt", b" \n\t\n"), "--published", "2022-01-27"], ["w.txt", "empty"]),
    (lambda p: [write(p, "l.txt", "Grüße am 3. Mai".encode("latin-1")), "--published", "2022-01-27"],
     ["l.txt", "not valid utf-8", "0xfc", "offset 2"]),
    (lambda p: [write(p, "b.bin", b"\x7fELF\x02\x01\x01\x00\x00\x00"), "--published", "2022-01-27"],
     ["b.bin", "binary", "offset 7"]),
    (lambda p: [str(p / "missing.txt"), "--published", "2022-01-27"], ["missing.txt", "no such file"]),
    (lambda p: [str(p), "--published", "2022-01-27"], ["is a directory"]),
    (lambda p: [write(p, "a.txt", b"Text"), "--published", "2022-13-45"], ["2022-13-45", "not a date"]),
    (lambda p: [write(p, "a.txt", b"Text"), "--published", "yesterday"], ["'yesterday'", "YYYY-MM-DD"]),
    (lambda p: [write(p, "a.txt", b"Text")], ["--published DATE is required"]),
    (lambda p: [write(p, "a.txt", b"Text"), "--published", "2022-01-27", "--lang", "xx"],
     ["unknown language 'xx'", "de"]),
    (lambda p: [write(p, "big.txt", b"Am 3. Mai. " * 20), "--published", "2022-01-27", "--max-bytes", "100"],
     ["big.txt", "larger than 100 bytes", "--max-bytes"]),
    (lambda p: ["--jsonl", str(p / "none.jsonl")], ["none.jsonl", "no such file"]),
    (lambda p: [write(p, "a.txt", b"Text"), "--jsonl", write(p, "b.jsonl", b"")], ["not both"]),
    (lambda p: ["--jsonl", write(p, "b.jsonl", b""), "--format", "timeml"], ["JSON Lines only"]),
])
def test_bad_input_is_one_line_on_stderr(tmp_path, make_args, fragments):
    result = run(*make_args(tmp_path))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert_one_line_error(result.stderr, *fragments)


@settings(max_examples=60, deadline=None)
@given(st.one_of(st.binary(max_size=300), st.text(max_size=200).map(lambda t: t.encode("utf-8")),
                 st.text(max_size=100).map(lambda t: t.encode("utf-16"))))
def test_any_bytes_give_a_result_or_one_error_line(data):
    result = run("-", "--published", "2022-01-27", input=data)
    if result.exit_code == 0:
        assert_timexes_belong_to(decode(data), json.loads(result.stdout))
    else:
        assert result.exit_code == 1 and result.stdout == ""
        assert_one_line_error(result.stderr)


def test_a_bad_file_among_several_is_reported_and_the_others_still_run(tmp_path, article):
    result = run(str(tmp_path / "gone.txt"), str(article), "--published", "2022-01-27")
    assert result.exit_code == 1
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == [str(article)]
    assert "gone.txt: no such file" in result.stderr and "1 of 2 files" in result.stderr


def test_a_50_mb_file_is_refused_quickly_without_loading_it(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(50_000_000)  # sparse: costs no disk
    result = run_process(str(big), "--published", "2022-01-27")
    assert result.returncode == 1
    assert_one_line_error(result.stderr.decode(), "larger than 10,485,760 bytes")


def test_errors_in_a_real_process_have_no_traceback(tmp_path, article):
    bad_date = run_process(str(article), "--published", "2022-02-30")
    assert bad_date.returncode == 1 and bad_date.stdout == b""
    assert_one_line_error(bad_date.stderr.decode(), "day is out of range")
    good = run_process("-", "--published", "2022-01-27", input=SEED.read_bytes())
    assert good.returncode == 0 and good.stderr == b""
    assert_timexes_belong_to(SEED.read_text("utf-8"), json.loads(good.stdout))


def test_unexpected_errors_are_one_line_exit_70_but_loud_in_debug_mode(monkeypatch):
    @click.command()
    @user_errors_are_one_line
    def broken():
        {}["missing"]

    monkeypatch.delenv("TIMELINE_DEBUG", raising=False)
    monkeypatch.delenv("PYTEST_CURRENT_TEST")  # pytest's own marker turns debug mode on
    result = CliRunner().invoke(broken, [])
    assert result.exit_code == EXIT_INTERNAL_ERROR
    assert_one_line_error(result.stderr, "internal error: KeyError: 'missing'", "TIMELINE_DEBUG=1")
    monkeypatch.setenv("TIMELINE_DEBUG", "1")
    assert isinstance(CliRunner().invoke(broken, []).exception, KeyError)


# --- batch ------------------------------------------------------------------------------

def corpus_records():
    return [json.loads(line) for line in CORPUS.read_text("utf-8").splitlines()]


def test_the_corpus_is_a_valid_batch_and_comes_out_in_order(tmp_path):
    out = tmp_path / "out.jsonl"
    result = run("--jsonl", str(CORPUS), "--out", str(out))
    assert result.exit_code == 0 and result.stderr == ""
    inputs = corpus_records()
    outputs = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert [o["id"] for o in outputs] == [i["id"] for i in inputs]
    for given, got in zip(inputs, outputs):
        assert got["published"] == given["published"]
        assert "gold" not in got and "error" not in got
        assert_timexes_belong_to(given["text"], got)


def test_workers_give_the_same_output_as_one_process(tmp_path):
    # enough records for several chunks per worker, with errors in between
    lines = CORPUS.read_bytes().splitlines() * 2
    lines[5] = b"{not json"
    lines[100] = b'{"id": "x", "text": "Text", "published": "2022-02-30"}'
    batch = write(tmp_path, "in.jsonl", b"\n".join(lines) + b"\n")
    one = run("--jsonl", batch)
    two = run_process("--jsonl", batch, "--workers", "2")
    assert one.exit_code == 1 and two.returncode == 1
    assert two.stdout.decode("utf-8") == one.stdout
    assert len(one.stdout.splitlines()) == len(lines)


def test_bad_records_become_error_lines_and_the_batch_goes_on(tmp_path):
    records = [
        b'{"id": 1, "text": "Am 3. Mai 2021.", "published": "2022-01-27"}',
        b"not json at all",
        b"",
        b'{"id": 2, "published": "2022-01-27"}',
        b'{"id": 3, "text": "Text", "published": "gestern"}',
        b'{"id": 4, "text": "Text", "published": "2022-01-27", "lang": "xx"}',
        b'["a list"]',
        b'{"id": 5, "text": "   ", "published": "2022-01-27"}',
        b'{"id": 6, "text": "' + b"x" * 200 + b'", "published": "2022-01-27"}',
        b'{"id": 7, "text": "Gr\xfc\xdfe", "published": "2022-01-27"}',
        b'{"id": 8, "text": "Heute.", "published": "2022-01-27T23:30:00+01:00", "gold": []}',
    ]
    batch = write(tmp_path, "in.jsonl", b"\n".join(records))
    result = run("--jsonl", batch, "--max-bytes", "150")
    assert result.exit_code == 1
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == [1, None, 2, 3, 4, None, 5, None, None, 8]
    errors = {o.get("line"): o["error"] for o in out if "error" in o}
    assert set(errors) == {2, 4, 5, 6, 7, 8, 9, 10}
    assert "not JSON" in errors[2] and "text is missing" in errors[4]
    assert "'gestern' is not a date" in errors[5] and "unknown language 'xx'" in errors[6]
    assert "JSON object" in errors[7] and "text is empty" in errors[8]
    assert "longer than 150 bytes" in errors[9] and "not UTF-8" in errors[10]
    assert out[-1]["published"] == "2022-01-27" and "error" not in out[0]
    assert_one_line_error(result.stderr, "8 of 10 records failed", "line 2: not JSON")


RECORD_VALUES = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=40),
                          st.sampled_from(["2022-01-27", "2022-02-30", "de", "xx", "2022-01-27T10:00Z"]))
RECORDS = st.fixed_dictionaries({}, optional={
    "id": RECORD_VALUES, "text": st.one_of(RECORD_VALUES, st.text(max_size=200)),
    "published": RECORD_VALUES, "lang": RECORD_VALUES})


@settings(max_examples=40, deadline=None)
@given(st.lists(st.one_of(RECORDS.map(lambda r: json.dumps(r).encode()),
                          st.binary(max_size=50).map(lambda b: b.replace(b"\n", b""))), max_size=8))
def test_any_batch_gives_one_json_line_per_record(lines):
    result = run("--jsonl", "-", input=b"\n".join(lines))
    expected = [line for line in lines if line.strip()]
    out = [json.loads(line) for line in result.stdout_bytes.decode("utf-8").splitlines()]
    assert len(out) == len(expected)
    failed = sum("error" in record for record in out)
    assert result.exit_code == (1 if failed else 0)
    if failed:
        assert_one_line_error(result.stderr, f"{failed} of {len(expected)} records failed")


def test_json_lines_stay_one_line_for_every_line_splitter():
    record = {"id": "\ud800", "text": "a\x85b\u2028c\u2029d\x0be\x1cf ü"}
    for value in (record, {**record, "id": 1}):
        line = json_line(value)
        assert len(line.splitlines()) == 1 and json.loads(line) == value
        line.encode("utf-8")


def test_defaults_for_records_without_published_or_lang(tmp_path):
    batch = write(tmp_path, "in.jsonl", b'{"id": "a", "text": "Am Montag."}\n')
    result = run("--jsonl", batch, "--published", "2022-01-27")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["published"] == "2022-01-27"
    assert "published: missing" in json.loads(run("--jsonl", batch).stdout)["error"]


def test_lone_surrogates_in_records_become_replacement_characters_in_place(tmp_path):
    batch = write(tmp_path, "in.jsonl",
                  b'{"id": "s", "text": "Am 3. Mai 2021 \\ud800 begann es. \\ud83d\\ude00", "published": "2022-01-27"}\n')
    result = run("--jsonl", batch)
    assert result.exit_code == 0
    record = json.loads(result.stdout_bytes.decode("utf-8"))
    assert_timexes_belong_to("Am 3. Mai 2021 \ufffd begann es. \U0001f600", record)


def test_batch_from_standard_input_in_a_real_process():
    lines = CORPUS.read_bytes().splitlines()[:5] + [b'{"id": "bad"}']
    result = run_process("--jsonl", "-", input=b"\n".join(lines))
    assert result.returncode == 1
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == 6 and out[-1] == {"id": "bad", "line": 6, "error": "text is missing"}
    assert_one_line_error(result.stderr.decode(), "1 of 6 records failed")


def test_out_may_not_overwrite_the_input(tmp_path):
    batch = write(tmp_path, "in.jsonl", CORPUS.read_bytes())
    result = run("--jsonl", batch, "--out", batch)
    assert result.exit_code == 1
    assert_one_line_error(result.stderr, "is the input file")
    assert Path(batch).read_bytes() == CORPUS.read_bytes()


def test_help_explains_formats_batch_limits_and_exit_codes():
    text = run("--help").stdout
    for needle in ("--published", "--format", "--jsonl", "--workers", "--max-bytes",
                   "Exit status", "Examples", "70"):
        assert needle in text


def test_progress_on_request_counts_the_documents(tmp_path):
    result = run("--jsonl", str(CORPUS), "--out", str(tmp_path / "out.jsonl"), "--progress")
    assert result.exit_code == 0
    assert result.stderr.rstrip().endswith("s\x1b[K")
    assert "\r67 docs" in result.stderr and "Error" not in result.stderr


def test_published_is_read_by_the_one_parser_of_publication_dates(article):
    """`--published` and a record's "published" take what `timeline ingest` and the API take."""
    iso = run(str(article), "--published", "2022-01-27", "--format", "json")
    german = run(str(article), "--published", "27. Januar 2022", "--format", "json")
    assert german.exit_code == 0 and json.loads(german.stdout) == json.loads(iso.stdout)
    refused = run(str(article), "--published", "gestern")
    assert refused.exit_code == 1
    assert_one_line_error(refused.stderr, "--published", "'gestern' is not a date")
