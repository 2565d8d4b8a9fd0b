"""The tagger engine: resolution (tense, narrative, weekday direction), overlaps, offsets, the seed."""
from __future__ import annotations

import ast
import json
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shared_inputs import CORPUS, SEED_EXPECTED, SEED_TEXT, requires_corpus

from tagger_helpers import THURSDAY, values
from timeline.lang import load_language
from timeline.tagger import tag, tag_with_rules
from timeline.tagger.calendar import easter, weekday_near
from timeline.tagger.matcher import find_candidates, select
from timeline.tagger.patterns import compile_language





# --- the seed article -------------------------------------------------------------------

def test_seed_article_gives_exactly_the_six_expected_timexes(de):
    text = SEED_TEXT
    expected = SEED_EXPECTED
    got = tag(text, date.fromisoformat(expected["published"]), de)
    want = [(e["start"], e["end"], e["text"], e["type"], e["value"]) for e in expected["timexes"]]
    assert [(t.start, t.end, t.text, t.type, t.value) for t in got] == want
    almost = got[-1]
    assert almost.mod in ("LESS_THAN", "APPROX")
    assert all(t.mod is None for t in got[:-1])


def test_articles_and_pronouns_are_not_weekdays(de):
    assert tag("Die Antwort, die die Nato gab, ist da. Mit der Maus.", THURSDAY, de) == []


# --- resolution ---------------------------------------------------------------------------

def test_pluperfect_puts_a_bare_month_before_publication(de):
    assert values("weil Russland im November sein Büro geschlossen hatte", de) == [("November", "2021-11")]


def test_future_puts_a_bare_month_after_publication(de):
    published = date(2022, 11, 20)
    assert values("Die Bauarbeiten werden im März beginnen.", de, published) == [("März", "2023-03")]


def test_a_regular_past_form_counts_as_past_but_an_adjective_does_not(de):
    assert values("Im Oktober präsentierte die Firma ihre Zahlen.", de) == [("Oktober", "2021-10")]
    assert values("Die im Oktober geplante Messe findet statt.", de) == [("Oktober", "2022-10")]


def test_present_keeps_a_bare_month_in_the_publication_year(de):
    assert values("Im Juli ist Sommerpause.", de) == [("Juli", "2022-07")]


@pytest.mark.parametrize("text, value", [
    ("Die Entscheidung fiel am Freitag.", "2022-01-21"),        # past: the Friday before
    ("Am Freitag wird entschieden.", "2022-01-28"),              # future: the Friday after
    ("am vergangenen Montag", "2022-01-24"),                     # explicit direction
    ("am kommenden Montag", "2022-01-31"),
    ("an diesem Donnerstag", "2022-01-27"),
])
def test_weekday_direction(de, text, value):
    assert [v for _, v in values(text, de)] == [value]


def test_weekday_near_without_direction_takes_the_nearest_day():
    assert weekday_near(THURSDAY, 5, None) == date(2022, 1, 28)
    assert weekday_near(THURSDAY, 1, None) == date(2022, 1, 24)
    assert weekday_near(THURSDAY, 4, None) == THURSDAY


def test_narrative_anchor_for_relative_days_and_bare_parts_of_day(de):
    text = "Am 3. Mai 2010 trafen sie sich. Am nächsten Tag kam es zum Streit. Am Abend gingen alle."
    assert values(text, de) == [("3. Mai 2010", "2010-05-03"), ("nächsten Tag", "2010-05-04"),
                                ("Abend", "2010-05-04TEV")]


def test_explicit_year_nearby_sets_the_year_of_a_bare_date(de):
    text = "Im März 1992 war es kalt. Auf Stalins Todestag am 5. März kamen viele."
    assert values(text, de, date(2001, 8, 23))[-1] == ("5. März", "1992-03-05")


def test_clock_time_takes_the_day_mentioned_just_before(de):
    text = "am Donnerstag, 25. Februar 2010 um 20.30 Uhr"
    assert values(text, de, date(2010, 2, 20)) == [("Donnerstag, 25. Februar 2010", "2010-02-25"),
                                                   ("20.30 Uhr", "2010-02-25T20:30")]


def test_today_is_the_day_in_a_report_and_nowadays_in_a_general_statement(de):
    assert values("Heute um 19.30 Uhr trifft sich der Gemeinderat.", de)[0] == ("Heute", "2022-01-27")
    assert values("Der Vertrag wurde heute unterzeichnet.", de) == [("heute", "2022-01-27")]
    assert values("Frankreich ist heute weniger fremdenfeindlich.", de) == [("heute", "PRESENT_REF")]


def test_relative_expressions(de):
    assert values("gestern, vorgestern, heuer, nächstes Jahr, vergangene Woche", de) == [
        ("gestern", "2022-01-26"), ("vorgestern", "2022-01-25"), ("heuer", "2022"),
        ("nächstes Jahr", "2023"), ("vergangene Woche", "2022-W03")]


def test_easter_computus():
    assert easter(2010) == date(2010, 4, 4)
    assert easter(2022) == date(2022, 4, 17)
    assert easter(2024) == date(2024, 3, 31)
    assert easter(1998) == date(1998, 4, 12)


