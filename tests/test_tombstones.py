"""Atom tombstones (RFC 6721): withdrawn events are announced in the current feed, read back
by parsers independent of the writer (defusedxml over the standard library, feedparser)."""
from dataclasses import replace

import defusedxml.ElementTree as SafeET
import feedparser

from feeds.render.atom import render_atom
from feeds.render.archive import archive_page
from feeds.render.publication import event_tag
from story_samples import BASE_URL, at, seed_story
from timeline.model import Withdrawn

ATOM = "{http://www.w3.org/2005/Atom}"
AT = "{http://purl.org/atompub/tombstones/1.0}"


def _withdraw(story, *keys_and_moments):
    """`story` as the store hands it out once these events were hidden: gone from `events`,
    listed in `withdrawn`."""
    keys = {key for key, _ in keys_and_moments}
    return replace(story, events=tuple(e for e in story.events if e.key not in keys),
                   withdrawn=tuple(Withdrawn(key, at(moment)) for key, moment in keys_and_moments))


def test_a_withdrawn_event_is_a_tombstone_with_the_id_its_entry_had():
    story = seed_story()
    key = story.events[1].key
    before = SafeET.fromstring(render_atom(story, base_url=BASE_URL))
    entry_ids = {entry.findtext(ATOM + "id") for entry in before.iter(ATOM + "entry")}

    feed = SafeET.fromstring(render_atom(_withdraw(story, (key, "2022-02-03T08:30")), base_url=BASE_URL))
    tombstones = feed.findall(AT + "deleted-entry")            # children of <feed> itself
    assert [(t.get("ref"), t.get("when")) for t in tombstones] == [
        (event_tag(BASE_URL, story.slug, key), "2022-02-03T08:30:00+00:00")]
    assert tombstones[0].get("ref") in entry_ids               # the very id readers stored
    remaining = {entry.findtext(ATOM + "id") for entry in feed.iter(ATOM + "entry")}
    assert tombstones[0].get("ref") not in remaining and len(remaining) == len(entry_ids) - 1
    # the withdrawal is the feed's latest change, so readers look again
    assert feed.findtext(ATOM + "updated") == "2022-02-03T08:30:00+00:00"


def test_feedparser_reads_a_feed_with_tombstones_and_drops_nothing_else():
    story = seed_story()
    withdrawn = _withdraw(story, (story.events[0].key, "2022-02-01T10:00"),
                          (story.events[2].key, "2022-02-02T10:00"))
    parsed = feedparser.parse(render_atom(withdrawn, base_url=BASE_URL))
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.namespaces.get("at") == "http://purl.org/atompub/tombstones/1.0"
    assert {entry.id for entry in parsed.entries} == {
        event_tag(BASE_URL, story.slug, e.key) for e in withdrawn.events}


def test_tombstones_newest_first_and_the_same_bytes_every_time():
    story = seed_story()
    withdrawn = _withdraw(story, (story.events[0].key, "2022-02-01T10:00"),
                          (story.events[3].key, "2022-02-05T10:00"))
    body = render_atom(withdrawn, base_url=BASE_URL)
    assert body == render_atom(withdrawn, base_url=BASE_URL)
    refs = [t.get("ref") for t in SafeET.fromstring(body).findall(AT + "deleted-entry")]
    assert refs == [event_tag(BASE_URL, story.slug, story.events[3].key),
                    event_tag(BASE_URL, story.slug, story.events[0].key)]


def test_a_feed_without_withdrawals_has_no_tombstone_namespace():
    body = render_atom(seed_story(), base_url=BASE_URL)
    assert b"tombstones" not in body and b"deleted-entry" not in body


def test_archive_documents_carry_no_tombstones():
    story = seed_story()
    withdrawn = _withdraw(story, (story.events[0].key, "2022-02-01T10:00"))
    page = archive_page(withdrawn, 1, size=2)       # two entries a page: the oldest are archive 1
    assert page is not None and page.is_archive
    body = render_atom(withdrawn, base_url=BASE_URL, page=page)
    assert SafeET.fromstring(body).findall(AT + "deleted-entry") == []
