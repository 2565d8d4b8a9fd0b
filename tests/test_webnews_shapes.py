"""Real web news as pasted or scraped (issue 9): every shape keeps the article's events, dated
right with readable headlines, and its boilerplate makes no event and no headline.

All texts are invented. The article is the same in every shape, so each test shows what one
shape does to it."""
import textwrap
from datetime import date

import pytest

from timeline.extract import extract
from timeline.intake import read_file

PUBLISHED = date(2024, 3, 14)   # a Thursday
TITLE = "Neue Turnhalle für Unterwald"
LEAD = "Der Gemeinderat von Unterwald hat am Dienstag den Bau einer neuen Turnhalle beschlossen."
SECOND = "Die Arbeiten sollen im Mai beginnen."
THIRD = "Bürgermeisterin Eva Lindner eröffnete am 2. März das neue Rathaus."
LAST = "Die alte Halle wird im Herbst abgerissen"      # no final stop
BODY = f"{TITLE}\n\n{LEAD} {SECOND}\n\n{THIRD}"
EVENTS = {
    ("2024-03-12", "Der Gemeinderat von Unterwald hat am Dienstag den Bau einer neuen Turnhalle beschlossen"),
    ("2024-05", "Die Arbeiten sollen im Mai beginnen"),
    ("2024-03-02", "Bürgermeisterin Eva Lindner eröffnete am 2. März das neue Rathaus"),
}
WITH_LAST = EVENTS | {("2024-FA", "Die alte Halle wird im Herbst abgerissen")}


def events_of(text: str) -> set[tuple[str, str]]:
    return {(e.value, e.headline) for e in extract(text, PUBLISHED).events}


def assert_no_trace(text: str, *boilerplate: str) -> None:
    """Neither a listed event nor an aside stands in (or shows) a boilerplate line."""
    timeline = extract(text, PUBLISHED)
    for event in timeline.events + timeline.asides:
        for words in boilerplate:
            assert words not in event.sentence and words not in event.headline, (words, event)


