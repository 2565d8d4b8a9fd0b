"""Events of small German news texts: own dates, narrative time and where it must stop.

The timexes are made by hand (as the tagger should find them), so these tests check the
event finder alone.
"""
from datetime import date

from events_helpers import events_of, find, timex

# --- a court case ----------------------------------------------------------------------------
COURT = """Urteil im Betrugsprozess

Von Anna Muster, München

Das Landgericht München hat am Dienstag einen früheren Bankberater zu vier Jahren Haft verurteilt. Der Richter folgte damit weitgehend der Anklage. Der Angeklagte nahm das Urteil regungslos auf. Sein Verteidiger kündigte noch im Saal Revision an.

Der 54-Jährige hatte im Jahr 2019 Kunden um mehr als zwei Millionen Euro betrogen. Er sitzt seit Oktober 2021 in Untersuchungshaft. Betrug ist in Deutschland mit bis zu zehn Jahren Haft bedroht. Die Ermittler fanden bei ihm Goldbarren.

Ob der Bundesgerichtshof den Fall noch in diesem Jahr verhandelt, ist unklar.
"""
COURT_PUBLISHED = date(2023, 3, 15)
COURT_TIMEXES = [
    timex(COURT, "Dienstag", "DATE", "2023-03-14"),
    timex(COURT, "vier Jahren", "DURATION", "P4Y"),
    timex(COURT, "Jahr 2019", "DATE", "2019"),
    timex(COURT, "Oktober 2021", "DATE", "2021-10"),
    timex(COURT, "zehn Jahren", "DURATION", "P10Y"),
    timex(COURT, "in diesem Jahr", "DATE", "2023"),
]


def test_court_case():
    events = events_of(COURT, COURT_PUBLISHED, COURT_TIMEXES)
    verdict = find(events, "hat am Dienstag")
    assert (verdict.status, verdict.anchor, verdict.value, verdict.granularity) == ("dated", "own", "2023-03-14", "day")
    for needle in ("Der Richter folgte", "nahm das Urteil", "kündigte noch im Saal Revision an"):
        event = find(events, needle)
        assert (event.status, event.anchor, event.value, event.earliest) == ("dated", "narrative", "2023-03-14", "2023-03-14"), needle
    fraud = find(events, "im Jahr 2019")
    assert (fraud.status, fraud.granularity, fraud.earliest, fraud.latest) == ("dated", "year", "2019-01-01", "2019-12-31")
    custody = find(events, "seit Oktober 2021")
    assert (custody.status, custody.value, custody.earliest, custody.latest) == ("ongoing", "2021-10", "2021-10-01", "2023-03-15")
    # a general statement is no event and ends the narrative: the finding is not "2019"
    assert not [e for e in events if "Betrug ist in Deutschland" in e.sentence]
    gold = find(events, "Goldbarren")
    assert (gold.status, gold.anchor, gold.value) == ("vague", "none", None)
    appeal = find(events, "Bundesgerichtshof")
    assert (appeal.status, appeal.earliest, appeal.latest, appeal.value) == ("open", "2023-03-15", "2023-12-31", "2023")
    # title and byline are no events
    assert not [e for e in events if e.sentence.startswith(("Urteil im", "Von Anna"))]
    assert [e.sentence[:20] for e in events] == [e.sentence[:20] for e in [
        fraud, verdict, find(events, "Der Richter"), find(events, "nahm das Urteil"),
        find(events, "kündigte"), custody, gold, appeal]]


# --- a sports result -------------------------------------------------------------------------
SPORTS = """Bayern feiert die zehnte Meisterschaft in Serie

Der FC Bayern München hat am Samstag mit einem 2:2 in Wolfsburg die zehnte Meisterschaft in Folge perfekt gemacht. Robert Lewandowski traf zweimal für die Münchner. Nach dem Abpfiff feierten die Spieler mit den Fans in der Kurve. Trainer Julian Nagelsmann sprach von einer "verdienten" Meisterschaft.

Die Münchner führen die Tabelle seit dem 5. Spieltag an. Am nächsten Samstag empfangen sie den VfB Stuttgart.

Borussia Dortmund verlor bereits am Freitagabend mit 1:3 gegen Hertha BSC. Die Dortmunder spielten lange in Unterzahl. Wann Kapitän Marco Reus zurückkehrt, steht noch nicht fest.
"""
SPORTS_PUBLISHED = date(2022, 5, 15)
SPORTS_TIMEXES = [
    timex(SPORTS, "Samstag", "DATE", "2022-05-14"),
    timex(SPORTS, "nächsten Samstag", "DATE", "2022-05-21"),
    timex(SPORTS, "Freitagabend", "TIME", "2022-05-13TEV"),
]


