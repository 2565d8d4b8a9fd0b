"""Bare weekdays in a history's passage (issue 8): "Am Sonntag" after "Am 3. Mai 1940" is the
Sunday after that day, not one near publication; news keeps its own weekdays, per passage.

Every sentence here is invented for these tests (none is copied from a corpus, the seed or
the held-out sets). Publication day: Thursday 27 January 2022 unless a test says otherwise.
"""
from __future__ import annotations

from datetime import date

import pytest

from tagger_helpers import THURSDAY, values


def value_of(text, expression, de, published=THURSDAY):
    found = [value for found, value in values(text, de, published) if found == expression]
    assert found, f"{expression!r} not tagged in {text!r}: {values(text, de, published)}"
    return found[0]


# Friday 3 May 1940; the weekdays after it follow the narrative forward, each from the last
HISTORY = ("Am 3. Mai 1940 erreichten die Reiter den Grenzfluss. Am Freitag rückten sie bis zum Fluss vor.\n\n"
           "Am Sonntag fiel die Stadt. In der Nacht zum Dienstag brannte der Hafen. "
           "Am Mittwochabend zogen die letzten Verteidiger ab.\n\n"
           "Am Samstag hatten die Sieger die Brücke wieder aufgebaut.")


@pytest.mark.parametrize("expression, value", [
    ("Freitag", "1940-05-03"),               # the day itself is that weekday
    ("Sonntag", "1940-05-05"),               # a paragraph later: the passage goes on
    ("Nacht zum Dienstag", "1940-05-06TNI"),  # the night before the Tuesday after that Sunday
    ("Mittwochabend", "1940-05-08TEV"),
    ("Samstag", "1940-05-11"),               # pluperfect narrates the past too
])
def test_a_history_moves_forward_from_its_last_day(de, expression, value):
    assert value_of(HISTORY, expression, de) == value


@pytest.mark.parametrize("sentence, expression, value", [
    ("Am vorigen Sonntag hatte der Stab den Befehl gegeben.", "vorigen Sonntag", "1940-04-28"),
    ("Am vergangenen Freitag war der Befehl ergangen.", "vergangenen Freitag", "1940-04-26"),
    ("Schon am Mittwoch zuvor war der Befehl ergangen.", "Mittwoch zuvor", "1940-05-01"),
    ("Am kommenden Freitag griffen sie erneut an.", "kommenden Freitag", "1940-05-10"),
])
def test_words_of_direction_count_back_or_on_from_the_passage_day(de, sentence, expression, value):
    text = "Am 3. Mai 1940 erreichten die Reiter den Grenzfluss. " + sentence
    assert value_of(text, expression, de) == value


def test_a_news_background_keeps_the_news_weekdays(de):
    # published Wednesday 6 November 2019: the coming Sunday, whatever the old date before it
    text = "Vor 30 Jahren, am 9. November 1989, fiel die Mauer. Am Sonntag wird am Tor gefeiert."
    assert value_of(text, "Sonntag", de, date(2019, 11, 6)) == "2019-11-10"


def test_a_past_weekday_in_a_news_paragraph_after_a_background_one_is_the_news_week(de):
    # the text reports days near publication ("gestern"); the old date dates its own paragraph
    text = ("Gestern begann in der Stadt die Festwoche.\n\n"
            "Vor 30 Jahren, am 9. November 1989, fiel die Mauer. Am Sonntag darauf öffneten die Übergänge.\n\n"
            "Am Sonntag feierten Tausende am Tor.")
    published = date(2019, 11, 12)   # a Tuesday
    found = values(text, de, published)
    assert ("Sonntag darauf", "1989-11-12") in found
    assert found[-1] == ("Sonntag", "2019-11-10")


def test_a_recent_date_is_no_history(de):
    # ten years back is the background of news: a past weekday is the last one
    text = "Am 3. Mai 2012 wurde der Verein gegründet. Am Sonntag wählte er einen neuen Vorstand."
    assert value_of(text, "Sonntag", de) == "2022-01-23"


