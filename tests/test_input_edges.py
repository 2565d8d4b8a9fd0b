"""Inputs at the edges (issue 12, items 2 and 9), through every way in: the API, the paste
form, `timeline extract`, `timeline ingest` (text and TimeML).

- A span reaching before year 1 ("Seit 3000 Jahren") and a TimeML creation time of
  0001-01-01 are stored or refused with a reason, never a 5xx or exit 70.
- A text of only invisible characters (U+FEFF, U+200B, soft hyphens, spaces) is empty:
  422 / exit 1 with one line, and nothing is stored.
"""
from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from timeline.cli.group import cli
from timeline.intake.rules import has_visible_text
from web_helpers import API_TOKEN_ASCII, auth

ANCIENT = ("Seit 3000 Jahren leben Menschen an diesem Fluss. Vor 5000 Jahren kamen die ersten "
           "Siedler. Am 3. Mai 2021 eröffnete das Museum.")
INVISIBLE = ["\ufeff", "\u200b", "\ufeff\u200b\u200b", " \u200b\n\ufeff\t", "\u00ad\u200d\u2060"]
TIMEML_DCT_0001 = """<?xml version="1.0" ?>
<TimeML>
<DOCID>uralt</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="0001-01-01" temporalFunction="false"
functionInDocument="CREATION_TIME">0001-01-01</TIMEX3></DCT>
<TEXT>Vor drei Jahren tagte der Rat. Gestern sprach er. Seit 3000 Jahren leben hier
Menschen. Im letzten Monat regnete es. Am Montag kommt der Winter.</TEXT>
</TimeML>
"""
ERROR = re.compile(r"Error: [^\n]+\n")


def paste(client, slug: str, text: str):
    form = client.get(f"/stories/{slug}/paste").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
    return client.post(f"/stories/{slug}/paste", data={
        "csrf_token": csrf, "token": API_TOKEN_ASCII, "lang": "de", "text": text,
        "published": "2022-01-27"})


def run(*args):
    return CliRunner().invoke(cli, [*map(str, args)])


# --- item 2: before year 1 ------------------------------------------------------------------

def test_a_span_before_year_one_is_stored_over_the_api_and_the_paste_form(client):
    response = client.post("/api/stories/alt/documents", headers=auth(),
                           json={"text": ANCIENT, "published": "2022-01-27"})
    assert response.status_code == 201, response.get_json()
    assert paste(client, "alt2", ANCIENT).status_code == 303
    for path in ("/stories/alt", "/stories/alt/feed.atom", "/stories/alt/calendar.ics",
                 "/stories/alt/timeline.json", "/api/stories/alt", "/stories/alt2"):
        assert client.get(path).status_code == 200, path


def test_a_span_before_year_one_on_the_command_line(tmp_path):
    path = tmp_path / "alt.txt"
    path.write_text(ANCIENT, encoding="utf-8")
    result = run("extract", path, "--published", "2022-01-27", "--format", "json")
    assert result.exit_code == 0, result.output
    assert "P3000Y" in result.output
    result = run("ingest", path, "--story", "alt", "--published", "2022-01-27",
                 "--database", f"sqlite:///{tmp_path / 'db.sqlite3'}")
    assert result.exit_code == 0 and result.output.startswith("created"), result.output


def test_a_timeml_creation_time_of_year_one_is_ingested(tmp_path):
    path = tmp_path / "uralt.tml"
    path.write_text(TIMEML_DCT_0001, encoding="utf-8")
    result = run("ingest", path, "--story", "uralt", "--database",
                 f"sqlite:///{tmp_path / 'db.sqlite3'}")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("created")


# --- item 9: invisible text is no text --------------------------------------------------------

@pytest.mark.parametrize("text", INVISIBLE)
def test_invisible_text_is_empty_over_the_api_and_the_form(client, text):
    response = client.post("/api/stories/leer/documents", headers=auth(),
                           json={"text": text, "published": "2022-01-27"})
    assert response.status_code == 422 and response.get_json() == {"error": "text is empty: there is nothing visible to read"}
    page = paste(client, "leer", text)
    assert page.status_code == 422 and "Der Artikeltext fehlt." in page.get_data(as_text=True)
    assert client.get("/api/stories/leer").status_code == 404


@pytest.mark.parametrize("text", INVISIBLE)
def test_invisible_text_is_empty_on_the_command_line(tmp_path, text):
    path = tmp_path / "leer.txt"
    path.write_text(text, encoding="utf-8")
    for args in (["extract", path, "--published", "2022-01-27"],
                 ["ingest", path, "--story", "leer", "--published", "2022-01-27",
                  "--database", f"sqlite:///{tmp_path / 'db.sqlite3'}"]):
        result = run(*args)
        assert result.exit_code == 1 and ERROR.fullmatch(result.stderr), result.output
    batch = tmp_path / "leer.jsonl"
    batch.write_text(json.dumps({"id": 1, "text": text, "published": "2022-01-27"}) + "\n")
    result = run("extract", "--jsonl", batch, "--out", tmp_path / "out.jsonl")
    assert result.exit_code == 1
    assert "error" in json.loads((tmp_path / "out.jsonl").read_text())


def test_visible_text_with_invisible_characters_is_text():
    assert has_visible_text("\ufeff\u200bHallo")
    assert has_visible_text("\u200b1")
    assert not has_visible_text("\u3164\u2800 \u00a0")
