"""The HTML pages and the story files over HTTP (Flask test client, real SQLite store).

Stories come from `story_samples` (events with known dates, statuses and offsets), saved
through the real store, so every assertion is about what a reader or a feed reader gets.
"""
from __future__ import annotations

import json
import re
from datetime import timedelta
from html.parser import HTMLParser

import feedparser
import pytest

from story_samples import SEED_TEXT, granularities_story, hostile_story, seed_story
from web_helpers import store_sample

SEED = "nato-antwort"


@pytest.fixture
def seeded(app, web_store):
    for story in (seed_story(), granularities_story(), hostile_story()):
        store_sample(web_store, story)
    return web_store


class Elements(HTMLParser):
    """Start tags with their attributes, and the text of each `<li class="event ...">`."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[tuple[dict, str]] = []
        self._script: dict | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "script":
            self._script = attributes
            self.scripts.append((attributes, ""))

    def handle_data(self, data):
        if self._script is not None:
            attributes, text = self.scripts[-1]
            self.scripts[-1] = (attributes, text + data)

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None

    def find(self, tag, **wanted):
        return [attrs for name, attrs in self.tags if name == tag
                and all(attrs.get(k.rstrip("_")) == v for k, v in wanted.items())]


def events_on_page(html: str) -> list[str]:
    """The HTML of each event item, in page order."""
    return re.findall(r'<li class="event event--[\w -]+".*?</li>', html, flags=re.S)


def text_of(fragment: str) -> str:
    """The text a reader sees (`<wbr>` is a line-break opportunity, not a space)."""
    return " ".join(re.sub(r"<[^>]+>", " ", fragment.replace("<wbr>", "")).split())


# --- the story list --------------------------------------------------------------------

def test_index_lists_each_story_with_counts_and_last_change(client, seeded):
    response = client.get("/")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    assert '<html lang="de">' in html
    assert '<a href="/stories/nato-antwort">Nato antwortet Russland</a>' in html
    assert '<a href="/stories/formen">Formen der Zeit</a>' in html
    page = text_of(html)
    assert "7 Ereignisse aus 1 Artikel" in page
    assert "3 Ereignisse aus 2 Artikeln" in page
    assert re.search(r"zuletzt geändert am \d{1,2}\. \w+ \d{4} um \d\d:\d\d Uhr", page)
    # the newest change first: hostile was saved last
    assert html.index("/stories/hostile") < html.index("/stories/nato-antwort")


def test_index_of_an_empty_site_says_how_to_add_stories(client):
    html = client.get("/").get_data(as_text=True)
    assert "Noch keine Geschichten" in html
    assert "/api/stories/&lt;slug&gt;/documents" in html


# --- the HTML timeline ------------------------------------------------------------------

def test_story_page_shows_the_events_in_chronological_order_with_german_dates(client, seeded):
    html = client.get(f"/stories/{SEED}").get_data(as_text=True)
    dates = [text_of(re.search(r'<p class="event__when">(.*?)</p>', item, re.S).group(1))
             for item in events_on_page(html)]
    assert dates[:2] == ["1997", "November 2021"]
    # three events of the same Wednesday; their order among themselves is the store's choice
    assert sorted(dates[2:5]) == ["Mittwoch, 26. Januar 2022", "Mittwoch, 26. Januar 2022",
                                  "Mittwoch, 26. Januar 2022, nachmittags"]
    assert dates[5:] == ["laufend dauert an", "Datum offen angekündigt"]
    datetimes = re.findall(r'<p class="event__when">\s*<time datetime="([^"]+)">', html)
    assert datetimes == ["1997", "2021-11", "2022-01-26", "2022-01-26", "2022-01-26"]
    headings = re.findall(r'<h2 class="timeline-group__label" id="[^"]+">([^<]+)</h2>', html)
    assert headings == ["1997", "2021", "2022", "Ohne genaues Datum", "Datum offen"]


def test_each_event_marks_its_time_expression_inside_its_sentence(client, seeded):
    html = client.get(f"/stories/{SEED}").get_data(as_text=True)
    items = {re.search(r'id="([^"]+)"', item).group(1): item for item in events_on_page(html)}
    assert len(items) == 7
    marked = {anchor: re.findall(r"<mark>(.*?)</mark>", item) for anchor, item in items.items()}
    assert sorted(m for marks in marked.values() for m in marks) == [
        "Jahr 1997", "Mittwochnachmittag", "November", "Wochen"]
    assert "weil Russland im <mark>November</mark> sein Büro geschlossen hatte." in html
    assert "übergab ein Bote am <mark>Mittwochnachmittag</mark> die schriftliche Antwort" in html
    assert "Nato-Russland-Grundakte aus dem <mark>Jahr 1997</mark> betont" in html
    # the mark sits exactly where the timex is in the document
    sentence = "Laut Diplomaten bündeln die Antworten, was Vertreter der Nato-Mitglieder seit Wochen sagen."
    start = SEED_TEXT.index(sentence)
    assert SEED_TEXT[start + sentence.index("Wochen"):].startswith("Wochen")
    assert "Nato-Mitglieder seit <mark>Wochen</mark> sagen." in html


def test_a_one_article_story_names_its_source_once_and_says_when_the_time_is_inherited(
        client, seeded):
    html = client.get(f"/stories/{SEED}").get_data(as_text=True)
    link = ('<a href="https://news.example.com/politik/nato-russland-antwort-1.5516620">'
            "Was hinter dem Gesprächsangebot der Nato an Russland steckt</a>")
    assert html.count(link) == 1
    start = html.index('<header class="story-header">')
    header = html[start:html.index("</header>", start)]
    assert link in header and "Quelle:" in header
    assert "Quelle:" not in html[html.index('<div class="timeline">'):]
    assert html.count("Zeitpunkt aus dem Zusammenhang des Artikels erschlossen.") == 2
    assert '<time datetime="2022-01-27">27. Januar 2022</time>' in html


def test_open_and_ongoing_events_are_distinct_by_label_not_colour_alone(client, seeded):
    html = client.get(f"/stories/{SEED}").get_data(as_text=True)
    items = events_on_page(html)
    open_items = [i for i in items if i.startswith('<li class="event event--open"')]
    ongoing = [i for i in items if i.startswith('<li class="event event--ongoing"')]
    assert len(open_items) == 1 and len(ongoing) == 1
    assert '<span class="badge badge--open">angekündigt</span>' in open_items[0]
    assert "Datum offen" in open_items[0] and "<time" not in open_items[0].split("event__body")[0]
    assert "Wann Moskau antwortet, ist völlig offen." in open_items[0]
    assert '<span class="badge badge--ongoing">dauert an</span>' in ongoing[0]
    for item in items:
        if 'event--dated"' in item[:40]:
            assert "badge" not in item


def test_every_granularity_is_written_as_a_german_reader_writes_it(client, seeded):
    html = client.get("/stories/formen").get_data(as_text=True)
    times = dict((label, value) for value, label in
                 re.findall(r'<time datetime="([^"]+)">([^<]+)</time>', html))
    assert times["30. Juli 1965, 15:00 Uhr"] == "1965-07-30T15:00"
    assert times["KW 53/2020"] == "2020-W53"
    assert times["Ende November 2021"] == "2021-11"
    assert times["seit November 2021"] == "2021-11"
    assert times["1. Quartal 2022"] == "2022"
    assert times["KW 4/2022"] == "2022-W04"
    assert times["26. Januar 2022, 20:30 Uhr"] == "2022-01-26T20:30"
    assert times["Mittwoch, 26. Januar 2022, nachts"] == "2022-01-26"
    page = text_of(html)
    assert "zwischen dem 20. Dezember 2021 und dem 10. Januar 2022" in page
    assert "früher (ohne genaue Zeitangabe) ungenaue Zeitangabe" in page


def test_story_page_offers_feed_and_calendar_for_discovery_and_visibly(client, seeded):
    html = client.get(f"/stories/{SEED}").get_data(as_text=True)
    page = Elements(html)
    alternates = {a["href"]: a["type"] for a in page.find("link", rel="alternate")}
    assert alternates == {
        "/stories/nato-antwort/feed.atom": "application/atom+xml",
        "/stories/nato-antwort/calendar.ics": "text/calendar",
        "/stories/nato-antwort/timeline.json": "application/json",
        "/stories/nato-antwort/story.json": "application/json",
        "/stories/nato-antwort/feed.json": "application/feed+json",
    }
    block = html[html.index('<aside class="subscribe"'):html.index("</aside>")]
    assert "<h2 id=\"subscribe-heading\">Abonnieren</h2>" in block
    assert "Kalender (iCalendar)" in block and "Atom-Feed" in block
    assert "Atom-Feed Für Feedreader: neue und geänderte Ereignisse. " \
           "http://localhost/stories/nato-antwort/feed.atom" in text_of(block)
    assert "http://localhost/stories/nato-antwort/calendar.ics" in text_of(block)
    assert '<a class="subscribe__webcal" href="webcal://localhost/stories/nato-antwort/calendar.ics">' in block
    for href in alternates:
        assert client.get(href).status_code == 200


def test_story_page_carries_a_news_article_with_its_event_list_as_json_ld(client, seeded):
    page = Elements(client.get(f"/stories/{SEED}").get_data(as_text=True))
    assert [attrs.get("type") for attrs, _ in page.scripts] == ["application/ld+json"]
    data = json.loads(page.scripts[0][1])
    assert data["@type"] == "NewsArticle" and data["mainEntity"]["@type"] == "ItemList"
    listed = data["mainEntity"]["itemListElement"]
    assert len(listed) == 7 and all("item" not in item for item in listed)  # past news: no Event
    assert listed[0]["url"].startswith("http://localhost/stories/nato-antwort#event-")
    anchors = {attrs["id"] for attrs in page.find("li") if "id" in attrs}
    assert {item["url"].split("#")[1] for item in listed} == anchors


def test_hostile_texts_are_escaped_and_bad_links_are_not_links(client, seeded):
    html = client.get("/stories/hostile").get_data(as_text=True)
    page = Elements(html)
    assert [attrs.get("type") for attrs, _ in page.scripts] == ["application/ld+json"]
    assert "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(&#34;t&#34;)&lt;/script&gt;" in html
    hrefs = [attrs.get("href", "") for _, attrs in page.tags]
    assert not any(h.strip().lower().startswith("javascript:") for h in hrefs)
    assert "\x00" not in html and "\x1b" not in html
    json.loads(page.scripts[0][1])  # still valid JSON, and it cannot close its <script>
    assert "</script>" not in page.scripts[0][1]


def test_unknown_story_and_unknown_file_are_404_pages(client, seeded):
    for url in ("/stories/unbekannt", "/stories/unbekannt/feed.atom",
                f"/stories/{SEED}/feed.rss", "/stories/Bad_Slug", "/nirgends"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response.mimetype == "text/html"
        assert "Nicht gefunden" in response.get_data(as_text=True)


# --- the story's files: media types, conditional GET, self links ------------------------

FILES = {
    "feed.atom": "application/atom+xml",
    "calendar.ics": "text/calendar",
    "timeline.json": "application/json",
}


@pytest.mark.parametrize("name", FILES)
def test_story_files_have_their_media_type_a_strong_etag_and_caching(client, seeded, name):
    response = client.get(f"/stories/{SEED}/{name}")
    assert response.status_code == 200
    assert response.mimetype == FILES[name]
    etag, weak = response.get_etag()
    assert etag and not weak
    assert response.last_modified is not None
    assert response.cache_control.public and response.cache_control.max_age == 300
    again = client.get(f"/stories/{SEED}/{name}")
    assert again.data == response.data and again.headers["ETag"] == response.headers["ETag"]
    assert "Date" not in response.headers  # the HTTP server sends it, exactly once


@pytest.mark.parametrize("name", FILES)
def test_story_files_answer_conditional_requests_with_304(client, seeded, name):
    url = f"/stories/{SEED}/{name}"
    first = client.get(url)
    by_etag = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert by_etag.status_code == 304 and by_etag.data == b""
    by_date = client.get(url, headers={"If-Modified-Since": first.headers["Last-Modified"]})
    assert by_date.status_code == 304
    earlier = (first.last_modified - timedelta(days=1)).strftime("%a, %d %b %Y %H:%M:%S GMT")
    assert client.get(url, headers={"If-Modified-Since": earlier}).status_code == 200
    assert client.get(url, headers={"If-None-Match": '"something-else"'}).status_code == 200


def test_feed_changes_its_etag_when_the_story_changes(client, seeded):
    from datetime import date

    from story_samples import event
    from timeline.model import Timeline

    before = client.get(f"/stories/{SEED}/feed.atom")
    text = "Am 28. Januar 2022 antwortete Moskau."
    reply = event(text, text, headline="Moskau antwortet", value="2022-01-28", granularity="day",
                  earliest="2022-01-28", latest="2022-01-28",
                  timex=("28. Januar 2022", "DATE", "2022-01-28"))
    seeded.save_document(SEED, text, date(2022, 1, 28),
                         Timeline(published=date(2022, 1, 28), lang="de", events=(reply,)))
    after = client.get(f"/stories/{SEED}/feed.atom",
                       headers={"If-None-Match": before.headers["ETag"]})
    assert after.status_code == 200
    assert after.headers["ETag"] != before.headers["ETag"]
    assert b"Moskau antwortet" in after.data


def test_atom_self_link_is_the_url_served(client, seeded):
    url = f"/stories/{SEED}/feed.atom"
    feed = feedparser.parse(client.get(url).data)
    assert not feed.bozo
    self_links = [link.href for link in feed.feed.links if link.rel == "self"]
    assert self_links == ["http://localhost" + url]
    # behind another host name the same feed names that host
    other = feedparser.parse(client.get(url, base_url="https://zeitleiste.example.org").data)
    assert [l.href for l in other.feed.links if l.rel == "self"] == [
        "https://zeitleiste.example.org" + url]


def test_configured_base_url_wins_for_self_links_and_ids(tmp_path):
    from feeds.web.app import close_store, create_app, get_store

    app = create_app({"TESTING": True, "SECRET_KEY": "k", "API_TOKEN": None,
                      "DATABASE_URL": f"sqlite:///{tmp_path / 'b.sqlite3'}",
                      "BASE_URL": "https://example.org/zeit"}, instance_path=str(tmp_path))
    try:
        with app.app_context():
            store_sample(get_store(), seed_story())
        feed = feedparser.parse(app.test_client().get(f"/stories/{SEED}/feed.atom").data)
        assert [l.href for l in feed.feed.links if l.rel == "self"] == [
            f"https://example.org/zeit/stories/{SEED}/feed.atom"]
        assert all(e.id.startswith("tag:example.org,") for e in feed.entries)
        html = app.test_client().get(f"/stories/{SEED}").get_data(as_text=True)
        assert f">https://example.org/zeit/stories/{SEED}/calendar.ics</a>" in html.replace("<wbr>", "")
    finally:
        close_store(app)


# --- headers, static files, errors ------------------------------------------------------

def assert_security_headers(response):
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert "script-src" not in csp and "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_every_kind_of_response_has_the_security_headers(client, seeded):
    for url in ("/", f"/stories/{SEED}", f"/stories/{SEED}/feed.atom", f"/stories/{SEED}/paste",
                "/static/style.css", "/stories/unbekannt", f"/api/stories/{SEED}",
                "/api/stories/unbekannt"):
        assert_security_headers(client.get(url))
    assert_security_headers(client.post(f"/api/stories/{SEED}/documents"))


def test_pages_link_only_to_same_origin_styles_and_no_script(client, seeded):
    page = Elements(client.get(f"/stories/{SEED}").get_data(as_text=True))
    assert page.find("link", rel="stylesheet") == [{"rel": "stylesheet", "href": "/static/style.css"}]
    assert all(attrs.get("type") == "application/ld+json" for attrs, _ in page.scripts)
    assert not any(k.startswith("on") for _, attrs in page.tags for k in attrs)
    assert not any("style" in attrs for _, attrs in page.tags)


def test_the_stylesheet_is_served(client):
    response = client.get("/static/style.css")
    assert response.status_code == 200 and response.mimetype == "text/css"
    assert b".event--open" in response.data and b"@media" in response.data
    response.close()


def test_an_unexpected_error_is_a_plain_page_without_traceback(app, client):
    def fail():
        raise RuntimeError("secret internals")

    app.add_url_rule("/kaputt", "kaputt", fail)
    app.add_url_rule("/api/kaputt", "api_kaputt", fail)
    page = client.get("/kaputt")
    assert page.status_code == 500 and page.mimetype == "text/html"
    assert "Interner Fehler" in page.get_data(as_text=True)
    assert "secret internals" not in page.get_data(as_text=True)
    assert "Traceback" not in page.get_data(as_text=True)
    api = client.get("/api/kaputt")
    assert api.status_code == 500 and api.get_json() == {"error": "internal error"}
    assert_security_headers(page)


def test_the_app_never_runs_in_debug_mode_by_default(tmp_path, monkeypatch):
    from feeds.web.app import create_app

    monkeypatch.delenv("FLASK_DEBUG", raising=False)
    app = create_app({"SECRET_KEY": "k"}, instance_path=str(tmp_path))
    assert app.debug is False and app.testing is False


def test_without_secret_key_one_is_generated_once_into_the_instance_folder(tmp_path, monkeypatch):
    from feeds.web.app import create_app

    monkeypatch.delenv("TIMELINE_SECRET_KEY", raising=False)
    first = create_app(instance_path=str(tmp_path))
    second = create_app(instance_path=str(tmp_path))
    assert first.secret_key and first.secret_key == second.secret_key
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


# --- the real servers: `timeline serve` and gunicorn -------------------------------------

def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _start(command: list[str], env: dict, cwd) -> tuple:
    """Start a server process and wait until it answers on its port (or dies)."""
    import os
    import subprocess
    import time
    import urllib.request

    port = _free_port()
    command = [part.replace("{port}", str(port)) for part in command]
    process = subprocess.Popen(command, cwd=cwd, env={**os.environ, **env},
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    for _ in range(600):
        if process.poll() is not None:
            raise AssertionError(f"server exited: {process.stdout.read()}")
        try:
            urllib.request.urlopen(url + "/static/style.css", timeout=5).close()
            return process, url
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise AssertionError("server did not start")


def _stop(process) -> str:
    process.terminate()
    try:
        output, _ = process.communicate(timeout=20)
    except Exception:
        process.kill()
        output, _ = process.communicate()
    return output


@pytest.mark.slow
def test_timeline_serve_ingests_the_demo_on_first_start(tmp_path):
    import sys
    import urllib.request

    env = {"TIMELINE_SECRET_KEY": "k", "TIMELINE_API_TOKEN": "", "TIMELINE_BASE_URL": "",
           "TIMELINE_DATABASE_URL": ""}
    database = f"sqlite:///{tmp_path / 'serve.sqlite3'}"
    process, url = _start([sys.executable, "-m", "timeline.cli", "serve", "--port", "{port}",
                           "--database", database], env, tmp_path)
    try:
        page = urllib.request.urlopen(url + "/stories/nato-russland").read().decode()
        assert "<h1 class=\"page-title\">Nato und Russland</h1>" in page
        assert 'class="event event--' in page
    finally:
        output = _stop(process)
    assert "demo story 'nato-russland': created" in output
    assert "writes are disabled" in output
    # second start: the database has a story, so nothing is ingested again
    process, url = _start([sys.executable, "-m", "timeline.cli", "serve", "--port", "{port}",
                           "--database", database], env, tmp_path)
    output = _stop(process)
    assert "demo story" not in output


@pytest.mark.slow
def test_the_app_under_gunicorn_takes_articles_and_refuses_oversized_uploads(tmp_path):
    import http.client
    import sys
    from urllib.parse import urlsplit

    env = {"TIMELINE_SECRET_KEY": "k", "TIMELINE_API_TOKEN": "gunicorn-token",
           "TIMELINE_DATABASE_URL": f"sqlite:///{tmp_path / 'g.sqlite3'}",
           "TIMELINE_MAX_CONTENT_LENGTH": "4000", "TIMELINE_BASE_URL": ""}
    process, url = _start([sys.executable, "-m", "gunicorn", "--workers", "2", "--bind",
                           "127.0.0.1:{port}", "feeds.web:create_app()"], env, tmp_path)
    parts = urlsplit(url)
    headers = {"Authorization": "Bearer gunicorn-token", "Content-Type": "application/json"}

    def request(method, path, body=None, extra=None, **kwargs):
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers={**headers, **(extra or {})}, **kwargs)
            response = connection.getresponse()
            return response.status, dict(response.getheaders()), response.read()
        finally:
            connection.close()

    def dates_sent(path):
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            return len(response.msg.get_all("Date") or [])
        finally:
            connection.close()

    try:
        article = json.dumps({"text": "Am Mittwochnachmittag übergab ein Bote die Antwort.",
                              "published": "2022-01-27", "title": "Kurz"}).encode()
        status, _, body = request("POST", "/api/stories/kurz/documents", article)
        assert status == 201, body
        big = json.dumps({"text": "Wort " * 2000, "published": "2022-01-27"}).encode()
        status, _, body = request("POST", "/api/stories/kurz/documents", big)
        assert status == 413 and json.loads(body)["error"]
        chunks = (big[i:i + 1000] for i in range(0, len(big), 1000))
        status, _, body = request("POST", "/api/stories/kurz/documents", chunks,
                                  {"Transfer-Encoding": "chunked"}, encode_chunked=True)
        assert status == 413 and json.loads(body)["error"]
        status, head, feed = request("GET", "/stories/kurz/feed.atom")
        assert status == 200 and head["Content-Type"].startswith("application/atom+xml")
        assert dates_sent("/stories/kurz/feed.atom") == 1
        status, _, _ = request("GET", "/stories/kurz/feed.atom", extra={"If-None-Match": head["ETag"]})
        assert status == 304
        status, head, _ = request("GET", "/stories/kurz")
        assert status == 200 and head["X-Content-Type-Options"] == "nosniff"
    finally:
        output = _stop(process)
    assert "Traceback" not in output


def test_the_index_leads_editors_to_a_new_story(client):
    from web_helpers import sign_in

    assert "Neue Zeitleiste anlegen" not in client.get("/").get_data(as_text=True)  # readers
    assert sign_in(client).status_code == 303
    html = client.get("/").get_data(as_text=True)
    assert '<form method="get" action="/new">' in html and '<label for="slug">' in html
    response = client.get("/new?slug=ukraine-krise")
    assert response.status_code == 303
    assert response.headers["Location"] == "/stories/ukraine-krise/paste"
    bad = client.get("/new?slug=Ukraine Krise!")
    assert bad.status_code == 400
    page = bad.get_data(as_text=True)
    assert "Der Kurzname darf nur Kleinbuchstaben" in page
    assert 'value="Ukraine Krise!"' in page or 'value="ukraine krise!"' in page


def test_the_folder_form_of_a_story_url_leads_to_the_page(client, seeded):
    response = client.get(f"/stories/{SEED}/")
    assert response.status_code == 301 and response.headers["Location"] == f"/stories/{SEED}"


def test_https_sites_ask_browsers_to_stay_on_https(tmp_path):
    from feeds.web.app import create_app

    https = create_app({"SECRET_KEY": "k", "BASE_URL": "https://example.org/"}, instance_path=str(tmp_path))
    assert https.test_client().get("/static/style.css").headers["Strict-Transport-Security"]
    assert https.config["SESSION_COOKIE_SECURE"] is True
    plain = create_app({"SECRET_KEY": "k"}, instance_path=str(tmp_path))
    assert "Strict-Transport-Security" not in plain.test_client().get("/static/style.css").headers


@pytest.mark.parametrize("headline, shown", [
    ("Nato-Russland-Grundakte", True),                       # a headline of its own
    ("Russland schließt sein Büro", True),
    ("Die Autofahrt … weil Russland im November sein Büro geschlossen hatte", False),  # an excerpt
    ("… sein Büro geschlossen hatte …", False),
    ("Weil Russland … sein Büro geschlossen hatte", False),  # capitalized as a headline
    ("Die Autofahrt war nötig, weil Russland im November sein Büro geschlossen hatte.", False),
])
def test_a_headline_is_shown_only_when_it_says_more_than_the_sentence(headline, shown):
    from feeds.render.pages import headline_repeats_sentence

    sentence = "Die Autofahrt war nötig, weil Russland im November sein Büro geschlossen hatte."
    assert (not headline_repeats_sentence(headline, sentence)) is shown


def test_only_signed_in_editors_see_the_editors_controls(app, client, seeded):
    from web_helpers import sign_in

    reader = client.get(f"/stories/{SEED}").get_data(as_text=True)
    assert "Artikel hinzufügen" not in reader and "Neue Zeitleiste anlegen" not in client.get("/").get_data(as_text=True)
    assert 'href="/anmelden"' in reader
    assert sign_in(client, "wrong").status_code == 403
    assert "Artikel hinzufügen" not in client.get(f"/stories/{SEED}").get_data(as_text=True)
    assert sign_in(client).headers["Location"] == "/"
    editor = client.get(f"/stories/{SEED}").get_data(as_text=True)
    assert "Artikel hinzufügen" in editor and "Abmelden" in editor
    assert "Artikel hinzufügen" not in app.test_client().get(f"/stories/{SEED}").get_data(as_text=True)
    app.config["API_TOKEN"] = "a-new-token"  # a changed token signs every editor out
    assert "Artikel hinzufügen" not in client.get(f"/stories/{SEED}").get_data(as_text=True)
    app.config["API_TOKEN"] = None
    page = client.get(f"/stories/{SEED}").get_data(as_text=True)
    assert "Artikel hinzufügen" not in page and "/anmelden" not in page
    assert "Neue Zeitleiste anlegen" not in client.get("/").get_data(as_text=True)


def test_signing_out_needs_the_csrf_token_and_ends_the_session(client, seeded):
    from web_helpers import sign_in

    sign_in(client)
    page = client.get("/anmelden").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    assert client.post("/abmelden", data={"csrf_token": "forged"}).status_code == 400
    assert "Artikel hinzufügen" in client.get(f"/stories/{SEED}").get_data(as_text=True)
    assert client.post("/abmelden", data={"csrf_token": csrf}).status_code == 303
    assert "Artikel hinzufügen" not in client.get(f"/stories/{SEED}").get_data(as_text=True)


def test_sign_in_redirects_only_to_this_site(client):
    page = client.get("/anmelden?next=//evil.example/x").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    from web_helpers import API_TOKEN_ASCII

    for target, expected in (("//evil.example/x", "/"), ("https://evil.example/", "/"),
                             ("/stories/nato-antwort", "/stories/nato-antwort")):
        response = client.post("/anmelden", data={"csrf_token": csrf, "token": API_TOKEN_ASCII,
                                                  "next": target})
        assert response.headers["Location"] == expected


def test_a_date_repeated_right_below_is_marked_to_be_shown_quieter(client, seeded):
    html = client.get(f"/stories/{SEED}").get_data(as_text=True)
    found = 0
    for group in re.findall(r'<section class="timeline-group.*?</section>', html, re.S):
        items = events_on_page(group)
        whens = [text_of(re.search(r'<p class="event__when">(.*?)</p>', i, re.S).group(1))
                 for i in items]
        for index, item in enumerate(items):
            repeats = index > 0 and whens[index] == whens[index - 1]
            assert ("event--repeat" in item.split(">")[0]) == repeats, whens
            found += repeats
    assert found == 1  # the two plain Wednesday events (same day, same status)


def test_a_host_header_no_url_can_be_built_for_is_a_plain_400(client):
    response = client.get("/stories/nato-antwort", headers={"Host": "."})
    assert response.status_code == 400
    assert response.mimetype == "text/plain"


def test_a_time_counted_back_over_a_duration_says_so(client, web_store):
    """The real extraction of the seed: "fast eineinhalb Monate Zeit gelassen" dates the
    start of that wait, which the page must not present as the date of the statement."""
    from timeline.demo import DEMO_SLUG, seed_demo

    seed_demo(web_store)
    html = client.get(f"/stories/{DEMO_SLUG}").get_data(as_text=True)
    mark = html.index("<mark>fast eineinhalb Monate</mark>")
    item = html[html.rindex("<li ", 0, mark):html.index("</li>", mark)]
    assert "Dezember 2021" in item
    assert "Beginn der genannten Zeitspanne, zurückgerechnet." in item
