"""The tense of the clause around a time expression, from the language's tense markers.

Underspecified dates ("im November", "am Freitag") are resolved into the past or the
future of the reference time depending on the clause: "... geschlossen hatte" points back,
"... wird beginnen" points forward. Markers are data (`tense.toml`): finite past forms and
auxiliaries, a pattern for regular past forms (with exceptions and the determiners that make
such a form an adjective), future auxiliaries, perfect auxiliaries that count as past together
with a participle (a strong one after "be" auxiliaries, whose weak participles are mostly
states). The comma clause is tried first, then the whole sentence without its verbs
of saying (a report's tense is not the tense of what it reports).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

WINDOW = 400
WORD = re.compile(r"\w+")


@dataclass
class TenseMarkers:
    past: frozenset
    future: frozenset
    perfect_aux: frozenset
    stative_aux: frozenset
    strong_participle: re.Pattern
    participle: re.Pattern
    weak_past: re.Pattern
    not_past: frozenset
    reporting: frozenset
    since: frozenset
    since_articles: frozenset
    determiners: frozenset
    sentence_end: re.Pattern
    clause_end: re.Pattern

    @classmethod
    def from_settings(cls, settings: dict) -> "TenseMarkers":
        return cls(
            past=frozenset(w.lower() for w in settings.get("past", ())),
            future=frozenset(w.lower() for w in settings.get("future", ())),
            perfect_aux=frozenset(w.lower() for w in settings.get("perfect_aux", ())),
            stative_aux=frozenset(w.lower() for w in settings.get("stative_aux", ())),
            strong_participle=re.compile(settings.get("strong_participle", settings.get("participle", r"(?!x)x"))),
            participle=re.compile(settings.get("participle", r"(?!x)x")),
            weak_past=re.compile(settings.get("weak_past", r"(?!x)x")),
            not_past=frozenset(w.lower() for w in settings.get("not_past", ())),
            reporting=frozenset(w.lower() for w in settings.get("reporting", ())),
            since=frozenset(w.lower() for w in settings.get("since", ())),
            since_articles=frozenset(w.lower() for w in settings.get("since_articles", ())),
            determiners=frozenset(w.lower() for w in settings.get("determiners", ())),
            sentence_end=re.compile(settings.get("sentence_end", r"[.!?]\s")),
            clause_end=re.compile(settings.get("clause_end", r"[,;:]")),
        )


def _bounds(text: str, start: int, end: int, boundary: re.Pattern) -> tuple[int, int]:
    lo = max(0, start - WINDOW)
    left = lo
    # look a few characters past `start`: a boundary may need to see the capital it ends
    # before ("... gegründet. Heute"), and that capital may be the expression's first letter
    for m in boundary.finditer(text, lo, min(len(text), start + 3)):
        if m.end() <= start:
            left = m.end()
    m = boundary.search(text, end, min(len(text), end + WINDOW))
    right = m.start() + 1 if m else min(len(text), end + WINDOW)
    return left, right


def sentence_bounds(text: str, start: int, end: int, markers: TenseMarkers) -> tuple[int, int]:
    return _bounds(text, start, end, markers.sentence_end)


def _weak_past(words: list[str], markers: TenseMarkers) -> bool:
    """A regular past form ("sagte", "forderten"): a lower-case word with a past ending that
    is no listed exception and does not follow a determiner (which makes it an adjective)."""
    previous = ""
    for word in words:
        if (markers.weak_past.fullmatch(word) and word not in markers.not_past
                and previous not in markers.determiners):
            return True
        previous = word.lower()
    return False


def _tense_of(words: list[str], markers: TenseMarkers) -> str | None:
    lowered = [w.lower() for w in words]
    if any(w in markers.past for w in lowered) or _weak_past(words, markers):
        return "past"
    if any(w in markers.future for w in lowered):
        return "future"
    auxiliaries = {w for w in lowered if w in markers.perfect_aux}
    if auxiliaries:
        # "ist geöffnet" is a state; "ist eingebrochen", "hat geöffnet" are past
        participle = (markers.participle if auxiliaries - markers.stative_aux
                      else markers.strong_participle)
        if any(participle.fullmatch(w) for w in lowered):
            return "past"
    return None


def _after_since(text: str, start: int, markers: TenseMarkers) -> bool:
    """Does a "since" preposition (and maybe an article) come right before the expression?"""
    if not markers.since:
        return False
    words = WORD.findall(text[max(0, start - 24):start])[-2:]
    words = [w.lower() for w in words]
    if words and words[-1] in markers.since_articles:
        words = words[:-1]
    return bool(words) and words[-1] in markers.since and text[start - 1:start].isspace()


def tense_at(text: str, start: int, end: int, markers: TenseMarkers,
             whole_sentence: bool = True) -> str | None:
    """"past", "future" or None (present or unknown) for the clause around text[start:end].

    Without a marker in the clause, the sentence decides, unless `whole_sentence` is false.
    """
    if _after_since(text, start, markers):
        return "past"
    s_left, s_right = sentence_bounds(text, start, end, markers)
    sentence = text[s_left:s_right]
    c_left, c_right = _bounds(sentence, start - s_left, end - s_left, markers.clause_end)
    # the expression itself leaves a gap ("") so that the word before it is not taken
    # for the determiner of the word after it ("Im Oktober präsentierte ...")
    clause = WORD.findall(text[s_left + c_left:start]) + [""] + WORD.findall(text[end:s_left + c_right])
    tense = _tense_of(clause, markers)
    if tense is None and whole_sentence:
        # the other clauses decide, without their verbs of saying (", teilte die Polizei mit")
        words = WORD.findall(text[s_left:start]) + [""] + WORD.findall(text[end:s_right])
        tense = _tense_of([w for w in words if w.lower() not in markers.reporting], markers)
    return tense



def tense_in(text: str, start: int, end: int, markers: TenseMarkers) -> str | None:
    """The tense the markers in text[start:end] give (a stretch of whole sentences)."""
    return _tense_of(WORD.findall(text[start:end]), markers)
