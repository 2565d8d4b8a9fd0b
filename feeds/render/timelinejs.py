"""A story as TimelineJS 3 JSON: `{title, events: [{start_date, text, unique_id, group?}]}`.

TimelineJS takes its granularity from the most precise field present, so each `start_date`
carries exactly the fields the text gives (a month: year + month) and a `display_date` in
words from timeline.dates.display. Quarters and weeks have no field of their own: they sit on their first
day (month / day) and say "1. Quartal 2022" / "KW 4/2022" in `display_date`. A part of day
gets the first hour of its conventional block, so it sorts correctly within its day.

TimelineJS needs a `start_date` for every slide. Events without one (open, and ongoing or
vague events without a known start) sit at the first day they could have happened on
(`earliest`), else at their article's publication date — the day the text spoke of them —
and say "Datum offen" / "laufend" in `display_date`. They get a `group` named after their
status, so they form their own row and are never mistaken for dated events.

`text.headline` and `text.text` are HTML to TimelineJS: every text is escaped here.
"""
from __future__ import annotations

from datetime import date
from html import escape


from feeds.i18n import DEFAULT_LOCALE, N_, texts
from feeds.render.publication import (source_paragraphs, clean_text, event_headline, source_document,
                               story_title, story_url)
from timeline.dates.display import format_event_date
from timeline.model import StoredEvent, Story
from timeline.dates.period import Period, bounds, event_period
from timeline.dates.vocabulary import PARTS_OF_DAY

# TimelineJS rows of the events without a date of their own, named after their status
GROUPS = {"open": N_("Date open"), "ongoing": N_("Ongoing"), "vague": N_("Undetermined")}
STORY_LINK = N_("Timeline as a page")


def render_timelinejs(story: Story, *, base_url: str, locale: str = DEFAULT_LOCALE) -> dict:
    """The TimelineJS 3 document for `story` (a JSON-ready dict; events in story order), its
    words in `locale`."""
    page = story_url(base_url, story.slug)
    title = story_title(story)
    return {
        "title": {"text": {
            "headline": escape(title),
            "text": f'<p><a href="{escape(page, quote=True)}">{escape(texts(locale).gettext(STORY_LINK))}</a></p>',
        }},
        "events": _slides(story, locale),
    }


def _slides(story: Story, locale: str) -> list[dict]:
    """The slides in story order. A continuing event (anchor "narrative": a sentence that
    goes on from the dated one before it) carries the time of the event it continues when
    that lies in its period, so TimelineJS, which sorts by time (stably), keeps the page's order."""
    slides: list[dict] = []
    previous: tuple[Period, dict] | None = None
    for stored in story.events:
        period = event_period(stored.event)
        fields = _date_fields(period) if period else _fallback_date(story, stored)
        if (stored.event.anchor == "narrative" and period is not None and previous is not None
                and period.first <= previous[0].first <= period.last):
            fields = dict(previous[1])
        slides.append(_slide(story, stored, dict(fields), locale))
        if period is not None:
            previous = (period, fields)
    return slides


def _slide(story: Story, stored: StoredEvent, start: dict, locale: str) -> dict:
    event = stored.event
    start["display_date"] = format_event_date(event, locale)
    headline = event_headline(event, locale)
    slide = {
        "unique_id": stored.key,
        "start_date": start,
        "text": {"headline": escape(headline), "text": _slide_html(story, stored, locale)},
    }
    if event.status in GROUPS:
        slide["group"] = texts(locale).gettext(GROUPS[event.status])
    return slide


def _date_fields(period: Period) -> dict:
    first = period.first
    fields = {"year": first.year}
    if period.granularity in ("year", "span"):
        if period.granularity == "span":
            fields.update(month=first.month, day=first.day)
        return fields
    fields["month"] = first.month
    if period.granularity in ("quarter", "month"):
        return fields
    fields["day"] = first.day
    if period.granularity == "part-of-day":
        fields["hour"] = PARTS_OF_DAY[period.part_of_day][0]
    elif period.granularity == "time":
        fields.update(hour=period.clock.hour, minute=period.clock.minute)
    return fields


def _fallback_date(story: Story, stored: StoredEvent) -> dict:
    earliest, _ = bounds(stored.event)
    document = source_document(story, stored)
    day: date = earliest or (document.published if document else story.created.date())
    return {"year": day.year, "month": day.month, "day": day.day}


def _slide_html(story: Story, stored: StoredEvent, locale: str) -> str:
    parts = [f"<p>{escape(clean_text(stored.event.sentence))}</p>"]
    parts += source_paragraphs(story, stored, locale)
    return "".join(parts)
