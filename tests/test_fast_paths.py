"""Speed-ups of issue 13 give what the plain paths give: each shortcut is compared here with
the computation it replaces, on the dev texts and on generated ones (property tests)."""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.events.cues import event_rules
from timeline.events.sentences import split_sentences
from timeline.lang import load_language
from timeline.tagger.tense import tense_marks

DE = load_language("de")
EVENT_RULES = event_rules(DE)
SHARED = Path(os.environ.get("TIMELINE_SHARED", "/work/shared"))
WORDS = ["hat", "hatte", "ist", "war", "wurde", "sagte", "kam", "gekommen", "geschlossen", "übergab",
         "Kam", "Die", "die", "Stadt", "am", "Montag", "werden", "soll", "gestern", "„", "“", ",", ";",
         ":", " - ", ".", "\n", "  ", "3.", "2022", "Er", "sie", "erklärte", "studiert", "und"]
texts = st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join)


def _marks_both_ways(text: str) -> None:
    rules = EVENT_RULES.tense
    for sentence in split_sentences(text, EVENT_RULES):
        assert text[sentence.start:sentence.end] == sentence.text
        alone = tense_marks(sentence.text, rules)
        assert tense_marks(sentence.text, rules, text, sentence.start) == alone, sentence.text


@settings(max_examples=300, deadline=None)
@given(texts)
def test_tense_marks_from_the_text_view_are_those_of_the_sentence_alone(text):
    _marks_both_ways(text)


@pytest.mark.skipif(not (SHARED / "corpus" / "krauts-dev.jsonl").exists(), reason="no dev corpus here")
def test_tense_marks_from_the_text_view_on_the_dev_texts():
    for name in ("krauts-dev.jsonl", "wikiwars-dev.jsonl"):
        for line in (SHARED / "corpus" / name).open(encoding="utf-8"):
            _marks_both_ways(json.loads(line)["text"])


# --- the rule cache (timeline/tagger/rulecache.py) -------------------------------------------

from timeline.tagger import rulecache  # noqa: E402
from timeline.tagger.patterns import compile_language  # noqa: E402


def _compile(monkeypatch, where) -> list:
    monkeypatch.setenv(rulecache.CACHE_ENV, str(where))
    return compile_language(DE.data).rules


def test_rules_read_from_the_cache_are_the_rules_compiled_afresh(monkeypatch, tmp_path):
    afresh = _compile(monkeypatch, "off")
    assert not list(tmp_path.iterdir())
    written = _compile(monkeypatch, tmp_path)   # computes and stores
    stored = list(tmp_path.glob("rules-*.json"))
    assert len(stored) == 1
    read_back = _compile(monkeypatch, tmp_path)
    assert written == afresh and read_back == afresh
    assert [r.regex.pattern for r in read_back] == [r.regex.pattern for r in afresh]
    assert [(r.required, r.reach, r.starts, r.required_too, r.before) for r in read_back] \
        == [(r.required, r.reach, r.starts, r.required_too, r.before) for r in afresh]
    # the patterns read back are those compiled afresh (Pattern equality compares the code: that
    # of `re.compile` with a charset of first characters, recompile.py)
    assert [r.regex for r in read_back] == [r.regex for r in afresh]


def test_a_broken_cache_file_is_compiled_around(monkeypatch, tmp_path):
    afresh = _compile(monkeypatch, "off")
    _compile(monkeypatch, tmp_path)
    (stored,) = tmp_path.glob("rules-*.json")
    count = len(afresh)
    for broken in ("{not json", '{"key": "other", "entries": []}', '{"key": "%s", "entries": [1]}'
                   % stored.name[6:-5], '{"key": "%s", "entries": %s}' % (stored.name[6:-5], [[1, 2]] * count), ""):
        stored.write_text(broken, encoding="utf-8")
        assert _compile(monkeypatch, tmp_path) == afresh


