"""What other sites and link previews use: CORS on the public outputs and the read API, the
embed view and who may frame it, and the page's share metadata (description, Open Graph,
canonical link)."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from story_samples import granularities_story, hostile_story, seed_story
from web_helpers import auth, store_sample

SEED = "nato-antwort"
PUBLIC = ["/stories/nato-antwort/feed.atom", "/stories/nato-antwort/feed.json",
          "/stories/nato-antwort/calendar.ics", "/stories/nato-antwort/timeline.json",
          "/api/stories", "/api/stories/nato-antwort"]


@pytest.fixture
def seeded(app, web_store):
    for story in (seed_story(), granularities_story(), hostile_story()):
        store_sample(web_store, story)
    return web_store


class Head(HTMLParser):
    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.links: list[dict] = []
        self.tags: set[str] = set()
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.add(tag)
        if tag == "meta" and ("name" in attrs or "property" in attrs):
            self.meta[attrs.get("name") or attrs["property"]] = attrs.get("content", "")
        if tag == "link":
            self.links.append(attrs)


@pytest.mark.parametrize("path", PUBLIC)
def test_public_outputs_and_the_read_api_allow_any_origin(client, seeded, path):
    response = client.get(path, headers={"Origin": "https://newsroom.example"})
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response.headers
    etag = response.headers.get("ETag")
    if etag:  # a revalidation from another site is allowed to read the 304 too
        again = client.get(path, headers={"If-None-Match": etag, "Origin": "https://newsroom.example"})
        assert again.status_code == 304 and again.headers["Access-Control-Allow-Origin"] == "*"


def test_pages_forms_and_writes_get_no_cors_header(client, seeded):
    for path in ("/", f"/stories/{SEED}", f"/stories/{SEED}/paste", "/anmelden"):
        assert "Access-Control-Allow-Origin" not in client.get(path).headers
    response = client.post(f"/api/stories/{SEED}/documents", json={"text": "x", "published": "2022-01-01"},
                           headers=auth())
    assert "Access-Control-Allow-Origin" not in response.headers


def test_the_embed_view_has_no_site_chrome_and_only_this_site_may_frame_it_by_default(client, seeded):
    response = client.get(f"/stories/{SEED}/embed")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    head = Head(html)
    assert "header" not in head.tags and "footer" not in head.tags and "form" not in head.tags
    assert "Zum Inhalt springen" not in html and "Abonnieren" not in html
    assert html.count('<li class="event') == len(seed_story().events)
    assert "Bote übergibt die Antwort der Nato" in html
    assert "frame-ancestors 'self'" in response.headers["Content-Security-Policy"]
    assert "X-Frame-Options" not in response.headers
    page = client.get(f"/stories/{SEED}")
    assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]
    assert page.headers["X-Frame-Options"] == "DENY"
    assert client.get("/stories/nope/embed").status_code == 404


def test_frame_ancestors_come_from_the_environment_and_typos_are_refused(tmp_path, monkeypatch):
    from feeds.web.app import config_from_env, create_app

    origins = "https://news.example.org https://*.example.com:8443"
    config = config_from_env({"TIMELINE_FRAME_ANCESTORS": origins})
    app = create_app({"SECRET_KEY": "k", **{k: v for k, v in config.items() if k == "FRAME_ANCESTORS"},
                      "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}"}, instance_path=str(tmp_path))
    with app.app_context():
        from feeds.web.app import get_store

        store_sample(get_store(), seed_story())
    policy = app.test_client().get(f"/stories/{SEED}/embed").headers["Content-Security-Policy"]
    assert f"frame-ancestors {origins}" in policy
    for bad in ("news.example.org", "https://x.org/path", "javascript:alert(1)", "https://a.org;script-src *"):
        with pytest.raises(ValueError, match="TIMELINE_FRAME_ANCESTORS"):
            config_from_env({"TIMELINE_FRAME_ANCESTORS": bad})


def test_the_page_has_description_open_graph_and_canonical_link(client, seeded):
    head = Head(client.get(f"/stories/{SEED}").get_data(as_text=True))
    description = head.meta["description"]
    assert description.startswith("Zeitleiste mit 7 Ereignissen aus 1 Artikel: ")
    assert "Nato-Russland-Grundakte" in description and len(description) <= 160
    assert head.meta["og:title"] == "Nato antwortet Russland"
    assert head.meta["og:description"] == description
    assert head.meta["og:url"] == "http://localhost/stories/nato-antwort"
    assert head.meta["og:type"] == "article"
    canonical = [link["href"] for link in head.links if link.get("rel") == "canonical"]
    assert canonical == ["http://localhost/stories/nato-antwort"]
    raw = client.get("/stories/hostile").get_data(as_text=True)
    assert '<meta name="description" content="Zeitleiste mit 3 Ereignissen aus 2 Artikeln: &lt;script&gt;' in raw
    assert not re.search("[\x00-\x08]", Head(raw).meta["description"])


def test_the_page_links_the_json_feed_for_discovery(client, seeded):
    head = Head(client.get(f"/stories/{SEED}").get_data(as_text=True))
    feeds = [link for link in head.links if link.get("type") == "application/feed+json"]
    assert [link["href"] for link in feeds] == ["/stories/nato-antwort/feed.json"]
    assert feeds[0]["rel"] == "alternate"
    assert client.get(feeds[0]["href"]).headers["Content-Type"] == "application/feed+json"
