"""Dates as a reader resolves them (issue 8): the reference time follows the text, tense
points a date without a year forwards or back, and no flag tells news from histories.

Every sentence here is invented for these tests, in the shape of the cases the issue names
(none is copied from a corpus, the seed or the held-out sets).
"""
from __future__ import annotations

from datetime import date

import pytest

from timeline import extract
from timeline.tagger import tag

PUBLISHED = date(2022, 1, 27)   # a Thursday


def value_of(text, expression, de, published=PUBLISHED):
    found = [t for t in tag(text, published, de) if t.text == expression]
    assert found, f"{expression!r} not tagged in {text!r}: {[t.text for t in tag(text, published, de)]}"
    return found[0].value


def texts(text, de, published=PUBLISHED):
    return [t.text for t in tag(text, published, de)]


# --- the reference time follows the text ---------------------------------------------------

HISTORY = ("Am 12. März 1848 erhoben sich die Bürger der Stadt. Die Garnison zog sich zurück.\n\n"
           "Am 18. März stürmten sie das Zeughaus. Am nächsten Tag floh der Statthalter. "
           "Am Abend desselben Tages läuteten die Glocken. Zwei Tage später rückten Truppen an. "
           "Eine Woche danach war der Aufstand vorbei. Im Sommer verließen viele das Land. "
           "Drei Tage vor Heiligabend kehrte der Statthalter zurück. Im selben Jahr wurde er abgesetzt.")


@pytest.mark.parametrize("expression, value", [
    ("18. März", "1848-03-18"),
    ("nächsten Tag", "1848-03-19"),
    ("Abend desselben Tages", "1848-03-19TEV"),
    ("Zwei Tage später", "1848-03-21"),
    ("Eine Woche danach", "1848-03-28"),
    ("Sommer", "1848-SU"),
    ("Drei Tage vor Heiligabend", "1848-12-21"),
    ("selben Jahr", "1848"),
])
def test_a_history_dates_by_the_time_it_tells_of(de, expression, value):
    assert value_of(HISTORY, expression, de) == value


def test_a_year_that_bounds_a_span_does_not_move_the_passage(de):
    text = ("Am 4. Mai 1790 traf die Flotte ein. Die Insel blieb bis 1830 umstritten. "
            "Am 9. Mai ging die Mannschaft an Land.")
    assert value_of(text, "9. Mai", de) == "1790-05-09"


def test_a_news_text_returns_to_its_own_time(de):
    # background in the past, then the report speaks of now: the publication's year again
    text = ("Im Jahr 1998 hatte der Verein den Platz gekauft. Gestern beschloss der Rat den Umbau. "
            "Im März beginnen die Arbeiten.")
    assert value_of(text, "März", de) == "2022-03"


def test_a_present_tense_sentence_after_a_history_is_the_present(de):
    text = ("Am 3. Juni 1905 brannte die Mühle nieder. Sie wurde nie wieder aufgebaut. "
            "Am 5. Juni eröffnet dort ein Museum.")
    assert value_of(text, "5. Juni", de) == "2022-06-05"


# per passage, not per document: a news report with a background paragraph, a history with a
# present-day coda

NEWS_WITH_BACKGROUND = ("Der Gemeinderat hat gestern den Neubau der Schule beschlossen.\n\n"
                        "Die alte Schule war im März 1961 eröffnet worden. Im Juni 1961 kamen die ersten "
                        "Kinder, am 4. Juli feierte das Dorf.\n\n"
                        "Im Juni sollen die Bagger anrücken.")


@pytest.mark.parametrize("expression, value", [
    ("gestern", "2022-01-26"),
    ("4. Juli", "1961-07-04"),   # the background paragraph's own year
    ("Juni", "2022-06"),         # back in the report's time: the publication's year
])
def test_a_news_report_dates_its_background_paragraph_by_its_own_year(de, expression, value):
    assert value_of(NEWS_WITH_BACKGROUND, expression, de) == value


HISTORY_WITH_CODA = ("Am 2. Mai 1871 brannte die Tuchfabrik nieder. Im Juli wurde sie neu errichtet, "
                     "am 3. Oktober lief die erste Maschine.\n\n"
                     "Heute ist in dem Gebäude ein Museum. Im Mai zeigt es eine Ausstellung über die Weber.")


@pytest.mark.parametrize("expression, value", [
    ("Juli", "1871-07"),
    ("3. Oktober", "1871-10-03"),
    ("Heute", "PRESENT_REF"),
    ("Mai", "2022-05"),   # the coda speaks of now: the publication's year, not 1871
])
def test_a_history_with_a_present_day_coda(de, expression, value):
    assert value_of(HISTORY_WITH_CODA, expression, de) == value


def test_a_clock_time_takes_the_day_of_the_passage(de):
    text = "Am 1. September 1939 überschritten Truppen die Grenze. Um 4 Uhr 45 fiel der erste Schuss."
    assert value_of(text, "4 Uhr 45", de, date(2019, 9, 1)) == "1939-09-01T04:45"