SHAPES = {
    "last sentence without a final stop": (f"{BODY}\n\n{LAST}", WITH_LAST, ()),
    "only the last sentence lacks its stop, same paragraph": (f"{BODY} {LAST}", WITH_LAST, ()),
    "copyright glued to the last sentence": (f"{BODY} ©Alle Rechte vorbehalten", EVENTS, ("Rechte",)),
    "copyright after a stopless last line": (f"{BODY}\n\n{LAST} © Alle Rechte vorbehalten", WITH_LAST, ("Rechte",)),
    "copyright line": (f"{BODY}\n\n© Beispiel Verlag 2024\n\nAlle Rechte vorbehalten", EVENTS, ("Verlag", "Rechte")),
    "agency tag after the last stop": (f"{BODY} (dpa)", EVENTS, ("dpa",)),
    "agency tag after a stopless last sentence": (f"{BODY}\n\n{LAST} (APA/dpa)", WITH_LAST, ("APA",)),
    "agency tag line": (f"{BODY}\n\n(APA/red)", EVENTS, ("APA",)),
    "author initials after a stopless line": (f"{BODY}\n\n{LAST}\n\n(mm)", WITH_LAST, ("(mm)",)),
    "signature line": (f"{BODY}\n\n{LAST}\n\nVon Maria Muster", WITH_LAST, ("Maria",)),
    "signature after the last sentence": (f"{BODY} Von Maria Muster", EVENTS, ("Maria",)),
    "author initials after the last stop": (f"{BODY} mm", EVENTS, (" mm",)),
    "url after a stopless last sentence": (f"{BODY} {LAST} www.beispiel-zeitung.de", WITH_LAST, ("www",)),
    "url line": (f"{BODY}\n\n{LAST}\n\nhttps://www.beispiel-zeitung.de/lokal/turnhalle-100.html", WITH_LAST, ("http",)),
    "time stamp lines": (f"{TITLE}\n\n14.03.2024 | 10:15\n\n{LEAD} {SECOND}\n\n{THIRD}\n\n{LAST}\n\nAktualisiert am 14.03.2024, 18:40 Uhr", WITH_LAST, ("Aktualisiert", "10:15")),
    "caption with its credit in brackets": (f"{BODY}\n\nDas neue Rathaus am Markt. (Foto: Beispiel)", EVENTS, ("Foto",)),
    "e-mail line": (f"{BODY}\n\nredaktion@beispiel-zeitung.de", EVENTS, ("@",)),
    "photo credit line": (f"{TITLE}\n\nFoto: dpa/Karl Knips\n\n{LEAD} {SECOND}\n\n{THIRD}", EVENTS, ("Foto",)),
    "caption with its credit": (f"{BODY}\n\nDas neue Rathaus am Markt. Foto: Beispiel/K. Knips", EVENTS, ("Foto", "Knips")),
    "teaser line at the end": (f"{BODY}\n\nLesen Sie auch: Neue Schule in Oberwald öffnet am 3. September", EVENTS, ("Oberwald",)),
    "teaser line between paragraphs": (f"{TITLE}\n\n{LEAD} {SECOND}\n\nLesen Sie auch: Oberwald baut am 3. September eine Brücke\n\n{THIRD}", EVENTS, ("Oberwald",)),
    "media teasers": (f"{TITLE}\n\nVideo: So sieht die Halle am Montag aus\n\n{LEAD} {SECOND}\n\n{THIRD}\n\nBildergalerie: Der Umzug am Sonntag", EVENTS, ("Video", "Umzug")),
    "related links": (f"{BODY}\n\nMehr zum Thema\n\nStadt plant im Juni ein Hallenbad\n\nSchulen bekommen im Sommer Tablets", EVENTS, ("Hallenbad", "Tablets")),
    "related links after a colon": (f"{BODY}\n\nDas könnte Sie auch interessieren:\n\nOberwald wählt am Sonntag\n\nBrücke seit Montag gesperrt", EVENTS, ("Oberwald", "Brücke")),
    "a call to the reader at the end": (f"{BODY}\n\n{LAST}\n\nSchreiben Sie uns bis Montag an leser@beispiel-zeitung.de", WITH_LAST, ("Schreiben",)),
    "title and a teaser without a stop only": (f"{TITLE}\n{LEAD[:-1]}", {("2024-03-12", LEAD[:-1])}, ()),
    "cookie and newsletter lines": (f"{BODY}\n\nWir verwenden Cookies, um Ihnen ab Montag ein besseres Angebot zu machen.\n\nJetzt den Newsletter abonnieren und ab morgen jeden Tag informiert sein!", EVENTS, ("Cookies", "Newsletter")),
    "heading in capitals": (f"TURNHALLE FÜR UNTERWALD\n\n{LEAD} {SECOND}\n\nNEUES RATHAUS\n\n{THIRD}", EVENTS, ("TURNHALLE", "RATHAUS")),
    "one long line": (f"{LEAD} {SECOND} {THIRD} {LAST}", WITH_LAST, ()),
    "one long line with boilerplate": (f"{LEAD} {SECOND} Lesen Sie auch: Oberwald baut am 3. September eine Brücke. {THIRD} Foto: dpa", EVENTS, ("Oberwald", "Foto")),
    "windows line ends": (f"{BODY}\n\n{LAST}".replace("\n", "\r\n"), WITH_LAST, ()),
    "old mac line ends": (f"{BODY}\n\n{LAST}".replace("\n", "\r"), WITH_LAST, ()),
    "non-breaking spaces": (f"{BODY}\n\n{LAST}".replace("am Dienstag", "am\u00a0Dienstag").replace("2. März", "2.\u00a0März")
                            .replace("im Mai", "im\u202fMai"), WITH_LAST, ()),
    "soft hyphens and zero-width spaces": (f"{BODY}\n\n{LAST}".replace("Dienstag", "Diens\u00adtag")
                                           .replace("Turnhalle", "Turn\u00adhalle").replace("Herbst", "Herbst\u200b"), WITH_LAST, ()),
}


@pytest.mark.parametrize("shape", SHAPES)
def test_a_web_news_shape_keeps_the_events_and_makes_none_of_its_boilerplate(shape):
    text, expected, boilerplate = SHAPES[shape]
    assert events_of(text) == expected
    assert_no_trace(text, *boilerplate)


def test_a_dateline_with_an_agency_tag_stays_out_of_the_headlines():
    text = f"{TITLE}\n\nUNTERWALD (dpa) – {LEAD} {SECOND}\n\n{THIRD}"
    assert events_of(text) == EVENTS


@pytest.mark.parametrize("width", [45, 60, 72])
def test_a_hard_wrapped_paste_is_read_as_its_paragraphs(width):
    """Text pasted from an e-mail or a PDF, its paragraphs broken into lines of one width."""
    text = "\n\n".join([TITLE] + ["\n".join(textwrap.wrap(p, width))
                                 for p in (f"{LEAD} {SECOND}", f"{THIRD} {LAST}")])
    assert "\n".join(textwrap.wrap(LEAD, width)) != LEAD
    timeline = extract(text, PUBLISHED)
    assert {(e.value, e.headline) for e in timeline.events} == WITH_LAST
    assert all(text[t.start:t.end] == t.text for t in timeline.timexes)