def test_holidays_follow_easter(de):
    assert values("Pfingsten 2022 und Karfreitag 2010", de) == [
        ("Pfingsten 2022", "2022-06-05"), ("Karfreitag 2010", "2010-04-02")]


# --- overlaps and offsets -------------------------------------------------------------------

def test_longest_match_wins_and_nothing_overlaps(de):
    got = tag("Donnerstag, 25. Februar 2010, gestern Abend und Mittwochnachmittag", THURSDAY, de)
    assert [t.text for t in got] == ["Donnerstag, 25. Februar 2010", "gestern Abend", "Mittwochnachmittag"]


def test_select_keeps_non_overlapping_candidates_in_text_order(de):
    compiled = compile_language(de.data)
    text = "vor fast eineinhalb Monaten, am 25. Februar 2010"
    chosen = select(find_candidates(text, compiled.rules))
    spans = [(c.start, c.end) for c in chosen]
    assert spans == sorted(spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
    assert [text[s:e] for s, e in spans] == ["fast eineinhalb Monaten", "25. Februar 2010"]


def test_reject_rules_remove_counts_that_look_like_years(de):
    assert values("Rund 1200 Unterschriften sind nötig, davon 2000 im Jahr 2011.", de) == [("Jahr 2011", "2011")]


@requires_corpus
def test_offsets_order_and_overlap_on_the_corpus(de):
    for line in CORPUS.read_text(encoding="utf-8").splitlines()[:20]:
        doc = json.loads(line)
        got = tag(doc["text"], date.fromisoformat(doc["published"]), de)
        for t in got:
            assert doc["text"][t.start:t.end] == t.text
            assert t.type in ("DATE", "TIME", "DURATION", "SET") and t.value
        assert all(a.end <= b.start for a, b in zip(got, got[1:]))


# --- robustness -------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "", " ", "31.02.2010", "am 0. Januar", "Jahr 99999", "29. Februar 2021", "um 25 Uhr",
    "im 0. Jahrhundert", "Ostern 9999", "\x00\ud800", "99.99.9999", "am 31. Juni", "1. 1. 00",
])
def test_odd_input_never_raises(de, text):
    for t in tag(text, THURSDAY, de):
        assert text[t.start:t.end] == t.text


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=list("0123456789.,-/ :aeinrstuhJMTUWAFgmäöü"), max_size=60) | st.text(max_size=60))
def test_any_string_is_tagged_without_raising(text):
    language = load_language("de")
    for t in tag(text, THURSDAY, language):
        assert text[t.start:t.end] == t.text


def test_engine_code_contains_no_word_of_the_language_data():
    """Language knowledge lives in timeline/lang/<code>/*.toml, never in the engine."""
    words = set()
    for table in load_language("de").data["words"].values():
        words.update(k for k in table if len(k) > 3 and k.isalpha())
    literals = set()
    for path in Path(tag_with_rules.__code__.co_filename).parent.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and node.body
                      and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
        literals.update(node.value.lower() for node in ast.walk(tree)
                        if isinstance(node, ast.Constant) and isinstance(node.value, str)
                        and id(node) not in docstrings)
    field_names = {key for stem, data in load_language("de").data.items() if stem.startswith("rules")
                   for rule in data.get("rule", []) for key in rule}   # engine vocabulary ("minute")
    assert not {w for w in words - field_names if any(w in re.findall(r"\w+", q) for q in literals)}


# --- the first-character pre-check -----------------------------------------------------------

def test_first_chars_of_patterns():
    from timeline.tagger.prefilter import first_chars
    assert first_chars(r"(?:der\s+)?(?:vor|nach)\s+\d+", re.I) == "[DNVdnv]"
    assert first_chars(r"\d+\s*Uhr", 0) == "[0123456789]"
    assert first_chars(r"(?i:rund)\s+\d+|davon", 0) == "[Rdr]"
    assert first_chars(r"(?:a)?", 0) is None          # may match empty: no pre-check
    assert first_chars(r".x", 0) is None               # any character: no pre-check


@requires_corpus
def test_pre_check_changes_no_match(de, monkeypatch):
    import timeline.tagger.patterns as patterns
    text = "\n".join(json.loads(line)["text"] for line in CORPUS.read_text(encoding="utf-8").splitlines()[:25])
    with_check = compile_language(de.data)
    monkeypatch.setattr(patterns, "first_chars", lambda source, flags: None)
    monkeypatch.setattr(patterns, "required_words", lambda source, flags: None)
    without_check = patterns.compile_language(de.data)
    assert [r.name for r in without_check.rules] == [r.name for r in with_check.rules]
    for part in [text] + text.split("\n"):
        assert (sorted((c.start, c.end, c.rule.name) for c in find_candidates(part, with_check.rules))
                == sorted((c.start, c.end, c.rule.name) for c in find_candidates(part, without_check.rules)))


def test_required_words_of_patterns():
    from timeline.tagger.prefilter import required_words
    assert required_words(r"(?P<h>\d+)\s*Uhr", 0) == {"uhr"}
    assert required_words(r"(?:im\s+)?(?:Januar|Februar)", re.I) == {"januar", "februar"}
    assert required_words(r"(?:im\s+)?(?:Mai|Juni)?", re.I) is None   # nothing mandatory