# --- tense and direction ---------------------------------------------------------------------

def test_a_present_clause_puts_a_day_long_past_into_next_year(de):
    text = "Bis zur Abstimmung am 20. Februar tagt der Ausschuss jede Woche."
    assert value_of(text, "20. Februar", de, date(2024, 12, 5)) == "2025-02-20"


def test_a_passive_infinitive_is_no_past(de):
    text = "Die Übernahme soll bis am 4. Dezember abgeschlossen werden."
    assert value_of(text, "4. Dezember", de, date(2025, 9, 10)) == "2025-12-04"


def test_a_conditional_points_forward(de):
    text = "Das Urteil könnte nun am 9. Januar fallen."
    assert value_of(text, "9. Januar", de, date(2015, 12, 10)) == "2016-01-09"


def test_weekdays_in_present_clauses_are_the_coming_ones(de):
    friday = date(2022, 1, 28)
    assert value_of("Am Sonntag steht das Pokalspiel auf dem Programm.", "Sonntag", de, friday) == "2022-01-30"
    assert value_of("Die neuen Tarife gelten ab Montag.", "Montag", de, friday) == "2022-01-31"


def test_vom_points_back_to_the_last_weekend(de):
    assert value_of("Die Sieger vom Wochenende jubelten.", "Wochenende", de, date(2022, 1, 26)) == "2022-W03-WE"


def test_naechste_of_another_noun_does_not_move_the_weekday(de):
    text = "Der Vorstand hat am Dienstag den Termin für die nächste Versammlung bestimmt."
    assert value_of(text, "Dienstag", de, date(2023, 2, 15)) == "2023-02-14"


# --- expressions that were split or missed ---------------------------------------------------

@pytest.mark.parametrize("text, expression, value", [
    ("Die Brücke stürzte in der Nacht zum 3. Juli 2020 ein.", "Nacht zum 3. Juli 2020", "2020-07-02TNI"),
    ("In der Nacht zu Freitag zog das Unwetter ab.", "Nacht zu Freitag", "2022-01-20TNI"),
    ("Das Tor öffnete sich am Abend des 9. November 1989.", "Abend des 9. November 1989", "1989-11-09TEV"),
    ("Ende des Jahres 1871 war die Bahn fertig.", "Ende des Jahres 1871", "1871"),
    ("Um 4 Uhr 45 fielen die ersten Schüsse.", "4 Uhr 45", "2022-01-27T04:45"),
    ("Die halbe Stunde verging schnell.", "Die halbe Stunde", "PT30M"),
])
def test_one_expression(de, text, expression, value):
    assert value_of(text, expression, de) == value


# --- things that are not dates ---------------------------------------------------------------

def test_not_dates(de):
    assert "heutige" not in " ".join(texts("Seine heutige Ehefrau lernte er im Urlaub kennen.", de))
    assert value_of("Er spielte in der Saison 2007/08 für Bremen.", "2007/08", de) == "2007"
    assert not texts("Im Ofen herrschen 2000 bis 3000 Grad.", de)
    assert not [t for t in texts("Am Tag der Deutschen Einheit 1985 war nichts los.", de) if "Einheit" in t]
    # nor in a passage set before 1990 that names no year with it; after 1990 it is 3 October
    passage = "Im Herbst 1975 reiste er durch das Land. Am Tag der Deutschen Einheit war er in Bonn."
    assert not [t for t in texts(passage, de) if "Einheit" in t]
    assert value_of("Am Tag der Deutschen Einheit feiern viele in Berlin.", "Tag der Deutschen Einheit",
                    de) == "2022-10-03"


# --- before year 1 and after 9999: a value, never an error -----------------------------------

@pytest.mark.parametrize("published", [date(2022, 1, 27), date(1, 1, 1), date(9999, 12, 31)])
def test_spans_beyond_the_calendar_give_values(de, published):
    text = ("Seit 3000 Jahren leben hier Menschen. Gestern kam der Bürgermeister, im letzten "
            "Jahrhundert war es anders. Im nächsten Jahrhundert und in der Nacht zum Sonntag auch.")
    timeline = extract(text, published=published, lang="de")
    assert ("3000 Jahren", "P3000Y") in [(t.text, t.value) for t in timeline.timexes]


def test_a_year_named_in_passing_does_not_move_the_passage(de):
    text = ("Am 2. Mai 1915 begann die Offensive. Die Erfahrungen des Feldzugs 1866 halfen wenig. "
            "Am 9. Mai stockte der Vormarsch.")
    assert value_of(text, "9. Mai", de) == "1915-05-09"


# --- histories: their present, their years, years before the common era -------------------

CHRONICLE = ("Im Jahr 1863 gründeten Weber die Genossenschaft. Zu Beginn des Jahres hatten sie "
             "gestreikt. In diesem Jahr verdoppelte sich die Zahl der Mitglieder. "
             "Das Haus der Genossenschaft steht bis heute am Markt.")


