"""Reading articles (plain text, HTML, TimeML) and ingesting them through the real extractor."""
from datetime import date
from pathlib import Path

import pytest
from shared_inputs import SHARED

from timeline import extract
from timeline.demo import DEMO_SLUG, DEMO_STORY_TITLE, demo_text, seed_demo
from timeline.intake import Article, IntakeError, read_file
from timeline.intake.ingest import ingest, ingest_article
from timeline.intake.rules import MAX_ARTICLE_BYTES

SEED = Path(__file__).resolve().parents[1] / "timeline" / "demo" / "nato-antwort.txt"
SEED_TEXT = SEED.read_text(encoding="utf-8")
PARAGRAPHS = SEED_TEXT.split("\n\n")

PAGE = """<!DOCTYPE html>
<html lang="de"><head><meta charset="{charset}">
<title>Nato antwortet Russland | Zeitung</title>
<meta property="og:title" content="Was hinter dem Gesprächsangebot der Nato steckt">
<link rel="canonical" href="https://zeitung.example/politik/nato-antwort">
<meta property="article:published_time" content="2022-01-27T18:30:00+01:00">
</head><body>
<nav><a href="/">Startseite</a> <a href="/politik">Politik</a> <a href="/abo">Abo</a></nav>
<article><h1>Was hinter dem Gesprächsangebot der Nato steckt</h1>
<p>{p1}</p>
<p>{p2}</p>
</article>
<footer>Impressum · Datenschutz · Kontakt</footer>
</body></html>"""


def page(charset="utf-8", p1=PARAGRAPHS[2], p2=PARAGRAPHS[3]):
    return PAGE.format(charset=charset, p1=p1, p2=p2)


TIMEML = """<?xml version="1.0" encoding="UTF-8"?>
<TimeML>
<DOCID>nato-1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2022-01-27" temporalFunction="false" functionInDocument="CREATION_TIME">2022-01-27</TIMEX3></DCT>
<TITLE>Nato antwortet</TITLE>
<TEXT>Dort übergab ein Bote am <TIMEX3 tid="t1" type="TIME" value="2022-01-26TAF">Mittwochnachmittag</TIMEX3> die Antwort &amp; mehr.</TEXT>
</TimeML>
"""


# --- plain text --------------------------------------------------------------------------

def test_plain_text_is_read_as_is():
    article = read_file(SEED_TEXT.encode("utf-8"), filename="nato-antwort.txt")
    assert article == Article(text=SEED_TEXT, published=None, title=None, url=None,
                              format="text")


def test_a_utf8_byte_order_mark_is_dropped_and_line_ends_kept_until_stored(store):
    """`timeline extract` gives offsets into the text as read; the store keeps LF line ends."""
    data = b"\xef\xbb\xbf" + "Am Mittwoch übergab ein Bote die Antwort.\r\nZweite Zeile.".encode()
    article = read_file(data)
    assert article.text == "Am Mittwoch übergab ein Bote die Antwort.\r\nZweite Zeile."
    stored = ingest_article(store, "nato", article.given(published=date(2022, 1, 27)))
    assert store.story("nato").documents[0].text == "Am Mittwoch übergab ein Bote die Antwort.\nZweite Zeile."
    assert stored.status == "created"


def test_utf16_with_a_byte_order_mark_is_read():
    data = "\ufeffAm Mittwoch übergab ein Bote die Antwort.".encode("utf-16-le")
    assert read_file(data).text == "Am Mittwoch übergab ein Bote die Antwort."


@pytest.mark.parametrize("data, message", [
    (b"", "empty"),
    (b"  \n\t\n", "empty"),
    (b"\xef\xbb\xbf \n", "empty"),
    (b"PK\x03\x04\x00\x00binary", "binary data, not text: NUL byte at offset 4"),
    ("Grüße aus Brüssel".encode("latin-1"), r"not valid utf-8: byte 0xfc at offset 2; save it as UTF-8"),
])
def test_unreadable_input_is_a_one_line_error(data, message):
    with pytest.raises(IntakeError, match=message) as error:
        read_file(data)
    assert "\n" not in str(error.value)


def test_too_large_input_is_refused_before_decoding():
    with pytest.raises(IntakeError, match=r"too large: 10,485,761 bytes \(the limit is 10,485,760 bytes\)"):
        read_file(b"a" * (MAX_ARTICLE_BYTES + 1))


def test_input_at_the_limit_is_read():
    assert len(read_file(b"a" * MAX_ARTICLE_BYTES).text) == MAX_ARTICLE_BYTES


# --- HTML --------------------------------------------------------------------------------

def test_html_gives_main_text_title_date_and_url():
    article = read_file(page().encode("utf-8"), filename="nato.html")
    assert article.format == "html"
    assert article.published == date(2022, 1, 27)
    assert article.url == "https://zeitung.example/politik/nato-antwort"
    assert article.title and "Nato" in article.title
    assert PARAGRAPHS[2] in article.text and PARAGRAPHS[3] in article.text
    for boilerplate in ("Startseite", "Impressum", "Abo"):
        assert boilerplate not in article.text


def test_html_is_recognized_without_a_file_name():
    assert read_file(page().encode("utf-8")).format == "html"


def test_html_in_a_declared_charset_is_decoded():
    data = page(charset="iso-8859-1").encode("iso-8859-1")
    assert read_file(data) == read_file(page().encode("utf-8"))


def test_html_wrongly_declared_as_utf8_names_the_byte():
    data = page().encode("iso-8859-1")
    with pytest.raises(IntakeError, match=r"HTML page is not valid utf-8 \(as its declared "
                                           r"charset says\): byte 0x[0-9a-f]{2} at offset \d+"):
        read_file(data)


