"""The intake: a text clearly not in the requested language is refused (naming both) unless
forced, through the library, the CLI, the API and the paste form; and the one title rule."""
from __future__ import annotations

import re

import pytest

from timeline.cli import cli
from timeline.intake.language import LanguageMismatch, check_language, rank
from timeline.intake.title import article_title, headline_line
from web_helpers import auth

# Invented texts (not from the corpus, the seed or tests/data).
ENGLISH = ("The city council met on Tuesday evening and agreed to close the old library in March. "
           "The mayor said the building would be sold next year, and a new branch should open in 2027.")
GERMAN = ("Der Stadtrat hat am Dienstagabend beschlossen, die alte Bibliothek im März zu schließen. "
          "Der Bürgermeister sagte, das Gebäude werde im nächsten Jahr verkauft.")
FRENCH = ("Le conseil municipal s'est réuni mardi soir et a décidé de fermer l'ancienne bibliothèque "
          "en mars. Le maire a dit que le bâtiment serait vendu l'année prochaine.")


def test_detection_names_the_language_and_refuses_only_what_is_clear():
    assert rank(ENGLISH)[0][0] == "en" and rank(GERMAN)[0][0] == "de" and rank(FRENCH)[0][0] == "fr"
    with pytest.raises(LanguageMismatch) as caught:
        check_language(ENGLISH, "de")
    assert "English (en)" in str(caught.value) and "German (de)" in str(caught.value)
    with pytest.raises(LanguageMismatch, match="French"):
        check_language(FRENCH, "de")
    check_language(GERMAN, "de")
    check_language(ENGLISH, "de", force=True)
    check_language("Breaking news from London", "de")  # too short to judge
    # German with English quotes and names stays German
    check_language(GERMAN + " Der Sprecher sagte: „This is not the end of the story.“ Dann ging er.", "de")


def test_the_api_refuses_an_english_text_as_german_with_422_unless_forced(client):
    url = "/api/stories/bibliothek/documents"
    response = client.post(url, json={"text": ENGLISH, "published": "2026-11-03"}, headers=auth())
    assert response.status_code == 422
    assert "English (en)" in response.get_json()["error"] and "German (de)" in response.get_json()["error"]
    assert client.get("/api/stories/bibliothek").status_code == 404
    forced = client.post(url, json={"text": ENGLISH, "published": "2026-11-03", "force_lang": True},
                         headers=auth())
    assert forced.status_code == 201
    bad = client.post(url, json={"text": GERMAN, "published": "2026-11-03", "force_lang": "yes"},
                      headers=auth())
    assert bad.status_code == 400 and "force_lang" in bad.get_json()["error"]


def test_the_paste_form_says_it_in_german_and_keeps_the_text(client):
    from web_helpers import sign_in

    sign_in(client)
    page = client.get("/stories/bibliothek/paste").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    form = {"csrf_token": csrf, "text": ENGLISH, "published": "2026-11-03", "lang": "de"}
    response = client.post("/stories/bibliothek/paste", data=form)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "offenbar auf Englisch, nicht auf Deutsch" in html and "council met on Tuesday" in html
    assert client.post("/stories/bibliothek/paste", data=form | {"force_lang": "on"}).status_code == 303


def test_the_cli_exits_1_with_one_line_unless_forced(runner, tmp_path):
    article = tmp_path / "library.txt"
    article.write_text(ENGLISH, encoding="utf-8")
    database = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    args = ["ingest", str(article), "--story", "bibliothek", "--published", "2026-11-03", "--database", database]
    result = runner.invoke(cli, args)
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "English (en)" in lines[0] and "German (de)" in lines[0]
    assert runner.invoke(cli, args + ["--force-lang"]).exit_code == 0


@pytest.mark.parametrize("text,title", [
    ("Stadtrat schließt die alte Bibliothek\n\n" + GERMAN, "Stadtrat schließt die alte Bibliothek"),
    ("Schließt die Bibliothek?\n" + GERMAN, "Schließt die Bibliothek?"),
    ("„Wir sind nicht zufrieden“\n\n" + GERMAN, "„Wir sind nicht zufrieden“"),
    (GERMAN, None),                                       # one paragraph: no title line
    (GERMAN.replace(". ", ".\n", 1), None),               # the first line is a sentence
    ("Von unserem Korrespondenten:\n" + GERMAN, None),    # a lead-in, not a headline
    ("https://example.org/artikel\n" + GERMAN, None),
    (" ".join(["Wort"] * 20) + "\n" + GERMAN, None),      # too long for a headline
])
def test_the_first_line_is_the_title_when_it_reads_as_a_headline(text, title):
    assert headline_line(text) == title


def test_the_title_rule_order():
    text = "Erste Zeile als Schlagzeile\n" + GERMAN
    assert article_title("Gegeben", "Aus dem HTML", text, "text") == "Gegeben"
    assert article_title(None, "Aus dem HTML", text, "html") == "Aus dem HTML"
    assert article_title(None, None, text, "text") == "Erste Zeile als Schlagzeile"
    assert article_title(None, None, text, "html") is None
    assert article_title("  ", None, text, "text") == "Erste Zeile als Schlagzeile"


def test_a_plain_text_without_title_gives_the_same_title_in_every_output(client):
    import json

    import icalendar

    text = "Stadtrat schließt die alte Bibliothek\n\n" + GERMAN
    assert client.post("/api/stories/stadtrat/documents", json={"text": text, "published": "2026-11-03"},
                       headers=auth()).status_code == 201
    story = client.get("/api/stories/stadtrat").get_json()
    assert story["documents"][0]["title"] == "Stadtrat schließt die alte Bibliothek"
    expected = "Stadtrat schließt die alte Bibliothek"
    page = client.get("/stories/stadtrat").get_data(as_text=True)
    assert f'<h1 class="page-title">{expected}</h1>' in page
    assert f'<meta property="og:title" content="{expected}">' in page
    assert f"<title>{expected}</title>" in client.get("/stories/stadtrat/feed.atom").get_data(as_text=True)
    assert json.loads(client.get("/stories/stadtrat/feed.json").data)["title"] == expected
    assert json.loads(client.get("/stories/stadtrat/timeline.json").data)["title"]["text"]["headline"] == expected
    calendar = icalendar.Calendar.from_ical(client.get("/stories/stadtrat/calendar.ics").data)
    assert str(calendar["X-WR-CALNAME"]) == expected
    jsonld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert jsonld["headline"] == expected
