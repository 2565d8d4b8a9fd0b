"""The Atom feed: valid for feedparser, and the RFC 4287 musts checked on the XML itself."""
import re
from datetime import datetime, timezone
from html.parser import HTMLParser
from xml.etree import ElementTree

import feedparser

from feeds.render.atom import render_atom
from golden_files import assert_matches_golden
from story_samples import BASE_URL, changed, granularities_story, hostile_story, seed_story
from timeline.model import Story

A = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SELF = "https://zeitleiste.example.org/stories/nato-antwort/feed.atom"
RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")


def feed_xml(story, **kwargs) -> ElementTree.Element:
    return ElementTree.fromstring(render_atom(story, base_url=BASE_URL, **kwargs))


def entries_by_id(root):
    return {entry.findtext(A + "id"): entry for entry in root.findall(A + "entry")}


def test_feedparser_reads_every_sample_without_complaint():
    for story in (seed_story(), granularities_story(), hostile_story()):
        parsed = feedparser.parse(render_atom(story, base_url=BASE_URL))
        assert parsed.bozo == 0, parsed.get("bozo_exception")
        assert parsed.version == "atom10"
        assert len(parsed.entries) == len(story.events)


def test_feed_level_musts():
    root = feed_xml(seed_story(), self_url=SELF)
    assert root.get(XML_LANG) == "de"
    assert root.findtext(A + "id") == "tag:zeitleiste.example.org,2026:story/nato-antwort"
    assert root.findtext(A + "title") == "Nato antwortet Russland"
    assert RFC3339.fullmatch(root.findtext(A + "updated"))
    assert root.find(A + "author").findtext(A + "name")
    self_links = [link for link in root.findall(A + "link") if link.get("rel") == "self"]
    assert len(self_links) == 1
    assert self_links[0].get("href") == SELF
    assert self_links[0].get("type") == "application/atom+xml"


def test_self_link_is_the_served_url_and_absolute():
    served = "http://127.0.0.1:5000/stories/nato-antwort/feed.atom"
    root = feed_xml(seed_story(), self_url=served)
    assert [l.get("href") for l in root.findall(A + "link") if l.get("rel") == "self"] == [served]
    default = feed_xml(seed_story())
    assert [l.get("href") for l in default.findall(A + "link") if l.get("rel") == "self"] == [SELF]


def test_entry_musts_and_stable_ids():
    story = seed_story()
    root = feed_xml(story)
    entries = root.findall(A + "entry")
    assert len(entries) == len(story.events)
    ids = [entry.findtext(A + "id") for entry in entries]
    assert len(set(ids)) == len(ids)
    assert set(ids) == {f"tag:zeitleiste.example.org,2026:story/nato-antwort/event/{e.key}" for e in story.events}
    for entry in entries:
        assert len(entry.findall(A + "id")) == 1 and len(entry.findall(A + "updated")) == 1
        assert entry.findtext(A + "title").strip()
        assert RFC3339.fullmatch(entry.findtext(A + "updated"))
        assert entry.find(A + "content").get("type") == "html"


def test_entry_links_keep_their_attributes_despite_feedgen_135():
    story = seed_story()
    for entry_id, entry in entries_by_id(feed_xml(story)).items():
        links = entry.findall(A + "link")
        assert len(links) == 1
        key = entry_id.rsplit("/", 1)[1]
        assert links[0].attrib == {"href": f"{BASE_URL}/stories/nato-antwort#event-{key}",
                                   "rel": "alternate", "type": "text/html"}


def test_updated_is_each_events_last_change_never_now():
    story = seed_story()
    entries = entries_by_id(feed_xml(story))
    for stored in story.events:
        entry = entries[f"tag:zeitleiste.example.org,2026:story/nato-antwort/event/{stored.key}"]
        assert datetime.fromisoformat(entry.findtext(A + "updated")) == stored.updated
        assert datetime.fromisoformat(entry.findtext(A + "published")) == stored.created
    assert len({entry.findtext(A + "updated") for entry in entries.values()}) > 1


def test_feed_updated_is_the_newest_entry():
    story = seed_story()
    root = feed_xml(story)
    newest = max(stored.updated for stored in story.events)
    assert datetime.fromisoformat(root.findtext(A + "updated")) == newest


