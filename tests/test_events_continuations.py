"""Sentences without a date of their own that still tell when they happened (invented texts):
the last of counted periods, a verbless stage of a journey, the perfect after news told in the
perfect or after a word that steps on, and what else happens on a day a programme announces.
"""
from datetime import date

from events_helpers import events_of, find, timex


def test_the_last_week_of_counted_weeks_follows_the_week_counted_last():
    text = ("Start war am 3. Juli. In der ersten Woche bauten die Kinder Flöße. "
            "In der zweiten Woche ging es in den Wald. Die Kinder sammelten Pilze. "
            "In der letzten Woche feierten alle ein Fest.")
    published = date(2023, 9, 15)
    events = events_of(text, published, [
        timex(text, "3. Juli", "DATE", "2023-07-03"),
        timex(text, "der ersten Woche", "DATE", "2023-W27"),
        timex(text, "der zweiten Woche", "DATE", "2023-W28"),
        timex(text, "der letzten Woche", "DATE", "2023-W36"),   # the tagger: the week before publication
    ])
    assert find(events, "letzten Woche").value == "2023-W29"


def test_the_last_week_outside_counted_periods_is_the_tagger_s():
    text = "Am 3. Juli begann der Kurs. In der letzten Woche trafen sich die Minister."
    events = events_of(text, date(2023, 9, 15), [timex(text, "3. Juli", "DATE", "2023-07-03"),
                                                  timex(text, "der letzten Woche", "DATE", "2023-W36")])
    assert find(events, "Minister").value == "2023-W36"


def test_a_verbless_stage_of_a_journey_happens_in_the_narrative_it_stands_in():
    text = ("Die Flotte stach am 6. Februar 1595 in See. Von Genua nach Tunis.\n\n"
            "Von Rom nach Neapel.")
    events = events_of(text, date(2023, 3, 10), [timex(text, "6. Februar 1595", "DATE", "1595-02-06")])
    stage = find(events, "Von Genua")
    assert (stage.status, stage.value, stage.anchor) == ("dated", "1595-02-06", "narrative")
    assert not [e for e in events if "Von Rom" in e.sentence]   # no narrative in its paragraph


def test_the_perfect_right_after_news_told_in_the_perfect_continues_its_day():
    text = ("Der EV Beispieldorf hat gestern den Pokal gewonnen. Die Damen haben nur ein Spiel verloren. "
            "Zweiter wurde der EV Musterhof.\n\n"
            "Der Verein hat viel investiert.")
    events = events_of(text, date(2023, 3, 10), [timex(text, "gestern", "DATE", "2023-03-09")])
    assert find(events, "nur ein Spiel verloren").value == "2023-03-09"
    assert find(events, "Zweiter wurde").value == "2023-03-09"
    assert find(events, "viel investiert").status == "vague"


def test_the_perfect_in_a_narrative_stays_vague_unless_a_word_steps_on():
    text = ("Am Montag wurde das Geld in den Tresor gebracht. Die Bank hat viel Geld verloren. "
            "Über Nacht sind 5000 Euro verschwunden. Danach hat die Polizei ermittelt.")
    events = events_of(text, date(2023, 3, 10), [timex(text, "Montag", "DATE", "2023-03-06")])
    assert find(events, "viel Geld verloren").status == "vague"
    assert find(events, "Über Nacht").value == "2023-03-06"
    assert find(events, "Danach hat").value == "2023-03-06"


def test_what_else_happens_on_a_day_a_programme_announces_happens_that_day():
    text = ("Am heutigen Samstag beginnt um 10 Uhr der Blumenmarkt. Die Rose ist die Blume des Jahres. "
            "Gleichzeitig wird in den Gasthäusern ein Blütenmenü geboten. "
            "Im Palais findet wieder der Feinschmeckermarkt statt.\n\n"
            "Im Sommer findet das Seefest statt.")
    published = date(2023, 3, 11)
    events = events_of(text, published, [timex(text, "heutigen Samstag", "DATE", "2023-03-11"),
                                         timex(text, "10 Uhr", "TIME", "2023-03-11T10:00"),
                                         timex(text, "Im Sommer", "DATE", "2023-SU")])
    for needle in ("Blütenmenü", "Feinschmeckermarkt"):
        event = find(events, needle)
        assert (event.status, event.value, event.granularity) == ("dated", "2023-03-11", "day"), needle
    assert not [e for e in events if "Blume des Jahres" in e.sentence]
    assert find(events, "Seefest").value == "2023-SU"


def test_an_evening_after_a_reason_clause_naming_tomorrow_is_the_evening_of_the_day_before():
    text = ("Am Donnerstag fliege ich nach Stuttgart, denn morgen beginnt dort der Parteitag. "
            "Am Abend treffe ich Freunde.\n\n"
            "Am Freitag tagt der Vorstand und am Samstag folgt die Wahl. Am Abend feiern alle.")
    published = date(2023, 3, 9)   # a Thursday
    events = events_of(text, published, [
        timex(text, "Donnerstag", "DATE", "2023-03-09"), timex(text, "morgen", "DATE", "2023-03-10"),
        timex(text, "Abend", "TIME", "2023-03-10TEV"),           # the tagger: after the last day named
        timex(text, "Freitag", "DATE", "2023-03-10"), timex(text, "Samstag", "DATE", "2023-03-11"),
        timex(text, "Abend", "TIME", "2023-03-11TEV", occurrence=1),
    ])
    assert find(events, "treffe ich Freunde").value == "2023-03-09TEV"
    assert find(events, "feiern alle").value == "2023-03-11TEV"   # no reason clause: the tagger's day


def test_a_whole_span_up_to_now_is_a_state():
    text = "Die Presse begleitet sie über die ganzen zehn Jahre. Er war die ganzen zehn Jahre krank."
    events = events_of(text, date(2023, 3, 10), [timex(text, "die ganzen zehn Jahre", "DURATION", "P10Y"),
                                                  timex(text, "die ganzen zehn Jahre", "DURATION", "P10Y", occurrence=1)])
    state = find(events, "Die Presse")
    assert (state.status, state.latest) == ("ongoing", "2023-03-10")
    assert not [e for e in events if "krank" in e.sentence and e.status == "ongoing"]


def test_a_lead_in_the_narrating_preterite_is_this_year_s_news_unless_it_reports_speech():
    published = date(2023, 3, 10)
    text = "Titel\n\nAnna Muster, geboren 1950, demonstrierte gegen das neue Gesetz und unterschrieb den Aufruf."
    events = events_of(text, published, [timex(text, "1950", "DATE", "1950")])
    assert [e.value for e in events if e.status == "dated"] == ["1950", "2023"]
    text = "Titel\n\nEr sei, flüsterte man am Hofe, der Günstling der Königin."
    assert all(e.status != "dated" for e in events_of(text, published, []))
    # dated by the next sentence where that one tells when
    text = "Titel\n\nDie Polizei fasste einen Dieb. Am Montag hielt sie sein Auto an."
    events = events_of(text, published, [timex(text, "Montag", "DATE", "2023-03-06")])
    assert find(events, "fasste einen Dieb").value == "2023-03-06"
