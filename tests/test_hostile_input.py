"""Hostile text end to end: through the real app's API in, out as page, feed, calendar, JSON.

Article text, titles and story titles are attacker-controlled. Each example here is posted
to `POST /api/stories/<slug>/documents` of the real app (its real store and extraction), then
every output is fetched over HTTP (Flask's test client) and read back with a parser that does
not share code with the renderers:

- the page: html5lib (the WHATWG parsing algorithm browsers use): only the template's
  elements, no `on*` attribute, no `javascript:` link, exactly one script element and it is
  the JSON-LD data block, which `json` reads; each event's text is shown as text;
- the Atom feed: feedparser (not bozo) and xml.etree; entry ids are exactly the events';
- the calendar: the `ical` package, vobject and `tests/ical_rules.py`; every VEVENT is one of
  the story's events (no injected component, UIDs unique);
- timeline.json: `json`, and its HTML snippets through html5lib like the page.

Also the API's promise on rejected writes: whatever is refused leaves the stored story
byte-identical (API JSON, feed and calendar).
"""
from __future__ import annotations

import io
import itertools
import json
import re
import xml.etree.ElementTree as ElementTree
from datetime import date
from pathlib import Path

import feedparser

from feeds.render.archive import feed_entries
from feeds.render.story_parts import FIRST_VIEW_ASIDE, FIRST_VIEW_EVENTS
import html5lib
import pytest
import vobject
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from ical.calendar_stream import IcsCalendarStream

import feeds
from feeds.render.publication import clean_line, clean_text, event_tag, event_uid
from ical_rules import assert_valid_ics
from web_helpers import auth

BASE_URL = "http://localhost/"  # the test client's root; the app builds links from it
ATOM = "{http://www.w3.org/2005/Atom}"

# --- what may appear in a page ----------------------------------------------------------

# Every element the page templates use, and the two `feeds.render.pages` writes itself (the date in
# a sentence, break points in long URLs). Any other element in a parsed page was injected.
TEMPLATES = Path(feeds.__file__).resolve().parent / "web" / "templates"
PAGE_ELEMENTS = {tag for template in TEMPLATES.glob("*.html")
                 for tag in re.findall(r"<([a-z][a-z0-9]*)\b", template.read_text())} | {"mark", "wbr"}
SNIPPET_ELEMENTS = {"p", "a"}  # inside Atom content and TimelineJS slides
# C0 controls other than TAB/LF/CR, DEL and C1 controls: never in any published text.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

# --- hostile text ---------------------------------------------------------------------------

HOSTILE = [
    "<script>alert(1)</script>", "</script><script>alert(2)</script>", "<!--", "-->",
    "<img src=x onerror=alert(3)>", '"><svg onload=alert(4)>', "'", '"', "&amp;", "&lt;",
    "<![CDATA[", "]]>", "</title>", "</textarea>", "<style>*{}</style>", "javascript:alert(5)",
    "\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:injected\r\nSUMMARY:injected",
    "END:VCALENDAR", "BEGIN:VTIMEZONE\nTZID:Evil/Zone", "\\n\\;\\,", ";,:",
    "</content></entry><entry><id>tag:evil,2026:x</id><title>injected</title></entry>",
    "</summary>", '{"@type": "Event"}', "\u202e\u2066RTL\u2069\u200f", "\ufeff", "\u2028\u2029",
    "\x1b[31m", "\x07\x08\x0b\x0c", "\x7f\x85\x9f", "🎉", "Ü" * 80,
    "\t", "\r", "\n", "\r\n", "\n\n",
]
MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
          "Oktober", "November", "Dezember"]
# Text over the whole of Unicode except NUL (which the API refuses; tested apart) and lone
# surrogates (JSON bodies cannot carry them as UTF-8), with the control characters in.
ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                   max_size=40)
FRAGMENT = st.sampled_from(HOSTILE) | ANY_TEXT