def test_an_unwritable_cache_changes_nothing(monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    assert _compile(monkeypatch, blocker / "below") == _compile(monkeypatch, "off")


def test_other_rule_data_or_engine_code_is_another_cache_entry(monkeypatch):
    data = dict(DE.data)
    key = rulecache.cache_key(data)
    changed = {**data, "rules_dates": {**data["rules_dates"], "rule": data["rules_dates"]["rule"][1:]}}
    assert rulecache.cache_key(changed) != key
    assert rulecache.cache_key({**data, "events": {}}) == key   # not read by the rules
    monkeypatch.setattr(rulecache, "_engine_source", lambda: b"other code")
    assert rulecache.cache_key(data) != key


# --- compiled code kept as data (timeline/tagger/recompile.py) ------------------------------

from timeline.tagger import recompile  # noqa: E402


@pytest.mark.parametrize("source, flags", [
    (r"(?=[DEFdef])(?<![\w])(?:der|den)\s+(?P<t>(?P<month>(?i:mai|juni)))(?![\w])", re.UNICODE),
    (r"(?P<u>Tag|Woche)\s+für\s+(?P=u)", re.UNICODE | re.IGNORECASE),
    (r"\d{1,2}\.\s?\d{1,2}\.(?!\d)", 0),
])
def test_a_pattern_from_its_stored_code_is_the_compiled_pattern(source, flags):
    stored = json.loads(json.dumps(recompile.code_of(source, flags)))   # as the cache file keeps it
    pattern = recompile.from_code(source, flags, stored)
    assert pattern == re.compile(source, flags)
    assert pattern.groupindex == re.compile(source, flags).groupindex
    text = "der Juni, den mai, Tag für Tag, 3.10. und 12. 5.2022"
    assert [m.groupdict() for m in pattern.finditer(text)] == [m.groupdict() for m in re.compile(source, flags).finditer(text)]


def _as_compiled(rule):
    return re.compile(rule.regex.pattern, rule.regex.flags)   # the same source, without the charset


UNICODE_GLUE = ["ſ", "İ", "ı", "K", "Å", "ẞ", "ß", "„", "“", "–", "\u00a0", "\u2003", "١", "ǅ", "Ω", "µ", "ÿ", "Ÿ"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(sorted({e["text"] for r in compile_language(DE.data).rules for e in r.examples})),
                          st.sampled_from(UNICODE_GLUE), st.text(max_size=4), st.integers(0, 3000).map(str)),
                max_size=30).map(" ".join))
def test_rules_that_skip_what_cannot_begin_a_match_find_what_their_source_finds(text):
    for rule in compile_language(DE.data).rules:
        compiled = _as_compiled(rule)
        assert [(m.span(), m.groups()) for m in rule.regex.finditer(text)] == \
               [(m.span(), m.groups()) for m in compiled.finditer(text)], rule.name


@pytest.mark.skipif(not (SHARED / "corpus" / "krauts-dev.jsonl").exists(), reason="no dev corpus here")
def test_rules_that_skip_what_cannot_begin_a_match_on_the_dev_texts():
    rules = [(rule, _as_compiled(rule)) for rule in compile_language(DE.data).rules]
    assert sum(rule.regex != compiled for rule, compiled in rules) >= len(rules) // 2   # most have a charset
    for name in ("krauts-dev.jsonl", "wikiwars-dev.jsonl"):
        for line in list((SHARED / "corpus" / name).open(encoding="utf-8"))[::3]:
            text = json.loads(line)["text"]
            for rule, compiled in rules:
                assert [m.span() for m in rule.regex.finditer(text)] == [m.span() for m in compiled.finditer(text)], rule.name


def test_the_charset_holds_every_character_a_class_matches_ignoring_case():
    source = r"(?=[kS\d])(?<![\w])(?:kelvin|s\w+|\d+)"
    pattern = recompile.from_code(source, re.I, recompile.code_of(source, re.I, r"[kS\d]"))
    assert pattern != re.compile(source, re.I)   # it has the charset
    text = "Kelvin KELVIN \u212aelvin ſtunde Stunde 12 ٣ x"
    assert [m.group() for m in pattern.finditer(text)] == [m.group() for m in re.compile(source, re.I).finditer(text)]


@pytest.mark.parametrize("stored", [None, [], [0, [1, 2, 3], 0, {}], [32, "code", 0, {}], [32, [99999999999], 0, {}],
                                    [32, [], -5, {"x": 7}]])
def test_stored_code_that_cannot_run_is_compiled_afresh(stored):
    source = r"(?P<n>\d+)\s*Uhr"
    assert recompile.from_code(source, re.IGNORECASE, stored) == re.compile(source, re.IGNORECASE)


# --- further required words (prefilter.more_required_words, matcher.py) --------------------

from timeline.tagger.matcher import _span, find_candidates, shortest_words  # noqa: E402
from timeline.tagger.prefilter import more_required_words, required_words  # noqa: E402

