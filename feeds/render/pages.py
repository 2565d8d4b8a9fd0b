"""The HTML pages as data: what the templates show, computed from a story and its links.

Templates only lay out what these functions prepare, so the app (`feeds.web.views`) and the
static export (`feeds.web.build`) render identical pages from identical calls. Dates in words come
from `timeline.dates.display` and every calendar position from `timeline.dates.period`, like the feeds.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from babel.dates import format_date, format_time, get_timezone
from markupsafe import Markup, escape

from feeds.i18n import DEFAULT_LOCALE, N_, texts
from feeds.render.jsonld import jsonld_script, render_jsonld
from feeds.render.publication import (as_utc, clean_line, event_anchor, event_headline, safe_link,
                                      source_documents, story_title, without_forbidden)
from feeds.render.registry import RENDERERS
from timeline.dates.display import format_event_date
from timeline.model import Event, Story, StoredEvent
from timeline.dates.period import Period, event_period
from timeline.store.sections import StoryOutline
from feeds.render.story_parts import (SOURCES_SHOWN, page_navigation, part_notice,
                                      section_navigation)

TIMEZONE = get_timezone("Europe/Berlin")  # the readers' clock for "last changed"

# Words the pages use, kept together as data: msgids of the catalog (`feeds.i18n`),
# translated into the page's locale where they are shown.
STATUS_LABELS = {
    "open": N_("announced"),
    "ongoing": N_("ongoing"),
    "vague": N_("vague date"),
}
ANCHOR_NOTES = {
    "narrative": N_("Time inferred from the context of the article."),
    "elapsed": N_("Beginning of the period named, counted back."),
}
GROUP_LABELS = {
    "open": N_("Date open"),
    "undated": N_("Without an exact date"),
}
NAVIGATION_LABELS = {
    "years": N_("Jump to"),
    "source": N_("Source"),
}
COLLAPSED_KINDS = ("undated",)   # shown closed (<details>): what has no date to place it
FOLD_AFTER = 25                  # a group's events shown open; the rest folded (<details>)
FEED_TEXTS = {
    "atom": (N_("Atom feed"), N_("For feed readers: new and changed events.")),
    "jsonfeed": (N_("JSON Feed"), N_("The same entries as a JSON Feed 1.1.")),
    "ics": (N_("Calendar (iCalendar)"), N_("Subscribe or import in calendar apps.")),
    "timelinejs": (N_("TimelineJS (JSON)"), N_("For TimelineJS 3 and analyses of your own.")),
    "json": (N_("Data (JSON)"), N_("Every event with key, date and sources, as the API delivers them.")),
}


SUBSCRIBE_LABEL = N_("Subscribe in your calendar")
DESCRIPTION = N_("Timeline with %(events)s from %(documents)s: %(headlines)s")
DESCRIPTION_LENGTH = 160   # what search results and link previews show
UNTITLED_SOURCE = N_("Article of %(date)s")
MOMENT = N_("on %(date)s at %(time)s")


def events_label(count: int, locale: str = DEFAULT_LOCALE) -> str:
    """"3 events" as the subject of a phrase ("3 Ereignisse aus ...")."""
    return texts(locale).ngettext("%(num)d event", "%(num)d events", count)


def documents_label(count: int, locale: str = DEFAULT_LOCALE) -> str:
    """"2 articles" after "from" ("aus 2 Artikeln": German needs the dative here)."""
    return texts(locale).npgettext("from", "%(num)d article", "%(num)d articles", count)


def day_label(day: date, locale: str = DEFAULT_LOCALE) -> str:
    return format_date(day, "long", locale=texts(locale).locale)


def moment_label(moment: datetime, locale: str = DEFAULT_LOCALE) -> str:
    """`moment` (UTC) on the readers' clock: "am 27. Januar 2022 um 10:15 Uhr"."""
    words = texts(locale)
    local = as_utc(moment).astimezone(TIMEZONE)
    return words.gettext(MOMENT, date=format_date(local.date(), "long", locale=words.locale),
                         time=format_time(local, "short", tzinfo=TIMEZONE, locale=words.locale))


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


def source_view(document, locale: str = DEFAULT_LOCALE) -> Source:
    published = day_label(document.published, locale)
    return Source(title=clean_line(document.title) or texts(locale).gettext(UNTITLED_SOURCE, date=published),
                  url=safe_link(document.url), published_label=published,
                  published_iso=document.published.isoformat())


