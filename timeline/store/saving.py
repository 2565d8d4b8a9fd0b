"""The write transaction: a document and its events saved, or updated keeping their keys."""
from __future__ import annotations

import hashlib
import re
import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from timeline.model import Event, Timeline
from timeline.store.corrections import note_orphans
from timeline.store.grouping import decide_document
from timeline.store.reading import document_record, event_from_json, stored_event
from timeline.store.stamps import event_stamps
from timeline.store.records import SLUG_RULE, IngestResult, StoreError, normalize_text, valid_slug
from timeline.store.schema import documents, events, stories, withdrawn_keys
from timeline.store.versions import match_events, real_change

_LANG = re.compile(r"[a-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")
_UTC = timezone.utc
_TICK = timedelta(microseconds=1)


@dataclass(frozen=True)
class _NewDocument:
    slug: str
    text: str
    published: date
    timeline: Timeline
    title: str | None
    url: str | None
    lang: str
    content_hash: str
    identity: str


def validated_document(slug, text, published, timeline, title, url, lang) -> _NewDocument:
    if not valid_slug(slug):
        raise StoreError(f"invalid story slug {slug!r}: {SLUG_RULE}")
    if not isinstance(text, str) or not text.strip():
        raise StoreError("the document has no text")
    _refuse_nul(text, "the document text")
    if isinstance(published, datetime):
        published = published.date()
    if not isinstance(published, date):
        raise StoreError(f"publication date must be a date, not {published!r}")
    if not isinstance(timeline, Timeline):
        raise StoreError("timeline must be the Timeline extracted from the text")
    if timeline.published != published:
        raise StoreError(f"the timeline was extracted for {timeline.published}, "
                         f"the document is published {published}")
    ids = [e.id for e in timeline.events]
    if len(set(ids)) != len(ids):
        raise StoreError("the timeline has two events with the same id")
    if not isinstance(lang, str) or not _LANG.fullmatch(lang):
        raise StoreError(f"invalid language code {lang!r}")
    if url is not None:
        if not isinstance(url, str):
            raise StoreError("url must be a string")
        url = url.strip() or None
        _refuse_nul(url or "", "url")
    identity, content_hash = document_identity(text, url)
    return _NewDocument(slug, text, published, timeline, clean_title(title, "title"), url,
                        lang, content_hash, identity)


def document_identity(text: str, url: str | None) -> tuple[str, str]:
    """(identity, content hash): by URL when there is one, else by the normalized text."""
    content_hash = hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()
    if url:
        return "url:" + hashlib.sha256(url.encode("utf-8")).hexdigest(), content_hash
    return "text:" + content_hash, content_hash


def clean_title(title, what: str) -> str | None:
    if title is None:
        return None
    if not isinstance(title, str):
        raise StoreError(f"{what} must be a string")
    _refuse_nul(title, what)
    return " ".join(title.split()) or None


def _refuse_nul(value: str, what: str) -> None:
    """PostgreSQL text cannot hold NUL; refuse it on every database so both behave alike."""
    if "\x00" in value:
        raise StoreError(f"{what} contains a NUL character")


def _later(now: datetime, previous: datetime) -> datetime:
    """`now`, but never at or before `previous` (clocks can step back; order must not)."""
    return now if now > previous else previous + _TICK


def save(conn: Connection, new: _NewDocument, story_title: str | None) -> IngestResult:
    now = datetime.now(_UTC)
    story, story_is_new = _lock_story(conn, new.slug, story_title, now)
    story_changed = False
    if story_title and story_title != story.title and not story_is_new:
        conn.execute(stories.update().where(stories.c.id == story.id).values(title=story_title))
        story_changed = True

    old_doc = _find_document(conn, story.id, new)
    if old_doc is None:
        doc_row = _insert_document(conn, story.id, new, now)
        _insert_events(conn, story.id, doc_row.id, new, list(enumerate(new.timeline.events)),
                       now)
        decide_document(conn, story.id, doc_row.id, new.lang, now)
        status = "created"
    else:
        doc_row, status = _update_document(conn, story.id, old_doc, new, now)
    if (status != "unchanged" or story_changed) and not story_is_new:
        conn.execute(stories.update().where(stories.c.id == story.id)
                     .values(updated=_later(now, story.updated)))
    if status != "unchanged" and not story_is_new:
        note_orphans(conn, story.id, now)   # editors' corrections whose event went or came back
    stored = [stored_event(e) for e in conn.execute(
        sa.select(events).where(events.c.document_id == doc_row.id)
        .order_by(events.c.position))]
    return IngestResult(document=document_record(doc_row, new.slug), status=status,
                        events=tuple(stored))


