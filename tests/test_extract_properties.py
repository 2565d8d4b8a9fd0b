"""Properties of `timeline.extract` that hold for every text, whatever it says.

Three kinds of text: any Unicode; German-ish word salad made of date words, numbers and
punctuation (where a rule-based tagger is most likely to trip: "vor 3000 Jahren", "31.02.",
"Mitte 99999999999"); and slices of real articles cut anywhere, mid-word or mid-date.
"""
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings, strategies as st

from timeline import extract
from timeline.model import EVENT_STATUSES, GRANULARITIES, TIMEX_TYPES

MODS = {"APPROX", "LESS_THAN", "MORE_THAN", "START", "MID", "END", "BEFORE", "AFTER",
        "ON_OR_BEFORE", "ON_OR_AFTER", "EQUAL_OR_LESS", "EQUAL_OR_MORE"}

SHARED = Path("/work/shared") if Path("/work/shared").is_dir() else Path(__file__).resolve().parents[2] / "shared"
ARTICLES = [(SHARED / "seed" / "nato-antwort.txt").read_text("utf-8")]

DATE_WORDS = """
    Januar Jänner Februar März April Mai Juni Juli August September Oktober November Dezember
    Jan. Feb. Sept. Okt. Dez. Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag
    Mittwochnachmittag Montagabend Freitagmorgen heute gestern vorgestern morgen übermorgen heuer
    damals derzeit bald jetzt nun Uhr Jahr Jahres Jahren Jahrzehnt Jahrhundert Monat Monate
    Monaten Woche Wochen Wochenende Tag Tage Tagen Stunde Stunden Minuten Quartal Halbjahr
    Frühjahr Frühling Sommer Herbst Winter Weihnachten Ostern Pfingsten Silvester Neujahr
    seit vor nach bis ab am im um in von zum zur bis zum gegen Anfang Mitte Ende Beginn
    nächsten nächste letzten letzte vergangenen kommenden diesen dieses jeden jährlich täglich
    wöchentlich halbe halben eineinhalb zwei drei zehn zwölf hundert fast etwa rund knapp
    mehr als weniger als spätestens frühestens Nachmittag Abend Morgen Vormittag Nacht
    Kalenderwoche KW Q1 H2 v. Chr. n. Chr. er-Jahre Sitzung Nato Russland sagte Brüssel
""".split()
NUMBERS = st.one_of(
    st.integers(0, 40).map(str), st.integers(0, 40).map(lambda n: f"{n}."),
    st.integers(1000, 2999).map(str), st.integers(0, 99).map(lambda n: f"{n:02d}"),
    st.integers(0, 10**15).map(str), st.integers(-5, 99999).map(str),
    st.sampled_from(["27.01.2022", "31.02.", "2022-01-27", "20.30", "8:15", "24:00", "1990er",
                     "90er", "1.5", "0,5", "29. Februar", "32. Mai", "2022-W53", "00.00.0000"]),
)
PUNCTUATION = st.sampled_from(list(" .,;:-–—/()[]„“\"'!?%&\n\t") + ["\r\n", "  ", "\n\n", "…", "\u00a0"])
GERMANISH = st.lists(st.one_of(st.sampled_from(DATE_WORDS), NUMBERS, PUNCTUATION, PUNCTUATION),
                     max_size=60).map(lambda parts: " ".join(parts) if len(parts) % 2 else "".join(parts))
PUBLISHED = st.dates(min_value=date(1800, 1, 1), max_value=date(2200, 12, 31))


@st.composite
def article_slices(draw):
    text = draw(st.sampled_from(ARTICLES))
    start = draw(st.integers(0, len(text)))
    return text[start:start + draw(st.integers(0, 600))]


def check_properties(text: str, published: date) -> None:
    timeline = extract(text, published=published, lang="de")
    previous_end = 0
    for timex in timeline.timexes:
        assert 0 <= timex.start < timex.end <= len(text), timex
        assert text[timex.start:timex.end] == timex.text, timex
        assert timex.start >= previous_end, f"out of order or overlapping: {timex}"
        previous_end = timex.end
        assert timex.type in TIMEX_TYPES, timex
        assert isinstance(timex.value, str) and timex.value, timex
        assert timex.mod is None or timex.mod in MODS, timex
    ids = [event.id for event in timeline.events]
    assert len(ids) == len(set(ids)), "event ids must be unique within a timeline"
    for event in timeline.events:
        assert 0 <= event.start <= event.end <= len(text), event
        assert text[event.start:event.end] == event.sentence, event
        assert event.status in EVENT_STATUSES, event
        assert event.granularity is None or event.granularity in GRANULARITIES, event
        assert event.timex is None or event.timex in timeline.timexes, event
        assert isinstance(event.headline, str)
    assert extract(text, published=published, lang="de") == timeline, "extract must be deterministic"


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.text(max_size=300), PUBLISHED)
@example("", date(2022, 1, 27))
@example("\x00\ufffe\r\n\u2028\u0085", date(2022, 1, 27))
def test_any_unicode(text, published):
    check_properties(text, published)


@SETTINGS
@given(st.text(alphabet=st.characters(codec=None, categories=["Cs", "Lu", "Ll", "Nd", "Po", "Zs"]),
               max_size=100), PUBLISHED)
@example("Am 3. Mai 2021 \ud800 begann es.", date(2022, 1, 27))
def test_text_with_lone_surrogates(text, published):
    """A Python str may hold lone surrogates (from JSON "\\ud800" escapes, say)."""
    check_properties(text, published)


@SETTINGS
@given(GERMANISH, PUBLISHED)
@example("vor 3000 Jahren und in 99999999999 Jahren", date(2022, 1, 27))
@example("am 31.12.9999 um 24:00 Uhr, am 29. Februar und in der 53. Kalenderwoche", date(2021, 12, 31))
@example("seit dem 1. Januar 0001 bis Ende des Jahrhunderts", date(1800, 1, 1))
def test_germanish_date_salad(text, published):
    check_properties(text, published)


@SETTINGS
@given(article_slices(), PUBLISHED)
def test_slices_of_real_articles(text, published):
    check_properties(text, published)


def test_the_whole_seed_article():
    check_properties(ARTICLES[0], date(2022, 1, 27))