RULES = compile_language(DE.data).rules
FURTHER = [rule for rule in RULES if rule.required_too]
PHRASES = sorted({example["text"] for rule in FURTHER for example in rule.examples})
phrase_texts = st.lists(st.one_of(st.sampled_from(PHRASES), st.sampled_from(WORDS + ["September", "Mai", "der"])),
                        max_size=30).map(" ".join)


def test_further_required_words_are_mandatory_parts_of_the_pattern():
    assert more_required_words(r"(?:dies|jene)\s+(?:[a-z]+\s+)?(?:Januar|Februar)", re.I) == [frozenset({"dies", "jene"})]
    assert more_required_words(r"(?:dies|jene)?\s*(?:Januar|Februar)", re.I) == []   # optional: not required
    by_name = {rule.name: rule for rule in RULES}
    assert "september" in by_name["month_after_article"].required_too[0]


def _whole_scan(text):
    """The candidates of scanning every rule over the whole text (no pre-check)."""
    return [(order, m.span()) for order, rule in enumerate(RULES) for m in rule.regex.finditer(text)
            if _span(m)[1] > _span(m)[0]]


@settings(max_examples=200, deadline=None)
@given(phrase_texts)
def test_rules_with_further_required_words_find_what_whole_scans_find(text):
    for rule in FURTHER:
        reach = rule.reach.in_text(text, {}) if rule.reach is not None else len(text)
        for match in rule.regex.finditer(text):   # every match reads a word of each further set
            found = text[match.start():match.start() + reach].lower()   # (a lookahead's: past its end)
            assert all(any(w in found for w in shortest_words(more)) for more in rule.required_too), rule.name
    assert [(c.order, c.match.span()) for c in find_candidates(text, RULES)] == _whole_scan(text)


@pytest.mark.skipif(not (SHARED / "corpus" / "krauts-dev.jsonl").exists(), reason="no dev corpus here")
def test_candidates_on_the_dev_texts_are_those_of_whole_scans():
    for name in ("krauts-dev.jsonl", "wikiwars-dev.jsonl", "events-dev.jsonl"):
        for line in list((SHARED / "corpus" / name).open(encoding="utf-8"))[::4]:
            text = json.loads(line)["text"]
            assert [(c.order, c.match.span()) for c in find_candidates(text, RULES)] == _whole_scan(text), name


# --- the cue patterns' store (timeline/tagger/patternstore.py) -------------------------------

from timeline.events.cues import compile_rules  # noqa: E402
from timeline.tagger import patternstore  # noqa: E402


def _cues_with_store(monkeypatch, where):
    monkeypatch.setenv(rulecache.CACHE_ENV, str(where))
    monkeypatch.setattr(patternstore, "_entries", None)
    monkeypatch.setattr(patternstore, "_added", False)
    rules = compile_rules(DE.get("events"), DE.get("tense"))
    patternstore.save()
    return rules


def _cue_list(rules):
    return [(name, cue.regex, cue.words, cue.alternatives) for name, cue in vars(rules.cues).items()] \
        + [(rules.blocks.byline, rules.clauses.separators, rules.clauses.strong_separators,
            rules.sentences.no_split_after, rules.blocks.trailer)]


def test_cues_read_from_the_store_are_those_compiled_afresh(monkeypatch, tmp_path):
    afresh = _cues_with_store(monkeypatch, "off")
    assert not list(tmp_path.iterdir())
    _cues_with_store(monkeypatch, tmp_path)
    (stored,) = tmp_path.glob("patterns-*.json")
    read_back = _cues_with_store(monkeypatch, tmp_path)
    assert _cue_list(read_back) == _cue_list(afresh)
    entries = json.loads(stored.read_text("utf-8"))
    from timeline.events.alternatives import _FIELD
    assert any(_FIELD in entry for entry in entries.values())
    for broken in ("{not json", "[]", '{"0\\u0000x": 5}', json.dumps({k: {"code": [1], "words": [3]} for k in entries}),
                   json.dumps({k: {_FIELD: [[1], 5]} for k in entries}),
                   json.dumps({k: {_FIELD: [["a", "b"], [[["x"]]]]} for k in entries})):
        stored.write_text(broken, encoding="utf-8")
        assert _cue_list(_cues_with_store(monkeypatch, tmp_path)) == _cue_list(afresh)


