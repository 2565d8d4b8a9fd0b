"""What every renderer needs about a story: its URLs and ids, clean text, UTC timestamps.

The ids made here are promises to subscribers: Atom entry ids and iCalendar UIDs must never
change for an event whose `key` did not change, so they depend on the host, the slug and the
key only — never on dates, titles or the order of events.
"""
from __future__ import annotations

import re
import uuid
from html import escape
from datetime import datetime, timezone
from urllib.parse import urlsplit

from babel.dates import format_date

from feeds.i18n import DEFAULT_LOCALE, N_, texts
from timeline.model import Document, StoredEvent, Story

# The language the articles are written in (xml:lang, inLanguage of what they say). The words
# around them (labels, dates in words) are in the readers' language, the `locale` each renderer
# is given (TIMELINE_UI_LOCALE; default German, `feeds.i18n`).
LOCALE = "de"

# The year this project's authority started minting tag URIs (RFC 4151). It is part of every
# id ever published, so it is a constant — never the event's date, never the current year.
TAG_YEAR = 2026

# Namespace for iCalendar UIDs: uuid5(namespace, "story/SLUG/event/KEY").
EVENT_UID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "tag:timeline,2026:event-uid")

# Characters XML 1.0 and RFC 5545 TEXT both forbid (C0 controls except TAB/LF/CR, DEL, the
# C1 range, lone surrogates, U+FFFE/U+FFFF). Removed from every text we publish.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_WHITESPACE = re.compile(r"\s+")


def site_root(base_url: str) -> str:
    """`base_url` without its trailing slash: "https://example.org/news/" -> ".../news"."""
    return base_url.rstrip("/")


def story_url(base_url: str, slug: str) -> str:
    """The story's HTML page."""
    return f"{site_root(base_url)}/stories/{slug}"


def story_file_url(base_url: str, slug: str, filename: str) -> str:
    """A file published under the story, e.g. its `feed.atom`."""
    return f"{story_url(base_url, slug)}/{filename}"


def event_anchor(key: str) -> str:
    """The HTML id of an event on the story page (the page must use it: `id="event-KEY"`)."""
    return f"event-{key}"


def event_url(base_url: str, slug: str, key: str) -> str:
    """Link to one event: the story page scrolled to it."""
    return f"{story_url(base_url, slug)}#{event_anchor(key)}"


def host_of(base_url: str) -> str:
    """The host name of `base_url` (no port, lower case), the authority of our ids."""
    host = urlsplit(base_url).hostname
    return host.lower() if host else "localhost"


def tag_uri(base_url: str, specific: str) -> str:
    """`tag:HOST,2026:SPECIFIC` (RFC 4151)."""
    return f"tag:{host_of(base_url)},{TAG_YEAR}:{specific}"


def story_tag(base_url: str, slug: str) -> str:
    return tag_uri(base_url, f"story/{slug}")


def event_tag(base_url: str, slug: str, key: str) -> str:
    return tag_uri(base_url, f"story/{slug}/event/{key}")


def event_uid(base_url: str, slug: str, key: str) -> str:
    """Stable iCalendar UID: uuid5 of slug and key, at our host."""
    name = f"story/{slug}/event/{key}"
    return f"{uuid.uuid5(EVENT_UID_NAMESPACE, name)}@{host_of(base_url)}"


def as_utc(moment: datetime) -> datetime:
    """An aware UTC datetime; naive values (as SQLite hands them back) are taken as UTC."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def without_forbidden(text: str) -> str:
    """`text` without the characters XML, HTML and iCalendar must not carry; nothing else changes."""
    return _FORBIDDEN.sub("", text)


def clean_line(text: str | None) -> str:
    """One line of publishable text: forbidden characters gone, all whitespace one space."""
    return _WHITESPACE.sub(" ", without_forbidden(text or "")).strip()


def clean_text(text: str | None) -> str:
    """Publishable text that may keep line breaks (normalized to LF)."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    return without_forbidden(text).strip()


def safe_link(url: str | None) -> str | None:
    """`url` if it is an absolute http(s) URL we may link to, else None (no `javascript:`)."""
    url = clean_line(url)
    parts = urlsplit(url)
    if parts.scheme.lower() in ("http", "https") and parts.netloc and " " not in url:
        return url
    return None


