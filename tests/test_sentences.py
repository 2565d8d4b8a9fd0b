"""Sentence splitting (timeline.events.sentences) with the German rules of lang/de/events.toml."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.events.cues import event_rules
from timeline.lang import load_language
from timeline.events.sentences import split_sentences

RULES = event_rules(load_language("de"))
from shared_inputs import SEED_PATH as SEED


@pytest.mark.parametrize("example", RULES.data["sentences"]["examples"], ids=lambda e: e["text"][:40])
def test_examples_in_the_language_data(example):
    assert [s.text for s in split_sentences(example["text"], RULES)] == example["sentences"]


@pytest.mark.parametrize("text", [
    "Das Urteil fiel am 25. Februar 2010 in Bozen.",
    "Am 1. Mai, am 3. Oktober und am 24. Dezember ist frei.",
    "Der 3. Platz ging an Kenia.",
    "Die Sitzung beginnt um 20.30 Uhr im Saal 3.",
    "Laut Art. 5 Abs. 2 gilt die Regel z. B. auch für Kinder.",
    "Er kam ca. 20 Min. zu spät.",
    "Die Firma verlor 2,5 Mio. Euro bzw. 3 Mrd. Lire.",
    "Im 19. Jh. wuchs die Stadt.",
    "Es war ein „Wunder. Ein echtes.“ sagte er.",
])
def test_no_split_inside(text):
    assert [s.text for s in split_sentences(text, RULES)] == [text]


def test_year_at_the_end_of_a_sentence_ends_it():
    parts = [s.text for s in split_sentences("Er starb im Jahr 1997. Seine Witwe lebt in Rom.", RULES)]
    assert parts == ["Er starb im Jahr 1997.", "Seine Witwe lebt in Rom."]


def test_spans_point_into_the_text_and_blocks_follow_lines():
    text = "Titel\n\nErster Satz. Zweiter Satz.\nDritter Satz im neuen Absatz."
    sentences = split_sentences(text, RULES)
    assert [text[s.start:s.end] for s in sentences] == [s.text for s in sentences]
    assert [s.block for s in sentences] == [0, 1, 1, 2]
    assert [s.heading for s in sentences] == [True, False, False, False]


def test_seed_title_byline_and_subheading_are_no_story_sentences():
    sentences = split_sentences(SEED.read_text(encoding="utf-8"), RULES)
    marked = [s.text for s in sentences if s.heading or s.byline]
    assert marked == [
        "Was hinter dem Gesprächsangebot der Nato an Russland steckt.",
        "Von Matthias Kolb, Brüssel",
        'Der Kreml-Sprecher sieht "nicht so viele Gründe für Optimismus"',
    ]
    assert len(sentences) == 26
    assert any(s.text == "Wann Moskau antwortet, ist völlig offen." for s in sentences)


def test_a_single_line_text_has_no_title():
    sentences = split_sentences("Der Gemeinderat tagte am Montag.", RULES)
    assert not sentences[0].heading


@pytest.mark.parametrize("example", RULES.data["blocks"]["examples"])
def test_byline_examples(example):
    for line in example["byline"]:
        assert RULES.blocks.byline.search(line), line
    for line in example["not_byline"]:
        assert not RULES.blocks.byline.search(line), line


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab AZ.!?„“\"\n19:,ä")), max_size=120))
def test_any_text_splits_into_exact_non_overlapping_spans(text):
    sentences = split_sentences(text, RULES)
    position = 0
    for s in sentences:
        assert s.start >= position and text[s.start:s.end] == s.text and s.text.strip() == s.text and s.text
        position = s.end
    assert "".join(text.split()) == "".join("".join(s.text for s in sentences).split())


@pytest.mark.parametrize("example", RULES.data["blocks"]["examples"])
def test_trailer_examples(example):
    for line in example.get("trailer", []):
        sentences = split_sentences(line, RULES)
        assert sentences[-1].byline and not any(s.byline for s in sentences[:-1]), line
    for line in example.get("not_trailer", []):
        assert not any(s.byline for s in split_sentences(line, RULES)), line


def test_a_paragraph_whose_last_sentence_lacks_its_stop_is_no_heading():
    sentences = split_sentences("Der Rat tagte am Montag. Die Sitzung dauerte bis in die Nacht", RULES)
    assert [s.heading for s in sentences] == [False, False]


def test_a_story_ending_in_a_copyright_keeps_its_sentences():
    text = "\nBERGDORF. Der Rat tagte gestern. Er beschloss den Bau der Halle. ©Alle Rechte vorbehalten \n"
    sentences = split_sentences(text, RULES)
    assert [s.text for s in sentences if not (s.heading or s.byline)] == [
        "Der Rat tagte gestern.", "Er beschloss den Bau der Halle."]


def test_a_long_teaser_without_a_stop_is_a_sentence_and_a_short_line_a_heading():
    teaser = ("Nach langem Streit haben sich die Gemeinden des Tals am Dienstag auf einen gemeinsamen "
              "Plan für die neue Straße über den Pass geeinigt")
    sentences = split_sentences("Streit um die Passstraße\n" + teaser + "\nDie Einigung\nDer Plan gilt ab Mai.", RULES)
    assert [s.heading for s in sentences] == [True, False, True, False]