def test_processes_with_other_string_hashes_or_texts_find_every_pattern_in_the_store(tmp_path):
    """A pattern built from a set of words has one source in every process (sets iterate in
    hash order, PYTHONHASHSEED): a later process with other hashes compiles nothing afresh
    and writes nothing. A cue's alternatives are stored as a text first needs them, one entry
    each (not one per combination a text selects, which would grow the store read at every
    start with every new text): once the texts have been read, reading them again in other
    processes adds nothing."""
    import subprocess
    import sys

    texts = ["Am Montag kam sie an. Er hatte gestern abgesagt.",
             "© Muster-Verlag. Wann das Treffen stattfindet, ist offen; so der Sprecher.",
             "Beobachter erwarten, dass die Firma im Frühjahr 2023 einen neuen Chef ernennt, sagte er am Dienstag."]
    cache = tmp_path / "cache"

    def run(seed, text):
        document = tmp_path / "doc.jsonl"
        document.write_text(json.dumps({"id": "a", "published": "2022-01-27", "text": text}) + "\n", "utf-8")
        environment = {**os.environ, rulecache.CACHE_ENV: str(cache), "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "timeline.cli", "extract", "--jsonl", str(document),
                        "--out", str(tmp_path / "out.jsonl")], env=environment, check=True)
        return {path.name: path.read_bytes() for path in cache.glob("patterns-*.json")}

    first = run("1", texts[0])
    assert first and run("2", texts[0]) == first
    read_all = [run("3", text) for text in texts][-1]
    assert [run(seed, text) for seed, text in zip("456", texts)] == [read_all] * 3


# --- rules that need a digit run near the digits (prefilter.needs_a_digit) -------------------

from timeline.tagger.prefilter import ASCII_DIGITS, needs_a_digit, other_digits  # noqa: E402

DIGIT_RULES = [rule for rule in RULES if rule.required is ASCII_DIGITS or ASCII_DIGITS in rule.required_too]


def test_rules_whose_matches_hold_a_digit_are_known():
    assert needs_a_digit(r"(?:Mai\s+)?\d{1,2}\.", re.I) and needs_a_digit(r"[1-9]0er", 0)
    assert not needs_a_digit(r"(?:\d+|drei)\s+Jahre", re.I)   # "drei Jahre" holds none
    assert not needs_a_digit(r"(?=\d)x", 0) and not needs_a_digit(r"[^0-9]+", 0)
    assert {"numeric_date", "decade_digits"} <= {rule.name for rule in DIGIT_RULES}
    assert other_digits("am ٣. Mai") and not other_digits("am 3. Mai, ² und ½")


digit_texts = st.lists(st.one_of(st.sampled_from(PHRASES + sorted({e["text"] for r in DIGIT_RULES for e in r.examples})),
                                 st.sampled_from(WORDS + ["September", "v. Chr.", "bis", "er", "-"]),
                                 st.integers(0, 2100).map(str),
                                 st.sampled_from(["٣", "१९", "2٠", "１"])),   # other decimal digits, full-width
                       max_size=30).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(digit_texts)
def test_rules_run_near_digits_find_what_whole_scans_find(text):
    assert [(c.order, c.match.span()) for c in find_candidates(text, RULES)] == _whole_scan(text)


# --- parsed language files (timeline/lang/tomlcache.py) --------------------------------------

import tomllib  # noqa: E402

from timeline.lang import LANG_DIR  # noqa: E402
from timeline.lang.tomlcache import load_toml  # noqa: E402


def test_language_files_read_back_are_what_tomllib_parses(monkeypatch, tmp_path):
    monkeypatch.setenv(rulecache.CACHE_ENV, str(tmp_path))
    files = sorted(LANG_DIR.glob("*/*.toml")) + sorted(LANG_DIR.glob("*.toml"))
    for path in files:
        parsed = tomllib.loads(path.read_text("utf-8"))
        assert load_toml(path) == parsed          # parsed and stored
        assert load_toml(path) == parsed, path    # read back
    assert len(list(tmp_path.glob("toml-*.json"))) == len(files)


