"""The HTML pages as data: what the templates show, computed from a story and its links.

Templates only lay out what these functions prepare, so the app (`feeds.web.views`) and the
static export (`feeds.web.build`) render identical pages from identical calls. Dates in words come
from `timeline.dates.display` and every calendar position from `timeline.dates.period`, like the feeds.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from babel.dates import format_date, format_datetime, get_timezone
from markupsafe import Markup, escape

from feeds.render.jsonld import jsonld_script, render_jsonld
from feeds.render.publication import (LOCALE, as_utc, clean_line, event_anchor, event_headline, safe_link,
                                      source_documents, story_title, without_forbidden)
from feeds.render.registry import RENDERERS
from timeline.dates.display import format_event_date
from timeline.model import Event, Story, StoredEvent
from timeline.dates.period import Period, event_period
from timeline.store.sections import StoryOutline
from feeds.render.story_parts import section_label, section_navigation

TIMEZONE = get_timezone("Europe/Berlin")  # the readers' clock for "last changed"

# Words the pages use, kept together as data.
STATUS_LABELS = {
    "open": "angekündigt",
    "ongoing": "dauert an",
    "vague": "ungenaue Zeitangabe",
}
ANCHOR_NOTES = {
    "narrative": "Zeitpunkt aus dem Zusammenhang des Artikels erschlossen.",
    "elapsed": "Beginn der genannten Zeitspanne, zurückgerechnet.",
}
GROUP_LABELS = {
    "open": "Datum offen",
    "undated": "Ohne genaues Datum",
}
NAVIGATION_LABELS = {
    "years": "Springen zu",
    "more": "{count} weitere Ereignisse {label}",
    "source": "Quelle",
    "more_sources": "und {count} weitere",
}
PART_TEXTS = {
    "first": "{shown} von {total} Ereignissen: die jüngsten mit Datum, dazu die zuletzt "
             "gemeldeten ohne Datum. Alle nach Jahren:",
    "section": "{count} {label} (von {total}). Alle nach Jahren:",
    "newest": "Zu den jüngsten Ereignissen",
}
COLLAPSED_KINDS = ("undated",)   # shown closed (<details>): what has no date to place it
FOLD_AFTER = 25                  # a group's events shown open; the rest folded (<details>)
FEED_TEXTS = {
    "atom": ("Atom-Feed", "Für Feedreader: neue und geänderte Ereignisse."),
    "jsonfeed": ("JSON Feed", "Dieselben Einträge als JSON Feed 1.1."),
    "ics": ("Kalender (iCalendar)", "In Kalender-Apps abonnieren oder importieren."),
    "timelinejs": ("TimelineJS (JSON)", "Für TimelineJS 3 und eigene Auswertungen."),
    "json": ("Daten (JSON)", "Alle Ereignisse mit Schlüssel, Datum und Quellen, wie die API sie liefert."),
}


SUBSCRIBE_LABEL = "Im Kalender abonnieren"
DESCRIPTION = "Zeitleiste mit {events} aus {documents}: {headlines}"
DESCRIPTION_LENGTH = 160   # what search results and link previews show


def count_label(count: int, singular: str, plural: str) -> str:
    return f"{count} {singular if count == 1 else plural}"


def day_label(day: date) -> str:
    return format_date(day, "long", locale=LOCALE)


def moment_label(moment: datetime) -> str:
    """`moment` (UTC) on the readers' clock: "am 27. Januar 2022 um 10:15 Uhr"."""
    local = as_utc(moment)
    return "am " + format_datetime(local, "d. MMMM y 'um' HH:mm 'Uhr'", tzinfo=TIMEZONE, locale=LOCALE)


def datetime_attribute(period: Period | None) -> str | None:
    """The HTML `<time datetime>` value of a period at its granularity, None if HTML has none."""
    if period is None:
        return None
    first = period.first
    if period.granularity in ("year", "quarter"):
        return f"{first.year:04d}"
    if period.granularity == "month":
        return f"{first.year:04d}-{first.month:02d}"
    if period.granularity == "week":
        year, week = period.week or first.isocalendar()[:2]
        return f"{year:04d}-W{week:02d}"
    if period.granularity in ("day", "part-of-day"):
        return first.isoformat()
    if period.granularity == "time" and period.clock is not None:
        return f"{first.isoformat()}T{period.clock.strftime('%H:%M')}"
    return None  # a span of days has no single HTML date


def highlight(event: Event) -> Markup:
    """The event's sentence, escaped, with its time expression in `<mark>`.

    Timex offsets are into the document, the sentence starts at `event.start`; an inherited
    time (from another sentence) lies outside the sentence and is not marked.
    """
    sentence = event.sentence
    timex = event.timex
    if timex is not None:
        start, end = timex.start - event.start, timex.end - event.start
        if 0 <= start < end <= len(sentence) and sentence[start:end] == timex.text:
            return (_text(sentence[:start]) + Markup("<mark>") + _text(sentence[start:end])
                    + Markup("</mark>") + _text(sentence[end:]))
    return _text(sentence)