def source_document(story: Story, stored: StoredEvent) -> Document | None:
    """The article an event was taken from (the first of its sources)."""
    for document in story.documents:
        if document.id == stored.document_id:
            return document
    return None


_BY_ID: tuple = ((), {})     # the last story's documents by id: renders ask once per event


def _documents_by_id(documents: tuple) -> dict:
    global _BY_ID
    cached = _BY_ID
    if cached[0] is not documents:
        cached = (documents, {document.id: document for document in documents})
        _BY_ID = cached
    return cached[1]


def source_documents(story: Story, stored: StoredEvent) -> list[Document]:
    """All articles reporting the event (`StoredEvent.sources`, see timeline.store.merging), the
    first-stored first; just its own article when it was not merged."""
    by_id = _documents_by_id(story.documents)
    ids = stored.sources or (stored.document_id,)
    return [by_id[i] for i in ids if i in by_id]


SOURCES_NAMED = 3   # articles named under one event in a feed entry, calendar entry or slide


def named_sources(story: Story, stored: StoredEvent) -> tuple[list[Document], int]:
    """The first `SOURCES_NAMED` articles reporting the event, and how many more there are:
    an event every article retells would otherwise name hundreds of them in each output
    (and make a whole-story output grow with the square of the story)."""
    documents = source_documents(story, stored)
    return documents[:SOURCES_NAMED], max(0, len(documents) - SOURCES_NAMED)


def more_sources(count: int, locale: str = DEFAULT_LOCALE) -> str:
    """"and 5 more articles": the sources `named_sources` counts but does not name."""
    return texts(locale).ngettext("and %(num)d more article", "and %(num)d more articles", count)


def source_paragraphs(story: Story, stored: StoredEvent, locale: str = DEFAULT_LOCALE) -> list[str]:
    """One HTML paragraph per article named under the event (`named_sources`): "Quelle:
    <a>title</a> (date)", then one counting the others.

    Shared by the Atom content and the TimelineJS slides; everything is escaped, and only
    http(s) links are made clickable.
    """
    words = texts(locale)
    paragraphs = []
    named, more = named_sources(story, stored)
    for document in named:
        title = escape(clean_line(document.title) or clean_line(document.url) or story.slug)
        link = safe_link(document.url)
        source = f'<a href="{escape(link, quote=True)}">{title}</a>' if link else title
        published = format_date(document.published, "long", locale=words.locale)
        paragraphs.append(f"<p>{words.gettext(SOURCE, source=f'{source} ({published})')}</p>")
    if more:
        paragraphs.append(f"<p>{escape(more_sources(more, locale))}</p>")
    return paragraphs


SOURCE = N_("Source: %(source)s")
NEWSROOM_NOTE = N_("Note from the newsroom: %(note)s")
KEY_EVENT = N_("Key event")


def note_paragraphs(stored: StoredEvent, locale: str = DEFAULT_LOCALE) -> list[str]:
    """The editor's note to readers (`StoredEvent.note`) as one escaped HTML paragraph, none
    without a note: the Atom/JSON Feed content and the TimelineJS slide carry it."""
    note = clean_line(stored.note)
    return [f"<p>{escape(texts(locale).gettext(NEWSROOM_NOTE, note=note))}</p>"] if note else []
UNTITLED_EVENT = N_("Event")


def event_headline(event, locale: str = DEFAULT_LOCALE) -> str:
    """The one title every output gives an event: its headline (one clause, at most 14 words,
    from `timeline.events.headlines`), else the start of its sentence. Never a date prefix:
    each format shows the date in its own field."""
    return clean_line(event.headline) or clean_line(event.sentence)[:80] or texts(locale).gettext(UNTITLED_EVENT)


def story_title(story: Story) -> str:
    """The one title every output gives a story: the story's own title, else (when the story
    was named only by its slug) the title of its first article, else the slug."""
    title = clean_line(story.title)
    if title and title != story.slug:
        return title
    for document in story.documents:
        if clean_line(document.title):
            return clean_line(document.title)
    return title or story.slug
