"""A story as a JSON Feed 1.1 (https://jsonfeed.org/version/1.1), one item per event.

The same entries as the Atom feed (`feeds.render.atom`), in the same order (newest change
first) with the same ids, titles (the headline, no date prefix) and HTML content, so a reader
that subscribes to either sees the same news. `content_text` is the sentence and `summary`
its date in words. No clock is read: equal stories give equal bytes. One document, no paging.
"""
from __future__ import annotations

from feeds.i18n import DEFAULT_LOCALE, N_, texts
from feeds.render.atom import AUTHOR_NAME, entry_html, entry_order
from feeds.render.publication import (LOCALE, as_utc, clean_text, event_headline, event_tag, event_url,
                                      site_root, story_file_url, story_title, story_url)
from timeline.dates.display import format_event_date
from timeline.model import StoredEvent, Story

VERSION = "https://jsonfeed.org/version/1.1"
FILENAME = "feed.json"
DESCRIPTION = N_("Events of the timeline “%(title)s”, new and changed ones first.")


def render_jsonfeed(story: Story, *, base_url: str, self_url: str | None = None,
                    locale: str = DEFAULT_LOCALE) -> dict:
    """The story's JSON Feed as a JSON-ready dict; `self_url` is the URL it is served at; its
    words in `locale`."""
    title = story_title(story)
    return {
        "version": VERSION,
        "title": title,
        "home_page_url": story_url(base_url, story.slug),
        "feed_url": self_url or story_file_url(base_url, story.slug, FILENAME),
        "description": texts(locale).gettext(DESCRIPTION, title=title),
        "language": LOCALE,
        "authors": [{"name": AUTHOR_NAME, "url": site_root(base_url) + "/"}],
        "items": [_item(story, stored, base_url, locale) for stored in entry_order(story.events)],
    }


def _item(story: Story, stored: StoredEvent, base_url: str, locale: str) -> dict:
    event = stored.event
    when = format_event_date(event, locale)
    return {
        "id": event_tag(base_url, story.slug, stored.key),
        "url": event_url(base_url, story.slug, stored.key),
        "title": event_headline(event, locale),
        "summary": when,
        "content_html": entry_html(story, stored, when, locale),
        "content_text": clean_text(event.sentence),
        "date_published": as_utc(stored.created).isoformat(),
        "date_modified": as_utc(stored.updated).isoformat(),
        "language": LOCALE,
    }
