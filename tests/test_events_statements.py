"""Statements and side-clause states that are no events of the timeline (invented texts).

A mere statement is kept out of the listed timeline (kind "statement"), whatever its time; a
state named inside a side clause does not make its sentence a state.
"""
from datetime import date

from events_helpers import events_of, find, timex

from timeline.model import LISTED

PUBLISHED = date(2023, 3, 10)  # a Friday


def test_a_quotation_dated_by_its_reporting_clause_is_a_statement_and_sets_no_narrative():
    text = ("Am 2. März wurde in der Filiale eingebrochen. Die Täter entkamen. "
            "„Zu laufenden Ermittlungen sagen wir nichts“, erklärte gestern ein Sprecher der Polizei. "
            "Auch wurden Zeugen befragt.")
    events = events_of(text, PUBLISHED, [timex(text, "2. März", "DATE", "2023-03-02"),
                                         timex(text, "gestern", "DATE", "2023-03-09")])
    said = find(events, "erklärte gestern")
    assert (said.status, said.value, said.kind) == ("dated", "2023-03-09", "statement")
    # the narrative of the break-in goes on up to the statement, not beyond it
    assert find(events, "Die Täter entkamen").value == "2023-03-02"
    assert find(events, "Zeugen befragt").status == "vague"


def test_a_quotation_whose_time_lies_in_what_was_said_stays_an_event():
    text = "„Heute ist ein Tag zum Feiern“, sagte die Bürgermeisterin."
    event = find(events_of(text, PUBLISHED, [timex(text, "Heute", "DATE", "2023-03-10")]), "Tag zum Feiern")
    assert (event.status, event.kind) == ("dated", LISTED)


def test_a_motto_of_a_week_is_no_statement():
    text = "Start war am 6. Februar. „Ahoi, Piraten!“ hieß es in der ersten Woche."
    events = events_of(text, PUBLISHED, [timex(text, "6. Februar", "DATE", "2023-02-06")])
    assert find(events, "Ahoi").kind == LISTED


def test_a_refusal_to_comment_is_a_statement():
    text = "Die Bank schloss am Montag zwei Filialen. Ein Sprecher wollte das am Dienstag nicht kommentieren."
    events = events_of(text, PUBLISHED, [timex(text, "Montag", "DATE", "2023-03-06"),
                                         timex(text, "Dienstag", "DATE", "2023-03-07")])
    assert find(events, "zwei Filialen").kind == LISTED
    assert find(events, "nicht kommentieren").kind == "statement"


def test_a_when_word_inside_the_quotation_does_not_make_the_saying_habitual():
    text = ("Am Donnerstag weihte der Pfarrer die Kapelle ein.\n\n"
            "„Das Gute wird immer stärker“, meinte der Pfarrer. Seine Mutter sagte immer, Geduld sei alles.")
    events = events_of(text, PUBLISHED, [timex(text, "Donnerstag", "DATE", "2023-03-09")])
    assert find(events, "meinte der Pfarrer").earliest == "2023-03-09"   # said lately
    assert find(events, "sagte immer").earliest is None                  # habitual


def test_a_state_up_to_now_in_a_side_clause_is_no_state_of_the_sentence():
    text = ("Die Frau, die bis heute keine Antwort erhalten hat, lässt mir keine Ruhe. "
            "Er weiß, dass die Behörde noch immer prüft. "
            "Die Ermittlungen laufen weiter. Bis heute gibt es keine Spur.")
    events = events_of(text, PUBLISHED, [timex(text, "heute", "DATE", "2023-03-10"),
                                         timex(text, "heute", "DATE", "2023-03-10", occurrence=1)])
    assert not [e for e in events if "Die Frau" in e.sentence and e.status == "ongoing"]
    assert not [e for e in events if "noch immer prüft" in e.sentence and e.status == "ongoing"]
    assert find(events, "laufen weiter").status == "ongoing"
    assert find(events, "keine Spur").status == "ongoing"


def test_a_state_in_a_clause_opened_by_da_is_a_side_clause_state():
    text = "Vor allem, da sich die Behörde noch immer an die alten Regeln hält. Sehen Sie, da habe ich noch immer Hoffnung."
    events = events_of(text, PUBLISHED, [])
    assert not [e for e in events if "Vor allem" in e.sentence]
    assert find(events, "Sehen Sie").status == "ongoing"