def test_sports_result():
    events = events_of(SPORTS, SPORTS_PUBLISHED, SPORTS_TIMEXES)
    title = "Bayern feiert die zehnte Meisterschaft in Serie"
    assert not [e for e in events if e.sentence == title]
    match = find(events, "perfekt gemacht")
    assert (match.status, match.anchor, match.value) == ("dated", "own", "2022-05-14")
    for needle in ("Lewandowski traf", "feierten die Spieler", "Nagelsmann sprach"):
        assert (find(events, needle).anchor, find(events, needle).value) == ("narrative", "2022-05-14"), needle
    # a present-tense state without time: no event
    assert not [e for e in events if "führen die Tabelle" in e.sentence]
    next_match = find(events, "nächsten Samstag")
    assert (next_match.status, next_match.value) == ("dated", "2022-05-21")
    dortmund = find(events, "Freitagabend")
    assert (dortmund.granularity, dortmund.earliest, dortmund.latest) == ("part-of-day", "2022-05-13T18:00", "2022-05-13T22:00")
    down = find(events, "in Unterzahl")
    assert (down.anchor, down.value, down.granularity, down.earliest) == ("narrative", "2022-05-13", "day", "2022-05-13")
    reus = find(events, "Reus")
    assert (reus.status, reus.earliest, reus.latest) == ("open", "2022-05-15", None)
    order = [e.sentence.split()[0:2] for e in events]
    assert order == [["Borussia", "Dortmund"], ["Die", "Dortmunder"], ["Der", "FC"], ["Robert", "Lewandowski"],
                     ["Nach", "dem"], ["Trainer", "Julian"], ["Am", "nächsten"], ["Wann", "Kapitän"]]


# --- an election -----------------------------------------------------------------------------
ELECTION = """Wahlabend in Berlin

Die SPD hat die Bundestagswahl am Sonntag knapp gewonnen. Olaf Scholz sprach am Abend von einem klaren Auftrag. Die Union stürzte auf ihr schlechtestes Ergebnis. Armin Laschet räumte Verluste ein, erhob aber ebenfalls Anspruch auf die Kanzlerschaft.

Die Grünen erreichten das beste Ergebnis ihrer Geschichte. Die Wahlbeteiligung lag bei 76,6 Prozent.

Scholz will bis Weihnachten eine Regierung bilden. Die Parteien sondieren ab Mittwoch. Wer Kanzler wird, ist offen. Die Koalitionsverhandlungen gelten als schwierig.

Im Jahr 2017 hatte die Regierungsbildung fast sechs Monate gedauert. Damals scheiterten zunächst die Jamaika-Gespräche.
"""
ELECTION_PUBLISHED = date(2021, 9, 27)
ELECTION_TIMEXES = [
    timex(ELECTION, "Sonntag", "DATE", "2021-09-26"),
    timex(ELECTION, "Abend", "TIME", "2021-09-26TEV"),
    timex(ELECTION, "Weihnachten", "DATE", "2021-12-25"),
    timex(ELECTION, "Mittwoch", "DATE", "2021-09-29"),
    timex(ELECTION, "Jahr 2017", "DATE", "2017"),
    timex(ELECTION, "fast sechs Monate", "DURATION", "P6M", mod="LESS_THAN"),
    timex(ELECTION, "Damals", "DATE", "PAST_REF"),
]


