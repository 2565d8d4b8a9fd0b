"""The tagger's use of context: which day a clock time belongs to, which week a weekday or
weekend lies in, which year a bare month takes, when "heute" is the day of the report.

The example sentences are written for these tests (not taken from the corpus or the
held-out set). Publication date: Thursday, 27 January 2022, unless a test says otherwise.
"""
from __future__ import annotations

from datetime import date


from tagger_helpers import THURSDAY, values
from timeline.tagger import tag





def value_of(text, expression, de, published=THURSDAY):
    found = [t.value for t in tag(text, published, de) if t.text == expression]
    assert found, f"{expression!r} not tagged in {text!r}"
    return found[0]


# --- clock times --------------------------------------------------------------------------

def test_clock_time_takes_the_day_named_in_the_sentence_before(de):
    text = "Die Feuerwehr rückte am Montagabend aus. Um 21.15 Uhr war der Brand gelöscht."
    assert value_of(text, "21.15 Uhr", de) == "2022-01-24T21:15"


def test_clock_time_takes_a_day_named_shortly_before(de):
    text = ("Der Chor singt am Samstag, 12. Februar, in der Pfarrkirche. Geleitet wird er von "
            "Maria Huber. Das Konzert beginnt um 19 Uhr.")
    assert value_of(text, "19 Uhr", de) == "2022-02-12T19:00"


def test_clock_time_without_a_day_nearby_is_the_publication_day(de):
    assert value_of("Die Sitzung beginnt um 18 Uhr im Rathaus.", "18 Uhr", de) == "2022-01-27T18:00"


def test_an_item_of_a_listing_does_not_take_the_day_of_the_item_before(de):
    text = "Brixen: Flohmarkt am morgigen Freitag, 8-12 Uhr. Meran: Konzert im Kursaal, 20 Uhr."
    assert value_of(text, "20 Uhr", de) == "2022-01-27T20:00"


def test_early_hours_after_a_named_night_belong_to_the_next_day(de):
    text = "In der Nacht auf Sonntag brannte eine Scheune. Um 3 Uhr rückte die Feuerwehr an."
    assert value_of(text, "Nacht auf Sonntag", de) == "2022-01-22TNI"
    assert value_of(text, "3 Uhr", de) == "2022-01-23T03:00"


def test_clock_ranges_sharing_one_uhr(de):
    got = values("Die Bibliothek öffnet am Freitag von 8.30-12 und 14-17 Uhr.", de)
    assert [text for text, _ in got] == ["Freitag", "8.30", "12", "14", "17 Uhr"]
    assert [value for _, value in got][1:] == ["2022-01-28T08:30", "2022-01-28T12:00",
                                               "2022-01-28T14:00", "2022-01-28T17:00"]


# --- weekdays and weekends ----------------------------------------------------------------

def test_a_verb_of_saying_in_another_clause_does_not_make_a_weekday_past(de):
    text = "Am Samstag ziehen Gewitter auf, teilte der Wetterdienst mit."
    assert value_of(text, "Samstag", de) == "2022-01-29"


def test_a_perfect_with_a_separable_participle_is_past(de):
    text = "Diebe sind in der Nacht auf Dienstag in ein Geschäft eingebrochen."
    assert value_of(text, "Nacht auf Dienstag", de) == "2022-01-24TNI"


def test_weekdays_after_a_future_date_belong_to_its_week(de):
    text = ("Die Messe beginnt am Montag, 14. März. Bis Freitag sind Fachbesucher unter sich, "
            "am Samstag kommt das Publikum.")
    assert value_of(text, "Freitag", de) == "2022-03-18"
    assert value_of(text, "Samstag", de) == "2022-03-19"


def test_weekdays_after_a_past_date_still_count_from_publication(de):
    text = "Am 3. Dezember scheiterte der Antrag. Am Dienstag wurde er angenommen."
    assert value_of(text, "Dienstag", de) == "2022-01-25"


def test_weekend_follows_the_tense(de):
    assert value_of("Am Wochenende demonstrierten Tausende.", "Wochenende", de) == "2022-W03-WE"
    assert value_of("Am Wochenende öffnen die Geschäfte.", "Wochenende", de) == "2022-W04-WE"


# --- the year of a bare month -------------------------------------------------------------

def test_a_year_carries_within_its_sentence(de):
    text = "Die Firma wurde 2019 gegründet und hatte im März den ersten Auftrag."
    assert value_of(text, "März", de, date(2022, 5, 10)) == "2019-03"


def test_a_recent_year_does_not_carry_into_the_next_sentence(de):
    text = "Die Firma wurde 2020 gegründet. Im März hatte sie einen Großauftrag erhalten."
    assert value_of(text, "März", de, date(2022, 5, 10)) == "2022-03"


