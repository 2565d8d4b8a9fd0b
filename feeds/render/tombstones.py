"""Atom tombstones (RFC 6721): the feed tells readers which entries to drop.

An event the story published once and no longer does — hidden by an editor, or its article
removed (`Story.withdrawn`) — is announced in the current feed as

    <at:deleted-entry ref="ENTRY-ID" when="RFC 3339 moment"/>

at feed level, `ref` being exactly the id the entry had (`publication.event_tag`), so a reader
that stored the entry can match and drop it. Archive documents carry none: an archive is fixed
once written, and a reader reconstructing the whole feed (RFC 5005) meets the tombstone in the
current document, newer than the archived entry. Tombstones are never dropped: a reader that
polls rarely must still learn of an old withdrawal.

Written as a feedgen extension (the namespace declared on `<feed>`), like the archive marker.
"""
from __future__ import annotations

from feedgen.ext.base import BaseExtension
from lxml import etree

from feeds.render.publication import as_utc, event_tag
from timeline.model import Story, Withdrawn

TOMBSTONES_NS = "http://purl.org/atompub/tombstones/1.0"


def tombstone_order(withdrawn: tuple[Withdrawn, ...]) -> list[Withdrawn]:
    """Newest withdrawal first, ties by key: the order depends on the data only."""
    return sorted(withdrawn, key=lambda item: (-as_utc(item.when).timestamp(), item.key))


class Tombstones(BaseExtension):
    """`<at:deleted-entry>` for each of `self.refs` [(entry id, RFC 3339 moment)]."""

    def __init__(self):
        self.refs: list[tuple[str, str]] = []

    def extend_ns(self):
        return {"at": TOMBSTONES_NS}

    def extend_atom(self, feed):
        for ref, when in self.refs:
            etree.SubElement(feed, f"{{{TOMBSTONES_NS}}}deleted-entry", attrib={"ref": ref, "when": when})
        return feed


def add_tombstones(feed, story: Story, base_url: str) -> None:
    """Announce the story's withdrawn events in `feed` (a feedgen FeedGenerator, after its
    entries were added: feedgen hands a feed extension registered earlier to every entry)."""
    if not story.withdrawn:
        return
    feed.register_extension("tombstones", Tombstones, None, atom=True, rss=False)
    feed.tombstones.refs = [
        (event_tag(base_url, story.slug, item.key), as_utc(item.when).isoformat(timespec="seconds"))
        for item in tombstone_order(story.withdrawn)]