def test_election():
    events = events_of(ELECTION, ELECTION_PUBLISHED, ELECTION_TIMEXES)
    assert find(events, "SPD hat").value == "2021-09-26"
    scholz = find(events, "Scholz sprach")
    assert (scholz.anchor, scholz.granularity) == ("own", "part-of-day")
    for needle in ("Union stürzte", "Laschet räumte"):
        assert (find(events, needle).anchor, find(events, needle).value) == ("narrative", "2021-09-26"), needle
    # the paragraph after it opens in the narrating preterite without a date: election night
    # goes on (a paragraph in the present, "Scholz will ...", ends it below)
    for needle in ("Grünen erreichten", "Wahlbeteiligung lag"):
        assert (find(events, needle).anchor, find(events, needle).value) == ("narrative", "2021-09-26"), needle
    assert find(events, "Wer Kanzler wird").status == "open"
    assert not [e for e in events if "gelten als schwierig" in e.sentence]
    # "Damals" continues the 2017 narrative
    then = find(events, "Damals")
    assert (then.anchor, then.value, then.granularity) == ("narrative", "2017", "year")
    starts = [e.sentence[:12] for e in events]
    assert starts == ["Im Jahr 2017", "Damals schei", "Die SPD hat ", "Olaf Scholz ", "Die Union st",
                      "Armin Lasche", "Die Grünen e", "Die Wahlbete", "Die Parteien", "Scholz will ",
                      "Wer Kanzler "]


# --- where inheritance must not happen ------------------------------------------------------

def test_a_present_tense_description_interrupts_but_does_not_end_the_narrative():
    # EVENTS.md: sentences that continue a dated narrative inherit its date, also after a
    # description in the present ("Neu ist auch ...") or a quotation in between
    text = ("Am Montag stürzte in Köln ein Baukran um. Die Feuerwehr rückte mit 80 Kräften aus. "
            "Der Kran ist 40 Meter hoch. Ein Arbeiter erlitt leichte Verletzungen.")
    events = events_of(text, date(2023, 6, 7), [timex(text, "Montag", "DATE", "2023-06-05")])
    assert find(events, "Feuerwehr").anchor == "narrative"
    hurt = find(events, "Arbeiter erlitt")
    assert (hurt.status, hurt.anchor, hurt.value) == ("dated", "narrative", "2023-06-05")
    assert not [e for e in events if "Meter hoch" in e.sentence]


def test_a_general_statement_ends_the_narrative():
    text = ("Am Montag stürzte in Köln ein Baukran um. Die Feuerwehr rückte mit 80 Kräften aus. "
            "Baukräne gelten grundsätzlich als sicher. Ein Arbeiter erlitt leichte Verletzungen.")
    events = events_of(text, date(2023, 6, 7), [timex(text, "Montag", "DATE", "2023-06-05")])
    assert find(events, "Feuerwehr").anchor == "narrative"
    assert (find(events, "Arbeiter erlitt").status, find(events, "Arbeiter erlitt").anchor) == ("vague", "none")
    assert not [e for e in events if "gelten grundsätzlich" in e.sentence]


def test_after_a_flashback_the_narrative_returns_to_the_news_day():
    # the news's day (the first narrative close to publication) comes back after a step back
    # and after a sentence about another time: "Kurz danach trat ... zurück" is yesterday
    text = ("Der Gemeinderat wählte gestern den neuen Ausschuss. Die Wahl war im Mai gescheitert. "
            "Nun ist der Weg frei für die Reform. Kurz danach trat der Sekretär zurück. "
            "Im Jahr 2009 wurde der Plan entworfen. „Wir haben lange gewartet“, sagte die Bürgermeisterin. "
            "Der Pfarrer segnete den Saal.")
    events = events_of(text, date(2023, 6, 7), [timex(text, "gestern", "DATE", "2023-06-06"),
                                                timex(text, "im Mai", "DATE", "2023-05"),
                                                timex(text, "Jahr 2009", "DATE", "2009")])
    assert find(events, "im Mai gescheitert").value == "2023-05"
    for needle in ("trat der Sekretär zurück", "Der Pfarrer segnete"):
        event = find(events, needle)
        assert (event.status, event.anchor, event.value) == ("dated", "narrative", "2023-06-06"), needle


def test_a_pluperfect_aside_does_not_carry_past_an_interruption():
    text = ("Die Vertreter trafen sich im Herbst in Bern. Die Halle ist nötig, weil der Verein "
            "im März sein Heim verloren hatte. Die Stadt sei bereit zu helfen. Danach nannte er die Kosten.")
    events = events_of(text, date(2023, 12, 7), [timex(text, "im Herbst", "DATE", "2023-FA"),
                                                 timex(text, "im März", "DATE", "2023-03")])
    assert find(events, "Danach nannte er").status == "vague"