def event_view(story: Story, stored: StoredEvent, locale: str = DEFAULT_LOCALE,
               source_limit: int | None = None) -> dict:
    """The event as the page shows it; `source_limit`: name at most that many of its
    articles (a long story's part), counting the others."""
    words = texts(locale)
    event = stored.event
    period = event_period(event)
    sources = [source_view(document, locale)
               for document in source_documents(story, stored)[:source_limit]]
    status_label = STATUS_LABELS.get(event.status)
    note = ANCHOR_NOTES.get(anchor_kind(event)) if event.status != "open" else None
    return {
        "anchor": event_anchor(stored.key),
        "status": event.status if event.status in ("dated", "open", "ongoing", "vague") else "vague",
        "status_label": words.gettext(status_label) if status_label else None,
        "date_label": format_event_date(event, locale),
        "datetime": datetime_attribute(period),
        "period": period,
        "headline": clean_line(event.headline),
        "sentence_html": highlight(event),
        "show_sentence": not headline_repeats_sentence(event.headline, event.sentence),
        "source": sources[0] if sources else None,     # the quoted sentence's article
        "sources": sources,                            # every article reporting the event
        # a long story's page names a few per event and counts the others
        "more_sources": max(0, len(stored.sources) - len(sources)),
        "note": words.gettext(note) if note else None,
        "pinned": stored.pinned,                       # a key event, chosen by an editor
        "editor_note": clean_line(stored.note) or None,   # the newsroom's word to readers
    }


def anchor_kind(event) -> str:
    """Where the event's time comes from; "elapsed": counted back over a duration the
    sentence names ("hat sich eineinhalb Monate Zeit gelassen"), not a date it names."""
    if event.status == "dated" and event.timex is not None and event.timex.type == "DURATION":
        return "elapsed"
    return event.anchor


def group_events(views: list[dict], locale: str = DEFAULT_LOCALE) -> list[dict]:
    """Consecutive events under one heading: their year, or "Datum offen"; order is kept.

    A year's first group gets the id `jahr-YYYY` (the year navigation links it); groups
    without dates are `collapsed`; a group's events after FOLD_AFTER are `folded`, so that
    the browser lays out a thousand-article story's page as quickly as a short one's
    (closed <details> are not laid out; they open without JavaScript)."""
    words = texts(locale)
    groups: list[dict] = []
    for view in views:
        if view["status"] == "open":
            kind, label = "open", words.gettext(GROUP_LABELS["open"])
        elif view["period"] is not None:
            kind, label = "year", str(view["period"].first.year)
        else:
            kind, label = "undated", words.gettext(GROUP_LABELS["undated"])
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
        folded = len(group["folded"])
        if group["kind"] == "year":
            group["more_label"] = words.ngettext("%(num)d more event in %(year)s",
                                                 "%(num)d more events in %(year)s", folded, year=group["label"])
        else:
            group["more_label"] = words.ngettext("%(num)d more event", "%(num)d more events", folded)
    return groups


def _section_rank(view: dict) -> tuple:
    """Where `group_events` puts an event: its year, then without a date, then open."""
    if view["status"] == "open":
        return (2, 0)
    return (0, view["period"].first.year) if view["period"] is not None else (1, 0)


def year_navigation(groups: list[dict]) -> list[dict]:
    """Jump links to each year's first group (and to the groups without dates), in order."""
    return [{"label": g["label"], "href": "#" + g["id"], "count": len(g["events"])}
            for g in groups if g["id"].startswith("jahr-") or g["kind"] != "year"]


def feed_views(slug: str, links, locale: str = DEFAULT_LOCALE) -> list[dict]:
    words = texts(locale)
    views = []
    for name, renderer in RENDERERS.items():
        label, hint = FEED_TEXTS.get(name, (renderer.filename, ""))
        label, hint = words.gettext(label), words.gettext(hint) if hint else ""
        href = links.file(slug, renderer.filename)
        absolute = links.absolute(slug, renderer.filename)
        views.append({"name": name, "label": label, "hint": hint, "href": href,
                      "media_type": renderer.media_type.split(";")[0],
                      "display_url": breakable_url(absolute or href),
                      "subscribe": webcal(absolute) if name == "ics" else None,
                      "subscribe_label": words.gettext(SUBSCRIBE_LABEL)})
    return views


def webcal(url: str | None) -> str | None:
    """The `webcal://` form of a calendar's http(s) URL: calendar apps subscribe to it
    (and keep it updated) instead of importing a file once."""
    if not url or not url.startswith(("http://", "https://")):
        return None
    return "webcal://" + url.split("://", 1)[1]