def stored_as_is(conn: Connection, slug: str, text: str, published: date, url: str | None,
                 title: str | None, lang: str) -> bool:
    """Does story `slug` hold this document unchanged (module doc of timeline.store.store)?"""
    url = url.strip() if isinstance(url, str) and url.strip() else None
    identity, content_hash = document_identity(text, url)
    story_id = conn.scalar(sa.select(stories.c.id).where(stories.c.slug == slug))
    if story_id is None:
        return False
    found = _find_document(conn, story_id, _Identity(identity, content_hash, url))
    title = clean_title(title, "title") if isinstance(title, str) else None
    return (found is not None and found.text == text and found.published == published
            and found.lang == lang and (title is None or found.title == title)
            and (url is None or found.url == url))


@dataclass(frozen=True)
class _Identity:
    identity: str
    content_hash: str
    url: str | None


def _lock_story(conn: Connection, slug: str, title: str | None, now: datetime):
    """The story's row, created if missing, locked until the transaction ends."""
    insert = _dialect_insert(conn)(stories).values(
        slug=slug, title=title or slug, created=now, updated=now)
    inserted = conn.execute(insert.on_conflict_do_nothing(index_elements=["slug"])
                            .returning(stories.c.id)).first()
    row = conn.execute(sa.select(stories).where(stories.c.slug == slug).with_for_update()).one()
    return row, inserted is not None


def _dialect_insert(conn: Connection):
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    elif conn.dialect.name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    else:
        raise StoreError(f"unsupported database {conn.dialect.name}: use SQLite or PostgreSQL")
    return insert


def _find_document(conn: Connection, story_id: int, new: _NewDocument):
    query = sa.select(documents).where(documents.c.story_id == story_id)
    if new.url:
        query = query.where(documents.c.identity == new.identity)
    else:
        query = query.where(sa.or_(documents.c.identity == new.identity,
                                   documents.c.content_hash == new.content_hash))
    return conn.execute(query.order_by(documents.c.id).limit(1)).one_or_none()


def _insert_document(conn: Connection, story_id: int, new: _NewDocument, now: datetime):
    values = dict(story_id=story_id, identity=new.identity, url=new.url, title=new.title,
                  published=new.published, lang=new.lang, content_hash=new.content_hash,
                  text=new.text, created=now, updated=now)
    doc_id = conn.execute(documents.insert().values(**values)).inserted_primary_key[0]
    return conn.execute(sa.select(documents).where(documents.c.id == doc_id)).one()


def _event_columns(event: Event, position: int) -> dict:
    return dict(event_id=event.id, position=position, status=event.status,
                earliest=event.earliest, latest=event.latest, granularity=event.granularity,
                data=_event_json(event))


def _event_json(event: Event) -> str:
    return json.dumps(event.to_dict(), ensure_ascii=False, sort_keys=True)


def _insert_events(conn: Connection, story_id: int, document_id: int, new: _NewDocument,
                   positioned: list[tuple[int, Event]], now: datetime) -> None:
    """All in one INSERT, the keys checked in one SELECT (a constant number of statements
    per document, whatever the story's size)."""
    if not positioned:
        return
    keys = _free_keys(conn, story_id, new, [event for _, event in positioned])
    conn.execute(events.insert(), [dict(
        story_id=story_id, document_id=document_id, key=key, created=now, updated=now,
        sequence=0, **_event_columns(event, position))
        for key, (position, event) in zip(keys, positioned)])


def _key(new: _NewDocument, event: Event, attempt: int) -> str:
    seed = f"{new.slug}\n{new.identity}\n{event.id}\n{attempt if attempt else ''}"
    return hashlib.sha256(seed.encode("utf-8")).hexdigest()[:20]