@st.composite
def dated_sentence(draw) -> str:
    """A German sentence with a date, hostile text inside it, so events carry the hostility."""
    day = draw(st.integers(1, 28))
    month = draw(st.sampled_from(MONTHS))
    year = draw(st.integers(1990, 2030))
    inside = draw(FRAGMENT)
    opening = draw(st.sampled_from([f"Am {day}. {month} {year}", f"Im {month} {year}",
                                    f"Seit dem {day}. {month}", "Am Mittwochnachmittag"]))
    return f"{opening} sagte der Sprecher {inside} etwas Neues."


HUGE_LINE = st.builds(lambda piece, n: (piece + " ") * n,
                      st.sampled_from(["Wort", "<b>", "]]>", "Am 1. Mai 2022 war es."]),
                      st.integers(500, 1500))
ARTICLE = st.lists(dated_sentence() | FRAGMENT | HUGE_LINE, min_size=1, max_size=8).map(
    # the closing sentence is a paragraph of its own: a fragment ending in "©" would
    # otherwise make it the article's copyright trailer, which is rightly no event
    lambda parts: " ".join(parts) + "\n\nAm 3. März 2022 trafen sich die Minister.")
TITLE = st.lists(FRAGMENT, min_size=1, max_size=4).map("".join)
_slugs = itertools.count()


def post_article(client, slug: str, body: dict):
    return client.post(f"/api/stories/{slug}/documents", json=body, headers=auth())


def words(text: str) -> str:
    """Text as a reader sees it: whitespace runs as one space, no invisible BOM (some
    parsers drop U+FEFF at the start of a value)."""
    return " ".join(text.replace("\ufeff", "").split())


# --- checks per output --------------------------------------------------------------------

def check_snippet(html: str) -> str:
    """An HTML snippet (Atom content, TimelineJS text): only p and a; returns its text."""
    fragment = html5lib.parseFragment(html, treebuilder="etree", namespaceHTMLElements=False)
    for element in fragment.iter():
        if isinstance(element.tag, str) and element.tag != "DOCUMENT_FRAGMENT":
            assert element.tag in SNIPPET_ELEMENTS, (element.tag, html)
            assert set(element.attrib) <= {"href"}, element.attrib
            assert element.get("href", "https://").startswith(("https://", "http://"))
    return "".join(fragment.itertext())


def check_page(body: bytes, story: dict, story_title: str) -> None:
    page = body.decode("utf-8")
    assert not CONTROL.search(page)
    tree = html5lib.parse(page, treebuilder="etree", namespaceHTMLElements=False)
    elements = [e for e in tree.iter() if isinstance(e.tag, str)]
    assert {e.tag for e in elements} <= PAGE_ELEMENTS, {e.tag for e in elements} - PAGE_ELEMENTS
    for element in elements:
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (element.tag, name)
            if name in ("href", "src", "cite", "action"):
                assert not value.strip().lower().startswith(("javascript:", "data:")), value
    scripts = tree.findall(".//script")
    shown = {e.get("id"): words("".join(e.itertext())) for e in tree.iter("li")
             if "event" in e.get("class", "").split()}
    # a long story's page as first shown is a part (feeds.render.story_parts), in order
    events = [e for e in story["events"] if f"event-{e['key']}" in shown]
    if len(story["events"]) <= FIRST_VIEW_EVENTS:
        assert events == story["events"]
    else:
        assert FIRST_VIEW_EVENTS <= len(events) <= FIRST_VIEW_EVENTS + 2 * FIRST_VIEW_ASIDE
    if story["events"]:
        assert [s.get("type") for s in scripts] == ["application/ld+json"]
        jsonld = json.loads(scripts[0].text)
        assert [item["@id"] for item in jsonld["mainEntity"]["itemListElement"]] == [
            f"{BASE_URL}stories/{story['slug']}#event-{e['key']}" for e in events]
    else:
        assert scripts == []
    assert words("".join(tree.find(".//h1").itertext())) == words(clean_line(story_title))
    assert list(shown) == [f"event-{e['key']}" for e in events]
    for event in events:
        assert words(clean_text(event["sentence"])) in shown[f"event-{event['key']}"]


