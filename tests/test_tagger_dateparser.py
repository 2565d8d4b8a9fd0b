"""Cross-check the German word tables and relative rules against dateparser's German data.

dateparser is not used to find time expressions (its `search_dates` reads every "die" as
Tuesday); its hand-written language data is a good second opinion on ours. The tagger hands
it only what a rule found and the German tables cannot read: dates with a month name in
another language (timeline/tagger/dateforms.py), tested at the end.
"""
from __future__ import annotations

import re
from datetime import date, datetime

import dateparser
import pytest
from dateparser.data.date_translation_data import de as dateparser_de

from timeline.tagger import tag

PUBLISHED = date(2022, 1, 27)
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")



def _full_names(key):
    """dateparser's names, without abbreviations (a name that begins another one)."""
    names = {w.lower() for w in dateparser_de.info[key] if w.isalpha()}
    return sorted(n for n in names if len(n) > 3 and not any(o != n and o.startswith(n) for o in names))


@pytest.mark.parametrize("key", MONTHS)
def test_every_german_month_name_of_dateparser_is_known(de, key):
    months = de["words"]["months"]
    for name in _full_names(key):
        assert months.get(name) == MONTHS.index(key) + 1, name


@pytest.mark.parametrize("key", WEEKDAYS)
def test_every_german_weekday_name_of_dateparser_is_known(de, key):
    weekdays = de["words"]["weekdays"]
    for name in _full_names(key):
        assert weekdays.get(name) == WEEKDAYS.index(key) + 1, name


def _relative_phrases():
    for meaning, phrases in dateparser_de.info["relative-type"].items():
        unit = re.search(r"(day|week|month|year)", meaning)
        if unit:
            for phrase in phrases:
                yield pytest.param(phrase, unit.group(1), id=phrase)


@pytest.mark.parametrize("phrase, unit", list(_relative_phrases()))
def test_relative_phrases_agree_with_dateparser(de, phrase, unit):
    expected = dateparser.parse(phrase, languages=["de"],
                                settings={"RELATIVE_BASE": datetime(2022, 1, 27, 12)})
    got = tag(f"Das war {phrase} so.", PUBLISHED, de)   # a report: "heute" is the day, not "nowadays"
    assert len(got) == 1 and got[0].text.lower() == phrase, got
    value = got[0].value
    if unit == "day":
        assert value == expected.date().isoformat()
    elif unit == "week":
        year, week, _ = expected.isocalendar()
        assert value == f"{year}-W{week:02d}"
    elif unit == "month":
        assert value == expected.strftime("%Y-%m")
    else:
        assert value == str(expected.year)


# --- dateparser inside the tagger: dates in forms the German tables do not cover -------------

@pytest.mark.parametrize("text, expression, value", [
    ("Das Abkommen vom 12 giugno 2011 bleibt in Kraft.", "12 giugno 2011", "2011-06-12"),
    ("Die Erklärung trägt das Datum 4 octobre 1958.", "4 octobre 1958", "1958-10-04"),
    ("Unterzeichnet am 2 July 1990 in London.", "2 July 1990", "1990-07-02"),
])
def test_a_date_with_a_foreign_month_name_is_read_by_dateparser(de, text, expression, value):
    got = [(t.text, t.value) for t in tag(text, PUBLISHED, de)]
    assert (expression, value) in got


def test_a_word_dateparser_cannot_read_leaves_the_year_to_the_other_rules(de):
    got = [(t.text, t.value) for t in tag("Er schoss 3 Tore 2010 und 4 Tore 2011.", PUBLISHED, de)]
    assert got == [("2010", "2010"), ("2011", "2011")]


def test_dateparser_must_keep_the_day_and_year_the_text_wrote():
    from timeline.tagger.dateforms import parse_absolute
    assert parse_absolute("15 maggio 2013", ("it",), 15, 2013) == date(2013, 5, 15)
    assert parse_absolute("15 Jahre 2010", ("de",), 15, 2010) is None