def _text(piece: str) -> Markup:
    """Characters HTML must not carry are removed per piece, so the mark's offsets stay right."""
    return escape(without_forbidden(piece))


_ELLIPSIS = re.compile(r"…|\.\.\.")


def headline_repeats_sentence(headline: str, sentence: str) -> bool:
    """True when the headline is the sentence or cut from it ("Die Autofahrt … war nötig"):
    then the page shows the sentence once. A short headline of its own is kept."""
    text = " ".join(sentence.split()).rstrip(".").casefold()  # "die Autofahrt" -> "Die Autofahrt …"
    head = " ".join(headline.split()).casefold()
    pieces = [piece.strip(" .") for piece in _ELLIPSIS.split(head)]
    pieces = [piece for piece in pieces if piece]
    if not pieces or head.rstrip(".") == text:
        return True
    was_cut = _ELLIPSIS.search(head) is not None
    return was_cut and all(piece in text for piece in pieces)


def breakable_url(url: str) -> Markup:
    """A URL to print in narrow boxes: line breaks allowed after each slash."""
    scheme, sep, rest = url.partition("://")
    head, rest = (scheme + sep, rest) if sep else ("", url)
    return escape(head) + Markup("/<wbr>").join(escape(part) for part in rest.split("/"))


@dataclass(frozen=True)
class Source:
    title: str
    url: str | None
    published_label: str
    published_iso: str


def source_view(document) -> Source:
    published = day_label(document.published)
    return Source(title=clean_line(document.title) or f"Artikel vom {published}",
                  url=safe_link(document.url), published_label=published,
                  published_iso=document.published.isoformat())


def event_view(story: Story, stored: StoredEvent) -> dict:
    event = stored.event
    period = event_period(event)
    sources = [source_view(document) for document in source_documents(story, stored)]
    return {
        "anchor": event_anchor(stored.key),
        "status": event.status if event.status in ("dated", "open", "ongoing", "vague") else "vague",
        "status_label": STATUS_LABELS.get(event.status),
        "date_label": format_event_date(event, LOCALE),
        "datetime": datetime_attribute(period),
        "period": period,
        "headline": clean_line(event.headline),
        "sentence_html": highlight(event),
        "show_sentence": not headline_repeats_sentence(event.headline, event.sentence),
        "source": sources[0] if sources else None,     # the quoted sentence's article
        "sources": sources,                            # every article reporting the event
        # ... of those the page has (a long story's page reads a few per event)
        "more_sources": max(0, len(stored.sources) - len(sources)),
        "note": ANCHOR_NOTES.get(anchor_kind(event)) if event.status != "open" else None,
    }


def anchor_kind(event) -> str:
    """Where the event's time comes from; "elapsed": counted back over a duration the
    sentence names ("hat sich eineinhalb Monate Zeit gelassen"), not a date it names."""
    if event.status == "dated" and event.timex is not None and event.timex.type == "DURATION":
        return "elapsed"
    return event.anchor


def group_events(views: list[dict]) -> list[dict]:
    """Consecutive events under one heading: their year, or "Datum offen"; order is kept.

    A year's first group gets the id `jahr-YYYY` (the year navigation links it); groups
    without dates are `collapsed`; a group's events after FOLD_AFTER are `folded`, so that
    the browser lays out a thousand-article story's page as quickly as a short one's
    (closed <details> are not laid out; they open without JavaScript)."""
    groups: list[dict] = []
    for view in views:
        if view["status"] == "open":
            kind, label = "open", GROUP_LABELS["open"]
        elif view["period"] is not None:
            kind, label = "year", str(view["period"].first.year)
        else:
            kind, label = "undated", GROUP_LABELS["undated"]
        if not groups or groups[-1]["label"] != label:
            first_of_year = kind == "year" and all(g["label"] != label for g in groups)
            groups.append({"kind": kind, "label": label, "events": [],
                           "id": f"jahr-{label}" if first_of_year else f"gruppe-{len(groups) + 1}",
                           "collapsed": kind in COLLAPSED_KINDS})
        previous = groups[-1]["events"][-1] if groups[-1]["events"] else None
        # the same date again right below: shown quieter, so the eye finds the changes
        view["repeats_date"] = previous is not None and (previous["date_label"], previous["status"]) \
            == (view["date_label"], view["status"])
        groups[-1]["events"].append(view)
    for group in groups:
        events = group["events"]
        group["shown"], group["folded"] = events[:FOLD_AFTER], events[FOLD_AFTER:]
        group["more_label"] = NAVIGATION_LABELS["more"].format(
            count=len(group["folded"]), label=group["label"] if group["kind"] == "year" else "").strip()
    return groups


def year_navigation(groups: list[dict]) -> list[dict]:
    """Jump links to each year's first group (and to the groups without dates), in order."""
    return [{"label": g["label"], "href": "#" + g["id"], "count": len(g["events"])}
            for g in groups if g["id"].startswith("jahr-") or g["kind"] != "year"]


