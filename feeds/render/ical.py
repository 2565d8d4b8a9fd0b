"""A story as an iCalendar file (RFC 5545), one VEVENT per event with a calendar position.

Decisions (why each rendering is honest):
- Every event is `TRANSP:TRANSPARENT`: these are news events, not the subscriber's
  appointments, so they must never mark anyone busy.
- A day is `DTSTART;VALUE=DATE` with the exclusive `DTEND` the next day.
- A year, quarter, month or week (or a known span of days) is a DATE span over the whole
  period, and SUMMARY starts with the period in words ("November 2021: ...") so nobody reads
  "lasts all month" as a fact; DESCRIPTION says the exact day is unknown. A one-day marker on
  the 1st would instead claim a day the text never gave.
- A part of day ("nachmittags") is a timed block in Europe/Berlin (afternoon 12:00-18:00,
  see timeline.dates.vocabulary.PARTS_OF_DAY); DESCRIPTION says the hours are a convention.
- A clock time is `DTSTART;TZID=Europe/Berlin` without DTEND: an instant, since the text gives
  no duration (RFC 5545 3.6.1: such an event ends when it starts).
- A modifier ("Ende November 2021", "vor dem 26. Januar 2022") is always spelled out in
  SUMMARY, because the calendar can only show the period it modifies.
- Open events (announced, date unknown) are left out: a VEVENT needs a DTSTART, any date
  would be invented, and VTODO is ignored by Google, iOS and Fastmail. The calendar's
  description says how many are left out and where to read them (the story page and feed).
  Once the store dates one, it appears under its stable UID.
- Ongoing events appear only when their start is known: a DATE span from the start of the
  start period to the latest day the text vouches for (`latest`), titled "seit ...: ...".
- Vague events appear only when both bounds are known, as a titled span; else left out.
- UIDs are uuid5(slug, key)@host; DTSTAMP and LAST-MODIFIED are the event's last change (UTC),
  CREATED its creation, SEQUENCE its change count: deterministic output, updates on re-import.
- VTIMEZONE comes from `add_missing_timezones`, stretched with first_date/last_date when a
  timed event lies outside its default 1970-2038.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from babel.dates import format_date
from icalendar import Calendar, Event as VEvent, vText

from feeds.render.publication import (LOCALE, as_utc, clean_line, clean_text, event_uid, event_url,
                               safe_link, source_documents, story_url)
from timeline.dates.display import format_event_date, format_period, phrases
from timeline.model import StoredEvent, Story
from timeline.dates.period import bounds, event_period

TIMEZONE = "Europe/Berlin"
PRODID = "-//timeline//Zeitleiste//DE"
LABELS = {
    "when": "Wann: {}",
    "source": "Quelle: {}",
    "story": "Zeitleiste: {}",
    "whole_period": "Der Text nennt keinen genauen Tag; der Eintrag umfasst den ganzen Zeitraum.",
    "part_of_day": "Die Uhrzeiten stehen für „{}“ (eine Konvention, keine Angabe des Textes).",
    "calendar_description": "Zeitleiste „{title}“: {url}",
    "left_out": {"one": "1 Ereignis ohne festes Datum steht nur auf der Seite und im Feed.",
                 "other": "{count} Ereignisse ohne festes Datum stehen nur auf der Seite und im Feed."},
    "untitled": "Ereignis",
}
_DEFAULT_TZ_RANGE = (date(1970, 1, 1), date(2038, 1, 1))


@dataclass(frozen=True)
class Placement:
    """Where an event sits in a calendar: DATE or local DATE-TIME values, and a title prefix."""

    start: date | datetime
    end: date | datetime | None
    prefix: str | None
    note: str | None


def render_ics(story: Story, *, base_url: str) -> bytes:
    """The story's calendar as bytes (CRLF lines folded at 75 octets, UTF-8)."""
    page = story_url(base_url, story.slug)
    title = clean_line(story.title) or story.slug
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    # X-WR-* and NAME (RFC 7986) are unknown to icalendar: without vText they are written
    # unescaped, so a title could inject lines.
    calendar.add("x-wr-calname", vText(title))
    calendar.add("name", vText(title))
    calendar.add("url", page)

    left_out = 0
    timed_days: list[date] = []
    for stored in story.events:
        placement = place(stored)
        if placement is None:
            left_out += 1
            continue
        calendar.add_component(_vevent(story, stored, placement, base_url))
        if isinstance(placement.start, datetime):
            timed_days.append(placement.start.date())

    description = LABELS["calendar_description"].format(title=title, url=page)
    if left_out:
        description += "\n" + LABELS["left_out"]["one" if left_out == 1 else "other"].format(count=left_out)
    calendar.add("x-wr-caldesc", vText(description))
    calendar.add("description", vText(description))

    if timed_days:
        first = min(max(min(timed_days), date(1, 1, 2)) - timedelta(days=1), _DEFAULT_TZ_RANGE[0])
        last = max(max(timed_days) + timedelta(days=2), _DEFAULT_TZ_RANGE[1])
        calendar.add_missing_timezones(first_date=first, last_date=last)
    return calendar.to_ical()