def test_a_future_clause_after_a_past_year_takes_the_coming_month(de):
    text = "Der Verein hatte 2020 einen Rekord aufgestellt. Bis Ende Juli will er einen Trainer finden."
    assert value_of(text, "Ende Juli", de, date(2022, 5, 10)) == "2022-07"


def test_a_distant_year_carries_into_the_next_sentence_of_a_past_narrative(de):
    text = "1989 fiel die Mauer. Im November feierte ganz Berlin auf den Straßen."
    assert value_of(text, "November", de) == "1989-11"


def test_vorjahr_is_the_year_before_the_one_the_sentence_names(de):
    assert value_of("Im Jahr 2015 kamen mehr Gäste als im Vorjahr.", "Vorjahr", de) == "2014"
    assert value_of("Es kamen mehr Gäste als im Vorjahr.", "Vorjahr", de) == "2021"


# --- months, seasons, lists ---------------------------------------------------------------

def test_months_after_articles_and_in_lists(de):
    got = values("Nach einem milden Dezember waren Jänner und Februar bitterkalt.", de, date(2022, 3, 15))
    assert got == [("Dezember", "2021-12"), ("Jänner", "2022-01"), ("Februar", "2022-02")]


def test_a_name_is_not_a_month_or_a_season(de):
    assert values("Die Richterin Anna Winter und der Zeuge Peter Mai sagten aus.", de) == []
    assert values("Das Stück „Der Sommer der Gaukler“ wird gespielt.", de) == []


def test_seasons_after_articles(de):
    assert values("Der Winter wird mild, für den Frühling erwarten die Bauern Regen.", de) == [
        ("Winter", "2022-WI"), ("Frühling", "2022-SP")]


def test_every_day_of_a_list_shares_the_month(de):
    got = values("Führungen gibt es am 3., 10. und 24. Juni.", de)
    assert got == [("3.", "2022-06-03"), ("10.", "2022-06-10"), ("24. Juni", "2022-06-24")]


def test_weekday_and_numeric_date_are_one_expression(de):
    assert values("Der Unfall geschah am Montag, 14.3.2022, gegen Mittag.", de)[0] == (
        "Montag, 14.3.2022", "2022-03-14")


def test_a_phone_number_holds_no_year(de):
    assert values("Hinweise nimmt die Polizei unter 0471 1999 entgegen.", de) == []


def test_rates_and_open_durations(de):
    assert values("Die Preise stiegen um fünf Prozent im Jahr.", de) == [("im Jahr", "P1Y")]
    assert values("Der Streit zog sich über Jahre hinweg.", de) == [("Jahre", "PXY")]


# --- "heute" ------------------------------------------------------------------------------

def test_heute_in_a_news_report_is_the_day(de):
    text = "Der Landtag wählt heute einen neuen Präsidenten. Die Sitzung am Montag wird vorbereitet."
    assert value_of(text, "heute", de) == "2022-01-27"


def test_heute_set_against_the_past_is_nowadays(de):
    text = "Am Montag tagte der Rat. Früher fuhren hier Kutschen, heute rollen Autos durch die Gasse."
    assert value_of(text, "heute", de) == "PRESENT_REF"


# --- tense cues -----------------------------------------------------------------------------

def test_seit_puts_a_weekday_or_month_in_the_past(de):
    assert value_of("Die Männer sitzen seit Montag in Haft.", "Montag", de) == "2022-01-24"
    assert value_of("Der Laden ist seit dem 3. März zu.", "3. März", de, date(2022, 2, 1)) == "2021-03-03"


def test_a_state_with_sein_is_present_and_a_passive_perfect_is_past(de):
    published = date(2022, 2, 10)
    assert value_of("Die Ausstellung ist bis 12. März geöffnet.", "12. März", de, published) == "2022-03-12"
    assert value_of("Die Halle ist am Samstag eröffnet worden.", "Samstag", de, published) == "2022-02-05"


def test_a_winter_is_named_by_the_year_of_its_december(de):
    march = date(2024, 3, 14)
    assert value_of("Vor dem Winter müssen die Dächer repariert werden.", "Winter", de, march) == "2024-WI"
    assert value_of("Der Winter kam früh.", "Winter", de, march) == "2023-WI"
    assert value_of("Der Winter ist mild.", "Winter", de, date(2024, 1, 20)) == "2023-WI"


def test_an_expression_that_opens_a_sentence_gets_the_tense_of_its_own_sentence(de):
    text = "Die Firma wurde 1998 gegründet. Heute beschäftigt sie 300 Mitarbeiter."
    assert value_of(text, "Heute", de) == "PRESENT_REF"
    text = "Der Vertrag lief 2019 aus. Im Juli beginnen die Verhandlungen."
    assert value_of(text, "Juli", de) == "2022-07"