def test_a_history_counts_this_year_from_its_passage_and_its_today_is_the_present(de):
    assert value_of(CHRONICLE, "Beginn des Jahres", de) == "1863"
    assert value_of(CHRONICLE, "diesem Jahr", de) == "1863"
    assert value_of(CHRONICLE, "heute", de) == "PRESENT_REF"


def test_a_history_counts_the_year_before_and_after_from_its_passage(de):
    text = ("Im Jahr 1863 gründeten Weber die Genossenschaft. Im vorigen Jahr hatten sie gestreikt. "
            "Im nächsten Jahr kauften sie ein Haus.")
    assert value_of(text, "vorigen Jahr", de) == "1862"
    assert value_of(text, "nächsten Jahr", de) == "1864"


def test_news_keeps_its_own_year_and_its_today(de):
    text = ("Am Montag stellte der Verein seine Chronik vor. Im Jahr 1863 gründeten Weber die "
            "Genossenschaft. In diesem Jahr feiert sie. Heute wurde der Festakt eröffnet.")
    assert value_of(text, "diesem Jahr", de) == "2022"
    assert value_of(text, "Heute", de) == "2022-01-27"


def test_years_before_the_common_era_are_bc_values(de):
    text = "Die Belagerung dauerte von 312 bis 310 v. Chr. Im Jahr 305 v. Chr. schloss man Frieden."
    assert value_of(text, "312", de) == "BC0312"
    assert value_of(text, "Jahr 305 v. Chr.", de) == "BC0305"


def test_a_look_ahead_in_passing_does_not_move_the_passage(de):
    # a history's day-by-day account names a later year in passing and goes on: its next
    # dates are of the days it was telling, not of the year it looked ahead to
    text = ("Am 3. Mai 1848 besetzten Studenten die Universität. Die Regierung zögerte lange. "
            "Erst im Herbst 1850 kam die neue Verfassung. Am 15. Mai stürmten Arbeiter das Rathaus. "
            "Im selben Monat floh der Fürst.")
    assert value_of(text, "15. Mai", de) == "1848-05-15"
    assert value_of(text, "selben Monat", de) == "1848-05"


@pytest.mark.parametrize("text, expression, value", [
    # the text went on in the later year: a month of it was named since
    ("Am 4. März 1915 begann die Belagerung. Im Jahr 1916 kam es zu neuen Kämpfen. Im Juni griffen "
     "die Truppen an. Am 5. April fiel die Festung.", "5. April", "1916-04-05"),
    # a date long after the last day is of the year named since
    ("Am 2. Mai 1915 begann die Belagerung. Im Sommer 1916 folgte der Sturm. Am 3. August fiel die "
     "Festung.", "3. August", "1916-08-03"),
])
def test_a_later_year_that_the_text_goes_on_in_moves_the_passage(de, text, expression, value):
    assert value_of(text, expression, de) == value


def test_today_in_a_passage_before_the_common_era_is_the_present(de):
    # "(heute Ortsname)" in a clause with a past verb: the present, not the day of publication
    text = "312 v. Chr. belagerten Söldner die Hafenstadt Kelos (heute Kalamaki) vergeblich."
    assert value_of(text, "heute", de) == "PRESENT_REF"


def test_a_pluperfect_flashback_does_not_move_the_passage(de):
    text = ("Am 4. Mai 1921 tagte der Rat. Schon im März 1919 hatte der Bürgermeister gewarnt. "
            "Am 9. Mai beschloss der Rat den Bau.")
    assert value_of(text, "9. Mai", de) == "1921-05-09"


def test_an_adverbial_year_moves_the_passage_a_year_after_a_noun_does_not(de):
    text = ("Am 2. März 1921 begann der Streik. Im Herbst kam es 1923 zu neuen Unruhen. "
            "Im Mai besetzten Arbeiter die Werft.")
    assert value_of(text, "Mai", de) == "1923-05"
    text = ("Am 2. März 1921 begann der Streik, größer als der Streik 1905 in der Hauptstadt. "
            "Im Mai besetzten Arbeiter die Werft.")
    assert value_of(text, "Mai", de) == "1921-05"


def test_a_clock_time_in_a_history_without_its_day_is_of_the_passage_year(de):
    text = ("Im Frühjahr 1871 lag das Regiment vor der Festung. Die Nächte waren kalt.\n\n"
            "„Um 6:15 Uhr Trommelfeuer. Dann Stille.“")
    assert value_of(text, "6:15 Uhr", de) == "1871-XX-XXT06:15"
    # a day named just before gives it its date
    text = "Am 3. März 1871 begann der Sturm. Um 6:15 Uhr fielen die ersten Schüsse."
    assert value_of(text, "6:15 Uhr", de) == "1871-03-03T06:15"