def test_a_language_file_json_cannot_keep_is_parsed_every_time(monkeypatch, tmp_path):
    monkeypatch.setenv(rulecache.CACHE_ENV, str(tmp_path / "cache"))
    source = tmp_path / "dated.toml"
    source.write_text('published = 2022-01-27\nname = "x"\n', encoding="utf-8")
    assert load_toml(source) == tomllib.loads(source.read_text("utf-8"))   # a date: not JSON
    assert not list((tmp_path / "cache").glob("toml-*.json"))
    source.write_text('name = "y"\n', encoding="utf-8")
    assert load_toml(source) == {"name": "y"}
    (stored,) = (tmp_path / "cache").glob("toml-*.json")
    for broken in ("{not json", "[1]"):
        stored.write_text(broken, encoding="utf-8")
        assert load_toml(source) == {"name": "y"}
    source.write_text('name = "z', encoding="utf-8")
    with pytest.raises(tomllib.TOMLDecodeError):
        load_toml(source)


# --- the rules' words in a lowered text (timeline/tagger/wordsearch.py) -------------------------

from timeline.tagger import wordsearch  # noqa: E402
from timeline.tagger.matcher import _vocabulary  # noqa: E402

VOCABULARY = _vocabulary(compile_language(DE.data).rules)
vocabulary_texts = st.lists(st.sampled_from(sorted(VOCABULARY) + [" ", "\n", ".", "-", "x", "Jahr", "ß", "İ", "„"]),
                            max_size=40).map("".join)


def _words_plainly(text: str, vocabulary) -> frozenset:
    return frozenset(w for w in vocabulary if w in text)


def test_the_roots_of_the_vocabulary_are_the_words_that_contain_no_other():
    roots, others = wordsearch._plan(VOCABULARY)
    inside = {w: frozenset(o for o in VOCABULARY if o != w and o in w) for w in VOCABULARY}
    assert set(roots) == {w for w in VOCABULARY if not inside[w]}
    assert dict(others) == {w: frozenset(roots) & inside[w] for w in VOCABULARY if inside[w]}


@settings(max_examples=300, deadline=None)
@given(vocabulary_texts)
def test_the_rules_words_found_in_a_text_are_those_a_search_per_word_finds(text):
    low = text.lower()
    assert wordsearch.words_present(low, VOCABULARY) == _words_plainly(low, VOCABULARY)
    small = frozenset(["ab", "abc", "b", "bc", "x.y", "a b", ""])
    assert wordsearch.words_present(low, small) == _words_plainly(low, small)


@pytest.mark.skipif(not (SHARED / "corpus" / "krauts-dev.jsonl").exists(), reason="no dev corpus here")
def test_the_rules_words_found_in_the_dev_texts_are_those_a_search_per_word_finds():
    for name in ("krauts-dev.jsonl", "wikiwars-dev.jsonl"):
        for line in (SHARED / "corpus" / name).open(encoding="utf-8"):
            low = json.loads(line)["text"].lower()
            assert wordsearch.words_present(low, VOCABULARY) == _words_plainly(low, VOCABULARY)


# --- the cues' pre-checks (timeline/events/cues.py Cue.search) ------------------------------

from timeline.events.cues import Cue  # noqa: E402

CUES = [(name, cue) for group in (EVENT_RULES.cues, EVENT_RULES.reports)
        for name, cue in vars(group).items() if isinstance(cue, Cue)] + [("byline", EVENT_RULES.blocks.byline.anywhere)]
CUE_EXAMPLES = sorted({e for key in ("cues", "reports") for table in DE.get("events")[key].get("examples", [])
                       for v in table.values() for e in (v if isinstance(v, list) else [v]) if isinstance(e, str)})