def check_feed(body: bytes, story: dict, story_title: str) -> None:
    root = ElementTree.fromstring(body)  # well-formed XML or this raises
    assert not CONTROL.search(body.decode("utf-8"))
    parsed = feedparser.parse(body)
    assert not parsed.bozo, parsed.get("bozo_exception")
    # the exact title from the XML; feedparser "repairs" what looks like mojibake ("Â¡" -> "¡")
    assert root.findtext(ATOM + "title") == clean_line(story_title)
    expected = {event_tag(BASE_URL, story["slug"], e["key"]): e for e in story["events"]}
    entries = root.findall(ATOM + "entry")
    # the newest entries only (feeds.render.archive); the archives hold the rest
    ids = sorted(e.findtext(ATOM + "id") for e in entries)
    assert set(ids) <= set(expected) and len(ids) == min(len(expected), feed_entries())
    assert sorted(entry.id for entry in parsed.entries) == ids
    for entry in entries:
        event = expected[entry.findtext(ATOM + "id")]
        assert "\n" not in entry.findtext(ATOM + "title")
        content = check_snippet(entry.findtext(ATOM + "content"))
        assert words(clean_text(event["sentence"])) in words(content)


def check_calendar(body: bytes, story: dict, story_title: str) -> None:
    assert_valid_ics(body)
    text = body.decode("utf-8")
    unfolded = text.replace("\r\n ", "").split("\r\n")
    begins = unfolded.count("BEGIN:VEVENT")
    assert begins == unfolded.count("END:VEVENT")
    assert unfolded.count("BEGIN:VCALENDAR") == unfolded.count("END:VCALENDAR") == 1
    uids = {event_uid(BASE_URL, story["slug"], e["key"]): e for e in story["events"]}
    by_ical = IcsCalendarStream.calendar_from_ics(text).events
    by_vobject = vobject.readOne(text).contents.get("vevent", [])
    assert len(by_ical) == len(by_vobject) == begins <= len(story["events"])
    assert len({e.uid for e in by_ical}) == begins
    assert {e.uid for e in by_ical} <= set(uids)
    for vevent in by_vobject:
        event = uids[vevent.uid.value]
        summary = vevent.summary.value
        assert "\n" not in summary and "\r" not in summary
        headline = clean_line(event["headline"]) or clean_line(event["sentence"])[:80]
        assert words(headline) in words(summary)
        if "description" in vevent.contents:
            assert words(clean_text(event["sentence"])) in words(vevent.description.value)
    assert vobject.readOne(text).contents["x-wr-calname"][0].value == clean_line(story_title)


def check_timelinejs(body: bytes, story: dict, story_title: str) -> None:
    data = json.loads(body)
    check_snippet(data["title"]["text"]["text"])
    assert check_snippet(data["title"]["text"]["headline"]) == clean_line(story_title)
    assert [slide["unique_id"] for slide in data["events"]] == [e["key"] for e in story["events"]]
    for slide, event in zip(data["events"], story["events"]):
        check_snippet(slide["text"]["headline"])
        assert words(clean_text(event["sentence"])) in words(check_snippet(slide["text"]["text"]))


def check_jsonfeed(body: bytes, story: dict, story_title: str) -> None:
    data = json.loads(body)
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    assert data["title"] == clean_line(story_title)
    keys = [item["id"].rsplit("/", 1)[1] for item in data["items"]]
    # the newest entries only, like the Atom feed; the archives (next_url) hold the rest
    assert set(keys) <= {e["key"] for e in story["events"]}
    assert len(keys) == len(set(keys)) == min(len(story["events"]), feed_entries())
    for item in data["items"]:
        check_snippet(item["content_html"])
        assert not CONTROL.search(item["title"] + item["content_text"])


OUTPUTS = {"": check_page, "/feed.atom": check_feed, "/calendar.ics": check_calendar,
           "/timeline.json": check_timelinejs, "/feed.json": check_jsonfeed}


