"""schema.org Event JSON-LD for the story page, and its safe embedding in HTML."""
import json
import re

from feeds.render.jsonld import jsonld_script, render_jsonld
from story_samples import BASE_URL, granularities_story, hostile_story, seed_story


def by_id(story):
    return {item["@id"].rsplit("#event-", 1)[1]: item for item in render_jsonld(story, base_url=BASE_URL)}


def test_events_with_dates_at_their_precision():
    seed = by_id(seed_story())
    assert len(seed) == len(seed_story().events)
    grundakte = seed["grundakte"]
    assert grundakte["@context"] == "https://schema.org" and grundakte["@type"] == "Event"
    assert grundakte["startDate"] == "1997" and "endDate" not in grundakte
    assert seed["office-closed"]["startDate"] == "2021-11"
    assert seed["handover"]["startDate"] == "2022-01-26"
    assert seed["handover"]["url"] == f"{BASE_URL}/stories/nato-antwort#event-handover"
    assert seed["handover"]["eventStatus"] == "https://schema.org/EventScheduled"
    assert seed["handover"]["subjectOf"]["url"].startswith("https://news.example.com/")
    assert "startDate" not in seed["russian-reply"] and "startDate" not in seed["weeks"]
    shapes = by_id(granularities_story())
    assert shapes["clock"]["startDate"] == "2022-01-26T20:30:00+01:00"
    assert shapes["mauer"]["startDate"] == "1965-07-30T15:00:00+01:00"
    assert (shapes["quarter"]["startDate"], shapes["quarter"]["endDate"]) == ("2022-01-01", "2022-03-31")
    assert shapes["since"]["startDate"] == "2021-11"
    assert "endDate" not in shapes["since"]


def test_script_embedding_cannot_close_the_script_element():
    data = render_jsonld(hostile_story(), base_url=BASE_URL)
    script = jsonld_script(data)
    assert not re.search(r"[<>&]", script)
    assert json.loads(script) == data
    assert "javascript:" not in script
    assert all("\x00" not in item["description"] for item in data)
