"""One intake: every way an article comes in meets the same rules, in the same words.

The ways in are `timeline extract FILE`, `timeline extract --jsonl`, `timeline ingest`, the
API and the paste form; each case below is tried on all of them that take it.
"""
import json

import pytest
from click.testing import CliRunner

from timeline.cli.group import cli
from timeline.intake import IntakeError, article_from_fields, read_file
from timeline.intake.rules import MAX_TITLE_LENGTH
from web_helpers import auth

TEXT = "Am 3. Mai 2021 trafen sich die Minister in Brüssel."
IMPOSSIBLE_DATES = ["2022-13-01", "2022-02-30", "2022-00-10"]


def cli_run(*args, input=None):
    return CliRunner(env={"TIMELINE_DEBUG": "1"}).invoke(cli, [*map(str, args)], input=input)


def one_error_line(result) -> str:
    assert result.exit_code == 1, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    return lines[0]


@pytest.mark.parametrize("value", IMPOSSIBLE_DATES)
def test_an_iso_shaped_date_that_is_no_date_is_refused_by_extract(tmp_path, value):
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    assert "is not a date" in one_error_line(cli_run("extract", article, "--published", value))


@pytest.mark.parametrize("value", IMPOSSIBLE_DATES)
def test_an_iso_shaped_date_that_is_no_date_is_an_error_record_in_a_batch(tmp_path, value):
    batch = tmp_path / "in.jsonl"
    batch.write_text(json.dumps({"id": "x", "text": TEXT, "published": value}) + "\n", encoding="utf-8")
    result = cli_run("extract", "--jsonl", batch)
    assert result.exit_code == 1
    record = json.loads(result.stdout)
    assert record["id"] == "x" and f"'{value}' is not a date" in record["error"]


@pytest.mark.parametrize("value", IMPOSSIBLE_DATES)
def test_an_iso_shaped_date_that_is_no_date_is_refused_by_ingest(tmp_path, database_url, value):
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    line = one_error_line(cli_run("ingest", article, "--story", "s", "--published", value,
                                  "--database", database_url))
    assert "is not a date" in line


@pytest.mark.parametrize("value", IMPOSSIBLE_DATES)
def test_an_iso_shaped_date_that_is_no_date_is_422_over_the_api(client, value):
    response = client.post("/api/stories/s/documents", json={"text": TEXT, "published": value},
                           headers=auth())
    assert response.status_code == 422
    assert f"'{value}' is not a date" in response.get_json()["error"]
    assert client.get("/api/stories/s").status_code == 404   # nothing stored


def test_human_date_forms_stay_accepted():
    for value in ("27. Januar 2022", "Jan 27 2022", "27.01.2022", "2022-01-27"):
        assert str(article_from_fields({"text": TEXT, "published": value}).published) == "2022-01-27"


def test_utf16_with_a_byte_order_mark_is_read_by_extract_as_by_ingest(tmp_path, database_url):
    article = tmp_path / "u16.txt"
    article.write_bytes(TEXT.encode("utf-16"))
    extracted = cli_run("extract", article, "--published", "2022-01-27", "--format", "json")
    assert extracted.exit_code == 0, extracted.output
    assert [t["text"] for t in json.loads(extracted.stdout)["timexes"]] == ["3. Mai 2021"]
    ingested = cli_run("ingest", article, "--story", "s", "--published", "2022-01-27",
                       "--database", database_url)
    assert ingested.exit_code == 0 and ingested.stdout.startswith("created")


@pytest.mark.parametrize("invisible", ["\ufeff", "\u200b\u200b", " \u200d\n\u2060 "])
def test_text_of_invisible_characters_only_is_empty_everywhere(tmp_path, client, invisible):
    with pytest.raises(IntakeError, match="is empty"):
        read_file(invisible.encode("utf-8"))
    article = tmp_path / "empty.txt"
    article.write_text(invisible, encoding="utf-8")
    assert "empty" in one_error_line(cli_run("extract", article, "--published", "2022-01-27"))
    response = client.post("/api/stories/s/documents",
                           json={"text": invisible, "published": "2022-01-27"}, headers=auth())
    assert response.status_code == 422 and "empty" in response.get_json()["error"]


def test_the_same_title_limit_for_the_api_and_the_cli(tmp_path, client, database_url):
    too_long = "T" * (MAX_TITLE_LENGTH + 1)
    response = client.post("/api/stories/s/documents",
                           json={"text": TEXT, "published": "2022-01-27", "title": too_long},
                           headers=auth())
    assert response.status_code == 422 and f"longer than {MAX_TITLE_LENGTH}" in response.get_json()["error"]
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    line = one_error_line(cli_run("ingest", article, "--story", "s", "--published", "2022-01-27",
                                  "--title", too_long, "--database", database_url))
    assert f"longer than {MAX_TITLE_LENGTH}" in line
    fitting = "T" * MAX_TITLE_LENGTH
    assert article_from_fields({"text": TEXT, "published": "2022-01-27", "title": fitting}).title == fitting


def test_the_same_url_rule_for_the_api_and_the_cli(tmp_path, client, database_url):
    response = client.post("/api/stories/s/documents",
                           json={"text": TEXT, "published": "2022-01-27", "url": "nato.example"},
                           headers=auth())
    assert response.status_code == 422 and "absolute http(s) URL" in response.get_json()["error"]
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    line = one_error_line(cli_run("ingest", article, "--story", "s", "--published", "2022-01-27",
                                  "--url", "javascript:alert(1)", "--database", database_url))
    assert "absolute http(s) URL" in line


def test_the_same_slug_rule_and_message_for_the_api_and_the_cli(tmp_path, client, database_url):
    response = client.post("/api/stories/Nato!/documents", json={"text": TEXT, "published": "2022-01-27"},
                           headers=auth())
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    line = one_error_line(cli_run("ingest", article, "--story", "Nato!", "--published", "2022-01-27",
                                  "--database", database_url))
    assert response.status_code == 400
    assert response.get_json()["error"] in line