def feed_views(slug: str, links) -> list[dict]:
    views = []
    for name, renderer in RENDERERS.items():
        label, hint = FEED_TEXTS.get(name, (renderer.filename, ""))
        href = links.file(slug, renderer.filename)
        absolute = links.absolute(slug, renderer.filename)
        views.append({"name": name, "label": label, "hint": hint, "href": href,
                      "media_type": renderer.media_type.split(";")[0],
                      "display_url": breakable_url(absolute or href),
                      "subscribe": webcal(absolute) if name == "ics" else None,
                      "subscribe_label": SUBSCRIBE_LABEL})
    return views


def webcal(url: str | None) -> str | None:
    """The `webcal://` form of a calendar's http(s) URL: calendar apps subscribe to it
    (and keep it updated) instead of importing a file once."""
    if not url or not url.startswith(("http://", "https://")):
        return None
    return "webcal://" + url.split("://", 1)[1]


def page_meta(story: Story, links, counts: tuple[int, int] | None = None) -> dict:
    """`<meta name="description">`, Open Graph and the canonical link of a story page;
    `counts`: (events, documents) of the whole story when `story` is a part of it."""
    events, documents = counts or (len(story.events), len(story.documents))
    headlines = "; ".join(event_headline(stored.event) for stored in story.events[:20])
    text = DESCRIPTION.format(events=count_label(events, "Ereignis", "Ereignissen"),
                              documents=count_label(documents, "Artikel", "Artikeln"),
                              headlines=headlines).rstrip(": ")
    if len(text) > DESCRIPTION_LENGTH:
        text = text[:DESCRIPTION_LENGTH - 1].rsplit(" ", 1)[0].rstrip(";,: ") + "…"
    return {"title": story_title(story), "description": text, "url": links.absolute(story.slug)}


def story_header(story: Story, links, counts: tuple[int, int] | None = None) -> dict:
    events, documents = counts or (len(story.events), len(story.documents))
    return {
        "slug": story.slug,
        "title": story_title(story),
        "events_label": count_label(events, "Ereignis", "Ereignisse"),
        "documents_label": count_label(documents, "Artikel", "Artikeln"),
        "updated_iso": as_utc(story.updated).isoformat(timespec="seconds"),
        "updated_label": moment_label(story.updated),
        "paste_url": links.paste(story.slug),
    }


def story_context(story: Story, links, *, base_url: str, outline: StoryOutline | None = None,
                  partial: bool = False, section: int | str | None = None) -> dict:
    """Everything `story.html` shows; `base_url` is the site root the JSON-LD ids use.

    A part of a long story (`feeds.render.story_parts`): `outline` its counts, `partial`
    True when `story` holds a part only, `section` the section page shown (None: the page
    as first shown); the year navigation then links the sections' pages."""
    views = [event_view(story, stored) for stored in story.events]
    groups = group_events(views)
    counts = (outline.events, outline.documents) if outline is not None else None
    documents = outline.documents if outline is not None else len(story.documents)
    # one article: its name once, in the header, instead of under every event
    single = source_view(story.documents[0]) if documents == 1 and story.documents else None
    paged = outline is not None and (partial or section is not None)
    if paged:
        years = section_navigation(outline, links, section, GROUP_LABELS)
    else:
        years = year_navigation(groups) if len(groups) > 1 else []
    return {
        "links": links,
        "story": story_header(story, links, counts),
        "groups": groups,
        "years": years,
        "part": part_notice(outline, story, section) if paged else None,
        "single_source": single,
        "labels": NAVIGATION_LABELS,
        "feeds": feed_views(story.slug, links),
        "meta": page_meta(story, links, counts),
        "jsonld": Markup(jsonld_script(render_jsonld(story, base_url=base_url))) if story.events else None,
    }


def part_notice(outline: StoryOutline, story: Story, section: int | str | None) -> dict:
    """What a page of a long story says it shows: the newest events, or one section."""
    if section is None:
        text = PART_TEXTS["first"].format(shown=len(story.events), total=outline.events)
    else:
        text = PART_TEXTS["section"].format(
            count=count_label(outline.count(section), "Ereignis", "Ereignisse"),
            label=section_label(section, GROUP_LABELS), total=outline.events)
    return {"text": text, "section": section}


def index_context(summaries, links) -> dict:
    """Everything `index.html` shows; `summaries` are `timeline.store.StorySummary`s."""
    stories = [{
        "title": clean_line(summary.title) or summary.slug,
        "url": links.story(summary.slug),
        "events_label": count_label(summary.events, "Ereignis", "Ereignisse"),
        "documents_label": count_label(summary.documents, "Artikel", "Artikeln"),
        "updated_iso": as_utc(summary.updated).isoformat(timespec="seconds"),
        "updated_label": moment_label(summary.updated),
    } for summary in summaries]
    return {"links": links, "stories": stories}
