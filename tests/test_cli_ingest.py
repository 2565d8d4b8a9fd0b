"""`timeline ingest`: one line of output, one line of error, and nothing stored is ever lost."""
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from timeline.cli.group import cli
from timeline.store import Store

SEED = Path(__file__).resolve().parents[1] / "timeline" / "demo" / "nato-antwort.txt"
SEED_TEXT = SEED.read_text(encoding="utf-8")
OUTPUT = re.compile(r"(created|updated|unchanged): document (\d+) in story ([a-z0-9-]+), "
                    r"(\d+) events\n")
ERROR = re.compile(r"Error: [^\n]+\n")

HTML = f"""<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Nato antwortet</title>
<meta property="article:published_time" content="2022-01-27T18:30:00+01:00"></head>
<body><article><h1>Nato antwortet</h1><p>{SEED_TEXT.split(chr(10) * 2)[2]}</p></article></body></html>"""


def run(*args, input=None):
    return CliRunner(env={"TIMELINE_DEBUG": "1"}).invoke(cli, ["ingest", *map(str, args)],
                                                         input=input)


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "nato-antwort.txt"
    path.write_text(SEED_TEXT, encoding="utf-8")
    return path


def story(database_url, slug="nato"):
    with Store.open(database_url) as store:
        return store.story(slug)


def test_ingest_prints_one_line_and_stores_the_document(database_url, article):
    result = run(article, "--story", "nato", "--published", "2022-01-27", "--title", "Antwort",
                 "--url", "https://example.org/nato", "--story-title", "Nato und Russland",
                 "--database", database_url)
    assert result.exit_code == 0, result.output
    status, document, slug, events = OUTPUT.fullmatch(result.stdout).groups()
    assert (status, slug) == ("created", "nato")
    stored = story(database_url)
    assert stored.title == "Nato und Russland"
    assert [d.id for d in stored.documents] == [int(document)]
    assert (stored.documents[0].title, stored.documents[0].url) == (
        "Antwort", "https://example.org/nato")
    assert len(stored.events) == int(events)

    again = run(article, "--story", "nato", "--published", "2022-01-27", "--title", "Antwort",
                "--url", "https://example.org/nato", "--database", database_url)
    assert OUTPUT.fullmatch(again.stdout).group(1) == "unchanged"

    article.write_text(SEED_TEXT + "\n\nNachtrag: Am Freitag berät der Nato-Rat.", encoding="utf-8")
    changed = run(article, "--story", "nato", "--published", "2022-01-27",
                  "--url", "https://example.org/nato", "--database", database_url)
    assert OUTPUT.fullmatch(changed.stdout).groups()[:2] == ("updated", document)


def test_html_brings_its_own_publication_date(database_url, tmp_path):
    page = tmp_path / "nato.html"
    page.write_text(HTML, encoding="utf-8")
    result = run(page, "--story", "nato", "--database", database_url)
    assert result.exit_code == 0, result.output
    document = story(database_url).documents[0]
    assert str(document.published) == "2022-01-27" and document.title == "Nato antwortet"


def test_standard_input_is_read_for_a_dash(database_url):
    result = run("-", "--story", "nato", "--published", "2022-01-27", "--database", database_url,
                 input=SEED_TEXT.encode("utf-8"))
    assert result.exit_code == 0, result.output
    assert story(database_url).documents[0].text == SEED_TEXT


def test_the_default_database_is_sqlite_in_the_instance_folder(article, tmp_path, monkeypatch):
    monkeypatch.delenv("TIMELINE_DATABASE_URL", raising=False)
    monkeypatch.chdir(tmp_path)
    assert run(article, "--story", "nato", "--published", "2022-01-27").exit_code == 0
    assert story(f"sqlite:///{tmp_path / 'instance' / 'timeline.sqlite3'}") is not None


def test_the_environment_names_the_database(article, tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'env.sqlite3'}"
    monkeypatch.setenv("TIMELINE_DATABASE_URL", url)
    assert run(article, "--story", "nato", "--published", "2022-01-27").exit_code == 0
    assert story(url) is not None


@pytest.mark.parametrize("args, message", [
    (["--published", "2022-01-27"], "--story SLUG is required"),
    (["--story", "Nato!", "--published", "2022-01-27"], "malformed story slug 'Nato!'"),
    (["--story", "nato", "--published", "31.02.2022"], "'31.02.2022' is not a date"),
    (["--story", "nato"], "no publication date: the text does not give one, so pass it (--published YYYY-MM-DD)"),
    (["--story", "nato", "--published", "2022-01-27", "--lang", "xx"], "unknown language 'xx'"),
])
def test_bad_arguments_are_one_line_errors(database_url, article, args, message):
    result = run(article, *args, "--database", database_url)
    assert result.exit_code != 0
    assert ERROR.fullmatch(result.stderr) and message in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("content, message", [
    (b"", "empty"),
    (b"\x7fELF\x02\x01\x01\x00\x00", "binary data, not text: NUL byte at offset 7"),
    ("Grüße".encode("latin-1"), "not valid utf-8: byte 0xfc at offset 2"),
    (b"<html><body><nav>Start</nav></body></html>", "no article text found in the HTML page"),
])
def test_unreadable_files_are_one_line_errors(database_url, tmp_path, content, message):
    path = tmp_path / "bad-input"
    path.write_bytes(content)
    result = run(path, "--story", "nato", "--published", "2022-01-27", "--database", database_url)
    assert result.exit_code != 0
    assert ERROR.fullmatch(result.stderr) and message in result.stderr


def test_a_missing_file_is_a_one_line_error(tmp_path):
    result = run(tmp_path / "nowhere.txt", "--story", "nato", "--published", "2022-01-27",
                 "--database", f"sqlite:///{tmp_path / 'db.sqlite3'}")
    assert result.exit_code != 0
    assert ERROR.fullmatch(result.stderr) and "No such file or directory" in result.stderr


def test_an_unreachable_database_is_a_one_line_error(article):
    result = run(article, "--story", "nato", "--published", "2022-01-27",
                 "--database", "postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2")
    assert result.exit_code == 75      # EX_TEMPFAIL: the database's fault, try again later
    assert ERROR.fullmatch(result.stderr) and "cannot open database" in result.stderr


def test_failed_ingests_lose_nothing(database_url, article, tmp_path):
    assert run(article, "--story", "nato", "--published", "2022-01-27",
               "--database", database_url).exit_code == 0
    before = story(database_url)
    binary = tmp_path / "binary"
    binary.write_bytes(b"\x00\x01")
    for args in ([binary, "--story", "nato", "--published", "2022-01-27"],
                 [article, "--story", "nato", "--published", "2022-01-27", "--lang", "xx"],
                 [article, "--story", "nato"]):
        assert run(*args, "--database", database_url).exit_code != 0
    assert story(database_url) == before


def test_the_installed_command_never_shows_a_traceback(tmp_path):
    """The real console script, in its own process."""
    script = Path(sys.executable).with_name("timeline")
    command = [str(script)] if script.exists() else [
        sys.executable, "-c", "import sys; from timeline.cli import main; main(sys.argv[1:])"]
    bad = tmp_path / "binary.bin"
    bad.write_bytes(b"\x00" * 10)
    done = subprocess.run([*command, "ingest", str(bad), "--story", "nato", "--published",
                           "2022-01-27", "--database", f"sqlite:///{tmp_path / 'db.sqlite3'}"],
                          capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stdout == "" and ERROR.fullmatch(done.stderr), done.stderr