@pytest.mark.parametrize("coda, value", [
    ("Heute steht dort ein Museum. Am Sonntag kamen viele Besucher.", "2022-01-23"),
    ("Am Sonntag wird dort ein Denkmal eingeweiht.", "2022-01-30"),
])
def test_a_present_day_coda_returns_to_publication_weekdays(de, coda, value):
    text = "Am 8. Mai 1945 endete der Krieg in der Stadt. Die Truppen zogen ab.\n\n" + coda
    assert value_of(text, "Sonntag", de) == value


def test_a_new_date_after_the_coda_resumes_the_history(de):
    text = ("Am 8. Mai 1945 endete der Krieg in der Stadt. Heute steht dort ein Museum.\n\n"
            "Am 2. Juni 1945 kehrten die ersten Familien zurück. Am Sonntag läuteten die Glocken.")
    assert value_of(text, "Sonntag", de) == "1945-06-03"


@pytest.mark.parametrize("text", [
    "Im Mai 1940 griffen die Truppen an. Am Sonntag fiel die Stadt.",
    # a day, then a month named since: the latest reference is a month
    "Am 3. Mai 1940 erreichten die Reiter den Grenzfluss. Im Juni rückten sie weiter vor. Am Sonntag fiel die Stadt.",
    # a day, then a later year named since
    "Am 3. Mai 1940 erreichten die Reiter den Grenzfluss. 1941 rückten sie weiter vor. Am Sonntag fiel die Stadt.",
])
def test_a_weekday_after_a_coarser_reference_keeps_the_publication_reading(de, text):
    # no day to count from: the weekday is read as before (a past one: the last before publication)
    assert value_of(text, "Sonntag", de) == "2022-01-23"


def test_a_recent_date_named_before_makes_the_text_news(de):
    text = ("Am 2. Oktober 2019 eröffnete die Ausstellung im Rathaus.\n\n"
            "Vor 30 Jahren, am 9. November 1989, fiel die Mauer.\n\n"
            "Am Sonntag kamen dreitausend Besucher.")
    assert value_of(text, "Sonntag", de, date(2019, 11, 12)) == "2019-11-10"


def test_after_a_history_weekday_the_text_is_still_a_history(de):
    # the weekday no longer makes the text news: its year before is the passage's, its
    # "bis heute" the present, a day without a year after a look ahead the passage's again
    text = ("Am 3. Mai 1940 erreichten die Reiter den Grenzfluss. Am Sonntag fiel die Stadt. "
            "Im vorigen Jahr hatte das Heer noch still gelegen. Die Brücke über den Fluss ist bis heute zerstört. "
            "Erst 1942 wurde die Stadt befreit. Am 6. Mai zogen die Truppen weiter.")
    found = dict(values(text, de))
    assert found["vorigen Jahr"] == "1939"
    assert found["heute"] == "PRESENT_REF"
    assert found["6. Mai"] == "1940-05-06"


def test_news_with_a_background_sentence_keeps_later_weekdays_in_the_news_week(de):
    # a weekday of the news week first: the old date dates only the sentence after it
    text = ("Der Rat tagte am Montag im Rathaus. Am 3. Mai 1990 war die Firma gegründet worden. "
            "Am Sonntag darauf zog sie ein.\n\n"
            "Am Dienstag stellte sie ihre Bilanz vor. Im vorigen Jahr wuchs der Umsatz.")
    found = dict(values(text, de))
    assert found["Sonntag darauf"] == "1990-05-06"
    assert found["Dienstag"] == "2022-01-25"
    assert found["vorigen Jahr"] == "2021"


@pytest.mark.parametrize("sentence, expression, value", [
    ("Am Wochenende fiel die Stadt.", "Wochenende", "1940-W18-WE"),
    ("Am vorigen Wochenende hatte der Stab den Befehl gegeben.", "vorigen Wochenende", "1940-W17-WE"),
    ("Am Wochenende wird dort ein Denkmal eingeweiht.", "Wochenende", "2022-W04-WE"),
])
def test_a_weekend_in_a_history_is_the_one_of_its_last_days_week(de, sentence, expression, value):
    text = "Am 3. Mai 1940 erreichten die Reiter den Grenzfluss. " + sentence
    assert value_of(text, expression, de) == value