def test_a_time_in_the_speech_a_dated_saying_reports_is_no_second_event():
    text = ("Die Ministerin kündigte am Sonntag an, die Regierung wolle bis 2030 aus der Kohle aussteigen. "
            "Zwischenzeitlich hieß es, der Konzern wolle bis 2025 schwarze Zahlen schreiben.")
    events = events_of(text, PUBLISHED, [timex(text, "Sonntag", "DATE", "2023-03-05"),
                                         timex(text, "2030", "DATE", "2030"), timex(text, "2025", "DATE", "2025")])
    assert [e.value for e in events if "Ministerin" in e.sentence] == ["2023-03-05"]
    # a report without a time of its own is dated by what it reports
    assert [e.value for e in events if "Konzern" in e.sentence] == ["2025"]


def test_a_comparison_dates_nothing():
    text = "Der Eintritt ist frei wie am Freitag. Wie am Montag bekannt wurde, tritt der Trainer zurück."
    events = events_of(text, PUBLISHED, [timex(text, "Freitag", "DATE", "2023-03-10"),
                                         timex(text, "Montag", "DATE", "2023-03-06")])
    assert not [e for e in events if "Eintritt" in e.sentence]
    assert find(events, "bekannt wurde").value == "2023-03-06"


def test_plans_quoted_or_reported_as_a_view_are_statements_and_a_future_in_a_side_clause_is_no_plan():
    text = ("Folglich, heißt es weiter, »sollen die reichen Staaten vorangehen«. "
            "Demnächst müsse die Firma liefern, so der Analyst. "
            "Wir müssen prüfen, ob wir das künftig dulden. "
            "Die Brücke soll im Herbst saniert werden.")
    events = events_of(text, PUBLISHED, [timex(text, "Demnächst", "DATE", "FUTURE_REF"),
                                         timex(text, "künftig", "DATE", "FUTURE_REF"),
                                         timex(text, "im Herbst", "DATE", "2023-FA")])
    assert find(events, "heißt es weiter").kind == "statement"
    assert find(events, "so der Analyst").kind == "statement"
    assert not [e for e in events if "künftig" in e.sentence and e.status == "open"]
    assert find(events, "Brücke").kind == LISTED


def test_a_saying_in_a_narrative_is_a_statement_even_an_earlier_one():
    text = ("Am Samstag wurde die Halle eröffnet. Der Landesrat beglückwünschte die Genossenschaft. "
            "Polen erklärte bereits, man lehne ab. Der Pfarrer segnete die Halle. "
            "Danach sprach sich der Rat für einen Anbau aus.")
    events = events_of(text, PUBLISHED, [timex(text, "Samstag", "DATE", "2023-03-04")])
    for needle in ("beglückwünschte", "erklärte bereits"):
        event = find(events, needle)
        assert (event.value, event.kind) == ("2023-03-04", "statement"), needle
    assert find(events, "segnete").kind == LISTED
    assert find(events, "sprach sich").kind == LISTED


def test_a_range_is_one_happening_a_plan_given_up_none_and_lately_needs_a_happening():
    text = ("Die Kabarettistin gastiert vom 5. bis 22. November in Südtirol. "
            "Eigentlich wollte der Konzern bis Ende des Jahres Gewinne schreiben. "
            "Zuletzt waren es Klapphandys, die gefielen. Zuletzt erschien sein Roman.")
    published = date(2023, 10, 20)
    events = events_of(text, published, [timex(text, "5.", "DATE", "2023-11-05"),
                                         timex(text, "22. November", "DATE", "2023-11-22"),
                                         timex(text, "Ende des Jahres", "DATE", "2023")])
    assert [e.value for e in events if "Kabarettistin" in e.sentence] == ["2023-11-05"]
    assert not [e for e in events if "Eigentlich" in e.sentence]
    assert find(events, "Klapphandys").status == "vague"
    assert find(events, "sein Roman").value == "2023"


def test_a_narrative_goes_on_after_the_end_of_a_range():
    text = "Vom 5. bis 17. Dezember hielten die Truppen die Stadt. Danach begann der Winter."
    events = events_of(text, date(2023, 3, 10), [timex(text, "5.", "DATE", "1914-12-05"),
                                                  timex(text, "17. Dezember", "DATE", "1914-12-17")])
    assert [e.value for e in events if "Truppen" in e.sentence] == ["1914-12-05"]
    assert find(events, "Danach begann").value == "1914-12-17"