@settings(max_examples=20, deadline=None, suppress_health_check=[
    HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large])
@given(text=ARTICLE, title=TITLE, story_title=TITLE)
def test_hostile_articles_break_no_output(client, text, title, story_title):
    slug = f"hostile-{next(_slugs)}"
    story_title = "Geschichte " + story_title  # never blank: then the page would show the slug
    response = post_article(client, slug, {"text": text, "published": "2022-03-05",
                                           "title": title, "story_title": story_title})
    assert response.status_code == 201, response.get_data(as_text=True)
    story = client.get(f"/api/stories/{slug}").get_json()
    assert story["events"], "the closing German date sentence makes an event"
    assert story["title"].startswith("Geschichte")
    for suffix, check in OUTPUTS.items():
        fetched = client.get(f"/stories/{slug}{suffix}")
        assert fetched.status_code == 200, (suffix, fetched.status_code)
        check(fetched.get_data(), story, story["title"])


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(sentences=st.lists(dated_sentence(), min_size=1, max_size=4),
       updates=st.lists(dated_sentence(), min_size=1, max_size=3))
def test_a_hostile_update_of_an_article_breaks_no_output(client, sentences, updates):
    """The same URL posted again with other hostile text: the updated story still parses."""
    slug = f"hostile-update-{next(_slugs)}"
    body = {"text": " ".join(sentences), "published": "2022-03-05",
            "url": "https://news.example.com/a?b=1&c=\"><script>", "title": "<b>Titel</b>"}
    assert post_article(client, slug, body).status_code == 201
    changed = body | {"text": " ".join(sentences + updates), "title": "]]> END:VEVENT"}
    assert post_article(client, slug, changed).status_code in (200, 201)
    story = client.get(f"/api/stories/{slug}").get_json()
    assert len(story["documents"]) == 1
    for suffix, check in OUTPUTS.items():
        check(client.get(f"/stories/{slug}{suffix}").get_data(), story, shown_title(story))


def shown_title(story: dict) -> str:
    """The one title rule (feeds.render.publication.story_title): the story's title, else,
    when it is only the slug, its first article's title."""
    if clean_line(story["title"]) and story["title"] != story["slug"]:
        return story["title"]
    titles = [d["title"] for d in story["documents"] if clean_line(d["title"])]
    return titles[0] if titles else story["slug"]


RELATIVE = ("Gestern und morgen geschah es. Nächstes Jahr kommt es wieder. Vor drei Jahren war "
            "es schon so. In zwei Wochen ist es anders. Am Montag um 23 Uhr. Im Dezember. Am 31. "
            "Dezember. Anfang nächsten Jahres. Im vierten Quartal. In 5000 Jahren.")


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(published=st.dates())
@example(date(1, 1, 1))
@example(date(1969, 12, 31))
@example(date(2038, 1, 19))
@example(date(9999, 12, 31))
def test_any_publication_date_is_stored_or_refused_and_every_output_parses(client, published):
    """Dates near the ends of the calendar push relative expressions out of range."""
    slug = f"kalender-{next(_slugs)}"
    response = post_article(client, slug, {"text": RELATIVE, "published": published.isoformat()})
    assert response.status_code in (201, 422), response.get_data(as_text=True)
    if response.status_code == 422:
        assert set(response.get_json()) == {"error"}
        return
    story = client.get(f"/api/stories/{slug}").get_json()
    for suffix, check in OUTPUTS.items():
        fetched = client.get(f"/stories/{slug}{suffix}")
        assert fetched.status_code == 200, (suffix, fetched.get_data(as_text=True)[:300])
        check(fetched.get_data(), story, shown_title(story))


def test_a_nul_character_is_refused_not_stored(client):
    response = post_article(client, "nul", {"text": "Am 3. März 2022 \x00 geschah es.",
                                           "published": "2022-03-05"})
    assert response.status_code == 422 and set(response.get_json()) == {"error"}
    assert client.get("/api/stories/nul").status_code == 404


