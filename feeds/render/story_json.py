"""A story as the JSON the API answers with (`GET /api/stories/<slug>`) and `story.json` holds.

    {slug, title, created, updated, documents: [...], events: [...]}

An event is its extracted fields (`Event.to_dict()`) plus the store's: `key` (stable),
`display_date` (in words), `document_id`, `sources` (every reporting document), `created`,
`updated`, `sequence`. Times are ISO 8601 in UTC.
"""
from __future__ import annotations

from feeds.i18n import DEFAULT_LOCALE
from feeds.render.publication import as_utc
from timeline.dates.display import format_event_date
from timeline.model import Document, StoredEvent, Story


def _iso(moment) -> str:
    return as_utc(moment).isoformat()


def document_json(document: Document) -> dict:
    return {
        "id": document.id,
        "story": document.story,
        "title": document.title,
        "url": document.url,
        "published": document.published.isoformat(),
        "lang": document.lang,
        "content_hash": document.content_hash,
        "created": _iso(document.created),
        "updated": _iso(document.updated),
    }


def event_json(stored: StoredEvent, locale: str = DEFAULT_LOCALE) -> dict:
    return {
        "key": stored.key,
        **stored.event.to_dict(),
        "display_date": format_event_date(stored.event, locale),
        "document_id": stored.document_id,
        "sources": list(stored.sources or (stored.document_id,)),   # all reporting documents
        "created": _iso(stored.created),
        "updated": _iso(stored.updated),
        "sequence": stored.sequence,
    }


def story_json(story: Story, locale: str = DEFAULT_LOCALE) -> dict:
    """The story as the API's JSON; `display_date` in `locale`."""
    return {
        "slug": story.slug,
        "title": story.title,
        "created": _iso(story.created),
        "updated": _iso(story.updated),
        "documents": [document_json(d) for d in story.documents],
        "events": [event_json(e, locale) for e in story.events],
    }
