"""Headlines: the clause around the focus, at most 14 words, no ellipsis, never mid-word."""
import re

import pytest

from hypothesis import given, settings, strategies as st

from timeline.events.cues import event_rules
from timeline.events.headlines import MAX_LENGTH, MAX_WORDS, make_headline
from timeline.lang import load_language

RULES = event_rules(load_language("de"))


def focus_on(sentence, phrase):
    start = sentence.index(phrase)
    return start, start + len(phrase)


def test_a_short_sentence_is_its_own_headline_without_the_period():
    sentence = "Der Minister trat am Montag zurück."
    assert make_headline(sentence, focus_on(sentence, "Montag"), RULES) == "Der Minister trat am Montag zurück"


def test_the_segment_with_the_time_is_chosen_after_a_semicolon():
    sentence = ("Die Vertretungen in Brüssel und Moskau sollen wieder geöffnet werden; die Autofahrt war nötig, "
                "weil Russland im November sein Büro geschlossen hatte.")
    headline = make_headline(sentence, focus_on(sentence, "November"), RULES, own_clause=True)
    assert headline == "Russland hatte im November sein Büro geschlossen"


def test_a_too_short_segment_falls_back_to_the_sentence():
    sentence = "Das Urteil: am Montag verkündet."
    assert make_headline(sentence, focus_on(sentence, "Montag"), RULES) == "Das Urteil: am Montag verkündet"


def test_a_long_sentence_keeps_its_start_and_the_time_without_an_ellipsis():
    sentence = ("Dort übergab ein Bote am Mittwochnachmittag die schriftliche Antwort der 30 Mitglieder des "
                "Verteidigungsbündnisses auf die Forderungen Moskaus nach neuen Sicherheitsvereinbarungen.")
    headline = make_headline(sentence, focus_on(sentence, "Mittwochnachmittag"), RULES, own_clause=True)
    assert headline.startswith("Dort übergab ein Bote am Mittwochnachmittag")
    assert "…" not in headline and len(headline.split()) <= MAX_WORDS and len(headline) <= MAX_LENGTH


def test_a_time_deep_in_a_long_sentence_is_kept_with_its_neighbours():
    sentence = ("Im fünfseitigen Papier der Allianz werden zunächst die eigenen Kernprinzipien unter Bezug auf die "
                "Charta der Vereinten Nationen, der Helsinki-Erklärung der Organisation für Sicherheit und "
                "Zusammenarbeit (OSZE) sowie die Nato-Russland-Grundakte aus dem Jahr 1997 betont, dann folgen "
                "konkrete Angebote.")
    headline = make_headline(sentence, focus_on(sentence, "Jahr 1997"), RULES, own_clause=True)
    assert headline == "Die Nato-Russland-Grundakte aus dem Jahr 1997 betont"


def test_a_reporting_verb_keeps_what_was_said():
    sentence = ("Kremlsprecher Dmitrij Peskow sagte, man studiere die Dokumente noch, "
                "aber er sehe nicht so viele Gründe für Optimismus.")
    assert make_headline(sentence, focus_on(sentence, "sagte"), RULES).startswith(
        "Kremlsprecher Dmitrij Peskow sagte, man studiere die Dokumente noch")


def test_one_endless_phrase_is_cut_at_words():
    sentence = "Am Montag " + " ".join(["Donaudampfschifffahrtsgesellschaftskapitän"] * 8) + "."
    headline = make_headline(sentence, focus_on(sentence, "Montag"), RULES)
    assert len(headline) <= MAX_LENGTH and "Montag" in headline and "…" not in headline
    assert set(re.findall(r"\w+", headline)) <= set(re.findall(r"\w+", sentence))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["der", "Rat", "tagte", "am", "Montag,", "und", "in", "Berlin;", "mit",
                                 "Vertretern", "Verteidigungsbündnisses", "–", "sowie", "nach", "Gesprächen"]),
                min_size=1, max_size=60),
       st.integers(min_value=0, max_value=59))
def test_headlines_never_exceed_the_limit_nor_break_words(words, at):
    sentence = " ".join(words) + "."
    index = min(at, len(words) - 1)
    start = len(" ".join(words[:index])) + (1 if index else 0)
    headline = make_headline(sentence, (start, start + len(words[index])), RULES)
    assert 0 < len(headline) <= MAX_LENGTH and len(headline.split()) <= MAX_WORDS and "…" not in headline
    assert set(re.findall(r"\w+", headline.lower())) <= set(re.findall(r"\w+", sentence.lower()))


@pytest.mark.parametrize("example", RULES.data["headlines"]["examples"], ids=lambda e: e["headline"][:40])
def test_headline_examples_of_the_language_data(example):
    sentence, phrase = example["sentence"], example["focus"]
    assert make_headline(sentence, focus_on(sentence, phrase), RULES, own_clause=True) == example["headline"]
