"""A long story's page: jump links to each year, groups without dates closed, long years
folded (<details>, no JavaScript needed), every event still on the page."""
from __future__ import annotations

import re
from datetime import date, timedelta

from feeds.render.pages import FOLD_AFTER
from timeline.model import Event, Timeline


def dated(i: int, day: date) -> Event:
    iso = day.isoformat()
    return Event(id=f"d{i}", headline=f"Meldung {i}", sentence=f"Meldung {i} kam.", start=0,
                 end=15, anchor="own", timex=None, status="dated", value=iso,
                 granularity="day", earliest=iso, latest=iso)


def vague(i: int) -> Event:
    return Event(id=f"v{i}", headline=f"Vage {i}", sentence=f"Vage {i} kam.", start=0, end=12,
                 anchor="publication", timex=None, status="vague", value=None,
                 granularity=None, earliest=None, latest=None)


def test_years_are_linked_long_years_folded_and_undated_events_closed(client, web_store):
    start = date(2021, 12, 1)
    events = [dated(i, start + timedelta(days=i)) for i in range(FOLD_AFTER + 40)]
    published = start + timedelta(days=FOLD_AFTER + 45)
    web_store.save_document("lang", "Ein langer Text.", published,
                            Timeline(published=published, lang="de",
                                     events=tuple(events) + (vague(1), vague(2))))
    html = client.get("/stories/lang").get_data(as_text=True)
    nav = re.search(r'<nav class="year-nav".*?</nav>', html, re.S).group(0)
    targets = re.findall(r'href="#([^"]+)"', nav)
    assert targets[:2] == ["jahr-2021", "jahr-2022"]
    for target in targets:
        assert f'id="{target}"' in html
    year_2022 = re.search(r'<section class="timeline-group timeline-group--year" '
                          r'aria-labelledby="jahr-2022">.*?</section>', html, re.S).group(0)
    folded = re.search(r'<details class="timeline-more">\s*<summary>(.*?)</summary>(.*?)</details>',
                       year_2022, re.S)
    in_2022 = sum(1 for e in events if e.earliest.startswith("2022"))
    assert folded.group(1) == f"{in_2022 - FOLD_AFTER} weitere Ereignisse 2022"
    assert folded.group(2).count('<li class="event') == in_2022 - FOLD_AFTER
    undated = re.search(r'<section class="timeline-group timeline-group--undated".*?</section>',
                        html, re.S).group(0)
    assert '<details class="timeline-group__details"><summary>' in undated
    assert undated.count('<li class="event') == 2
    assert html.count('<li class="event') == len(events) + 2     # nothing left out
    assert "<script" not in html.split("</head>", 1)[1]           # no JavaScript needed
