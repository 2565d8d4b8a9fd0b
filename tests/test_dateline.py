"""An opening dateline is the text's reference time (timeline/events/dateline.py, issue 8).
Invented texts."""
from datetime import date

import pytest

from timeline import extract
from timeline.events.dateline import dateline_day
from timeline.lang import load_language

DE = load_language("de")
PUBLISHED = date(2022, 12, 5)   # a Monday


@pytest.mark.parametrize("text, day", [
    ("Schladming (02.12.2022). Am Donnerstagabend gewann der Verein.", date(2022, 12, 2)),
    ("BERLIN, 3. Dezember 2022 (dpa) – Die Regierung tagte.", date(2022, 12, 3)),
    ("Musterstadt, am 1.12.22 – Der Rat beschloss den Haushalt.", date(2022, 12, 1)),
    ("Am Freitag (02.12.2022) kam er nach Hause.", None),          # no place: a sentence
    ("Wien (02.12.2021). Der Rat tagte.", None),                     # a year before: a typo or an old text
    ("Wien (07.12.2022). Der Rat tagte.", None),                     # after publication
    ("Der Rat tagte am Donnerstag.", None),
])
def test_the_dateline_day(text, day):
    assert dateline_day(text, PUBLISHED, DE) == day


def test_weekdays_and_yesterday_count_from_the_dateline_and_the_dateline_is_no_event():
    text = "Schladming (02.12.2022). Am Donnerstagabend gewann der FC Musterdorf das Derby. Gestern feierte die Stadt."
    timeline = extract(text, PUBLISHED)
    assert timeline.published == PUBLISHED
    assert sorted((e.sentence[:20], e.value) for e in timeline.events) == [
        ("Am Donnerstagabend g", "2022-12-01TEV"), ("Gestern feierte die ", "2022-12-01")]
    # without the dateline, "gestern" is the day before publication
    plain = extract("Gestern feierte die Stadt.", PUBLISHED)
    assert [e.value for e in plain.events] == ["2022-12-04"]