@pytest.mark.parametrize("field", ["text", "title", "story_title", "url", "lang", "published"])
def test_an_escaped_lone_surrogate_is_refused_in_any_field(client, field):
    """JSON can escape half a UTF-16 pair ("\\udfff"); no UTF-8 text can hold it."""
    body = {"text": "Am 3. März 2022 geschah es.", "published": "2022-03-05", "title": "T"}
    body[field] = "A \ud800 B"
    response = post_article(client, "surrogat", body)
    assert response.status_code == 400 and set(response.get_json()) == {"error"}
    assert client.get("/api/stories/surrogat").status_code == 404


@pytest.mark.parametrize("depth", [50, 990, 100_000])
def test_deeply_nested_json_is_a_400_not_a_crash(client, depth):
    for body in ("[" * depth + "]" * depth, '{"a":' * depth + "1" + "}" * depth):
        response = client.post("/api/stories/tief/documents", data=body,
                               headers={**auth(), "Content-Type": "application/json"})
        assert response.status_code == 400 and set(response.get_json()) == {"error"}


# --- rejected writes change nothing -------------------------------------------------------

SLUG = "bestand"
STORED = {"text": "Am 26. Januar 2022 übergab ein Bote die Antwort. Im November 2021 hatte "
                  "Russland sein Büro geschlossen.",
          "published": "2022-01-27", "title": "Die Antwort", "url": "https://news.example.com/a"}
URL = f"/api/stories/{SLUG}/documents"
JSON = {"Content-Type": "application/json"}


def snapshot(client) -> dict[str, bytes]:
    """Everything a reader of the story can see, as bytes."""
    return {path: client.get(path).get_data() for path in (
        f"/api/stories/{SLUG}", f"/stories/{SLUG}/feed.atom", f"/stories/{SLUG}/calendar.ics",
        f"/stories/{SLUG}/timeline.json", "/api/stories")}


def _over_limit(client):
    return client.post(URL, data=json.dumps(STORED | {"text": "Wort " * 2_000_000}),
                       headers={**auth(), **JSON})


def _chunked_over_limit(client):
    body = json.dumps(STORED | {"text": "Wort " * 2_000_000}).encode()
    return client.post(URL, input_stream=io.BytesIO(body),
                       headers={**auth(), **JSON, "Transfer-Encoding": "chunked"},
                       environ_overrides={"wsgi.input_terminated": True, "CONTENT_LENGTH": ""})


# (name, request, expected status): each aims at the stored document (same URL) where it can.
REJECTED = [
    ("no token", lambda c: c.post(URL, json=STORED | {"text": "Neu."}), 401),
    ("wrong token", lambda c: c.post(URL, json=STORED | {"text": "Neu."}, headers=auth("x")), 401),
    ("empty text", lambda c: c.post(URL, json=STORED | {"text": ""}, headers=auth()), 422),
    ("blank text", lambda c: c.post(URL, json=STORED | {"text": " \r\n\t"}, headers=auth()), 422),
    ("no text", lambda c: c.post(URL, json={k: v for k, v in STORED.items() if k != "text"},
                                  headers=auth()), 400),
    ("text not a string", lambda c: c.post(URL, json=STORED | {"text": ["x"]}, headers=auth()), 400),
    ("NUL in text", lambda c: c.post(URL, json=STORED | {"text": "a\x00b"}, headers=auth()), 422),
    ("bad date", lambda c: c.post(URL, json=STORED | {"published": "2022-13-45"}, headers=auth()), 422),
    ("date not a string", lambda c: c.post(URL, json=STORED | {"published": 2022}, headers=auth()), 400),
    ("unknown language", lambda c: c.post(URL, json=STORED | {"lang": "tlh"}, headers=auth()), 422),
    ("javascript url", lambda c: c.post(URL, json=STORED | {"url": "javascript:alert(1)"},
                                        headers=auth()), 422),
    ("title too long", lambda c: c.post(URL, json=STORED | {"title": "T" * 5000}, headers=auth()), 422),
    ("story title not text", lambda c: c.post(URL, json=STORED | {"story_title": 1}, headers=auth()), 400),
    ("malformed slug", lambda c: c.post(f"/api/stories/{SLUG.upper()}/documents", json=STORED,
                                        headers=auth()), 400),
    ("not json", lambda c: c.post(URL, data=b'{"text": "x', headers={**auth(), **JSON}), 400),
    ("not utf-8", lambda c: c.post(URL, data=b'{"text": "\xff\xfe"}', headers={**auth(), **JSON}), 400),
    ("lone surrogate", lambda c: c.post(URL, data=b'{"text": "\\ud800"}', headers={**auth(), **JSON}), 400),
    ("json array", lambda c: c.post(URL, data=b"[1, 2]", headers={**auth(), **JSON}), 400),
    ("form body", lambda c: c.post(URL, data={"text": "x"}, headers=auth()), 415),
    ("text/plain", lambda c: c.post(URL, data=STORED["text"], headers={**auth(),
                                                                         "Content-Type": "text/plain"}), 415),
    ("over the limit", _over_limit, 413),
    ("over the limit, chunked", _chunked_over_limit, 413),
]


