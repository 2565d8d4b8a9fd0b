"""A long story's page as first shown stays the same work as the story grows (issue 13):
the same SQL statements, the same events decoded and rendered, the same Python run in the
renderer, and a few sources per event — counted, not timed. Every event stays reachable
through the year navigation's section pages, without JavaScript."""
from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import timeline.store.reading as reading
from feeds.render.story_parts import FIRST_VIEW_ASIDE, FIRST_VIEW_EVENTS, SOURCES_SHOWN
from test_store_groups import count_statements
from timeline.model import Event, Timeline
from work_counting import lines_run

ROOT = Path(__file__).resolve().parents[1]
START = date(2022, 1, 1)
WORDS = ("Hafen", "Brücke", "Schule", "Bahnhof", "Rathaus", "Museum", "Stadion", "Klinik")
EVENT = re.compile(r'<li class="event[ "]')


def event(ident: str, sentence: str, status: str = "dated", day: date | None = None) -> Event:
    iso = day.isoformat() if day else None
    return Event(id=ident, headline=sentence.rstrip("."), sentence=sentence, start=0,
                 end=len(sentence), anchor="own", timex=None, status=status, value=iso,
                 granularity="day" if iso else None, earliest=iso, latest=iso)


def name(number: int) -> str:
    """A capitalized word of its own for each number ("Ortbc"): merging compares words, and
    two reports that each name something the other lacks are never one event."""
    letters = ""
    while True:
        number, digit = divmod(number, 26)
        letters += chr(ord("a") + digit)
        if not number:
            return "Ort" + letters


def article(number: int) -> Timeline:
    """Eight dated events of its own (each names a place no other names: never merged), one
    announced and one undated, and the treaty every article retells (one growing group)."""
    day = START + timedelta(days=number)
    own = [event(f"d{j}", f"Die {WORDS[j]} am {name(number * 8 + j)} wurde eröffnet.", day=day)
           for j in range(len(WORDS))]
    own.append(event("o", f"Die Abstimmung über {name(number)} soll folgen.", status="open"))
    own.append(event("v", f"Früher stand dort das Gebäude {name(number)}.", status="vague"))
    own.append(event("t", "Am 1. Januar 2030 soll der Vertrag der Minister gelten.",
                     day=date(2030, 1, 1)))
    return Timeline(published=day, lang="de", events=tuple(own))


def grow(store, start: int, stop: int) -> None:
    for number in range(start, stop):
        timeline = article(number)
        store.save_document("lang", f"Artikel {number}.", timeline.published, timeline,
                            title=f"Artikel {number}", url=f"https://news.example/{number}")


def build_pages(app, runner, site):
    """`timeline build --pages-only` of the app's database into `site`."""
    from timeline.cli.group import cli

    result = runner.invoke(cli, ["build", str(site), "--database", app.config["DATABASE_URL"],
                                 "--pages-only"], env={"TIMELINE_SECRET_KEY": "k"})
    assert result.exit_code == 0, result.output
    return site


def read_work(client, store, monkeypatch, path: str) -> dict:
    """What one GET of `path` costs: SQL statements, events decoded, events shown, the page."""
    decoded = []
    original = reading.event_from_json

    def counting(data):
        decoded.append(1)
        return original(data)
    monkeypatch.setattr(reading, "event_from_json", counting)
    with count_statements(store) as statements:
        html = client.get(path).get_data(as_text=True)
    monkeypatch.setattr(reading, "event_from_json", original)
    return {"statements": len(statements), "decoded": len(decoded),
            "events": len(EVENT.findall(html)), "html": html}


def first_view_work(client, store, monkeypatch) -> dict:
    work = read_work(client, store, monkeypatch, "/stories/lang")
    work["rendered lines"], _ = lines_run(str(ROOT / "feeds" / "render"), client.get, "/stories/lang")
    return work


def test_the_first_view_is_the_same_work_at_20_and_at_80_articles(client, web_store,
                                                                  monkeypatch):
    grow(web_store, 0, 20)
    small = first_view_work(client, web_store, monkeypatch)
    grow(web_store, 20, 80)
    large = first_view_work(client, web_store, monkeypatch)
    assert web_store.story_outline("lang").events == 80 * 10 + 1     # 4x the events
    assert large["statements"] == small["statements"]
    assert large["decoded"] == small["decoded"] <= 2 * (FIRST_VIEW_EVENTS + 2 * FIRST_VIEW_ASIDE)
    assert large["events"] == small["events"] == FIRST_VIEW_EVENTS + 2 * FIRST_VIEW_ASIDE
    assert large["rendered lines"] <= 1.05 * small["rendered lines"]
    # the treaty, retold 80 times: its first sources named, the others counted
    (treaty,) = [item for item in large["html"].split('<li class="event')[1:]
                 if "Vertrag der Minister" in item]
    assert treaty.count('href="https://news.example/') == SOURCES_SHOWN
    assert f"und {80 - SOURCES_SHOWN} weitere" in treaty
    assert "801 Ereignisse aus 80 Artikeln" in large["html"]


