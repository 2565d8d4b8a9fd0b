"""A story as an iCalendar file (RFC 5545), one VEVENT per event with a calendar position.

Decisions (why each rendering is honest):
- Every event is `TRANSP:TRANSPARENT`: these are news events, not the subscriber's
  appointments, so they must never mark anyone busy.
- SUMMARY is the event's headline (`publication.event_headline`), without a date: the
  calendar shows the date. Only where the position is not the date (BEFORE, AFTER, APPROX ...
  and markers, see below) does DESCRIPTION, and for BEFORE/AFTER also SUMMARY, say it in words.
- A day is `DTSTART;VALUE=DATE` with the exclusive `DTEND` the next day. A week, a month or
  any other stretch of at most a month (MAX_SPAN_DAYS) is a DATE span over it;
  DESCRIPTION says the exact day is unknown.
- Longer stretches (a year, a quarter, "seit 2019") would be a bar across every week of a
  subscriber's calendar: they are an all-day marker on their first day, and DESCRIPTION
  names the whole span.
- START/MID/END of a year or month are honoured (MODIFIED_PARTS): "Ende 2027" is December
  2027, "Anfang November" 1-10 November.
- A part of day ("nachmittags") is a timed block in Europe/Berlin (afternoon 12:00-18:00,
  see timeline.dates.vocabulary.PARTS_OF_DAY); DESCRIPTION says the hours are a convention.
- A clock time has the end its expression gives, else DEFAULT_DURATION, said in DESCRIPTION.
- Ongoing states appear as their start only (one marker or its day/period), never as a bar
  up to publication; startless ones are left out.
- Open (announced) events are `STATUS:TENTATIVE` when their time is known; without one they are
  left out (a VEVENT needs a DTSTART, any date would be invented, VTODO is ignored by Google,
  iOS and Fastmail). The calendar's description says how many are left out and where to
  read them. Once the store dates one, it appears under its stable UID.
- Vague events appear only when both bounds are known, by the same span rules.
- REFRESH-INTERVAL (RFC 7986) and X-PUBLISHED-TTL ask subscribing clients to look again every
  REFRESH (the feeds are updated as articles come in).
- UIDs are uuid5(slug, key)@host; DTSTAMP and LAST-MODIFIED are the event's last change (UTC),
  CREATED its creation, SEQUENCE its change count: deterministic output, updates on re-import.
- VTIMEZONE comes from `add_missing_timezones`, stretched with first_date/last_date when a
  timed event lies outside its default 1970-2038.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel.dates import format_date
from icalendar import Calendar, Event as VEvent, vText

from feeds.i18n import DEFAULT_LOCALE, N_, texts
from feeds.render.publication import (NEWSROOM_NOTE, as_utc, clean_line, clean_text, event_headline, event_uid,
                               event_url, more_sources, named_sources, safe_link, story_title,
                               story_url)
from timeline.dates.display import format_event_date, format_period, phrases
from timeline.model import StoredEvent, Story
from timeline.dates.period import Period, bounds, event_period, month_period, parse_value

TIMEZONE = "Europe/Berlin"
PRODID = "-//timeline//Zeitleiste//DE"   # an identifier calendar apps never show: not translated
REFRESH = "PT1H"
DEFAULT_DURATION = timedelta(hours=1)
MAX_SPAN_DAYS = 31
# (granularity, mod) -> (first month or day, last month or day); None = the period's last.
MODIFIED_PARTS = {
    ("year", "START"): (1, 1), ("year", "MID"): (6, 7), ("year", "END"): (12, 12),
    ("month", "START"): (1, 10), ("month", "MID"): (11, 20), ("month", "END"): (21, None),
}
# Modifiers whose period is not where the event lies: the words go into SUMMARY too.
SHIFTING_MODS = ("BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER")
# What DESCRIPTION says about the way an event is shown (msgids; translated per locale)
LABELS = {
    "when": N_("When: %(when)s"),
    "source": N_("Source: %(source)s"),
    "story": N_("Timeline: %(url)s"),
    "whole_period": N_("The text names no exact day; the entry covers the whole period."),
    "marker": N_("The entry marks the first day only; the period meant is %(first)s to %(last)s."),
    "ongoing": N_("A lasting state: the entry shows only its beginning."),
    "part_of_day": N_("The times stand for “%(part)s” (a convention, not given by the text)."),
    "default_end": N_("The text names no end; the entry lasts one hour (default)."),
    "tentative": N_("Announced: whether and when it happens is open."),
    "calendar_description": N_("Timeline “%(title)s”: %(url)s"),
    "ongoing_rule": N_("Lasting states appear in the calendar with their beginning only."),
}
_DEFAULT_TZ_RANGE = (date(1970, 1, 1), date(2038, 1, 1))
_CALENDAR_END = b"END:VCALENDAR\r\n"
# Rendered entries kept per process (about 0.75 kB of text each, with the key some 2 kB):
# several long stories' worth (a story of 1,200 articles has some 3,700 events).
RENDERED_EVENTS = 20_000


@dataclass(frozen=True)
class Placement:
    """Where an event sits in a calendar: DATE or local DATE-TIME values, a title prefix,
    notes for the description and a STATUS (None: none written)."""

    start: date | datetime
    end: date | datetime | None
    prefix: str | None
    notes: tuple[str, ...] = ()
    status: str | None = None


def render_ics(story: Story, *, base_url: str, locale: str = DEFAULT_LOCALE) -> bytes:
    """The story's calendar as bytes (CRLF lines folded at 75 octets, UTF-8), its words in `locale`."""
    words = texts(locale)
    page = story_url(base_url, story.slug)
    title = story_title(story)
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
    calendar.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vText(REFRESH))

    left_out = 0
    timed_days: list[date] = []
    entries: list[bytes] = []
    for stored in story.events:
        named, more = named_sources(story, stored)
        sources = tuple((document.title, document.url, document.published) for document in named)
        entry, timed_day = _rendered_vevent(base_url, story.slug, locale, stored, sources, more)
        if entry is None:
            left_out += 1
            continue
        entries.append(entry)
        if timed_day is not None:
            timed_days.append(timed_day)

    description = words.gettext(LABELS["calendar_description"], title=title, url=page)
    description += "\n" + words.gettext(LABELS["ongoing_rule"])
    if left_out:
        description += "\n" + words.ngettext(
            "%(num)d event without a fixed date is only on the page and in the feed.",
            "%(num)d events without a fixed date are only on the page and in the feed.", left_out)
    calendar.add("x-wr-caldesc", vText(description))
    calendar.add("description", vText(description))

    if timed_days:
        first = min(max(min(timed_days), date(1, 1, 2)) - timedelta(days=1), _DEFAULT_TZ_RANGE[0])
        last = max(max(timed_days) + timedelta(days=2), _DEFAULT_TZ_RANGE[1])
        # icalendar adds the VTIMEZONE a timed entry needs; one stand-in entry shows it which.
        stand_in = VEvent()
        stand_in.add("dtstart", datetime.combine(timed_days[0], time(12), ZoneInfo(TIMEZONE)))
        calendar.add_component(stand_in)
        calendar.add_missing_timezones(first_date=first, last_date=last)
        calendar.subcomponents.remove(stand_in)
    # The calendar without its events, then the events icalendar rendered one by one: a
    # component's lines are the same alone as inside its calendar (each line folds alone).
    head = calendar.to_ical()
    assert head.endswith(_CALENDAR_END)
    return b"".join([head[:-len(_CALENDAR_END)], *entries, _CALENDAR_END])


