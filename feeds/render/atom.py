"""A story as an Atom 1.0 feed (RFC 4287), one entry per event, written with feedgen.

Decisions:
- Entry order: most recently changed first (ties in the story's chronological order). A feed
  tells subscribers what changed; readers sort by `updated` anyway, and any reader that only
  looks at the top of a feed sees the latest changes. The chronological view is the HTML page
  and TimelineJS. The order depends on the data only, so output stays byte-identical.
- Entry `updated` is the event's last real change (`StoredEvent.updated`), `published` its
  creation; the feed's `updated` is the latest entry's (the story's `updated` when it has no
  events). Nothing reads the clock: equal stories give equal bytes (strong ETag, 304s).
- Entry ids are tag URIs from host, slug and event key only (see feeds.render.publication).
- feedgen 1.0.0 drops rel/type/title of *entry* links (upstream issue #135: its loop rebinds
  the dict to the new element). Entry links are therefore written by a small feedgen entry
  extension (`_EntryLinks`) instead of `FeedEntry.link`; feed-level links are not affected.
- Content is `type="html"`: our HTML, every piece escaped, then escaped again by lxml as
  XML text. Never `CDATA` (feedgen writes it invalidly); `]]>` in a text is plain data.
"""
from __future__ import annotations

from html import escape

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from lxml import etree

from feeds.i18n import DEFAULT_LOCALE, N_, texts
from feeds.render.archive import Page, archive_name, archive_page, current_page
from feeds.render.publication import (LOCALE, source_paragraphs, as_utc, clean_text, event_headline, event_tag,
                               event_url, site_root, story_file_url, story_tag, story_title, story_url)
from timeline.dates.display import format_event_date
from timeline.model import StoredEvent, Story

AUTHOR_NAME = "timeline"
GENERATOR = "timeline"
WHEN = N_("When: %(when)s")


class _EntryLinks(BaseEntryExtension):
    """Writes entry `<link>` elements with all their attributes (works around feedgen #135)."""

    def __init__(self):
        self.links: list[dict[str, str]] = []

    def extend_atom(self, entry):
        for attributes in self.links:
            etree.SubElement(entry, "link", attrib=attributes)
        return entry


HISTORY_NS = "http://purl.org/syndication/history/1.0"   # RFC 5005


class _Archive(BaseExtension):
    """Marks an archive document (`<fh:archive/>`, RFC 5005 section 4)."""

    def extend_ns(self):
        return {"fh": HISTORY_NS}

    def extend_atom(self, feed):
        etree.SubElement(feed, f"{{{HISTORY_NS}}}archive")
        return feed


def render_atom(story: Story, *, base_url: str, self_url: str | None = None,
                hub_url: str | None = None, page: Page | None = None,
                locale: str = DEFAULT_LOCALE) -> bytes:
    """The story's Atom feed as UTF-8 bytes; `self_url` is the URL it is served at; its words
    in `locale`.

    `page`: which events (`feeds.render.archive`): by default the current feed, the newest
    entries, linking the newest archive; an archive page links its neighbours."""
    page_of_events = page or current_page(story)
    name = archive_name(page_of_events.number) if page_of_events.is_archive else "feed.atom"
    self_url = self_url or story_file_url(base_url, story.slug, name)
    page = story_url(base_url, story.slug)

    feed = FeedGenerator()
    feed.id(story_tag(base_url, story.slug))
    feed.title(story_title(story))
    feed.language(LOCALE)
    feed.author({"name": AUTHOR_NAME, "uri": site_root(base_url) + "/"})
    feed.generator(GENERATOR)
    feed.link(href=self_url, rel="self", type="application/atom+xml")
    feed.link(href=page, rel="alternate", type="text/html")
    if hub_url:
        feed.link(href=hub_url, rel="hub")
    if page_of_events.is_archive:
        feed.link(href=story_file_url(base_url, story.slug, "feed.atom"), rel="current",
                  type="application/atom+xml")
    for rel, number in (("prev-archive", page_of_events.prev_archive),
                        ("next-archive", page_of_events.next_archive)):
        if number is not None:
            feed.link(href=story_file_url(base_url, story.slug, archive_name(number)), rel=rel,
                      type="application/atom+xml")

    ordered = entry_order(page_of_events.events)
    for stored in ordered:
        _add_entry(feed, story, stored, base_url, locale)
    newest = max((as_utc(stored.updated) for stored in ordered), default=as_utc(story.updated))
    feed.updated(newest)
    if page_of_events.is_archive:     # after the entries: feedgen would give them one too
        feed.register_extension("archive", _Archive, None, atom=True, rss=False)
    return feed.atom_str(pretty=True, encoding="UTF-8", xml_declaration=True)


def entry_order(events: tuple[StoredEvent, ...]) -> list[StoredEvent]:
    """Newest change first; events changed at the same moment keep the story's order."""
    indexed = list(enumerate(events))
    indexed.sort(key=lambda item: (-as_utc(item[1].updated).timestamp(), item[0]))
    return [stored for _, stored in indexed]


def _add_entry(feed: FeedGenerator, story: Story, stored: StoredEvent, base_url: str,
               locale: str) -> None:
    event = stored.event
    when = format_event_date(event, locale)

    entry = feed.add_entry(order="append")
    entry.id(event_tag(base_url, story.slug, stored.key))
    entry.title(event_headline(event, locale))  # the date is in the content ("Wann: ...")
    entry.updated(as_utc(stored.updated))
    entry.published(as_utc(stored.created))
    entry.content(entry_html(story, stored, when, locale), type="html")
    entry.register_extension("links", _EntryLinks, atom=True, rss=False)
    entry.links.links.append({"href": event_url(base_url, story.slug, stored.key),
                              "rel": "alternate", "type": "text/html"})


def entry_html(story: Story, stored: StoredEvent, when: str, locale: str = DEFAULT_LOCALE) -> str:
    """The entry's HTML: the sentence, its date in words, the source articles (one line each)."""
    parts = [f"<p>{escape(clean_text(stored.event.sentence))}</p>",
             f"<p>{texts(locale).gettext(WHEN, when=escape(when))}</p>"]
    parts += source_paragraphs(story, stored, locale)
    return "\n".join(parts)


def render_atom_archive(story: Story, number: int, *, base_url: str,
                        stamps=None, locale: str = DEFAULT_LOCALE) -> bytes | None:
    """Archive `number` of the story's feed (`feeds.render.archive`), None if there is none.
    `stamps`: all the story's entries when `story` holds only some (`Store.event_stamps`)."""
    page = archive_page(story, number, stamps=stamps)
    return None if page is None else render_atom(story, base_url=base_url, page=page, locale=locale)
