"""A long section (a year of a long story) is paged (issue 13): SECTION_PAGE_EVENTS events a
page in time order, every event on exactly one page, plain links between the pages (also in
`timeline build`'s static site), and a page the same work whatever the year's size —
counted, not timed."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

from feeds.render.story_parts import SECTION_PAGE_EVENTS
from test_story_page_bounded import WORDS, build_pages, grow, read_work

ANCHOR = re.compile(r'<li class="event[^"]*" id="([^"]+)"')
WHEN = re.compile(r'<p class="event__when">\s*<time datetime="([^"]+)"')


def page_nav(html: str) -> str:
    return re.search(r'<nav class="page-nav".*?</nav>', html, re.S).group(0)


def test_a_long_year_is_paged_in_time_order_each_event_once(client, web_store):
    grow(web_store, 0, 30)          # 240 events in 2022: three pages
    count = web_store.story_outline("lang").count(2022)
    assert count == 30 * len(WORDS)
    first = client.get("/stories/lang/2022").get_data(as_text=True)
    nav = page_nav(first)
    assert 'aria-label="Seiten von 2022"' in nav and "Seite 1 von 3" in nav
    links = re.findall(r'<a href="([^"]+)"', nav)
    assert links == ["/stories/lang/2022", "/stories/lang/2022/2", "/stories/lang/2022/3",
                     "/stories/lang/2022/2"]            # the pages, then "next"
    assert '<link rel="next" href="/stories/lang/2022/2">' in first
    assert 'rel="prev"' not in first
    seen, days = [], []
    for number, link in enumerate(links[:3], start=1):
        html = client.get(link).get_data(as_text=True)
        assert f'<a href="{link}" aria-current="page">{number}</a>' in page_nav(html)
        anchors = ANCHOR.findall(html)
        assert len(anchors) == min(SECTION_PAGE_EVENTS, count - (number - 1) * SECTION_PAGE_EVENTS)
        seen += anchors
        days.append(WHEN.findall(html))
    assert len(seen) == len(set(seen)) == count         # every event of the year once
    assert all(d[-1] <= e[0] for d, e in zip(days, days[1:]))   # pages follow the time axis
    last = client.get(links[2]).get_data(as_text=True)
    assert '<link rel="prev" href="/stories/lang/2022/2">' in last and 'rel="next"' not in last
    assert 'class="page-next"' not in last and 'class="page-next"' in first
    assert client.get("/stories/lang/2022/1").headers["Location"].endswith("/stories/lang/2022")
    assert client.get("/stories/lang/2022/4").status_code == 404
    assert client.get("/stories/lang/2022/0").status_code == 404
    assert client.get("/stories/lang/1999/2").status_code == 404
    assert client.get("/stories/lang/feed/2").status_code == 404


def year_page_work(client, store, monkeypatch, path: str) -> dict:
    work = read_work(client, store, monkeypatch, path)
    del work["html"]
    return work


def test_a_years_page_is_the_same_work_at_twice_the_year(client, web_store, monkeypatch):
    grow(web_store, 0, 20)
    small = year_page_work(client, web_store, monkeypatch, "/stories/lang/2022/2")
    grow(web_store, 20, 40)
    large = year_page_work(client, web_store, monkeypatch, "/stories/lang/2022/2")
    assert web_store.story_outline("lang").count(2022) == 2 * 20 * len(WORDS)
    assert large["statements"] == small["statements"]
    assert large["events"] == SECTION_PAGE_EVENTS
    assert large["decoded"] <= SECTION_PAGE_EVENTS + 2     # the page's groups and the treaty's
    assert small["events"] == 20 * len(WORDS) - SECTION_PAGE_EVENTS


def test_an_event_an_editor_moved_is_on_the_one_page_that_holds_its_new_date(store):
    from feeds.render.story_parts import section_selection

    grow(store, 0, 30)
    pages = lambda: [store.story("lang", selections=section_selection(2022, n)).events  # noqa: E731
                     for n in (1, 2, 3)]
    before = pages()
    moved = before[0][5]                  # from page 1 to the last day, on page 3
    store.correct_event("lang", moved.key, {"when": "2022-01-30"}, editor="anna")
    after = pages()
    holding = [n for n, events in enumerate(after, start=1) if moved.key in {e.key for e in events}]
    assert holding == [3]
    assert sum(len(events) for events in after) == sum(len(events) for events in before)


def test_the_static_site_writes_every_page_and_its_links_resolve(app, web_store, runner, tmp_path):
    grow(web_store, 0, 30)
    site = build_pages(app, runner, tmp_path / "site")
    folder = site / "stories" / "lang" / "2022"
    paths = [folder / "index.html", folder / "2" / "index.html", folder / "3" / "index.html"]
    seen = []
    for path in paths:
        html = path.read_text(encoding="utf-8")
        for link in re.findall(r'<a href="([^"]+)"', page_nav(html)):
            target = Path(urljoin(path.as_uri(), link).removeprefix("file://"))
            assert target in paths, (path, link)       # each link opens a page of the year
        seen += ANCHOR.findall(html)
    assert len(set(seen)) == len(seen) == 30 * len(WORDS)
    assert not (folder / "4").exists()