@lru_cache(maxsize=RENDERED_EVENTS)
def _rendered_vevent(base_url: str, slug: str, locale: str, stored: StoredEvent,
                     sources: tuple[tuple[str | None, str | None, date], ...],
                     more: int) -> tuple[bytes | None, date | None]:
    """One event's VEVENT as icalendar writes it (None: the event has no calendar position)
    and the local day of a timed entry. Cached on everything the entry is made of (the
    stored event with its key, sequence and stamps, the named articles, the locale), so
    an entry is rendered once per version: after a story's change only its new and changed
    events are rendered again, and the calendar is joined from the rest."""
    placement = place(stored, locale)
    if placement is None:
        return None, None
    vevent = _vevent(slug, stored, placement, base_url, locale, sources, more)
    timed = placement.start.date() if isinstance(placement.start, datetime) else None
    return vevent.to_ical(), timed


def place(stored: StoredEvent, locale: str = DEFAULT_LOCALE) -> Placement | None:
    """The calendar position of an event, or None if it has none (see module docstring);
    its notes in `locale`."""
    words = texts(locale)
    event = stored.event
    if event.status == "open":
        period = parse_value(event.value)
        placement = _place_period(period, locale) if period is not None else None
        if placement is None:
            return None
        return replace(placement, notes=placement.notes + (words.gettext(LABELS["tentative"]),),
                       status="TENTATIVE")
    period = event_period(event)
    if event.status == "ongoing":
        if period is None:
            return None
        placement = _place_period(period, locale)
        return replace(placement, notes=(words.gettext(LABELS["ongoing"]),) + placement.notes)
    if period is None:
        earliest, latest = bounds(event)
        if event.status == "vague" and earliest and latest:
            first, last = sorted((earliest, latest))
            return _place_days(first, last, None, locale)
        return None
    return _place_period(period, locale)


