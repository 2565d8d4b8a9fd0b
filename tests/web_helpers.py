"""Helpers for the web tests: put the hand-built sample stories into a real store.

`store_sample` saves each document of a `tests/story_samples` Story with its events as the
timeline, so the pages are rendered from the real database with events whose dates, statuses
and offsets are known exactly (independent of how well extraction does).
"""
from __future__ import annotations

import threading
from contextlib import contextmanager

from timeline.model import Story, Timeline

API_TOKEN = "test-token-\u00e4-not-secret"  # non-ASCII on purpose: compared as bytes
API_TOKEN_ASCII = "test-token-not-secret"


def store_sample(store, story: Story, slug: str | None = None):
    """Save `story`'s documents and events into `store` under `slug` (default: its own)."""
    results = []
    for document in story.documents:
        events = tuple(item.event for item in story.events if item.document_id == document.id)
        timeline = Timeline(published=document.published, lang=document.lang, events=events)
        results.append(store.save_document(slug or story.slug, document.text, document.published,
                                           timeline, title=document.title, url=document.url,
                                           lang=document.lang, story_title=story.title))
    return results


def auth(token: str = API_TOKEN_ASCII) -> dict:
    return {"Authorization": f"Bearer {token}"}


def sign_in(client, token: str = API_TOKEN_ASCII):
    """Sign `client` in as an editor through the real form (CSRF token from the page)."""
    import re

    page = client.get("/anmelden").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    return client.post("/anmelden", data={"csrf_token": csrf, "token": token, "next": "/"})


@contextmanager
def serving(app):
    """`app` served on a free port of 127.0.0.1 by a thread (werkzeug): its base URL."""
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
