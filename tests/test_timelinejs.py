"""TimelineJS 3 JSON: fields at the true granularity, honest placement of undated events, escaped HTML."""
import json
from html.parser import HTMLParser

from feeds.render.registry import RENDERERS
from feeds.render.timelinejs import render_timelinejs
from golden_files import assert_matches_golden
from story_samples import BASE_URL, granularities_story, hostile_story, seed_story


def slides(story):
    return {slide["unique_id"]: slide for slide in render_timelinejs(story, base_url=BASE_URL)["events"]}


def test_one_slide_per_event_in_story_order_with_unique_ids():
    story = seed_story()
    data = render_timelinejs(story, base_url=BASE_URL)
    assert [slide["unique_id"] for slide in data["events"]] == [item.key for item in story.events]
    assert data["title"]["text"]["headline"] == "Nato antwortet Russland"
    for slide in data["events"]:
        assert slide["text"]["headline"] and slide["text"]["text"]
        assert isinstance(slide["start_date"]["year"], int)


def test_start_dates_carry_exactly_the_known_fields():
    seed = slides(seed_story())
    assert seed["grundakte"]["start_date"] == {"year": 1997, "display_date": "1997"}
    assert seed["office-closed"]["start_date"] == {"year": 2021, "month": 11, "display_date": "November 2021"}
    assert seed["handover"]["start_date"] == {"year": 2022, "month": 1, "day": 26, "hour": 12,
                                              "display_date": "Mittwoch, 26. Januar 2022, nachmittags"}
    # a continuing event carries the time of the event it continues (see the order test)
    assert seed["sullivan"]["start_date"] == {"year": 2022, "month": 1, "day": 26, "hour": 12,
                                              "display_date": "Mittwoch, 26. Januar 2022"}
    shapes = slides(granularities_story())
    assert shapes["clock"]["start_date"] == {"year": 2022, "month": 1, "day": 26, "hour": 20, "minute": 30,
                                             "display_date": "26. Januar 2022, 20:30 Uhr"}
    assert shapes["quarter"]["start_date"] == {"year": 2022, "month": 1, "display_date": "1. Quartal 2022"}
    assert shapes["week"]["start_date"] == {"year": 2022, "month": 1, "day": 24, "display_date": "KW 4/2022"}
    assert shapes["since"]["start_date"] == {"year": 2021, "month": 11, "display_date": "seit November 2021"}


def _sort_key(start: dict) -> tuple:
    return tuple(start.get(name, 0) for name in ("year", "month", "day", "hour", "minute"))


def test_sorting_by_time_as_timelinejs_does_keeps_the_page_order():
    """TimelineJS sorts slides by start_date (stably); continuing events ("sullivan", "press"
    go on from the afternoon handover) must not jump before the event they continue."""
    data = render_timelinejs(seed_story(), base_url=BASE_URL)  # a story in chronological order
    dated = [slide for slide in data["events"] if "group" not in slide]
    assert sorted(dated, key=lambda slide: _sort_key(slide["start_date"])) == dated
    keys = [slide["unique_id"] for slide in render_timelinejs(seed_story(), base_url=BASE_URL)["events"]]
    assert keys.index("handover") < keys.index("sullivan") < keys.index("press")


def test_undated_events_say_so_and_sit_where_they_could_first_happen():
    seed = slides(seed_story())
    reply = seed["russian-reply"]
    assert reply["start_date"] == {"year": 2022, "month": 1, "day": 27, "display_date": "Datum offen"}
    assert reply["group"] == "Datum offen"
    assert seed["weeks"]["start_date"]["display_date"] == "laufend"
    assert seed["weeks"]["group"] == "laufend"
    assert "group" not in seed["grundakte"]
    past = slides(granularities_story())["past"]
    assert past["start_date"] == {"year": 2022, "month": 1, "day": 27,
                                  "display_date": "früher (ohne genaue Zeitangabe)"}
    assert past["group"] == "unbestimmt"


def test_slide_text_has_sentence_and_linked_source():
    text = slides(seed_story())["sullivan"]["text"]["text"]
    assert "John Sullivan die Antwort Washingtons" in text
    assert '<a href="https://news.example.com/politik/nato-russland-antwort-1.5516620">' in text


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attributes = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes.extend(attrs)


def test_hostile_text_is_escaped():
    data = render_timelinejs(hostile_story(), base_url=BASE_URL)
    html_fields = [data["title"]["text"]["headline"], data["title"]["text"]["text"]]
    for slide in data["events"]:
        html_fields += [slide["text"]["headline"], slide["text"]["text"]]
    for field in html_fields:
        collect = _Collect()
        collect.feed(field)
        assert set(collect.tags) <= {"p", "a"}, (collect.tags, field)
        assert all(name == "href" and value.startswith("https://") for name, value in collect.attributes)
        assert "\x00" not in field and "\x1b" not in field
    raw = RENDERERS["timelinejs"].render(hostile_story(), base_url=BASE_URL)
    assert b"javascript:" not in raw
    assert json.loads(raw) == data


def test_registered_renderer_is_deterministic_json():
    first = RENDERERS["timelinejs"].render(seed_story(), base_url=BASE_URL)
    assert first == RENDERERS["timelinejs"].render(seed_story(), base_url=BASE_URL)
    assert json.loads(first) == render_timelinejs(seed_story(), base_url=BASE_URL)


def test_golden_seed_timeline():
    assert_matches_golden("nato-antwort.timeline.json",
                          RENDERERS["timelinejs"].render(seed_story(), base_url=BASE_URL))