def test_a_saying_within_the_narrative_keeps_its_day_as_a_statement():
    text = "Am Montag eröffnete die Ministerin die Brücke. Der Bürgermeister sagte, das sei ein Festtag."
    events = events_of(text, date(2023, 6, 7), [timex(text, "Montag", "DATE", "2023-06-05")])
    said = find(events, "Bürgermeister sagte")
    assert (said.status, said.value, said.kind) == ("dated", "2023-06-05", "statement")
    assert not said.listed


def test_a_time_ago_after_the_duration_dates_the_sentence_and_sets_a_narrative():
    text = ("Der Überfall liegt inzwischen rund drei Wochen zurück. Damals wurde ein Transport "
            "überfallen. Am nächsten Tag wurde das Geld gezählt.")
    published = date(2010, 8, 14)
    events = events_of(text, published, [timex(text, "rund drei Wochen", "DURATION", "P3W", mod="APPROX", ago="2010-W29"),
                                         timex(text, "Damals", "DATE", "PAST_REF"),
                                         timex(text, "Am nächsten Tag", "DATE", "2010-08-15")])
    ago = find(events, "zurück")
    assert ago.status == "dated" and ago.value.startswith("2010-W")
    then = find(events, "Damals")
    assert (then.anchor, then.value) == ("narrative", ago.value)
    # "Am nächsten Tag" counts from the narrative (here known to its week), not from publication
    counted = find(events, "Am nächsten Tag")
    assert counted.value == ago.value and counted.earliest < published.isoformat()


def test_the_next_day_of_a_narrative_day_is_the_day_after_it():
    text = "Am 3. März 2019 begann der Prozess. Am nächsten Tag sagte der Zeuge aus."
    events = events_of(text, date(2023, 6, 7), [timex(text, "3. März 2019", "DATE", "2019-03-03"),
                                                timex(text, "Am nächsten Tag", "DATE", "2023-06-08")])
    assert find(events, "Zeuge").value == "2019-03-04"


def test_a_future_date_sets_no_narrative():
    text = "Am Freitag soll das Urteil fallen. Der Angeklagte schwieg zu den Vorwürfen."
    events = events_of(text, date(2023, 6, 7), [timex(text, "Freitag", "DATE", "2023-06-09")])
    assert find(events, "Urteil fallen").status == "dated"
    assert find(events, "schwieg").status == "vague"


def test_a_question_is_no_event_and_ends_the_narrative():
    text = "Am Montag trat der Minister zurück. Warum kam es so weit? Die Partei schwieg."
    events = events_of(text, date(2023, 6, 7), [timex(text, "Montag", "DATE", "2023-06-05")])
    assert [e.status for e in events] == ["dated", "vague"]


def test_a_headline_with_a_date_is_no_event_and_sets_no_narrative():
    text = "Rücktritt am Montag\n\nDer Minister schwieg lange. Dann trat er zurück."
    events = events_of(text, date(2023, 6, 7), [timex(text, "Montag", "DATE", "2023-06-05")])
    # the lead in the preterite is this year's news; nothing takes the headline's Monday
    assert [(e.status, e.value) for e in events] == [("dated", "2023"), ("vague", None)]


def test_a_new_date_replaces_the_narrative_time():
    text = ("Am 3. Mai begann der Prozess. Die Anklage verlas ihre Vorwürfe. "
            "Am 10. Mai sagte die Zeugin aus. Sie belastete den Angeklagten schwer.")
    events = events_of(text, date(2023, 6, 7), [timex(text, "3. Mai", "DATE", "2023-05-03"),
                                               timex(text, "10. Mai", "DATE", "2023-05-10")])
    assert find(events, "verlas").value == "2023-05-03"
    assert find(events, "belastete").value == "2023-05-10"
    assert [e.value for e in events] == ["2023-05-03", "2023-05-03", "2023-05-10", "2023-05-10"]


def test_two_distinct_dates_in_one_sentence_make_two_events():
    text = "Der 1997 unterzeichnete Vertrag wurde im November 2021 gekündigt."
    events = events_of(text, date(2022, 1, 27), [timex(text, "1997", "DATE", "1997"),
                                                timex(text, "November 2021", "DATE", "2021-11")])
    assert [e.value for e in events] == ["1997", "2021-11"]
    assert len({e.id for e in events}) == 2


