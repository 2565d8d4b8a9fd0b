"""The iCalendar export: three independent parsers read it, and our own rule checker passes."""
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject
from ical.calendar_stream import IcsCalendarStream

from feeds.render.ical import render_ics
from feeds.render.publication import event_uid
from golden_files import assert_matches_golden
from ical_rules import assert_valid_ics, ical_problems
from story_samples import ALL_SAMPLES, BASE_URL, changed, granularities_story, hostile_story, seed_story

BERLIN = ZoneInfo("Europe/Berlin")


def events_by_uid(story):
    calendar = icalendar.Calendar.from_ical(render_ics(story, base_url=BASE_URL))
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def vevent(story, key):
    return events_by_uid(story)[event_uid(BASE_URL, story.slug, key)]


# Events with a calendar position: all but open ones, startless ongoing ones ("seit Wochen")
# and vague ones without bounds ("früher").
PLACED = {"seed": 5, "granularities": 9, "hostile": 2}


@pytest.mark.parametrize("sample", ALL_SAMPLES)
def test_every_sample_keeps_the_rules_and_parses_three_ways(sample):
    data = render_ics(ALL_SAMPLES[sample](), base_url=BASE_URL)
    assert_valid_ics(data)
    assert len(icalendar.Calendar.from_ical(data).walk("VEVENT")) == PLACED[sample]
    assert len(IcsCalendarStream.calendar_from_ics(data.decode("utf-8")).events) == PLACED[sample]
    assert len(vobject.readOne(data.decode("utf-8")).vevent_list) == PLACED[sample]


def test_output_is_byte_identical_and_clock_free():
    first = render_ics(seed_story(), base_url=BASE_URL)
    assert first == render_ics(seed_story(), base_url=BASE_URL)
    assert datetime.now(timezone.utc).strftime("%Y%m%d").encode() not in first


def test_calendar_properties():
    calendar = icalendar.Calendar.from_ical(render_ics(seed_story(), base_url=BASE_URL))
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]) == "-//timeline//Zeitleiste//DE"
    assert calendar["X-WR-CALNAME"] == "Nato antwortet Russland"
    assert "2 Ereignisse ohne festes Datum" in str(calendar["DESCRIPTION"])


def test_open_and_startless_events_are_left_out_not_faked():
    uids = events_by_uid(seed_story())
    story = seed_story()
    for key in ("russian-reply", "weeks"):
        assert event_uid(BASE_URL, story.slug, key) not in uids
    assert len(uids) == 5


def test_day_is_a_date_with_exclusive_end():
    event = vevent(seed_story(), "sullivan")
    assert event["DTSTART"].params.get("VALUE") == "DATE"
    assert (event.decoded("DTSTART"), event.decoded("DTEND")) == (date(2022, 1, 26), date(2022, 1, 27))
    assert "TZID" not in event["DTSTART"].params
    assert str(event["SUMMARY"]) == "Sullivan überreicht die Antwort Washingtons"


def test_summaries_are_headlines_without_a_date_prefix():
    for key, event in ((k, vevent(seed_story(), k)) for k in ("grundakte", "office-closed", "handover")):
        stored = {item.key: item for item in seed_story().events}[key]
        assert str(event["SUMMARY"]) == stored.event.headline


def test_month_spans_its_period_and_says_so():
    month = vevent(seed_story(), "office-closed")
    assert (month.decoded("DTSTART"), month.decoded("DTEND")) == (date(2021, 11, 1), date(2021, 12, 1))
    assert "keinen genauen Tag" in str(month["DESCRIPTION"])
    assert "Wann: November 2021" in str(month["DESCRIPTION"])


def test_a_year_is_a_marker_on_its_first_day_with_the_span_in_the_description():
    year = vevent(seed_story(), "grundakte")
    assert (year.decoded("DTSTART"), year.decoded("DTEND")) == (date(1997, 1, 1), date(1997, 1, 2))
    assert "1. Januar 1997 bis 31. Dezember 1997" in str(year["DESCRIPTION"])


def test_calendar_asks_clients_to_refresh():
    calendar = icalendar.Calendar.from_ical(render_ics(seed_story(), base_url=BASE_URL))
    assert calendar["REFRESH-INTERVAL"].params["VALUE"] == "DURATION"
    assert calendar.decoded("REFRESH-INTERVAL").total_seconds() == 3600
    assert str(calendar["X-PUBLISHED-TTL"]) == "PT1H"
    assert "nur mit ihrem Beginn" in str(calendar["DESCRIPTION"])


def test_every_event_is_transparent():
    for event in events_by_uid(granularities_story()).values():
        assert str(event["TRANSP"]) == "TRANSPARENT"


def test_part_of_day_is_a_berlin_block_with_a_timezone():
    event = vevent(seed_story(), "handover")
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert event.decoded("DTSTART") == datetime(2022, 1, 26, 12, tzinfo=BERLIN)
    assert event.decoded("DTEND") == datetime(2022, 1, 26, 18, tzinfo=BERLIN)
    assert "Konvention" in str(event["DESCRIPTION"])


