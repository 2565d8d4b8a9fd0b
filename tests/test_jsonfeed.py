"""JSON Feed 1.1: checked against a JSON Schema written here from the spec's own words
(https://jsonfeed.org/version/1.1: required `version`, `title`, `items`; each item an `id`
string and `content_html` or `content_text`; URLs, RFC 3339 dates), and against the Atom
feed: same entries, ids, titles and order. feedparser 6.0 does not read JSON Feed."""
import json
from datetime import datetime

import jsonschema
import pytest

from feeds.render.atom import render_atom
from feeds.render.registry import RENDERERS, renderer_for_filename
from story_samples import ALL_SAMPLES, BASE_URL, hostile_story, seed_story

URL = {"type": "string", "format": "uri", "pattern": "^https?://"}
DATE = {"type": "string", "format": "date-time"}
AUTHOR = {"type": "object", "properties": {"name": {"type": "string"}, "url": URL},
          "anyOf": [{"required": ["name"]}, {"required": ["url"]}]}
ITEM = {
    "type": "object",
    "required": ["id"],
    "properties": {
        "id": {"type": "string", "minLength": 1}, "url": URL, "external_url": URL,
        "title": {"type": "string"}, "content_html": {"type": "string"},
        "content_text": {"type": "string"}, "summary": {"type": "string"}, "image": URL,
        "date_published": DATE, "date_modified": DATE,
        "authors": {"type": "array", "items": AUTHOR},
        "tags": {"type": "array", "items": {"type": "string"}}, "language": {"type": "string"},
    },
    "anyOf": [{"required": ["content_html"]}, {"required": ["content_text"]}],
}
SCHEMA = {
    "type": "object",
    "required": ["version", "title", "items"],
    "properties": {
        "version": {"const": "https://jsonfeed.org/version/1.1"},
        "title": {"type": "string", "minLength": 1}, "home_page_url": URL, "feed_url": URL,
        "description": {"type": "string"}, "language": {"type": "string"},
        "authors": {"type": "array", "items": AUTHOR},
        "items": {"type": "array", "items": ITEM},
    },
}


def feed(story):
    _, renderer = renderer_for_filename("feed.json")
    return json.loads(renderer.render(story, base_url=BASE_URL).decode("utf-8"))


@pytest.mark.parametrize("sample", ALL_SAMPLES)
def test_every_sample_is_valid_json_feed_1_1(sample):
    data = feed(ALL_SAMPLES[sample]())
    jsonschema.validate(data, SCHEMA, format_checker=jsonschema.FormatChecker())
    ids = [item["id"] for item in data["items"]]
    assert len(ids) == len(set(ids)) == len(ALL_SAMPLES[sample]().events)
    for item in data["items"]:
        assert datetime.fromisoformat(item["date_modified"]).tzinfo is not None


def test_the_schema_catches_what_the_spec_forbids():
    good = feed(seed_story())
    for broken in ({**good, "version": "1"}, {k: v for k, v in good.items() if k != "items"},
                   {**good, "items": [{"id": "x"}]}, {**good, "items": [{"content_text": "x"}]}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(broken, SCHEMA)


def test_same_entries_as_the_atom_feed():
    from lxml import etree

    story = seed_story()
    atom = etree.fromstring(render_atom(story, base_url=BASE_URL))
    ns = "{http://www.w3.org/2005/Atom}"
    entries = [(e.findtext(ns + "id"), e.findtext(ns + "title")) for e in atom.iter(ns + "entry")]
    data = feed(story)
    assert [(item["id"], item["title"]) for item in data["items"]] == entries
    assert data["feed_url"] == f"{BASE_URL}/stories/nato-antwort/feed.json"
    assert data["home_page_url"] == f"{BASE_URL}/stories/nato-antwort"
    handover = next(item for item in data["items"] if item["id"].endswith("/handover"))
    assert handover["title"] == "Bote übergibt die Antwort der Nato"
    assert handover["summary"] == "Mittwoch, 26. Januar 2022, nachmittags"


def test_registered_and_hostile_text_stays_data():
    assert RENDERERS["jsonfeed"].media_type == "application/feed+json"
    data = feed(hostile_story())
    text = json.dumps(data)
    assert "<script>" not in "".join(item["content_html"] for item in data["items"])
    assert "\\u0000" not in text