def test_every_event_is_on_its_sections_page_and_the_navigation_links_them(client, web_store):
    grow(web_store, 0, 20)
    outline = web_store.story_outline("lang")
    html = client.get("/stories/lang").get_data(as_text=True)
    nav = re.search(r'<nav class="year-nav".*?</nav>', html, re.S).group(0)
    links = re.findall(r'href="([^"]+)"', nav)
    assert links == ["/stories/lang/2022", "/stories/lang/2030", "/stories/lang/undated",
                     "/stories/lang/open"]
    assert 'aria-current' not in nav
    seen = []
    for link, (section, count) in zip(links, outline.sections):
        page = client.get(link)
        assert page.status_code == 200
        text = page.get_data(as_text=True)
        assert f'href="{link}" aria-current="page"' in text
        pager = re.search(r'<nav class="page-nav".*?</nav>', text, re.S)   # a long section's pages
        further = re.findall(r'<a href="([^"]+)">\d+</a>', pager.group(0)) if pager else []
        anchors = re.findall(r'<li class="event[^"]*" id="([^"]+)"', text)
        for other in further:
            anchors += re.findall(r'<li class="event[^"]*" id="([^"]+)"',
                                  client.get(other).get_data(as_text=True))
        assert len(anchors) == count
        seen += anchors
    keys = {f"event-{s.key}" for s in web_store.story("lang").events}
    assert sorted(seen) == sorted(keys)                  # every event once, on its page
    assert client.get("/stories/lang/1999").status_code == 404
    assert client.get("/stories/lang/0999").status_code == 404
    assert "<script" not in html.split("</head>", 1)[1]   # plain links, no JavaScript


def test_a_one_article_story_names_its_source_once_also_when_long(client, web_store):
    day = START
    events = [event(f"d{i}", f"Die {WORDS[i % 8]} am {name(i)} wurde eröffnet.",
                    day=day + timedelta(days=i)) for i in range(FIRST_VIEW_EVENTS + 30)]
    web_store.save_document("lang", "Ein langer Text.", day,
                            Timeline(published=day, lang="de", events=tuple(events)),
                            title="Der lange Bericht", url="https://news.example/lang")
    html = client.get("/stories/lang").get_data(as_text=True)
    assert len(EVENT.findall(html)) == FIRST_VIEW_EVENTS
    assert html.split("</head>", 1)[1].count('href="https://news.example/lang"') == 1
    assert 'class="story-header__source"' in html and 'class="event__source"' not in html


def test_the_static_site_writes_the_sections_pages(app, web_store, runner, tmp_path):
    grow(web_store, 0, 12)
    site = build_pages(app, runner, tmp_path / "site")
    first = (site / "stories/lang/index.html").read_text(encoding="utf-8")
    assert 'href="../../stories/lang/2022/index.html"' in first
    year = (site / "stories/lang/2022/index.html").read_text(encoding="utf-8")
    assert len(EVENT.findall(year)) == 12 * len(WORDS)
    assert 'href="../../../stories/lang/index.html"' in year


def test_sections_follow_the_editors_corrections(store):
    """Sections are chosen by the stored (extracted) dates; an event an editor dated
    elsewhere is counted and shown where the correction puts it, a hidden one nowhere."""
    from timeline.store.sections import Selection
    grow(store, 0, 12)
    story = store.story("lang")
    in_2022 = [e for e in story.events if (e.event.earliest or "").startswith("2022")]
    moved, hidden = in_2022[3].key, in_2022[7].key
    before = store.story_outline("lang")
    store.correct_event("lang", moved, {"when": "2019-05"}, editor="anna")
    store.correct_event("lang", hidden, {"hidden": True}, editor="anna")

    outline = store.story_outline("lang")
    assert outline.count(2019) == 1
    assert outline.count(2022) == before.count(2022) - 2
    assert outline.events == before.events - 1
    keys = lambda section: {e.key for e in store.story("lang", selections=(Selection(section),)).events}
    assert keys(2019) == {moved}
    assert moved not in keys(2022) and hidden not in keys(2022)
    assert len(keys(2022)) == outline.count(2022)