def test_output_is_byte_identical_and_clock_free():
    story = seed_story()
    first = render_atom(story, base_url=BASE_URL)
    assert first == render_atom(seed_story(), base_url=BASE_URL)
    today = datetime.now(timezone.utc).date().isoformat()
    assert today.encode() not in first


def test_a_changed_event_changes_only_its_own_entry():
    before = entries_by_id(feed_xml(seed_story()))
    after_root = feed_xml(changed(seed_story(), "sullivan"))
    after = entries_by_id(after_root)
    assert before.keys() == after.keys()
    changed_id = "tag:zeitleiste.example.org,2026:story/nato-antwort/event/sullivan"
    for entry_id in before:
        same = before[entry_id].findtext(A + "updated") == after[entry_id].findtext(A + "updated")
        assert same == (entry_id != changed_id), entry_id
    assert after_root.findtext(A + "updated") == after[changed_id].findtext(A + "updated")
    assert "(berichtigt)" in after[changed_id].findtext(A + "content")


def test_entries_newest_change_first_ties_in_story_order():
    story = seed_story()
    ids = [entry.findtext(A + "id").rsplit("/", 1)[1] for entry in feed_xml(story).findall(A + "entry")]
    assert ids == ["russian-reply", "handover", "grundakte", "office-closed", "sullivan", "press", "weeks"]


def test_content_has_sentence_date_and_source():
    entry = entries_by_id(feed_xml(seed_story()))[
        "tag:zeitleiste.example.org,2026:story/nato-antwort/event/office-closed"]
    html = entry.findtext(A + "content")
    assert "weil Russland im November sein Büro geschlossen hatte." in html
    assert "Wann: November 2021" in html
    assert '<a href="https://news.example.com/politik/nato-russland-antwort-1.5516620">' in html
    assert "Was hinter dem Gesprächsangebot der Nato an Russland steckt</a>" in html
    assert entry.findtext(A + "title") == "Russland schließt sein Büro bei der Nato"  # the date is in the content


def test_hub_link_only_when_asked():
    hub = "https://hub.example.org/"
    assert [l.get("href") for l in feed_xml(seed_story(), hub_url=hub).findall(A + "link")
            if l.get("rel") == "hub"] == [hub]
    assert not [l for l in feed_xml(seed_story()).findall(A + "link") if l.get("rel") == "hub"]


def test_story_without_events_is_still_a_valid_feed():
    story = seed_story()
    empty = Story(slug=story.slug, title=story.title, created=story.created, updated=story.updated)
    data = render_atom(empty, base_url=BASE_URL)
    assert feedparser.parse(data).bozo == 0
    root = ElementTree.fromstring(data)
    assert datetime.fromisoformat(root.findtext(A + "updated")) == story.updated
    assert root.findall(A + "entry") == []


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attributes, self.text = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes.extend(attrs)

    def handle_data(self, data):
        self.text.append(data)


def test_hostile_text_is_escaped_and_injects_nothing():
    story = hostile_story()
    data = render_atom(story, base_url=BASE_URL)
    root = ElementTree.fromstring(data)
    assert len(root.findall(A + "entry")) == len(story.events)
    ids = [element.text for element in root.iter(A + "id")]
    assert ids == ["tag:zeitleiste.example.org,2026:story/hostile"] + [
        f"tag:zeitleiste.example.org,2026:story/hostile/event/{key}"
        for key in ("evil-open", "evil-afternoon", "evil-day")]
    assert [element.text for element in root.iter(A + "title")].count("injected") == 0
    assert b"javascript:" not in data
    assert not re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]", data)
    for entry in root.findall(A + "entry"):
        tags = _Tags()
        tags.feed(entry.findtext(A + "content"))
        assert set(tags.tags) <= {"p", "a"}, tags.tags
        assert all(name == "href" and value.startswith("https://") for name, value in tags.attributes)
    evil_day = entries_by_id(root)["tag:zeitleiste.example.org,2026:story/hostile/event/evil-day"]
    tags = _Tags()
    tags.feed(evil_day.findtext(A + "content"))
    assert "<script>alert('x')</script>" in "".join(tags.text)  # shown as text, not run
    assert evil_day.findtext(A + "title") == '<script>alert("h")</script>]]> END:VEVENT'


def test_golden_seed_feed():
    assert_matches_golden("nato-antwort.atom", render_atom(seed_story(), base_url=BASE_URL))