def _cues_find_what_their_patterns_find(text: str) -> None:
    for piece in {text, text[-80:], text[:40], text[len(text) // 2:]}:
        lowered = piece.lower()
        for name, cue in CUES:
            expected = cue.regex.search(piece)
            for found in (cue.search(piece), cue.search(piece, lowered)):
                assert (found and found.span()) == (expected and expected.span()), (name, piece)


def test_cues_without_words_to_look_for_are_the_anchored_ones():
    assert len(CUE_EXAMPLES) > 100
    assert all(cue.words is None for _, cue in CUES if cue.regex.pattern.startswith("(?:^"))
    by_name = dict(CUES)
    assert "sagte" in by_name["said"].words and "sagten" not in by_name["said"].words   # inside "sagten"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(CUE_EXAMPLES)), max_size=25).map(" ".join))
def test_cues_find_what_their_patterns_find(text):
    _cues_find_what_their_patterns_find(text)


@pytest.mark.skipif(not (SHARED / "corpus" / "krauts-dev.jsonl").exists(), reason="no dev corpus here")
def test_cues_find_what_their_patterns_find_in_the_dev_sentences():
    for name in ("krauts-dev.jsonl", "wikiwars-dev.jsonl", "events-dev.jsonl"):
        for line in list((SHARED / "corpus" / name).open(encoding="utf-8"))[::3]:
            for sentence in split_sentences(json.loads(line)["text"], EVENT_RULES):
                _cues_find_what_their_patterns_find(sentence.text)


# --- clause separators: each alternative only in texts holding its characters (Alternatives) --

SEPARATORS = [EVENT_RULES.clauses.separators, EVENT_RULES.clauses.strong_separators]


def _separators_find_what_their_patterns_find(text: str) -> None:
    for separators in SEPARATORS:
        for start, end in ((0, len(text)), (len(text) // 3, len(text)), (0, len(text) // 2)):
            assert [m.span() for m in separators.finditer(text, start, end)] == \
                [m.span() for m in separators.regex.finditer(text, start, end)], text


def test_separators_need_one_of_their_characters():
    assert EVENT_RULES.clauses.strong_separators.needs == [[(":", ";")], [("-", "–", "—")]]
    assert [(",",)] in EVENT_RULES.clauses.separators.needs
    import unicodedata
    for mark in "–—":   # no other character lowers into a dash: looked for in lowered text, it is where it was
        assert [c for c in map(chr, range(sys.maxunicode + 1)) if mark in c.lower() and c != mark] == []
    spaced = Alternatives([r"x|\s*", r"a+"], 0)   # an empty match: finditer goes on as re's does
    assert [m.span() for m in spaced.finditer("ba aa x")] == [m.span() for m in spaced.regex.finditer("ba aa x")]
    assert unicodedata.category("–") == "Pd"
    assert required_words(r"\s*[;:]\s+|,\s+", re.I, min_length=1) == {";", ":", ","}
    assert required_words(r"\s*[;:]\s+|,\s+", re.I) is None and required_words(r"[^;:]+", 0, min_length=1) is None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS + ["–", "—", "-", "x-y", ";", ":", ",", "\t", "\u00a0"]), max_size=30).map("".join))
def test_separators_find_what_their_patterns_find(text):
    _separators_find_what_their_patterns_find(text)


@pytest.mark.skipif(not (SHARED / "corpus" / "krauts-dev.jsonl").exists(), reason="no dev corpus here")
def test_separators_find_what_their_patterns_find_in_the_dev_sentences():
    for name in ("krauts-dev.jsonl", "wikiwars-dev.jsonl", "events-dev.jsonl"):
        for line in (SHARED / "corpus" / name).open(encoding="utf-8"):
            for sentence in split_sentences(json.loads(line)["text"], EVENT_RULES):
                _separators_find_what_their_patterns_find(sentence.text)


# --- alternatives searched only where they can match (timeline/events/alternatives.py) -----

from timeline.events.alternatives import Alternatives, split_alternatives  # noqa: E402

TRAILER = EVENT_RULES.blocks.trailer
LINE_EXAMPLES = sorted({e for table in DE.get("events")["blocks"].get("examples", []) for v in table.values()
                        for e in (v if isinstance(v, list) else [v]) if isinstance(e, str)})


def test_alternatives_are_split_at_the_top_level_only():
    assert split_alternatives(r"a|(b|c)|[|]|[]|]|[^]|]|\||x") == ["a", "(b|c)", "[|]", "[]|]", "[^]|]", r"\|", "x"]
    assert split_alternatives(r"(a)\1|b") is None and split_alternatives(r"(?i)a|b") is None
    assert split_alternatives(r"(?P<x>a)|(?P=x)") is None and split_alternatives(r"(a)?(?(1)b|c)") is None
    assert split_alternatives(r"\(?(?i:x)|(?<=y)z") == [r"\(?(?i:x)", "(?<=y)z"]
    assert len(TRAILER.parts) == 4 and TRAILER.needs[0] and not TRAILER.needs[3]   # the last one always runs
    for source in [p for table in (DE.get("events")["cues"], DE.get("events")["reports"]) for v in table.values()
                   for p in (v if isinstance(v, list) else [v]) if isinstance(p, str)]:
        parts = split_alternatives(source)
        assert parts is None or "|".join(parts) == source
        for part in parts or []:
            re.compile(part)   # each a pattern of its own


def _alternatives_find_what_their_pattern_finds(alternatives: Alternatives, line: str) -> None:
    for pos in {0, max(0, len(line) - 200), len(line) // 2}:
        found, expected = alternatives.search(line, pos), alternatives.regex.search(line, pos)
        assert (found and found.span()) == (expected and expected.span()), line


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(LINE_EXAMPLES + WORDS + ["(dpa)", "©", "ſ", "@", "http://x.y", "(", ")", "Foto:"]),
                max_size=20).map(" ".join))