def test_clock_time_gets_a_stated_default_end_and_old_times_a_timezone_that_covers_them():
    story = granularities_story()
    clock = vevent(story, "clock")
    assert clock.decoded("DTSTART") == datetime(2022, 1, 26, 20, 30, tzinfo=BERLIN)
    assert clock.decoded("DTEND") == datetime(2022, 1, 26, 21, 30, tzinfo=BERLIN)
    assert "eine Stunde (Vorgabe)" in str(clock["DESCRIPTION"])
    calendar = icalendar.Calendar.from_ical(render_ics(story, base_url=BASE_URL))
    (timezone_component,) = calendar.walk("VTIMEZONE")
    first_rule = min(sub.decoded("DTSTART") for sub in timezone_component.subcomponents)
    assert first_rule <= datetime(1965, 7, 30, 15)


def test_weeks_quarters_ongoing_and_modified_periods():
    story = granularities_story()
    week = vevent(story, "silvester")
    assert (week.decoded("DTSTART"), week.decoded("DTEND")) == (date(2020, 12, 28), date(2021, 1, 4))
    quarter = vevent(story, "quarter")  # three months: a marker on the first day
    assert (quarter.decoded("DTSTART"), quarter.decoded("DTEND")) == (date(2022, 1, 1), date(2022, 1, 2))
    assert "31. März 2022" in str(quarter["DESCRIPTION"])
    since = vevent(story, "since")  # the start only, never a bar up to publication
    assert (since.decoded("DTSTART"), since.decoded("DTEND")) == (date(2021, 11, 1), date(2021, 12, 1))
    assert str(since["SUMMARY"]) == "Diplomaten verhandeln"
    assert "nur seinen Beginn" in str(since["DESCRIPTION"])
    office = vevent(story, "office")  # "Ende November 2021": 21-30 November
    assert (office.decoded("DTSTART"), office.decoded("DTEND")) == (date(2021, 11, 21), date(2021, 12, 1))
    assert "Wann: Ende November 2021" in str(office["DESCRIPTION"])
    night = vevent(story, "night")
    assert night.decoded("DTEND") == datetime(2022, 1, 27, 6, tzinfo=BERLIN)


@pytest.mark.parametrize("mod,first,last", [
    ("START", date(2027, 1, 1), date(2027, 1, 31)), ("MID", date(2027, 6, 1), date(2027, 7, 31)),
    ("END", date(2027, 12, 1), date(2027, 12, 31)),
])
def test_modifiers_of_a_year_name_its_part(mod, first, last):
    from dataclasses import replace

    from feeds.render.ical import modified_days
    from timeline.dates.period import year_period

    assert modified_days(replace(year_period(2027), mod=mod)) == (first, last)
    story = granularities_story()
    office = story.events[3]
    year_event = replace(office.event, value="2027", granularity="year",
                         timex=replace(office.event.timex, value="2027", mod=mod))
    story = replace(story, events=(replace(office, event=year_event),))
    placed = vevent(story, "office")
    assert placed.decoded("DTSTART") == first
    expected_end = last + timedelta(days=1) if (last - first).days < 31 else first + timedelta(days=1)
    assert placed.decoded("DTEND") == expected_end


def test_announced_event_with_a_time_is_tentative_and_without_one_left_out():
    from dataclasses import replace

    story = seed_story()
    reply = story.events[-1]
    dated_reply = replace(reply, key="reply-march", event=replace(reply.event, value="2022-03"))
    story = replace(story, events=story.events + (dated_reply,))
    placed = vevent(story, "reply-march")
    assert str(placed["STATUS"]) == "TENTATIVE"
    assert placed.decoded("DTSTART") == date(2022, 3, 1)
    assert event_uid(BASE_URL, story.slug, "russian-reply") not in events_by_uid(story)
    assert all("STATUS" not in vevent(story, key) for key in ("grundakte", "sullivan"))


def test_stamps_sequence_and_uid_follow_the_store():
    story = seed_story()
    stored = {item.key: item for item in story.events}
    handover = vevent(story, "handover")
    assert handover.decoded("DTSTAMP") == stored["handover"].updated
    assert handover.decoded("LAST-MODIFIED") == stored["handover"].updated
    assert handover.decoded("CREATED") == stored["handover"].created
    assert int(handover["SEQUENCE"]) == 1
    assert str(handover["UID"]).endswith("@zeitleiste.example.org")
    assert str(handover["URL"]) == f"{BASE_URL}/stories/nato-antwort#event-handover"