def test_nested_dates_in_one_sentence_make_one_event_at_the_finest():
    text = "Im Januar 2022, am 26. Januar, übergab ein Bote die Antwort."
    events = events_of(text, date(2022, 1, 27), [timex(text, "Januar 2022", "DATE", "2022-01"),
                                                timex(text, "26. Januar", "DATE", "2022-01-26")])
    assert [(e.value, e.granularity) for e in events] == [("2022-01-26", "day")]


def test_the_same_sentence_twice_gets_two_ids():
    text = "Titel\n\nDer Minister schwieg.\n\nDer Minister schwieg."
    events = events_of(text, date(2023, 6, 7), [])
    assert len(events) == 2 and events[0].id != events[1].id and events[1].id.startswith(events[0].id)


def test_text_without_events():
    assert events_of("", date(2023, 6, 7), []) == []
    assert events_of("Die Lage ist ernst. Ist sie das?", date(2023, 6, 7), []) == []


def test_perfect_and_pluperfect_do_not_continue_the_narrative():
    text = ("Am Samstag wurde die neue Halle eröffnet. Der Bürgermeister durchschnitt das Band. "
            "In das Projekt sind insgesamt fünf Millionen Euro investiert worden. "
            "Zuvor hatte der Verein jahrelang gespart.")
    events = events_of(text, date(2010, 5, 10), [timex(text, "Samstag", "DATE", "2010-05-08")])
    assert find(events, "durchschnitt").anchor == "narrative"
    assert find(events, "investiert worden").status == "vague"
    assert find(events, "jahrelang gespart").status == "vague"


def test_direct_speech_is_a_statement_not_narrative():
    text = ("Der Verband wurde im November 1970 gegründet. "
            "„Es war der Beginn einer Erfolgsgeschichte“, meinte der Präsident.")
    events = events_of(text, date(2010, 5, 8), [timex(text, "November 1970", "DATE", "1970-11")])
    speech = find(events, "Erfolgsgeschichte")
    assert (speech.status, speech.anchor, speech.latest) == ("vague", "none", "2010-05-08")


def test_jetzt_in_a_past_sentence_is_recent_not_ongoing():
    text = "Forschern gelang es jetzt, die Zellen zu finden. Derzeit prüft die Behörde den Antrag."
    events = events_of(text, date(2015, 11, 26), [timex(text, "jetzt", "DATE", "PRESENT_REF"),
                                                 timex(text, "Derzeit", "DATE", "PRESENT_REF")])
    recent = find(events, "gelang")
    assert (recent.status, recent.value, recent.latest) == ("vague", "PRESENT_REF", "2015-11-26")
    assert find(events, "Derzeit").status == "ongoing"


def test_a_state_cannot_hold_since_a_date_after_publication():
    text = "Die neue Regel gilt seit März 2023 in allen Schulen."
    events = events_of(text, date(2022, 1, 27), [timex(text, "März 2023", "DATE", "2023-03")])
    event = find(events, "neue Regel")
    assert event.status == "dated"
    assert event.earliest <= event.latest


def test_a_time_ago_is_dated_by_its_unit_and_never_overflows():
    # the tagger anchors "drei Jahren" to 2003 and "40000 Jahren" (before year 1) to nothing
    # (tagger/ago.py, the [ago] examples); the events take what it anchored
    text = "Vor drei Jahren schloss das Werk. Vor 40000 Jahren lebten hier Jäger."
    events = events_of(text, date(2006, 9, 28), [timex(text, "drei Jahren", "DURATION", "P3Y", ago="2003"),
                                                timex(text, "40000 Jahren", "DURATION", "P40000Y")])
    assert (find(events, "schloss").status, find(events, "schloss").value) == ("dated", "2003")
    assert find(events, "lebten").anchor != "own"   # no own date (it may continue the narrative)


