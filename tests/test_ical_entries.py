"""The calendar is joined from entries icalendar rendered once per event version
(`feeds.render.ical._rendered_vevent`): the joined calendar is byte for byte the one rendered
from scratch, and after a change only the changed entries are rendered again (counted, not
timed)."""
from dataclasses import replace

import icalendar
import pytest

from feeds.render.ical import _rendered_vevent, render_ics
from feeds.render.publication import event_uid
from ical_rules import assert_valid_ics
from story_samples import ALL_SAMPLES, BASE_URL, changed, seed_story


def rendered_from_scratch(story, **options) -> bytes:
    _rendered_vevent.cache_clear()
    return render_ics(story, base_url=BASE_URL, **options)


def renders(call) -> tuple[int, bytes]:
    """(entries rendered by `call`, its calendar)."""
    before = _rendered_vevent.cache_info().misses
    body = call()
    return _rendered_vevent.cache_info().misses - before, body


@pytest.mark.parametrize("sample", ALL_SAMPLES)
@pytest.mark.parametrize("locale", ["de", "en"])
def test_the_joined_calendar_is_the_one_rendered_from_scratch(sample, locale):
    story = ALL_SAMPLES[sample]()
    first = rendered_from_scratch(story, locale=locale)
    count, again = renders(lambda: render_ics(story, base_url=BASE_URL, locale=locale))
    assert count == 0 and again == first
    assert_valid_ics(again)


def test_a_changed_event_is_the_only_entry_rendered_again():
    story = seed_story()
    _rendered_vevent.cache_clear()
    count, first = renders(lambda: render_ics(story, base_url=BASE_URL))
    assert count == len(story.events)      # every event once, those without a place too
    key = next(s.key for s in story.events if event_uid(BASE_URL, story.slug, s.key).encode() in first)
    later = changed(story, key)
    count, body = renders(lambda: render_ics(later, base_url=BASE_URL))
    assert count == 1
    assert body == rendered_from_scratch(later) != first
    entry = {str(e["UID"]): e for e in icalendar.Calendar.from_ical(body).walk("VEVENT")}[
        event_uid(BASE_URL, story.slug, key)]
    assert int(entry["SEQUENCE"]) == next(s.sequence for s in later.events if s.key == key)
    assert "(berichtigt)" in str(entry["DESCRIPTION"])


def test_a_retitled_article_renders_the_entries_naming_it_again():
    story = seed_story()
    rendered_from_scratch(story)
    document = story.documents[0]
    retitled = replace(story, documents=(replace(document, title="Ein neuer Titel"),)
                       + story.documents[1:])
    naming = [s for s in story.events if document.id in (s.sources or (s.document_id,))]
    count, body = renders(lambda: render_ics(retitled, base_url=BASE_URL))
    assert 0 < count <= len(naming)
    assert b"Ein neuer Titel" in body
    assert body == rendered_from_scratch(retitled)


def test_entries_of_another_address_or_language_are_their_own():
    story = seed_story()
    german = rendered_from_scratch(story)
    count, english = renders(lambda: render_ics(story, base_url=BASE_URL, locale="en"))
    assert count == len(story.events) and english != german
    count, elsewhere = renders(lambda: render_ics(story, base_url="https://other.example/"))
    assert count == len(story.events)
    assert b"other.example" in elsewhere and BASE_URL.encode() not in elsewhere