def test_the_trailer_is_found_where_its_pattern_finds_it(line):
    _alternatives_find_what_their_pattern_finds(TRAILER, line)


@pytest.mark.skipif(not (SHARED / "corpus" / "krauts-dev.jsonl").exists(), reason="no dev corpus here")
def test_the_trailer_is_found_where_its_pattern_finds_it_in_the_dev_lines():
    for name in ("krauts-dev.jsonl", "wikiwars-dev.jsonl", "events-dev.jsonl"):
        for record in (SHARED / "corpus" / name).open(encoding="utf-8"):
            for line in json.loads(record)["text"].splitlines():
                _alternatives_find_what_their_pattern_finds(TRAILER, line)


# --- the word before a period without a regex (sentences.word_before) ----------------------

import sys  # noqa: E402

from timeline.events.sentences import _WORD_BEFORE, word_before  # noqa: E402


def _word_by_pattern(before: str) -> str | None:
    found = _WORD_BEFORE.search(before)
    return found.group(1) if found else None


def test_str_split_and_the_pattern_take_the_same_characters_for_blanks():
    assert [c for c in map(chr, range(sys.maxunicode + 1)) if (re.match(r"\s", c) is not None) != c.isspace()] == []
    assert [c for c in map(chr, range(sys.maxunicode + 1)) if len(f"a{c}b".split()) != (2 if c.isspace() else 1)] == []


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(list("ab.(„ \t\n\u00a0\u2003\x1cé") + ["Dr", "x" * 70]), max_size=40).map("".join))
def test_the_word_before_is_the_patterns(before):
    assert word_before(before) == _word_by_pattern(before)
    assert word_before(before + "\n") == _word_by_pattern(before + "\n")


@pytest.mark.skipif(not (SHARED / "corpus" / "krauts-dev.jsonl").exists(), reason="no dev corpus here")
def test_the_word_before_each_period_of_the_dev_texts_is_the_patterns():
    for name in ("krauts-dev.jsonl", "wikiwars-dev.jsonl"):
        for record in (SHARED / "corpus" / name).open(encoding="utf-8"):
            text = json.loads(record)["text"]
            for at in [m.start() for m in re.finditer(r"\.", text)]:
                before = text[max(0, at - 64):at]
                assert word_before(before) == _word_by_pattern(before)


# --- sentence ends scanned from their first character; bylines looked for once per line -----

from timeline.events.sentences import _CLOSERS, _END, _Line  # noqa: E402

_END_AS_WRITTEN = re.compile(r"[.!?…]+[" + re.escape(_CLOSERS) + r"]*")
BYLINE = EVENT_RULES.blocks.byline
line_texts = st.lists(st.sampled_from(LINE_EXAMPLES + WORDS + ["!?", "…", "“", "»", ")", "Cookies", "NEWSLETTER", "ſ",
                                                               "Σ", "İ"]), max_size=25).map(" ".join)


