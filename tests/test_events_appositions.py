"""Times that date something else than the sentence's main clause: appositions ("geboren
1950"), titles ("der Weltmeister von 2014"), exact times ago ("vor genau einem Jahr") and
"in diesen Tagen" (issues 8 and 9). Sentences are invented."""
from datetime import date

import pytest

from timeline import extract
from timeline.dates.intervals import same_day_before

PUBLISHED = date(2023, 3, 10)  # a Friday


def _listed(text):
    return extract(text, PUBLISHED, "de").events


def test_a_birth_in_an_apposition_is_an_event_of_its_own_and_does_not_date_the_sentence():
    events = _listed("Die Malerin Anna Beispiel, geboren 1950, eröffnete gestern ihre Ausstellung in Linz.")
    assert sorted(e.value for e in events) == ["1950", "2023-03-09"]


def test_a_title_with_a_year_dates_nothing():
    events = _listed("Der Weltmeister von 2014 gewann gestern das Rennen in Kitzbühel.")
    assert [e.value for e in events] == ["2023-03-09"]


def test_an_exact_time_ago_is_that_very_day():
    events = _listed("Vor genau einem Jahr brannte die Scheune des Nachbarn ab.")
    assert [e.value for e in events] == ["2022-03-10"]
    # said roughly, only the year is known
    assert [e.value for e in _listed("Vor gut einem Jahr brannte die Scheune des Nachbarn ab.")] == ["2022"]


def test_these_days_in_a_present_sentence_are_the_publication_week():
    events = _listed("In diesen Tagen stehen die Gespräche über den neuen Vertrag an.")
    assert [(e.status, e.value) for e in events] == [("dated", "2023-W10")]


@pytest.mark.parametrize("duration, day", [
    ("P1Y", "2022-03-10"), ("P2M", "2023-01-10"), ("P3W", "2023-02-17"), ("P10D", "2023-02-28"),
    ("P1.5Y", None), ("PXY", None), ("PT2H", None), ("P5000Y", None),
])
def test_same_day_before(duration, day):
    assert same_day_before(PUBLISHED, duration) == day


def test_same_day_before_a_leap_day():
    assert same_day_before(date(2024, 2, 29), "P1Y") == "2023-02-28"


def test_a_description_in_the_preterite_does_not_continue_a_narrative_as_an_event():
    text = ("Am Montag hielt die Polizei in Brixen einen Lastwagen an. An Bord waren drei Männer. "
            "Die Beamten durchsuchten die Ladung.")
    events = extract(text, PUBLISHED, "de")
    listed = {e.sentence: e.value for e in events.events}
    assert listed == {"Am Montag hielt die Polizei in Brixen einen Lastwagen an.": "2023-03-06",
                      "Die Beamten durchsuchten die Ladung.": "2023-03-06"}
    assert [e.sentence for e in events.asides] == ["An Bord waren drei Männer."]


def test_the_lead_of_news_in_the_present_of_reporting_is_the_news_of_the_day():
    text = ("WIEN (apa). Die Nationalbank warnt vor steigenden Kreditzinsen. "
            "Ihren Bericht legte die Bank gestern vor.")
    events = _listed(text)
    assert [(e.sentence[:25], e.value) for e in events] == [
        ("Ihren Bericht legte die B", "2023-03-09"), ("Die Nationalbank warnt vo", "2023-03-10")]
    alone = _listed("WIEN (apa). Die Nationalbank warnt vor steigenden Kreditzinsen. Am Montag stieg der Leitzins.")
    assert [(e.sentence[:25], e.value) for e in alone] == [
        ("Am Montag stieg der Leitz", "2023-03-06"), ("Die Nationalbank warnt vo", "2023-03-10")]
    # not in a text that names no day near publication (an essay's present)
    essay = _listed("Die Nationalbank warnt vor steigenden Kreditzinsen. Das war 1990 anders.")
    assert not [e for e in essay if e.sentence.startswith("Die Nationalbank")]


def test_a_lead_in_the_perfect_happened_lately():
    # the news days before publication lie in its month: the month is known
    events = _listed("Der Gemeinderat hat den neuen Haushalt beschlossen. Die Opposition ist empört.")
    assert [(e.sentence[:20], e.value) for e in events] == [("Der Gemeinderat hat ", "2023-03")]
    # early in a month they may lie in the month before: only the year
    early = extract("Der Gemeinderat hat den neuen Haushalt beschlossen.", date(2023, 3, 2), "de").events
    assert [e.value for e in early] == ["2023"]


def test_a_plan_of_a_relative_clause_is_no_announcement():
    timeline = extract("Die Stadt gründete 1990 eine Agentur, die den Tourismus fördern soll.", PUBLISHED, "de")
    assert [e.status for e in timeline.events] == ["dated"]
    announced = extract("Die Agentur soll den Tourismus fördern, sagte die Bürgermeisterin.", PUBLISHED, "de")
    assert [e.status for e in announced.events] == ["open"]