def place(stored: StoredEvent) -> Placement | None:
    """The calendar position of an event, or None if it has none (see module docstring)."""
    event = stored.event
    if event.status == "open":
        return None
    period = event_period(event)
    earliest, latest = bounds(event)
    if event.status == "ongoing":
        if period is None:
            return None
        last = max(latest or period.last, period.first)
        return Placement(period.first, last + timedelta(days=1), format_event_date(event, LOCALE), None)
    if period is None:
        if earliest and latest:
            first, last = sorted((earliest, latest))
            return Placement(first, last + timedelta(days=1), format_event_date(event, LOCALE),
                             LABELS["whole_period"])
        return None
    prefix = format_period(period, LOCALE) if period.mod else None
    zone = ZoneInfo(TIMEZONE)
    if period.granularity == "time":
        return Placement(period.local_start().replace(tzinfo=zone), None, prefix, None)
    if period.granularity == "part-of-day":
        words = phrases(LOCALE)["parts_of_day"][period.part_of_day]
        return Placement(period.local_start().replace(tzinfo=zone), period.local_end().replace(tzinfo=zone),
                         prefix, LABELS["part_of_day"].format(words))
    if period.granularity == "day":
        return Placement(period.first, period.first + timedelta(days=1), prefix, None)
    return Placement(period.first, period.last + timedelta(days=1), format_period(period, LOCALE),
                     LABELS["whole_period"])


def _vevent(story: Story, stored: StoredEvent, placement: Placement, base_url: str) -> VEvent:
    event = stored.event
    headline = clean_line(event.headline) or clean_line(event.sentence)[:80] or LABELS["untitled"]
    vevent = VEvent()
    vevent.add("uid", event_uid(base_url, story.slug, stored.key))
    vevent.add("dtstamp", as_utc(stored.updated))
    vevent.add("created", as_utc(stored.created))
    vevent.add("last-modified", as_utc(stored.updated))
    vevent.add("sequence", max(0, int(stored.sequence)))
    vevent.add("summary", f"{placement.prefix}: {headline}" if placement.prefix else headline)
    vevent.add("dtstart", placement.start)
    if placement.end is not None:
        vevent.add("dtend", placement.end)
    vevent.add("transp", "TRANSPARENT")
    vevent.add("description", _description(story, stored, placement, base_url))
    vevent.add("url", event_url(base_url, story.slug, stored.key))
    return vevent


def _description(story: Story, stored: StoredEvent, placement: Placement, base_url: str) -> str:
    lines = [clean_text(stored.event.sentence), "", LABELS["when"].format(format_event_date(stored.event, LOCALE))]
    if placement.note:
        lines.append(placement.note)
    for document in source_documents(story, stored):
        name = clean_line(document.title) or story.slug
        published = format_date(document.published, "long", locale=LOCALE)
        link = safe_link(document.url)
        lines.append(LABELS["source"].format(f"{name} ({published})" + (f" {link}" if link else "")))
    lines.append(LABELS["story"].format(story_url(base_url, story.slug)))
    return "\n".join(lines)