def _free_keys(conn: Connection, story_id: int, new: _NewDocument,
               new_events: list[Event]) -> list[str]:
    """Each event's first free key of (story, document identity, Event.id, attempt)."""
    attempts = [0] * len(new_events)
    for _ in range(1000):
        wanted = [_key(new, event, attempt) for event, attempt in zip(new_events, attempts)]
        taken = set(conn.scalars(sa.select(events.c.key).where(
            events.c.story_id == story_id, events.c.key.in_(sorted(set(wanted))))))
        clashes = [i for i, key in enumerate(wanted) if key in taken or key in wanted[:i]]
        if not clashes:
            return wanted
        for i in clashes:
            attempts[i] += 1
    raise StoreError("could not find a free event key")  # pragma: no cover


def _update_document(conn: Connection, story_id: int, old_doc, new: _NewDocument,
                     now: datetime):
    old_rows = list(conn.execute(sa.select(events).where(events.c.document_id == old_doc.id)
                                 .order_by(events.c.position)))
    old_events = [event_from_json(r.data) for r in old_rows]
    new_events = list(new.timeline.events)
    pairs = match_events(old_events, new_events)
    title = new.title if new.title is not None else old_doc.title
    doc_changed = (old_doc.text != new.text or old_doc.title != title
                   or old_doc.published != new.published or old_doc.lang != new.lang
                   or (new.url is not None and old_doc.url != new.url))
    events_changed = (len(pairs) != len(old_rows) or len(new_events) != len(old_rows) or any(
        old_rows[i].data != _event_json(new_events[j]) or old_rows[i].position != j
        for j, i in pairs.items()))
    if not doc_changed and not events_changed:
        return old_doc, "unchanged"

    published_before = _published_keys(conn, new.slug) if events_changed else set()
    matched_old = set(pairs.values())
    gone = [r.id for i, r in enumerate(old_rows) if i not in matched_old]
    left = {r.group_id for i, r in enumerate(old_rows) if i not in matched_old and r.group_id}
    changed: set[int] = set()
    if gone:
        conn.execute(events.delete().where(events.c.id.in_(gone)))
    # Free the (document, event id) pairs before rewriting them, so that swapped ids
    # cannot collide with the unique constraint half-way through.
    for j, i in pairs.items():
        if old_rows[i].event_id != new_events[j].id:
            conn.execute(events.update().where(events.c.id == old_rows[i].id)
                         .values(event_id=f"~moving:{old_rows[i].id}"))
    for j, i in pairs.items():
        row, event = old_rows[i], new_events[j]
        values = _event_columns(event, j)
        if real_change(old_events[i], event):
            values.update(updated=_later(now, row.updated), sequence=row.sequence + 1)
            changed.add(row.id)
        conn.execute(events.update().where(events.c.id == row.id).values(**values))
    _insert_events(conn, story_id, old_doc.id, new,
                   [(j, e) for j, e in enumerate(new_events) if j not in pairs], now)
    conn.execute(documents.update().where(documents.c.id == old_doc.id).values(
        url=new.url or old_doc.url, title=title, published=new.published, lang=new.lang,
        content_hash=new.content_hash, text=new.text, updated=_later(now, old_doc.updated)))
    decide_document(conn, story_id, old_doc.id, new.lang, now, changed=changed, left=left)
    if events_changed:
        _withdraw(conn, story_id, published_before - _published_keys(conn, new.slug), now)
    doc_row = conn.execute(sa.select(documents).where(documents.c.id == old_doc.id)).one()
    return doc_row, "updated"


def _published_keys(conn: Connection, slug: str) -> set[str]:
    return {stamp.key for stamp in event_stamps(conn, slug) or ()}


def _withdraw(conn: Connection, story_id: int, keys: set[str], now: datetime) -> None:
    """Entries a changed version no longer publishes (its sentence went, or its report
    joined another entry): feeds announce them as deleted (Story.withdrawn)."""
    if keys:
        conn.execute(withdrawn_keys.insert(), [{"story_id": story_id, "key": key, "at": now}
                                               for key in sorted(keys)])
