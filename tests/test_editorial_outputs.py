"""What readers and subscribers get from an editor's pin and note, renderer by renderer (the
model's `StoredEvent.pinned` / `.note`, as the store hands them out), read back with parsers
independent of the writers."""
import json
from dataclasses import replace

import defusedxml.ElementTree as SafeET
from icalendar import Calendar

from feeds.render.atom import render_atom
from feeds.render.jsonfeed import render_jsonfeed
from feeds.render.ical import render_ics
from feeds.render.timelinejs import render_timelinejs
from story_samples import BASE_URL, seed_story

ATOM = "{http://www.w3.org/2005/Atom}"
NOTE = "Die Redaktion hat den Termin <beim> Ministerium bestätigt."


def _curated():
    story = seed_story()
    first = story.events[0]
    events = (replace(first, pinned=True, note=NOTE),) + story.events[1:]
    return replace(story, events=events), first.key


def test_the_note_is_in_the_feed_content_escaped_and_only_for_its_event():
    story, key = _curated()
    root = SafeET.fromstring(render_atom(story, base_url=BASE_URL))
    contents = {e.findtext(ATOM + "id").rsplit("/", 1)[1]: e.findtext(ATOM + "content")
                for e in root.iter(ATOM + "entry")}
    assert "Hinweis der Redaktion: Die Redaktion hat den Termin &lt;beim&gt; Ministerium" in contents[key]
    assert sum("Hinweis der Redaktion" in html for html in contents.values()) == 1
    items = json.loads(json.dumps(render_jsonfeed(story, base_url=BASE_URL)))["items"]
    assert sum("Hinweis der Redaktion" in item["content_html"] for item in items) == 1


def test_timelinejs_marks_the_pinned_event_and_carries_the_note():
    story, key = _curated()
    slides = {s["unique_id"]: s for s in render_timelinejs(story, base_url=BASE_URL)["events"]}
    assert slides[key]["text"]["text"].startswith("<p><strong>Schlüsselereignis</strong></p>")
    assert "&lt;beim&gt;" in slides[key]["text"]["text"]
    assert sum("Schlüsselereignis" in s["text"]["text"] for s in slides.values()) == 1


def test_the_calendar_description_carries_the_note():
    story, key = _curated()
    calendar = Calendar.from_ical(render_ics(story, base_url=BASE_URL))
    described = [str(v["DESCRIPTION"]) for v in calendar.walk("VEVENT") if NOTE in str(v["DESCRIPTION"])]
    assert len(described) == 1 and "Hinweis der Redaktion" in described[0]


def test_the_page_marks_the_pinned_event_and_shows_the_note(app, client, web_store):
    from web_helpers import store_sample

    store_sample(web_store, seed_story())
    key = web_store.story("nato-antwort").events[0].key
    web_store.correct_event("nato-antwort", key, {"pinned": True, "note": NOTE}, editor="test")
    html = client.get("/stories/nato-antwort").get_data(as_text=True)
    start = html.rindex("<li", 0, html.index(f'id="event-{key}"'))
    item = html[start:html.index("</li>", start)]
    assert "event--pinned" in item and "Schlüsselereignis" in item
    assert "Hinweis der Redaktion" in item and "&lt;beim&gt;" in item
    assert html.count("event--pinned") == 1
    embed = client.get("/stories/nato-antwort/embed").get_data(as_text=True)
    assert embed.count("event--pinned") == 1 and "&lt;beim&gt;" in embed