def test_a_list_of_long_lines_is_no_wrapped_paragraph():
    text = ("Die Termine der Woche in Unterwald\n"
            "Am Montag tagt der Gemeinderat im neuen Rathaus\n"
            "Am Mittwoch beginnt der Abriss der alten Turnhalle\n"
            "Am Freitag öffnet der Wochenmarkt auf dem Kirchplatz")
    assert {v for v, _ in events_of(text)} == {"2024-03-18", "2024-03-20", "2024-03-15"}


def test_offsets_point_into_the_text_as_given_when_invisible_characters_are_read_through():
    text = f"{TITLE}\n\nDer Rat hat am Diens\u00adtag beschlossen, die Turn\u00adhalle zu bauen."
    timeline = extract(text, PUBLISHED)
    (timex,) = timeline.timexes
    assert text[timex.start:timex.end] == timex.text == "Diens\u00adtag" and timex.value == "2024-03-12"
    (event,) = timeline.events
    assert text[event.start:event.end].replace("\u00ad", "") == event.sentence
    assert "\u00ad" not in event.headline


def test_a_bullet_list_gives_each_item_as_a_sentence_without_its_marker():
    text = (f"{BODY}\n\nDas Wichtigste in Kürze:\n• Der Baubeginn ist im Mai\n"
            "- Die Halle kostet vier Millionen Euro\n– Die Eröffnung ist am 1. September 2025")
    events = events_of(text)
    assert events >= EVENTS | {("2024-05", "Der Baubeginn ist im Mai"),
                               ("2025-09-01", "Die Eröffnung ist am 1. September 2025")}
    assert not [h for _, h in events if h[0] in "•-–" or "Wichtigste" in h]


def test_a_text_of_short_lines_without_any_stop_is_read_line_by_line():
    text = ("Turnhalle beschlossen\nAm Dienstag stimmte der Rat für den Bau\n"
            "Die Arbeiten beginnen im Mai\nDie Eröffnung ist am 1. September 2025")
    assert events_of(text) == {("2024-03-12", "Am Dienstag stimmte der Rat für den Bau"),
                               ("2024-05", "Die Arbeiten beginnen im Mai"),
                               ("2025-09-01", "Die Eröffnung ist am 1. September 2025")}


def test_a_box_of_stopless_lines_after_the_story_stays_out():
    """Several lines without a stop after the story's end are a box (a book's data, link
    titles), not its last paragraph."""
    text = (f"{BODY}\n\nDas Buch zur Halle:\n\nTurnhallen im Alpenraum 1890 bis 1990\n\n"
            "Beispiel Verlag, Bozen 2019\n\n240 Seiten")
    assert events_of(text) == EVENTS


def test_an_html_page_with_line_breaks_navigation_and_footer():
    page = f"""<!doctype html><html lang="de"><head><meta charset="utf-8">
<title>{TITLE} | Beispiel-Zeitung</title><meta property="article:published_time" content="2024-03-14"></head>
<body><nav><ul><li><a href="/">Startseite</a></li><li><a href="/lokal">Lokales am Montag</a></li></ul></nav>
<article><h1>{TITLE}</h1><p>{LEAD}<br>{SECOND}</p><p>{THIRD}<br>{LAST}</p>
<p>Lesen Sie auch: Neue Schule in Oberwald öffnet am 3. September</p></article>
<footer><p>© Beispiel Verlag 2024. Alle Rechte vorbehalten.</p><p>Impressum</p>
<p>Wir verwenden Cookies, um unsere Website für Sie zu verbessern.</p></footer></body></html>"""
    article = read_file(page.encode("utf-8"), filename="turnhalle.html")
    assert article.published == PUBLISHED and article.title.startswith(TITLE)
    assert events_of(article.text) == WITH_LAST
    assert_no_trace(article.text, "Startseite", "Oberwald", "Verlag", "Impressum", "Cookies")


def test_the_cli_reads_a_pasted_web_text_file(tmp_path):
    """`timeline extract FILE` on a file as a browser saves a selection: Windows line ends,
    a stopless last sentence, the agency tag, a teaser and the copyright."""
    import json

    from click.testing import CliRunner

    from timeline.cli.group import cli

    text = f"{BODY}\n\n{LAST} (dpa)\n\nLesen Sie auch: Oberwald baut am 3. September eine Brücke\n\n© Alle Rechte vorbehalten"
    path = tmp_path / "artikel.txt"
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    result = CliRunner().invoke(cli, ["extract", "--published", PUBLISHED.isoformat(), "--format", "json", str(path)])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert {(e["value"], e["headline"]) for e in record["events"]} == WITH_LAST