@pytest.mark.parametrize("name, send, status", REJECTED, ids=[r[0] for r in REJECTED])
def test_a_rejected_write_changes_nothing_stored(client, name, send, status):
    assert post_article(client, SLUG, STORED).status_code == 201
    before = snapshot(client)
    response = send(client)
    assert response.status_code == status, response.get_data(as_text=True)[:300]
    assert response.mimetype == "application/json"
    error = response.get_json()
    assert set(error) == {"error"} and error["error"] and "Traceback" not in error["error"]
    assert snapshot(client) == before


BAD_VALUES = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                       st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=3),
                                                                            st.integers(), max_size=2),
                       st.text(max_size=30))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=st.dictionaries(st.sampled_from(["text", "published", "title", "lang", "story_title",
                                                "url"]), BAD_VALUES, min_size=1, max_size=3))
def test_any_refused_update_of_a_stored_article_leaves_it_as_it_was(client, changes):
    """Random field values for the stored article's URL: 4xx changes nothing, never a 5xx."""
    if client.get(f"/api/stories/{SLUG}").status_code == 404:
        assert post_article(client, SLUG, STORED).status_code == 201
    before = snapshot(client)
    response = post_article(client, SLUG, STORED | changes)
    assert response.status_code < 500, response.get_data(as_text=True)
    if response.status_code >= 400:
        assert set(response.get_json()) == {"error"}
        assert snapshot(client) == before
    elif response.status_code == 200 and response.get_json()["status"] == "updated":
        post_article(client, SLUG, STORED)  # put the original back for the next example


# --- hostile requests for reading --------------------------------------------------------

HEADER_TEXT = st.text(st.characters(min_codepoint=32, max_codepoint=255), max_size=60)
PATH_PART = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="/?#"),
                    min_size=1, max_size=30)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(slug=st.sampled_from([SLUG, "unbekannt"]) | PATH_PART,
       name=st.sampled_from(["", "/feed.atom", "/calendar.ics", "/timeline.json", "/paste"])
       | PATH_PART.map(lambda part: "/" + part),
       headers=st.dictionaries(st.sampled_from(["If-None-Match", "If-Modified-Since", "Range",
                                                "Accept", "Accept-Language", "Cookie", "Host"]),
                               HEADER_TEXT, max_size=3))
def test_no_read_request_makes_a_5xx(client, slug, name, headers):
    if client.get(f"/api/stories/{SLUG}").status_code == 404:
        assert post_article(client, SLUG, STORED).status_code == 201
    response = client.get(f"/stories/{slug}{name}", headers=headers)
    assert response.status_code < 500, response.get_data(as_text=True)[:300]
    assert b"Traceback" not in response.get_data()