def test_the_lead_takes_the_date_of_the_sentence_after_it():
    # a news lead sums up; the next sentence tells when ("Vor einigen Tagen" = the week before)
    text = ("Der Zollfahndung ist ein Schlag gegen Schmuggler gelungen: Sie fand 300 Uhren. "
            "Vor einigen Tagen hielten Beamte in den frühen Morgenstunden einen Lastwagen an. "
            "Dabei stießen sie auf eine Kiste.")
    published = date(2013, 12, 17)
    events = events_of(text, published, [timex(text, "einigen Tagen", "DURATION", "PXD", ago="2013-W50"),
                                         timex(text, "den frühen Morgenstunden", "TIME", "2013-12-17TMO")])
    stop = [e for e in events if "hielten Beamte" in e.sentence]
    # the early hours are those of that day, not of the publication day
    assert [e.value for e in stop] == ["2013-W50"]
    lead = find(events, "Sie fand 300 Uhren")
    assert (lead.status, lead.value) == ("dated", "2013-W50")
    event = find(events, "Dabei stießen")
    assert (event.status, event.anchor, event.value) == ("dated", "narrative", "2013-W50")


def test_a_sentence_that_refers_back_dates_the_one_before():
    text = ("Der Stadtrat tagte im Mai. Die Notenbank hat ihre Prognose revidiert. "
            "Das teilte sie gestern mit.")
    events = events_of(text, date(2023, 6, 7), [timex(text, "im Mai", "DATE", "2023-05"),
                                                timex(text, "gestern", "DATE", "2023-06-06")])
    revised = find(events, "Prognose revidiert")
    assert (revised.status, revised.value) == ("dated", "2023-06-06")


def test_an_undated_sentence_in_the_middle_does_not_take_the_next_date():
    text = ("Der Stadtrat tagte im Mai. Die Notenbank hat ihre Prognose revidiert. "
            "Am Montag eröffnete die Ministerin die Brücke.")
    events = events_of(text, date(2023, 6, 7), [timex(text, "im Mai", "DATE", "2023-05"),
                                                timex(text, "Montag", "DATE", "2023-06-05")])
    assert find(events, "Prognose revidiert").status == "vague"


def test_periods_counted_within_a_narrative_are_dated_from_its_start():
    text = ("Das Ferienlager begann am 1. Juli. „Ritter und Burgen“ hieß es in der ersten Woche. "
            "Die Kinder bauten Schwerter. In der Woche darauf ging es in den Wald. "
            "Das Motto der dritten Woche war Wasser. Die Kinder schwammen im See.")
    events = events_of(text, date(2013, 9, 13), [timex(text, "1. Juli", "DATE", "2013-07-01")])
    assert find(events, "ersten Woche").value == "2013-W27"
    assert find(events, "bauten Schwerter").value == "2013-W27"
    assert find(events, "Woche darauf").value == "2013-W28"
    assert find(events, "dritten Woche").value == "2013-W29"
    swim = find(events, "schwammen")
    assert (swim.value, swim.earliest, swim.latest) == ("2013-W29", "2013-07-15", "2013-07-21")


def test_a_counted_period_without_a_narrative_is_no_date():
    text = "Das Lager war schön. In der dritten Woche bauten die Kinder Schwerter."
    assert find(events_of(text, date(2013, 9, 13), []), "dritten Woche").status == "vague"


def test_the_news_itself_and_a_recent_happening_are_dated_to_the_publication_year():
    # EVENTS.md: an undated past happening is listed with the year when the reader knows it:
    # the news of a lead in the perfect, or a "zuletzt" / "kürzlich"
    text = ("Die Seglerin hat die Regatta um die Welt gewonnen. Sie segelte allein. "
            "Zuletzt hatte die Stadt um Hilfe gebeten. Sie bekam keine.")
    events = events_of(text, date(2001, 1, 24), [])
    expected = {"Regatta um die Welt": ("2001-01", "month"),   # lately: the news days lie in January
                "Zuletzt hatte": ("2001", "year")}
    for needle, (value, granularity) in expected.items():
        event = find(events, needle)
        assert (event.status, event.value, event.granularity) == ("dated", value, granularity), needle
    assert find(events, "Sie bekam keine").status == "vague"