def test_html_with_an_unknown_charset_is_refused():
    with pytest.raises(IntakeError, match="unknown charset 'klingon'"):
        read_file(page(charset="klingon").encode())


def test_html_without_text_is_refused():
    empty = b"<!DOCTYPE html><html><head><title>Leer</title><script>var x = 1;</script>" \
            b"</head><body><nav><a href='/'>Start</a></nav></body></html>"
    with pytest.raises(IntakeError, match="no article text found in the HTML page"):
        read_file(empty)


def test_html_without_a_date_has_no_publication_date():
    data = b"<html><body><article><p>" + PARAGRAPHS[2].encode() + b"</p></article></body></html>"
    article = read_file(data)
    assert article.format == "html" and article.published is None


# --- TimeML ------------------------------------------------------------------------------

def test_timeml_gives_text_dct_and_title():
    article = read_file(TIMEML.encode("utf-8"), filename="nato.tml")
    assert article == Article(
        text="Dort übergab ein Bote am Mittwochnachmittag die Antwort & mehr.",
        published=date(2022, 1, 27), title="Nato antwortet", url=None, format="timeml")


def test_timeml_is_recognized_without_a_file_name():
    assert read_file(TIMEML.encode("utf-8")).format == "timeml"


def test_timeml_without_text_is_an_article_error():
    with pytest.raises(IntakeError, match="no <TEXT> element"):
        read_file(b"<TimeML><DCT></DCT></TimeML>", filename="x.tml")


# --- ingesting ---------------------------------------------------------------------------

def test_ingest_stores_what_extract_finds(store):
    result = ingest(store, "nato", SEED_TEXT, date(2022, 1, 27), title="Antwort",
                    url="https://example.org/nato")
    expected = extract(SEED_TEXT, published=date(2022, 1, 27), lang="de")
    assert result.status == "created"
    assert tuple(s.event for s in result.events) == expected.events
    assert result.document.text == SEED_TEXT
    assert ingest(store, "nato", SEED_TEXT, date(2022, 1, 27), title="Antwort",
                  url="https://example.org/nato").status == "unchanged"


def test_a_story_of_one_article_lists_its_events_as_extracted(store):
    result = ingest(store, "nato", SEED_TEXT, date(2022, 1, 27))
    assert store.story("nato").events == result.events
    assert len(result.events) > 0


def test_a_corrected_article_updates_its_events_in_place(store):
    """The seed, then a version with one sentence changed and one removed, at the same URL."""
    url = "https://example.org/nato"
    changed = "die fünfseitige schriftliche Antwort der 30 Mitglieder"
    removed = " Wann Moskau antwortet, ist völlig offen."      # both are events in expected.json
    corrected = SEED_TEXT.replace("die schriftliche Antwort der 30 Mitglieder", changed)
    corrected = corrected.replace(removed, "")
    first = ingest(store, "nato", SEED_TEXT, date(2022, 1, 27), url=url)
    second = ingest(store, "nato", corrected, date(2022, 1, 27), url=url)
    assert second.status == "updated"
    before = {s.event.sentence: s for s in first.events}
    after = {s.event.sentence: s for s in second.events}

    for sentence, now in after.items():
        if sentence in before:       # untouched sentences: same entry, nothing to announce
            was = before[sentence]
            assert (now.key, now.created, now.updated, now.sequence) == (
                was.key, was.created, was.updated, 0), sentence
    [edited] = [s for s in second.events if changed in s.event.sentence]
    [original] = [s for s in first.events if "die schriftliche Antwort der 30" in s.event.sentence]
    assert edited.key == original.key and edited.sequence == 1
    assert edited.updated > original.updated
    assert removed.strip() in before and removed.strip() not in after
    assert len(store.story("nato").events) == len(first.events) - 1
    assert ingest(store, "nato", corrected, date(2022, 1, 27), url=url).status == "unchanged"


def test_ingest_article_prefers_the_callers_values(store):
    article = read_file(page().encode("utf-8"))
    result = ingest_article(store, "nato", article.given(title="Eigener Titel"))
    assert result.document.title == "Eigener Titel"
    assert result.document.published == date(2022, 1, 27)
    assert result.document.url == "https://zeitung.example/politik/nato-antwort"
    other = ingest_article(store, "nato", article.given(published=date(2022, 1, 28),
                                                        url="https://example.org/other"))
    assert other.document.published == date(2022, 1, 28) and other.status == "created"


def test_ingest_article_needs_a_publication_date(store):
    with pytest.raises(IntakeError, match="no publication date"):
        ingest_article(store, "nato", read_file(b"Ein Text."))
    assert store.stories() == []


def test_seed_demo_creates_the_demo_story_once(store):
    first = seed_demo(store)
    assert first.status == "created"
    assert seed_demo(store).status == "unchanged"
    story = store.story(DEMO_SLUG)
    assert story.title == DEMO_STORY_TITLE
    assert len(story.documents) == 1
    assert story.documents[0].published == date(2022, 1, 27)
    assert story.documents[0].text == demo_text() == SEED_TEXT


def test_the_packaged_seed_is_the_shared_seed():
    if SHARED is None:
        pytest.skip("no shared folder next to this checkout")
    assert demo_text() == (SHARED / "seed" / "nato-antwort.txt").read_text(encoding="utf-8")
    copied = (Path(__file__).parent / "data" / "seed-expected.json").read_bytes()
    assert copied == (SHARED / "seed" / "expected.json").read_bytes()
