"""Statements reported in news and durations that date the start of what took them."""
from datetime import date

from events_helpers import events_of, find, timex

from timeline.dates.intervals import start_before

PUBLISHED = date(2023, 3, 10)  # a Friday


def test_a_statement_in_news_was_made_on_the_publication_day_or_the_day_before():
    text = ("Am Donnerstag stürzte die Brücke ein. Ein Sprecher sagte, man prüfe die Ursache.\n\n"
            "Die Polizei teilte mit, niemand sei verletzt worden. Der Bau dauerte drei Jahre.")
    events = events_of(text, PUBLISHED, [timex(text, "Donnerstag", "DATE", "2023-03-09")])
    # the preterite continues the Thursday narrative: that wins
    assert find(events, "Ein Sprecher sagte").anchor == "narrative"
    police = find(events, "Polizei teilte mit")
    assert (police.status, police.earliest, police.latest, police.value) == ("vague", "2023-03-09", "2023-03-10", None)
    # no verb of saying: no claim about when
    assert (find(events, "Bau dauerte").earliest, find(events, "Bau dauerte").latest) == (None, "2023-03-10")


def test_a_statement_in_a_report_of_an_earlier_day_reaches_back_to_that_day():
    text = "Am Samstag tagte der Verband. Der Obmann berichtete über das Jahr.\n\nDer Präsident sagte, man sei zufrieden."
    events = events_of(text, PUBLISHED, [timex(text, "Samstag", "DATE", "2023-03-04")])
    said = find(events, "Präsident sagte")
    assert (said.status, said.earliest, said.latest) == ("vague", "2023-03-04", "2023-03-10")


def test_a_habitual_or_earlier_saying_gets_no_window():
    text = "Am Donnerstag tagte der Rat.\n\nSeine Mutter sagte immer, Geduld sei alles. Polen erklärte bereits, es lehne ab."
    events = events_of(text, PUBLISHED, [timex(text, "Donnerstag", "DATE", "2023-03-09")])
    assert find(events, "sagte immer").earliest is None
    assert find(events, "erklärte bereits").earliest is None


def test_a_statement_outside_news_keeps_only_its_latest():
    text = "Das Kloster wurde 1347 gegründet. Der Chronist sagte, es sei prächtig gewesen.\n\nEr schrieb viel."
    events = events_of(text, PUBLISHED, [timex(text, "1347", "DATE", "1347")])
    for needle in ("Er schrieb",):
        assert (find(events, needle).earliest, find(events, needle).latest) == (None, "2023-03-10")


def test_a_duration_that_something_took_dates_its_start_before_publication():
    text = "Titel\n\nDie Regierung hat sich drei Wochen Zeit gelassen."
    event = find(events_of(text, PUBLISHED, [timex(text, "drei Wochen", "DURATION", "P3W")]), "Zeit gelassen")
    assert (event.status, event.anchor, event.granularity) == ("dated", "own", "week")
    # three weeks (21 days) back, give or take a fifth for a count in words: 25 to 17 days
    # before publication; the window crosses ISO weeks, so no week value is claimed
    assert (event.earliest, event.latest, event.value) == ("2023-02-13", "2023-02-21", None)


def test_the_reference_is_the_narrative_day_when_one_runs():
    text = "Am 1. März legte die Kommission ihren Bericht vor. Sie habe zwei Monate gebraucht."
    events = events_of(text, PUBLISHED, [timex(text, "1. März", "DATE", "2023-03-01"),
                                         timex(text, "zwei Monate", "DURATION", "P2M", mod="APPROX")])
    event = find(events, "zwei Monate gebraucht")
    assert (event.status, event.granularity) == ("dated", "month")
    # 2 months (61 days) +/- a fifth before 1 March, not before publication (10 March)
    assert (event.earliest, event.latest, event.value) == ("2022-12-18", "2023-01-11", None)
    assert [e.sentence for e in events].index(event.sentence) == 0       # before the report it preceded


def test_a_duration_without_a_took_time_cue_or_in_the_present_dates_nothing():
    text = "Die Autofahrt dauert eine halbe Stunde. Drei Wochen später kam er zurück."
    events = events_of(text, PUBLISHED, [timex(text, "eine halbe Stunde", "DURATION", "PT30M"),
                                         timex(text, "Drei Wochen", "DURATION", "P3W")])
    assert all(e.status != "dated" for e in events)


def test_start_before_is_honest_about_its_precision():
    published = date(2022, 1, 27)
    span, value = start_before(published, "P1.5M", "LESS_THAN")     # "fast eineinhalb Monate"
    assert (span.earliest, span.latest, span.granularity, value) == ("2021-12-12", "2021-12-21", "month", "2021-12")
    span, value = start_before(published, "P1.5M", "MORE_THAN")     # "mehr als eineinhalb Monate"
    assert span.latest == "2021-12-12" and span.earliest < span.latest
    assert start_before(published, "PXW")[0].known is False          # "seit Wochen": no count
    assert start_before(published, "PT2H")[0].known is False         # hours: no day to name