def test_a_state_until_a_later_time_or_until_today_is_ongoing():
    text = "Die Vereinbarung läuft bis zum Ende dieses Jahres. 150 Staaten haben ihn bis heute unterzeichnet."
    published = date(2006, 9, 28)
    events = events_of(text, published, [timex(text, "Ende dieses Jahres", "DATE", "2006", mod="END"),
                                         timex(text, "heute", "DATE", "2006-09-28")])
    assert find(events, "Vereinbarung läuft").status == "ongoing"
    assert find(events, "bis heute").status == "ongoing"


def test_a_time_word_used_as_an_attribute_dates_nothing():
    text = "Der frühere Präsident war menschlicher als die heutigen Machthaber."
    events = events_of(text, date(2001, 8, 23), [timex(text, "heutigen", "DATE", "2001-08-23")])
    assert not [e for e in events if e.status == "dated"]


def test_a_preterite_only_in_a_side_clause_does_not_continue_the_narrative():
    text = ("Am Montag stoppte der Zoll einen Lastwagen. "
            "Die Fahnder prüfen nun, woher die Ware stammte.")
    events = events_of(text, date(2023, 6, 7), [timex(text, "Montag", "DATE", "2023-06-05")])
    assert not [e for e in events if "woher die Ware" in e.sentence and e.status == "dated"]


def test_a_date_in_an_attribute_does_not_date_the_sentence():
    text = ("Der Autor lebt seit 1990 in Irland. Kürzlich veröffentlichte er eine Übersetzung "
            "der Sage des im Jahr 578 verstorbenen Abtes.")
    events = events_of(text, date(1997, 12, 5), [timex(text, "1990", "DATE", "1990"),
                                                 timex(text, "Kürzlich", "DATE", "PAST_REF"),
                                                 timex(text, "Jahr 578", "DATE", "0578")])
    translation = find(events, "Übersetzung")
    assert (translation.status, translation.value) == ("dated", "1997")


def test_an_ongoing_attribute_names_a_happening_of_its_own():
    text = "Die Minister bereiten die im Dezember auf der Insel tagende Konferenz vor."
    events = events_of(text, date(2007, 6, 6), [timex(text, "Dezember", "DATE", "2007-12")])
    assert [e.value for e in events if e.status == "dated"] == ["2007-12"]


def test_a_state_in_a_relative_clause_does_not_make_the_sentence_a_state():
    text = "Der Rat, in dem Russland seit 1996 sitzt, schickte ein Telegramm. Er ist im Amt, seit dem 3. März 2000."
    events = events_of(text, date(2001, 8, 23), [timex(text, "1996", "DATE", "1996"),
                                                 timex(text, "3. März 2000", "DATE", "2000-03-03")])
    assert find(events, "Telegramm").status != "ongoing"
    assert find(events, "im Amt").status == "ongoing"


def test_ongoing_efforts_and_seitdem_are_states_up_to_now():
    text = "Seitdem lebt die Familie in Rom. Die Polizei versucht nun herauszufinden, wer es war."
    events = events_of(text, date(2013, 12, 17), [])
    assert find(events, "Seitdem lebt").status == "ongoing"
    assert find(events, "versucht nun").status == "ongoing"


def test_expected_and_pending_happenings_are_open():
    text = ("Zugleich stehen teure Reparaturen an, weil die Leitungen alt sind. "
            "Viele gehen davon aus, dass die Firma nach Asien expandiert.")
    events = events_of(text, date(2000, 9, 28), [])
    assert find(events, "Reparaturen").status == "open"
    assert find(events, "davon aus").status == "open"


def test_a_plan_in_quotes_or_in_a_side_clause_is_no_open_event():
    text = ("„Die Halle soll größer werden“, sagte die Bürgermeisterin. "
            "Das muss mir erklärt werden, wenn ich es hinnehmen soll.")
    events = events_of(text, date(2000, 9, 28), [])
    quote = find(events, "größer werden")
    assert quote.status == "open" and quote.kind == "statement"
    assert find(events, "hinnehmen soll").status != "open"


def test_an_editors_correction_replaces_the_time_before_it():
    text = "Heute (gestern, A.d.R.) ist ein Tag zum Feiern, sagte der Bürgermeister."
    events = events_of(text, date(2011, 3, 18), [timex(text, "Heute", "DATE", "2011-03-18"),
                                                 timex(text, "gestern", "DATE", "2011-03-17")])
    assert [e.value for e in events if e.status == "dated"] == ["2011-03-17"]