def _place_period(period: Period, locale: str) -> Placement:
    words = texts(locale)
    prefix = format_period(period, locale) if period.mod in SHIFTING_MODS else None
    zone = ZoneInfo(TIMEZONE)
    if period.granularity == "time":
        start = period.local_start().replace(tzinfo=zone)
        return Placement(start, start + DEFAULT_DURATION, prefix, (words.gettext(LABELS["default_end"]),))
    if period.granularity == "part-of-day":
        part = phrases(locale)["parts_of_day"][period.part_of_day]
        return Placement(period.local_start().replace(tzinfo=zone), period.local_end().replace(tzinfo=zone),
                         prefix, (words.gettext(LABELS["part_of_day"], part=part),))
    first, last = modified_days(period)
    return _place_days(first, last, prefix, locale)


def modified_days(period: Period) -> tuple[date, date]:
    """first..last of `period`, narrowed to the part START/MID/END of a year or month name."""
    part = MODIFIED_PARTS.get((period.granularity, period.mod))
    if part is None:
        return period.first, period.last
    low, high = part
    if period.granularity == "year":
        first = date(period.first.year, low, 1)
        return first, month_period(period.first.year, high).last
    return period.first.replace(day=low), period.last if high is None else period.first.replace(day=high)


def _place_days(first: date, last: date, prefix: str | None, locale: str) -> Placement:
    words = texts(locale)
    if first == last:
        return Placement(first, first + timedelta(days=1), prefix)
    if (last - first).days + 1 > MAX_SPAN_DAYS:
        note = words.gettext(LABELS["marker"], first=format_date(first, "long", locale=words.locale),
                             last=format_date(last, "long", locale=words.locale))
        return Placement(first, first + timedelta(days=1), prefix, (note,))
    return Placement(first, last + timedelta(days=1), prefix, (words.gettext(LABELS["whole_period"]),))


def _vevent(slug: str, stored: StoredEvent, placement: Placement, base_url: str,
            locale: str, sources, more: int) -> VEvent:
    event = stored.event
    headline = event_headline(event, locale)
    vevent = VEvent()
    vevent.add("uid", event_uid(base_url, slug, stored.key))
    vevent.add("dtstamp", as_utc(stored.updated))
    vevent.add("created", as_utc(stored.created))
    vevent.add("last-modified", as_utc(stored.updated))
    vevent.add("sequence", max(0, int(stored.sequence)))
    vevent.add("summary", f"{placement.prefix}: {headline}" if placement.prefix else headline)
    vevent.add("dtstart", placement.start)
    if placement.end is not None:
        vevent.add("dtend", placement.end)
    vevent.add("transp", "TRANSPARENT")
    if placement.status:
        vevent.add("status", placement.status)
    vevent.add("description", _description(slug, stored, placement, base_url, locale, sources, more))
    vevent.add("url", event_url(base_url, slug, stored.key))
    return vevent


def _description(slug: str, stored: StoredEvent, placement: Placement, base_url: str,
                 locale: str, sources, more: int) -> str:
    words = texts(locale)
    lines = [clean_text(stored.event.sentence), "",
             words.gettext(LABELS["when"], when=format_event_date(stored.event, locale))]
    lines.extend(placement.notes)
    if clean_line(stored.note):     # the editor's word to readers
        lines.append(words.gettext(NEWSROOM_NOTE, note=clean_line(stored.note)))
    for title, url, published_on in sources:
        name = clean_line(title) or slug
        published = format_date(published_on, "long", locale=words.locale)
        link = safe_link(url)
        lines.append(words.gettext(LABELS["source"], source=f"{name} ({published})" + (f" {link}" if link else "")))
    if more:
        lines.append(more_sources(more, locale))
    lines.append(words.gettext(LABELS["story"], url=story_url(base_url, slug)))
    return "\n".join(lines)
