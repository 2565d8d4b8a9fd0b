"""An event every article retells names its first few articles in each output and counts
the rest: a calendar entry, a feed entry or a slide stays the same size however many
articles report it (a whole-story output grows with the story, not with its square)."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import feedparser
import icalendar

from feeds.render.atom import render_atom
from feeds.render.ical import render_ics
from feeds.render.publication import SOURCES_NAMED
from feeds.render.timelinejs import render_timelinejs
from story_samples import BASE_URL, at, document, event, seed_story, stored

TEXT = "Der Rat beschloss am 3. März 2022 den neuen Hafen."


def retold(reports: int):
    """The seed story plus one event reported by `reports` articles."""
    story = seed_story()
    documents = tuple(document(100 + i, story.slug, TEXT, title=f"Meldung {i + 1}",
                               url=f"https://news.example/{i + 1}", published=date(2022, 3, 3),
                               ingested=at("2022-03-03T10:00")) for i in range(reports))
    harbour = event(TEXT, TEXT, headline="Rat beschließt den Hafen", value="2022-03-03",
                    granularity="day", earliest="2022-03-03", latest="2022-03-03",
                    timex=("3. März 2022", "DATE", "2022-03-03"))
    entry = replace(stored("hafen", harbour, document_id=100, created=at("2022-03-03T10:00")),
                    sources=tuple(d.id for d in documents))
    return replace(story, documents=story.documents + documents, events=story.events + (entry,))


def _description(story) -> str:
    calendar = icalendar.Calendar.from_ical(render_ics(story, base_url=BASE_URL))
    return next(str(e["DESCRIPTION"]) for e in calendar.walk("VEVENT")
                if "Hafen" in str(e["SUMMARY"]))


def test_the_calendar_names_the_first_articles_and_counts_the_others():
    text = _description(retold(SOURCES_NAMED + 4))
    assert [f"Meldung {i}" in text for i in (1, 2, 3, 4)] == [True, True, True, False]
    assert "und 4 weitere Artikel" in text
    assert "weitere" not in _description(retold(SOURCES_NAMED))
    assert "und 1 weiterer Artikel" in _description(retold(SOURCES_NAMED + 1))


def test_an_entry_is_the_same_size_for_ten_and_for_a_thousand_reports():
    small, large = _description(retold(10)), _description(retold(1000))
    assert len(large) - len(small) <= 2         # "6" against "996" more


def test_feed_and_slide_name_the_same_few_articles():
    story = retold(50)
    feed = feedparser.parse(render_atom(story, base_url=BASE_URL))
    content = next(e.content[0].value for e in feed.entries if "Hafen" in e.title)
    assert content.count("Meldung ") == SOURCES_NAMED and "Meldung 4<" not in content
    assert "und 47 weitere Artikel" in content
    slide = next(e for e in render_timelinejs(story, base_url=BASE_URL)["events"]
                 if "Hafen" in e["text"]["headline"])
    assert slide["text"]["text"].count("Meldung ") == SOURCES_NAMED
    assert "und 47 weitere Artikel" in slide["text"]["text"]
