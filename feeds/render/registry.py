"""The one place where a story's file formats are registered (as Datasette registers its
output renderers). The web app serves each at `/stories/<slug>/<filename>`; the static build
writes each to `stories/<slug>/<filename>`. Both just iterate over `RENDERERS`.

Every registered `render` has the same signature and returns the exact bytes to send:

    render(story, *, base_url, self_url=None, hub_url=None, locale="de") -> bytes

`base_url` is the site root ("https://example.org" or "https://example.org/sub/"); links
and ids are built from it. `self_url` is the absolute URL the file is served at (Atom's
rel="self", JSON Feed's feed_url); it defaults to `<base_url>/stories/<slug>/<filename>`. `hub_url` is an optional
WebSub hub (Atom only). `locale` is the readers' language of the words around the articles'
(labels, dates in words; `feeds.i18n`). Output depends on the story alone — never on the clock — so equal
stories give byte-identical files and a hash of the body is a valid strong ETag.
"""
from __future__ import annotations

import json
from typing import Callable, NamedTuple

from feeds.i18n import DEFAULT_LOCALE
from feeds.render.atom import render_atom
from feeds.render.ical import render_ics
from feeds.render.jsonfeed import render_jsonfeed
from feeds.render.story_json import story_json
from feeds.render.timelinejs import render_timelinejs
from timeline.model import Story


class Renderer(NamedTuple):
    """A registered format; unpacks as (media_type, filename, render)."""

    media_type: str
    filename: str
    render: Callable[..., bytes]


def _atom(story: Story, *, base_url: str, self_url: str | None = None, hub_url: str | None = None,
         locale: str = DEFAULT_LOCALE) -> bytes:
    return render_atom(story, base_url=base_url, self_url=self_url, hub_url=hub_url, locale=locale)


def _ics(story: Story, *, base_url: str, self_url: str | None = None, hub_url: str | None = None,
         locale: str = DEFAULT_LOCALE) -> bytes:
    return render_ics(story, base_url=base_url, locale=locale)


def _timelinejs(story: Story, *, base_url: str, self_url: str | None = None, hub_url: str | None = None,
         locale: str = DEFAULT_LOCALE) -> bytes:
    return json_bytes(render_timelinejs(story, base_url=base_url, locale=locale))


def _story_json(story: Story, *, base_url: str, self_url: str | None = None, hub_url: str | None = None,
         locale: str = DEFAULT_LOCALE) -> bytes:
    return json_bytes(story_json(story, locale))


def _jsonfeed(story: Story, *, base_url: str, self_url: str | None = None, hub_url: str | None = None,
         locale: str = DEFAULT_LOCALE) -> bytes:
    return json_bytes(render_jsonfeed(story, base_url=base_url, self_url=self_url, locale=locale))


def json_bytes(data) -> bytes:
    """Deterministic UTF-8 JSON (key order as built, two-space indent, final newline)."""
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


RENDERERS: dict[str, Renderer] = {
    "atom": Renderer("application/atom+xml; charset=utf-8", "feed.atom", _atom),
    "jsonfeed": Renderer("application/feed+json", "feed.json", _jsonfeed),
    "ics": Renderer("text/calendar; charset=utf-8", "calendar.ics", _ics),
    "timelinejs": Renderer("application/json", "timeline.json", _timelinejs),
    "json": Renderer("application/json", "story.json", _story_json),   # the API's story
}


def renderer_for_filename(filename: str) -> tuple[str, Renderer] | None:
    """(name, renderer) serving `filename`, e.g. "feed.atom", else None."""
    for name, renderer in RENDERERS.items():
        if renderer.filename == filename:
            return name, renderer
    return None
