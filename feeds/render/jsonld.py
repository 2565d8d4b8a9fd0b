"""schema.org `Event` objects for a story's HTML page (JSON-LD).

Dates use ISO 8601 at the event's true precision: "1997", "2021-11", "2022-01-26", a clock
time with its Europe/Berlin offset; quarters, weeks and other spans as startDate/endDate days.
A part of day gives only its date (the hours would be a convention, not a fact). Events
without a calendar position (open ones, ongoing ones without a known start) carry no
startDate. Texts are plain (JSON-LD is data); embed the result with `jsonld_script`, which
escapes `<`, `>` and `&` so no text can close the surrounding `<script>` element.
"""
from __future__ import annotations

import json
from datetime import datetime
from zoneinfo import ZoneInfo

from feeds.render.ical import TIMEZONE
from feeds.render.publication import clean_line, clean_text, event_url, safe_link, source_documents
from timeline.model import StoredEvent, Story
from timeline.dates.period import Period, event_period

SCHEMA = "https://schema.org"
SCHEDULED = "https://schema.org/EventScheduled"


def render_jsonld(story: Story, *, base_url: str) -> list[dict]:
    """One schema.org Event per story event, in the story's order."""
    return [_event(story, stored, base_url) for stored in story.events]


def _event(story: Story, stored: StoredEvent, base_url: str) -> dict:
    event = stored.event
    url = event_url(base_url, story.slug, stored.key)
    data = {
        "@context": SCHEMA,
        "@type": "Event",
        "@id": url,
        "name": clean_line(event.headline) or clean_line(event.sentence)[:80],
        "description": clean_text(event.sentence),
        "url": url,
        "eventStatus": SCHEDULED,
    }
    period = event_period(event) if event.status != "open" else None
    if period is not None:
        data.update(_dates(period, with_end=event.status != "ongoing"))
    articles = []
    for document in source_documents(story, stored):
        article = {"@type": "NewsArticle", "headline": clean_line(document.title) or story.slug,
                   "datePublished": document.published.isoformat()}
        link = safe_link(document.url)
        if link:
            article["url"] = link
        articles.append(article)
    if articles:    # one article as an object (as before), several as a list
        data["subjectOf"] = articles[0] if len(articles) == 1 else articles
    return data


def _dates(period: Period, *, with_end: bool) -> dict:
    first = period.first
    if period.granularity == "year":
        return {"startDate": f"{first.year:04d}"}
    if period.granularity == "month":
        return {"startDate": f"{first.year:04d}-{first.month:02d}"}
    if period.granularity in ("day", "part-of-day"):
        return {"startDate": first.isoformat()}
    if period.granularity == "time":
        moment = datetime.combine(first, period.clock, tzinfo=ZoneInfo(TIMEZONE))
        return {"startDate": moment.isoformat()}
    dates = {"startDate": first.isoformat()}
    if with_end:
        dates["endDate"] = period.last.isoformat()
    return dates


def jsonld_script(data) -> str:
    """JSON for inside `<script type="application/ld+json">`: no `</script>` can appear."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