def _bylines_both_ways(line: str) -> None:
    anywhere = BYLINE.may_match_anywhere(line)
    for a, b in _Line(line, EVENT_RULES).spans + [(0, len(line)), (0, len(line) // 2), (len(line) // 3, len(line))]:
        piece = line[a:b]
        assert bool(BYLINE.search(piece, anywhere)) == bool(BYLINE.anchored.match(piece) or BYLINE.anywhere.regex.search(piece))


@settings(max_examples=300, deadline=None)
@given(line_texts)
def test_sentence_ends_and_bylines_are_those_of_the_plain_patterns(line):
    assert [m.span() for m in _END.finditer(line)] == [m.span() for m in _END_AS_WRITTEN.finditer(line)]
    _bylines_both_ways(line)


@pytest.mark.skipif(not (SHARED / "corpus" / "krauts-dev.jsonl").exists(), reason="no dev corpus here")
def test_sentence_ends_and_bylines_of_the_dev_lines_are_those_of_the_plain_patterns():
    for name in ("krauts-dev.jsonl", "wikiwars-dev.jsonl", "events-dev.jsonl"):
        for record in (SHARED / "corpus" / name).open(encoding="utf-8"):
            for line in json.loads(record)["text"].splitlines():
                if line.strip():
                    assert [m.span() for m in _END.finditer(line)] == [m.span() for m in _END_AS_WRITTEN.finditer(line)]
                    _bylines_both_ways(line)


def test_alternatives_that_re_would_try_everywhere_run_behind_their_first_characters():
    from timeline.tagger.prefilter import scan_class
    assert scan_class(r"\b(sagte|meinte)\b", re.I) == "[MSms]"
    assert scan_class(r"\?\s*$", 0) is None and scan_class(r"[,(]\s*geb", 0) is None   # re scans for those
    assert scan_class(r"^\W*denn", re.I) is None and scan_class(r"\s*x", 0) is None   # at the start; unknown
    from timeline.tagger import patternstore
    scanned = patternstore.scanning(r"\b(sagte|meinte)\b", re.I)
    assert scanned.pattern == r"(?=[MSms])(?:\b(sagte|meinte)\b)"
    text = "Er SAGTE, sie meinte, ſagte man"
    assert [m.span() for m in scanned.finditer(text)] == [m.span() for m in re.finditer(r"\b(sagte|meinte)\b", text, re.I)]


# --- a headline's words from str.split (headlines.words_and_focus) ----------------------------

from timeline.events.headlines import _WORD, words_and_focus  # noqa: E402


def _words_and_focus_by_pattern(sentence: str, start: int, end: int, focus: int):
    words = [(m.start(), m.end()) for m in _WORD.finditer(sentence, start, end)]
    return [sentence[a:b] for a, b in words], next((n for n, (a, b) in enumerate(words) if focus < b), 0)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["ab", "c", " ", "  ", "\t", "\u00a0", ",", "„x“"]), max_size=12).map("".join),
       st.integers(-2, 30), st.integers(-1, 30), st.integers(0, 30))
def test_a_headlines_words_and_focus_are_the_patterns(sentence, focus, start, end):
    start = max(0, start)
    assert words_and_focus(sentence, start, end, focus) == _words_and_focus_by_pattern(sentence, start, end, focus)


@pytest.mark.skipif(not (SHARED / "corpus" / "krauts-dev.jsonl").exists(), reason="no dev corpus here")
def test_the_headline_words_of_the_dev_sentences_are_the_patterns():
    for record in list((SHARED / "corpus" / "krauts-dev.jsonl").open(encoding="utf-8"))[::2]:
        for sentence in split_sentences(json.loads(record)["text"], EVENT_RULES):
            text = sentence.text
            for start, end in ((0, len(text)), (len(text) // 3, len(text) - 2)):
                for focus in range(-1, len(text) + 1, 3):
                    assert words_and_focus(text, start, end, focus) == _words_and_focus_by_pattern(text, start, end, focus)


# --- intervals remembered per (value, published, mod) (dates.intervals.interval) -------------

from datetime import date  # noqa: E402

from timeline.dates.intervals import interval  # noqa: E402


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["2022", "-", "01", "W04", "WE", "Q3", "H1", "SU", "TAF", "T18:30", "XX",
                                 "P3D", "PRESENT_REF", "PAST_REF", "FUTURE_REF", "19", "199", " "]),
                max_size=6).map("".join),
       st.one_of(st.none(), st.dates(date(1900, 1, 1), date(2100, 12, 31))),
       st.sampled_from([None, "", "BEFORE", "ON_OR_BEFORE", "AFTER", "ON_OR_AFTER", "START", "MID", "END", "APPROX"]))
def test_a_remembered_interval_is_the_one_computed_afresh(value, published, mod):
    first = interval(value, published, mod)
    assert first == interval.__wrapped__(value, published, mod)
    assert interval(value, published, mod) == first


# --- the readings without fields are shared (events.anchoring.SKIP, NONE) --------------------

import dataclasses  # noqa: E402

from timeline.events.anchoring import NONE, SKIP, Reading  # noqa: E402


def test_the_shared_readings_are_the_readings_built_afresh_and_cannot_change():
    assert (SKIP, NONE) == (Reading("skip"), Reading("none"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        SKIP.kind = "none"