def test_a_change_keeps_the_uid_and_raises_the_sequence():
    before = events_by_uid(seed_story())
    after = events_by_uid(changed(seed_story(), "press"))
    assert before.keys() == after.keys()
    uid = event_uid(BASE_URL, "nato-antwort", "press")
    assert int(after[uid]["SEQUENCE"]) == int(before[uid]["SEQUENCE"]) + 1
    assert after[uid].decoded("DTSTAMP") > before[uid].decoded("DTSTAMP")
    for other in before.keys() - {uid}:
        assert before[other].to_ical() == after[other].to_ical()


def test_hostile_text_is_escaped_and_injects_nothing():
    story = hostile_story()
    data = render_ics(story, base_url=BASE_URL)
    assert_valid_ics(data)
    lines = data.replace(b"\r\n ", b"").split(b"\r\n")
    assert lines.count(b"BEGIN:VEVENT") == 2 and lines.count(b"END:VEVENT") == 2
    assert lines.count(b"BEGIN:VTIMEZONE") == 1 and lines.count(b"END:VCALENDAR") == 1
    assert not [line for line in lines if line.startswith((b"UID:injected", b"SUMMARY:injected", b"TZID:Evil"))]
    assert b"javascript:" not in data
    uids = {str(e.uid) for e in IcsCalendarStream.calendar_from_ics(data.decode("utf-8")).events}
    assert uids == {event_uid(BASE_URL, "hostile", key) for key in ("evil-day", "evil-afternoon")}
    day = vevent(story, "evil-day")
    assert str(day["SUMMARY"]) == '<script>alert("h")</script>]]> END:VEVENT'
    description = str(day["DESCRIPTION"])
    assert "\nEND:VEVENT\nBEGIN:VEVENT\nUID:injected@evil" in description  # text, not structure
    assert "\x00" not in description and "\x1b" not in description
    assert vobject.readOne(data.decode("utf-8")).vevent_list[0].summary.value == str(day["SUMMARY"])


def test_golden_seed_calendar():
    assert_matches_golden("nato-antwort.ics", render_ics(seed_story(), base_url=BASE_URL))


# --- the rule checker catches what the parsers let through -------------------------------

GOOD = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//DE\r\n"
    "BEGIN:VEVENT\r\nUID:a@x\r\nDTSTAMP:20220127T090000Z\r\n"
    "DTSTART;VALUE=DATE:20220126\r\nDTEND;VALUE=DATE:20220127\r\nEND:VEVENT\r\n"
    "END:VCALENDAR\r\n"
)


def test_checker_accepts_a_minimal_good_calendar():
    assert ical_problems(GOOD.encode()) == []


@pytest.mark.parametrize("broken,complaint", [
    (GOOD.replace("\r\n", "\n"), "bare CR or LF"),
    (GOOD.replace("UID:a@x", "UID:" + "a" * 80), "more than 75"),
    (GOOD.replace("END:VEVENT\r\nEND", "END:VEVENT\r\n" + GOOD[GOOD.index("BEGIN:VEVENT"):GOOD.index("END:VCAL")]
                  + "END"), "UID used twice"),
    (GOOD.replace("DTEND;VALUE=DATE:20220127", "DTEND;VALUE=DATE:20220126"), "not after"),
    (GOOD.replace("DTSTAMP:20220127T090000Z", "DTSTAMP:20220127T090000"), "DTSTAMP not in UTC"),
    (GOOD.replace("DTSTART;VALUE=DATE:20220126\r\nDTEND;VALUE=DATE:20220127",
                  "DTSTART;TZID=Europe/Berlin:20220126T120000"), "has no VTIMEZONE"),
    (GOOD.replace("DTSTART;VALUE=DATE:20220126", "DTSTART;VALUE=DATE;TZID=Europe/Berlin:20220126"), "TZID on a DATE"),
    (GOOD.replace("DTSTART;VALUE=DATE:20220126", "DTSTART:20220126"), "without VALUE=DATE"),
    (GOOD.replace("DTEND;VALUE=DATE:20220127", "DTEND:20220127T000000Z"), "different value types"),
    (GOOD.replace("UID:a@x\r\n", ""), "exactly one UID"),
    (GOOD.replace("UID:a@x", "UID:a@x\r\nSUMMARY:a\x07b"), "control character"),
    (GOOD.replace("END:VEVENT\r\n", ""), "does not close"),
    (GOOD.replace("UID:a@x", "UID:a@x\r\nSEQUENCE:-1"), "SEQUENCE"),
])
def test_checker_catches_broken_calendars(broken, complaint):
    problems = ical_problems(broken.encode("utf-8"))
    assert any(complaint in problem for problem in problems), problems


def test_checker_catches_a_fold_inside_a_character():
    umlaut = "ä".encode("utf-8")
    summary = b"SUMMARY:" + b"a" * 66 + umlaut[:1] + b"\r\n " + umlaut[1:] + b"b\r\n"
    broken = GOOD.encode("utf-8").replace(b"UID:a@x\r\n", b"UID:a@x\r\n" + summary)
    assert any("UTF-8" in problem for problem in ical_problems(broken))
