"""schema.org JSON-LD for the story page (NewsArticle + ItemList), and its safe embedding."""
import json
import re
from dataclasses import replace

from feeds.render.jsonld import jsonld_script, render_jsonld
from story_samples import BASE_URL, granularities_story, hostile_story, seed_story


def items(story):
    data = render_jsonld(story, base_url=BASE_URL)
    return {item["@id"].rsplit("#event-", 1)[1]: item for item in data["mainEntity"]["itemListElement"]}


def test_the_page_is_a_news_article_listing_its_events_in_order():
    story = seed_story()
    data = render_jsonld(story, base_url=BASE_URL)
    assert data["@context"] == "https://schema.org" and data["@type"] == "NewsArticle"
    assert data["headline"] == "Nato antwortet Russland"
    assert data["url"] == f"{BASE_URL}/stories/nato-antwort"
    listing = data["mainEntity"]
    assert listing["@type"] == "ItemList" and listing["numberOfItems"] == len(story.events)
    assert [item["position"] for item in listing["itemListElement"]] == list(range(1, 8))
    assert [item["url"].rsplit("#event-")[1] for item in listing["itemListElement"]] == \
        [stored.key for stored in story.events]
    assert data["isBasedOn"][0]["url"].startswith("https://news.example.com/")
    handover = items(story)["handover"]
    assert handover["name"] == "Bote übergibt die Antwort der Nato"
    assert handover["description"].startswith("Dort übergab ein Bote")


def test_past_news_is_no_schema_org_event():
    for story in (seed_story(), granularities_story()):
        assert all("item" not in item for item in items(story).values())
    assert '"Event"' not in json.dumps(render_jsonld(seed_story(), base_url=BASE_URL))


def test_a_scheduled_future_happening_is_an_event_at_its_precision():
    story = granularities_story()
    future = {"quarter": ("2022-04", "month"), "clock": ("2022-02-03T19:00", "time"),
              "week": ("2022-W09", "week")}
    events = []
    for stored in story.events:
        if stored.key in future:
            value, granularity = future[stored.key]
            stored = replace(stored, event=replace(stored.event, value=value, granularity=granularity))
        events.append(stored)
    found = items(replace(story, events=tuple(events)))
    assert found["quarter"]["item"] == {"@type": "Event", "name": "Treffen geplant",
                                        "url": found["quarter"]["url"],
                                        "eventStatus": "https://schema.org/EventScheduled",
                                        "startDate": "2022-04"}
    assert found["clock"]["item"]["startDate"] == "2022-02-03T19:00:00+01:00"
    assert (found["week"]["item"]["startDate"], found["week"]["item"]["endDate"]) == ("2022-02-28", "2022-03-06")
    assert "item" not in found["mauer"]


def test_script_embedding_cannot_close_the_script_element():
    data = render_jsonld(hostile_story(), base_url=BASE_URL)
    script = jsonld_script(data)
    assert not re.search(r"[<>&]", script)
    assert json.loads(script) == data
    assert "javascript:" not in script
    assert all("\x00" not in item["description"] for item in data["mainEntity"]["itemListElement"])
