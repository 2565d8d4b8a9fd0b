"""A passage told before the common era carries its era (timeline/tagger/era.py). Invented texts."""
from datetime import date

from timeline.lang import load_language
from timeline.tagger import tag
from timeline.tagger.era import EraCarry

DE = load_language("de")
PUBLISHED = date(2011, 2, 16)


def _values(text):
    return [(t.text, t.value) for t in tag(text, PUBLISHED, DE)]


def test_dates_of_a_passage_in_bc_take_its_year():
    text = ("Der Feldzug begann im Jahr 212 v. Chr. mit der Belagerung der Stadt. Das Jahr 212 brachte "
            "schwere Verluste. Am 3. Mai ergaben sich die Verteidiger. Im Dezember zog das Heer ab.")
    values = dict(_values(text))
    assert values["Jahr 212 v. Chr."] == "BC0212"
    assert values["Jahr 212"] == "BC0212"
    assert values["3. Mai"] == "BC0212-05-03"
    assert values["Dezember"] == "BC0212-12"


def test_a_year_of_the_common_era_ends_the_passage_and_today_is_never_moved():
    text = ("Die Stadt wurde 146 v. Chr. zerstört. Heute ist sie ein Museum. "
            "Im Jahr 1985 wurde sie Welterbe. Im Mai kamen die ersten Besucher.")
    values = dict(_values(text))
    assert values["146 v. Chr."] == "BC0146"
    assert not values["Heute"].startswith("BC")
    assert values["Mai"] == "1985-05"


def test_the_carry_step_by_step():
    era = EraCarry()
    assert era.value("1850-05", None, False) == "1850-05"      # no passage in BC: nothing moves
    assert era.value("BC0264", None, False) == "BC0264"
    assert era.value("2011-02-16", None, True) == "2011-02-16"  # counted from publication
    assert era.value("0260", 260, False) == "BC0260"           # a small year in the passage
    assert era.value("2011-08-02", None, False) == "BC0260-08-02"
    assert era.value("1492", 1492, False) == "1492"            # a four-digit year ends it
    assert era.value("1492-10", None, False) == "1492-10"
