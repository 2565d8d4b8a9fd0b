"""schema.org JSON-LD for a story's HTML page: a `NewsArticle` whose `mainEntity` is an
`ItemList` of the story's events, in the page's order.

Each `ListItem` names the event (its headline), describes it (its sentence) and links its
place on the page. Only a scheduled future happening — an event whose time lies after the
article that reports it — is also a schema.org `Event` (`item`, with `startDate` at its
true precision and `eventStatus` EventScheduled): schema.org Events are happenings people
could attend, and a past news sentence is none. Dates use ISO 8601 at the event's precision:
"1997", "2021-11", "2022-01-26", a clock time with its Europe/Berlin offset; quarters, weeks
and other spans as startDate/endDate days. The source articles are `isBasedOn`.

Texts are plain (JSON-LD is data); embed the result with `jsonld_script`, which escapes `<`,
`>` and `&` so no text can close the surrounding `<script>` element.
"""
from __future__ import annotations

import json
from datetime import datetime
from zoneinfo import ZoneInfo

from feeds.i18n import DEFAULT_LOCALE
from feeds.render.ical import TIMEZONE
from feeds.render.publication import (LOCALE, as_utc, clean_line, clean_text, event_headline, event_url,
                                      safe_link, source_document, story_title, story_url)
from timeline.dates.period import Period, event_period, parse_value
from timeline.model import StoredEvent, Story

SCHEMA = "https://schema.org"
SCHEDULED = "https://schema.org/EventScheduled"
ASCENDING = "https://schema.org/ItemListOrderAscending"


def render_jsonld(story: Story, *, base_url: str, locale: str = DEFAULT_LOCALE) -> dict:
    """The page's NewsArticle with the ItemList of its events."""
    page = story_url(base_url, story.slug)
    title = story_title(story)
    sources = []
    for document in story.documents:
        article = {"@type": "NewsArticle", "headline": clean_line(document.title) or title,
                   "datePublished": document.published.isoformat()}
        link = safe_link(document.url)
        if link:
            article["url"] = link
        sources.append(article)
    data = {
        "@context": SCHEMA,
        "@type": "NewsArticle",
        "@id": page,
        "url": page,
        "headline": title[:110],
        "inLanguage": LOCALE,
        "datePublished": as_utc(story.created).isoformat(),
        "dateModified": as_utc(story.updated).isoformat(),
        "mainEntity": {
            "@type": "ItemList",
            "itemListOrder": ASCENDING,
            "numberOfItems": len(story.events),
            "itemListElement": [_list_item(story, stored, base_url, position, locale)
                                for position, stored in enumerate(story.events, 1)],
        },
    }
    if sources:
        data["isBasedOn"] = sources
    return data


def _list_item(story: Story, stored: StoredEvent, base_url: str, position: int, locale: str) -> dict:
    event = stored.event
    url = event_url(base_url, story.slug, stored.key)
    item = {"@type": "ListItem", "@id": url, "position": position, "url": url,
            "name": event_headline(event, locale), "description": clean_text(event.sentence)}
    period = scheduled_period(story, stored)
    if period is not None:
        item["item"] = {"@type": "Event", "name": event_headline(event, locale), "url": url,
                        "eventStatus": SCHEDULED, **_dates(period)}
    return item


def scheduled_period(story: Story, stored: StoredEvent) -> Period | None:
    """The period of an event that is still to come when its article appeared, else None."""
    event = stored.event
    if event.status not in ("dated", "open"):
        return None
    period = event_period(event) if event.status == "dated" else parse_value(event.value)
    document = source_document(story, stored)
    if period is None or document is None or period.first <= document.published:
        return None
    return period


def _dates(period: Period) -> dict:
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
    return {"startDate": first.isoformat(), "endDate": period.last.isoformat()}


def jsonld_script(data) -> str:
    """JSON for inside `<script type="application/ld+json">`: no `</script>` can appear."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