def page_meta(story: Story, links, locale: str = DEFAULT_LOCALE,
              counts: tuple[int, int] | None = None) -> dict:
    """`<meta name="description">`, Open Graph and the canonical link of a story page;
    `counts`: (events, documents) of the whole story when `story` is a part of it."""
    words = texts(locale)
    total, documents = counts or (len(story.events), len(story.documents))
    # the description shows 160 characters: the first headlines are plenty
    headlines = "; ".join(event_headline(stored.event, locale) for stored in story.events[:20])
    events = words.npgettext("timeline with", "%(num)d event", "%(num)d events", total)
    text = words.gettext(DESCRIPTION, events=events, documents=documents_label(documents, locale),
                         headlines=headlines).rstrip(": ")
    if len(text) > DESCRIPTION_LENGTH:
        text = text[:DESCRIPTION_LENGTH - 1].rsplit(" ", 1)[0].rstrip(";,: ") + "…"
    return {"title": story_title(story), "description": text, "url": links.absolute(story.slug)}


def story_header(story: Story, links, locale: str = DEFAULT_LOCALE,
                 counts: tuple[int, int] | None = None) -> dict:
    events, documents = counts or (len(story.events), len(story.documents))
    return {
        "slug": story.slug,
        "title": story_title(story),
        "events_label": events_label(events, locale),
        "documents_label": documents_label(documents, locale),
        "updated_iso": as_utc(story.updated).isoformat(timespec="seconds"),
        "updated_label": moment_label(story.updated, locale),
        "paste_url": links.paste(story.slug),
        "edit_url": links.edit(story.slug),
        "description": clean_line(story.description) or None,
    }


def story_context(story: Story, links, *, base_url: str, locale: str = DEFAULT_LOCALE,
                  outline: StoryOutline | None = None, partial: bool = False,
                  section: int | str | None = None, page: int = 1) -> dict:
    """Everything `story.html` shows, its words in `locale`; `base_url` is the site root the
    JSON-LD ids use.

    A part of a long story (`feeds.render.story_parts`): `outline` the whole story's counts,
    `partial` True when `story` holds a part only, `section` the section page shown (None:
    the page as first shown), `page` its page; the year navigation then links the sections'
    pages, and a section of several pages links them all."""
    words = texts(locale)
    paged = outline is not None and (partial or section is not None)
    limit = SOURCES_SHOWN if paged else None
    views = [event_view(story, stored, locale, limit) for stored in story.events]
    if paged:   # one group per heading: a part shows its sections in turn (unique landmarks)
        views.sort(key=_section_rank)
    groups = group_events(views, locale)
    counts = (outline.events, outline.documents) if outline is not None else None
    documents = len(story.documents) if outline is None else outline.documents
    # one article: its name once, in the header, instead of under every event
    single = source_view(story.documents[0], locale) if documents == 1 and story.documents \
        else None
    sections = {kind: words.gettext(label) for kind, label in GROUP_LABELS.items()}
    if paged:
        years = section_navigation(outline, links, section, sections)
    else:
        years = year_navigation(groups) if len(groups) > 1 else []
    return {
        "links": links,
        "story": story_header(story, links, locale, counts),
        "groups": groups,
        "years": years,
        "part": part_notice(outline, story, links, section, sections, locale) if paged else None,
        "pager": page_navigation(outline, links, section, page, sections, locale)
        if paged and section is not None else None,
        "single_source": single,
        "labels": {name: words.gettext(label) for name, label in NAVIGATION_LABELS.items()},
        "feeds": feed_views(story.slug, links, locale),
        "meta": page_meta(story, links, locale, counts),
        "jsonld": Markup(jsonld_script(render_jsonld(story, base_url=base_url, locale=locale)))
        if story.events else None,
    }


def index_context(summaries, links, locale: str = DEFAULT_LOCALE) -> dict:
    """Everything `index.html` shows, its words in `locale`; `summaries` are
    `timeline.store.StorySummary`s."""
    stories = [{
        "title": clean_line(summary.title) or summary.slug,
        "url": links.story(summary.slug),
        "events_label": events_label(summary.events, locale),
        "documents_label": documents_label(summary.documents, locale),
        "updated_iso": as_utc(summary.updated).isoformat(timespec="seconds"),
        "updated_label": moment_label(summary.updated, locale),
    } for summary in summaries]
    return {"links": links, "stories": stories}
