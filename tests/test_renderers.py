"""The format registry the web app and the static build iterate over."""
import pytest

from feeds.render.registry import RENDERERS, renderer_for_filename
from story_samples import BASE_URL, seed_story


def test_registered_formats_match_the_public_routes():
    assert {name: (r.media_type, r.filename) for name, r in RENDERERS.items()} == {
        "atom": ("application/atom+xml; charset=utf-8", "feed.atom"),
        "jsonfeed": ("application/feed+json", "feed.json"),
        "ics": ("text/calendar; charset=utf-8", "calendar.ics"),
        "timelinejs": ("application/json", "timeline.json"),
        "json": ("application/json", "story.json"),
    }
    media_type, filename, render = RENDERERS["atom"]  # unpacks like the tuple it is
    assert filename == "feed.atom" and callable(render)


@pytest.mark.parametrize("name", RENDERERS)
def test_every_renderer_takes_the_same_arguments_and_returns_stable_bytes(name):
    renderer = RENDERERS[name]
    served = f"http://127.0.0.1:5000/stories/nato-antwort/{renderer.filename}"
    body = renderer.render(seed_story(), base_url=BASE_URL, self_url=served, hub_url=None)
    assert isinstance(body, bytes) and body
    assert body == renderer.render(seed_story(), base_url=BASE_URL, self_url=served, hub_url=None)
    body.decode("utf-8")


def test_self_url_reaches_the_feed():
    served = "http://127.0.0.1:5000/stories/nato-antwort/feed.atom"
    assert f'href="{served}" rel="self"'.encode() in RENDERERS["atom"].render(
        seed_story(), base_url="http://127.0.0.1:5000", self_url=served)


def test_lookup_by_filename():
    assert renderer_for_filename("calendar.ics")[0] == "ics"
    assert renderer_for_filename("index.html") is None


# --- any event the store could hand us renders into valid files ------------------------

from dataclasses import replace  # noqa: E402
from datetime import datetime, timedelta, timezone  # noqa: E402
from xml.etree import ElementTree  # noqa: E402

import feedparser  # noqa: E402
from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402

from ical_rules import ical_problems  # noqa: E402
from story_samples import hostile_story  # noqa: E402
from timeline.dates.display import format_event_date  # noqa: E402
from timeline.model import Event  # noqa: E402

_year = st.integers(min_value=0, max_value=9999).map(lambda y: f"{y:04d}")
_two = st.integers(min_value=0, max_value=99).map(lambda n: f"{n:02d}")
VALUES = st.one_of(
    st.none(),
    st.sampled_from(["PRESENT_REF", "PAST_REF", "FUTURE_REF", "PXW", "XXXX-11", "2022-SU", "199", ""]),
    _year,
    st.builds(lambda y, m: f"{y}-{m}", _year, _two),
    st.builds(lambda y, q: f"{y}-Q{q}", _year, st.integers(0, 5)),
    st.builds(lambda y, w: f"{y}-W{w}", _year, _two),
    st.builds(lambda y, m, d: f"{y}-{m}-{d}", _year, _two, _two),
    st.builds(lambda y, m, d, p: f"{y}-{m}-{d}T{p}", _year, _two, _two, st.sampled_from(["MO", "AF", "EV", "NI", "XX"])),
    st.builds(lambda y, m, d, h, mi: f"{y}-{m}-{d}T{h}:{mi}", _year, _two, _two, _two, _two),
)
BOUNDS = st.one_of(st.none(), st.dates().map(lambda d: d.isoformat()), st.text(max_size=12))
TEXTS = st.text(max_size=120)
EVENTS = st.builds(
    Event, id=st.just("e"), headline=TEXTS, sentence=TEXTS, start=st.just(0), end=st.just(0),
    status=st.sampled_from(["dated", "ongoing", "open", "vague"]), value=VALUES,
    granularity=st.sampled_from([None, "year", "quarter", "month", "week", "day", "part-of-day", "time", "x"]),
    earliest=BOUNDS, latest=BOUNDS)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(events=st.lists(EVENTS, min_size=1, max_size=4), title=TEXTS,
       moments=st.lists(st.datetimes(min_value=datetime(1971, 1, 1), max_value=datetime(2037, 1, 1)),
                        min_size=4, max_size=4))
def test_any_events_render_into_valid_files(events, title, moments):
    base = hostile_story()
    template = base.events[0]
    stored = tuple(replace(template, key=f"k{i}", event=event, created=moments[i] - timedelta(days=1),
                           updated=moments[i].replace(tzinfo=timezone.utc), sequence=i)
                   for i, event in enumerate(events))
    story = replace(base, title=title, events=stored)
    for event in events:
        assert format_event_date(event)
    atom = RENDERERS["atom"].render(story, base_url=BASE_URL)
    assert feedparser.parse(atom).bozo == 0
    assert len(ElementTree.fromstring(atom).findall("{http://www.w3.org/2005/Atom}entry")) == len(events)
    assert ical_problems(RENDERERS["ics"].render(story, base_url=BASE_URL)) == []
    assert RENDERERS["timelinejs"].render(story, base_url=BASE_URL).decode("utf-8")


def test_the_api_story_is_the_registered_json_renderer(client, web_store):
    from web_helpers import store_sample
    import json

    store_sample(web_store, seed_story(), "nato")
    api = client.get("/api/stories/nato")
    served = client.get("/stories/nato/story.json")
    assert api.status_code == served.status_code == 200
    assert json.loads(api.data) == json.loads(served.data)
    assert json.loads(api.data)["events"][0]["key"]
