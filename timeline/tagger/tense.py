"""Tense without a POS tagger: one recogniser, from the language's `tense.toml`, two views.

- `tense_marks(text, rules)`: the tense marks of a sentence, spans with their kind —
  "preterite" (a finite past form: "übergab", "traten", "sagte"), "perfect" (a perfect
  auxiliary and a participle in one clause: "hat ... geschlossen") or "pluperfect" ("hatte ...
  geschlossen"). The event finder reads them: a sentence with marks reports the past, and only
  the preterite, the tense a report narrates in, continues a narrative (the perfect sums up,
  the pluperfect steps back).
- `clause_tense(text, start, end, rules)`: "past", "future" or None for the clause around
  text[start:end]. The tagger reads it to put "im November", "am Freitag" before or after the
  reference time. Past are the same marks, a preposition like "seit" right before the
  expression and the `direction.past_words` ("gestern", "bereits"); future the
  `direction.future_words`. The comma clause decides first, then the whole sentence without
  its verbs of saying (a report's tense is not the tense of what it reports).

How a word is a preterite: it is listed, or it is prefixes + a strong past stem + an ending,
or a lower-case word with a weak past ending that no filter rejects (listed exceptions,
adjective patterns, present forms of verbs whose stem ends in t, a preceding article or
preposition). Capitalised words are nouns, except a bare stem that opens a sentence ("Kam").
How a clause is a perfect: an auxiliary and a lower-case participle in it, with "sein" only a
strong participle ("ist zurückgetreten", not the state "ist geöffnet"), not a passive
infinitive ("abgezogen werden").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from timeline.tagger import patternstore
from timeline.tagger.textview import view_of

WORD = re.compile(r"\w+")
WINDOW = 400          # characters the tagger's clause window reaches at most
REACH_WORDS = 30      # words on each side of an expression its clause window reaches at most
STRETCH = 2 * WINDOW  # characters of a stretch of sentences read at most
NEVER = re.compile(r"(?!x)x")
PRETERITE, PERFECT, PLUPERFECT = "preterite", "perfect", "pluperfect"
PAST, FUTURE = "past", "future"
MAX_ENUMERATION = 3   # clauses an auxiliary may look ahead for its participle


@dataclass(frozen=True)
class TenseMark:
    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class TenseRules:
    """`tense.toml` of one language, compiled (see that file for what each part means)."""

    past_forms: frozenset
    past_stem: re.Pattern          # prefixes + strong/irregular stem + ending, whole word
    bare_past_stem: re.Pattern     # the same without prefixes
    weak_past_ending: re.Pattern
    not_past: frozenset
    not_past_pattern: re.Pattern
    t_stem_present: re.Pattern     # prefixes + t-stem + e/en: present tense, not past
    no_verb_after: frozenset
    auxiliaries: tuple             # (words, sein-type?, kind), pluperfect groups first
    participle: re.Pattern
    sein_participle: re.Pattern
    sein_states: frozenset
    not_participles: frozenset
    passive_after_participle: frozenset
    all_auxiliaries: frozenset     # perfect, pluperfect and passive auxiliaries
    past_words: frozenset
    future_words: frozenset
    future_attributes: frozenset   # "nächste": future only where no verb in the clause sets a tense
    passive_infinitives: frozenset
    since: frozenset
    since_articles: frozenset
    past_before: frozenset         # "bereits": points back only right before the expression
    past_before_skip: frozenset    # ... or before its preposition ("bereits am 8. Mai")
    reporting: frozenset
    sentence_end: re.Pattern
    clause_end: re.Pattern
    # what `_preterite_shape` said about each word seen so far: words recur, the checks
    # behind the answer (several regular expressions) need not
    shapes: dict = field(default_factory=dict, compare=False, repr=False)


def _words(values) -> frozenset:
    return frozenset(w.lower() for w in values or ())


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in patternstore.longest_first(set(words or ()))) or NEVER.pattern


def _any(patterns) -> re.Pattern:
    patterns = [p for p in patterns or () if p]
    return patternstore.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else NEVER


def compile_tense(data: dict | None) -> TenseRules:
    """Compile the `tense.toml` data of a language; missing parts match nothing."""
    data = data or {}
    p, f, d, b = (data.get(k, {}) for k in ("preterite", "perfect", "direction", "bounds"))
    prefixes = _alternation(p.get("verb_prefixes"))
    stems = _alternation(p.get("past_stems"))
    endings = _alternation(p.get("past_stem_endings", [""])) if p.get("past_stem_endings") else ""
    return TenseRules(
        past_forms=_words(p.get("past_forms")),
        past_stem=patternstore.compile(rf"^(?:{prefixes})*(?:{stems})(?:{endings})$"),
        bare_past_stem=patternstore.compile(rf"^(?:{stems})(?:{endings})$"),
        weak_past_ending=patternstore.compile(rf"(?:{_alternation(p.get('weak_past_endings'))})$"),
        not_past=_words(p.get("not_past")),
        not_past_pattern=_any(p.get("not_past_patterns")),
        t_stem_present=patternstore.compile(rf"^(?:{prefixes})*(?:{_alternation(p.get('t_stems'))})(?:e|en)$"),
        no_verb_after=_words(p.get("no_verb_after")),
        auxiliaries=(
            (_words(f.get("pluperfect_auxiliaries")), False, PLUPERFECT),
            (_words(f.get("pluperfect_auxiliaries_sein")), True, PLUPERFECT),
            (_words(f.get("perfect_auxiliaries")), False, PERFECT),
            (_words(f.get("perfect_auxiliaries_sein")), True, PERFECT),
        ),
        participle=_any(f.get("participle_patterns")),
        sein_participle=_any(f.get("sein_participle_patterns")),
        sein_states=_words(f.get("sein_states")),
        not_participles=_words(f.get("not_participles")),
        passive_after_participle=_words(f.get("passive_after_participle")),
        all_auxiliaries=frozenset().union(*(_words(f.get(k)) for k in (
            "perfect_auxiliaries", "perfect_auxiliaries_sein", "pluperfect_auxiliaries",
            "pluperfect_auxiliaries_sein", "passive_after_participle"))),
        past_words=_words(d.get("past_words")),
        future_words=_words(d.get("future_words")),
        future_attributes=_words(d.get("future_attributes")),
        passive_infinitives=_words(f.get("passive_infinitives")),
        since=_words(d.get("since")),
        since_articles=_words(d.get("since_articles")),
        past_before=_words(d.get("past_before")),
        past_before_skip=_words(d.get("past_before_skip")),
        reporting=_words(d.get("reporting")),
        sentence_end=re.compile(b.get("sentence_end") or r"[.!?]\s"),
        clause_end=re.compile(b.get("clause_end") or r"[,;:]"),
    )


@lru_cache(maxsize=None)
def tense_rules(language) -> TenseRules:
    """The compiled tense data of a `timeline.lang.Language` (cached per language)."""
    return compile_tense(language.get("tense"))


# --- the recogniser ------------------------------------------------------------------------
# It works on tokens (start, end, word); a token with the word "" is a gap (the time
# expression itself in the tagger's view) that is no word before the next one.

def _tokens(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    end = len(text) if end is None else end
    return [(m.start(), m.end(), m.group(0)) for m in WORD.finditer(text, start, end)]


GAP = (-1, -1, "")


WEAK = "weak"          # a weak past form, unless the word before rules a verb out
MAX_SHAPES = 200_000   # words remembered per language (a bound for endless batches)


def _is_preterite(word: str, previous: str, first: bool, rules: TenseRules) -> bool:
    shape = _shape(word, first, rules)
    if shape == WEAK:
        return previous not in rules.no_verb_after
    return shape


def _shape(word: str, first: bool, rules: TenseRules) -> bool | str:
    """`_preterite_shape`, remembered per word."""
    shapes = rules.shapes
    shape = shapes.get((word, first))
    if shape is None:
        if len(shapes) >= MAX_SHAPES:
            shapes.clear()
        shape = shapes[word, first] = _preterite_shape(word, first, rules)
    return shape


def _preterite_shape(word: str, first: bool, rules: TenseRules) -> bool | str:
    """True or False for a word that is or is not a preterite wherever it stands; WEAK for
    one that is unless the word before it rules a verb out (`no_verb_after`)."""
    lower = word.lower()
    if not word or lower in rules.not_past:
        return False
    if lower in rules.past_forms:
        return True
    if not word[0].islower():
        # capitalised: a noun, unless it is the first word and a bare stem ("Kam", not "Bestand")
        return first and bool(rules.bare_past_stem.match(lower))
    if rules.past_stem.match(lower):
        return True
    if (len(lower) >= 5 and rules.weak_past_ending.search(lower)
            and not rules.not_past_pattern.search(lower)
            and not rules.t_stem_present.match(lower)):
        return WEAK
    return False


def _perfect(clause: list[tuple[int, int, str]], rules: TenseRules, first_token,
             auxiliaries_within: int | None = None) -> list[TenseMark]:
    """Marks of auxiliary and participle when the clause (tokens) is a (plu)perfect; the
    auxiliary is looked for in the first `auxiliaries_within` tokens only, if given."""
    lowered = [w.lower() for _, _, w in clause]
    present = set(lowered[:auxiliaries_within])
    found = [(next(n for n, w in enumerate(lowered) if w in words), sein, kind)
             for words, sein, kind in rules.auxiliaries if words & present]
    if not found:
        return []
    for i, token in enumerate(clause):
        word, lower = token[2], lowered[i]
        # a participle is lower-case, unless it opens the sentence ("Abgebüßt hat er ...")
        if not word or not (word[0].islower() or token == first_token) \
                or lower in rules.not_participles or not rules.participle.search(lower):
            continue
        previous = lowered[i - 1] if i else ""
        following = lowered[i + 1] if i + 1 < len(clause) else ""
        if previous in rules.no_verb_after or following in rules.passive_after_participle:
            continue
        if auxiliaries_within is not None and i != len(clause) - 1:
            continue  # across clauses only the clause-final participle closes the bracket
        for n, sein, kind in found:
            if n != i and (not sein or (rules.sein_participle.search(lower) and lower not in rules.sein_states)):
                return [TenseMark(clause[n][0], clause[n][1], kind), TenseMark(token[0], token[1], kind)]
    return []


def _marks(clauses: list[list[tuple[int, int, str]]], rules: TenseRules, sentence_start: bool) -> list[TenseMark]:
    """Tense marks of a sentence given as clauses of tokens; `sentence_start`: the first token
    opens the sentence (a capitalised bare stem or participle there is a verb)."""
    first_token = next((t for clause in clauses for t in clause if t[2]), None) if sentence_start else None
    lowered = [[token[2].lower() for token in clause] for clause in clauses]
    # does each clause have an auxiliary (perfect, pluperfect or passive)?
    has_auxiliary = [not rules.all_auxiliaries.isdisjoint(words) for words in lowered]
    marks: set[TenseMark] = set()
    for i, clause in enumerate(clauses):
        found = _perfect(clause, rules, first_token) if has_auxiliary[i] else []
        # an auxiliary whose participle comes after an enumeration ("hat Philosophie,
        # Germanistik und Theologie studiert") pairs with the participle that ends one of the
        # next clauses without an auxiliary of its own
        for extra in range(1, MAX_ENUMERATION + 1):
            if found or i + extra >= len(clauses) or not has_auxiliary[i]:
                break
            if has_auxiliary[i + extra]:
                continue  # that clause's participle is its own ("..., die gekommen sein könnten,")
            merged = clause + [GAP] + [t for later in clauses[i + 1:i + 1 + extra] for t in later]
            found = _perfect(merged, rules, first_token, auxiliaries_within=len(clause))
        marks.update(found)
    taken = {(m.start, m.end) for m in marks}
    previous = ""
    shapes, no_verb_after = rules.shapes, rules.no_verb_after
    for clause, words, auxiliary in zip(clauses, lowered, has_auxiliary):
        # in a clause with an auxiliary, a word shaped like a participle is one ("wird ... verschoben");
        # so is one right before a passive infinitive ("soll ... vollzogen werden")
        for index, token in enumerate(clause):
            word = token[2]
            if word:
                # `_is_preterite` unrolled: this runs for every word of every sentence read,
                # and most words are remembered as no verb (shape False) at the first lookup
                first = token == first_token
                shape = shapes.get((word, first))
                if shape is None:
                    shape = _shape(word, first, rules)
                if shape is not False and (shape is True or previous not in no_verb_after) \
                        and (token[0], token[1]) not in taken \
                        and not (auxiliary and rules.participle.search(words[index])) \
                        and not (auxiliary and index + 1 < len(words) and words[index + 1] in rules.passive_infinitives):
                    marks.add(TenseMark(token[0], token[1], PRETERITE))
            previous = words[index]
    # ties (one participle closing two auxiliaries) in a fixed order, not the set's (which follows
    # string hashes, different in every process)
    return sorted(marks, key=lambda m: (m.start, m.end, m.kind))


def _split_clauses(text: str, start: int, end: int, rules: TenseRules) -> list[tuple[int, int]]:
    spans, left = [], start
    for match in rules.clause_end.finditer(text, start, end):
        spans.append((left, match.start()))
        left = match.end()
    spans.append((left, end))
    return spans


# --- view 1: the marks of a sentence (event finder) ----------------------------------------

def tense_marks(text: str, rules: TenseRules, source: str | None = None, offset: int = 0) -> list[TenseMark]:
    """The past-tense marks of the sentence `text` (spans into it), in text order.

    `source`, if given, is the whole text the sentence was cut from at `offset`
    (`source[offset:offset + len(text)] == text`): the sentence's words are then sliced from
    the source's view (textview.py, found once per text and shared with the tagger) instead
    of being found again, a third of the cost here. They are the same words: `\\w+` reads no
    context, and the clauses are still split in the sentence itself.
    """
    spans = _split_clauses(text, 0, len(text), rules)
    if source is None:
        return _marks([_tokens(text, a, b) for a, b in spans], rules, sentence_start=True)
    view = view_of(source, WORD, rules.sentence_end)
    marks = _marks([view.words(offset + a, offset + b) for a, b in spans], rules, sentence_start=True)
    return [TenseMark(m.start - offset, m.end - offset, m.kind) for m in marks]


def is_past(text: str, rules: TenseRules) -> bool:
    return bool(tense_marks(text, rules))


# --- view 2: the tense of the clause around an expression (tagger) -------------------------

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


def sentence_bounds(text: str, start: int, end: int, rules: TenseRules) -> tuple[int, int]:
    """The sentence around text[start:end], as the tagger's window sees it (the same bounds
    as `_bounds`, the start found in the text's view instead of by a scan per call)."""
    view = view_of(text, WORD, rules.sentence_end)
    lo = max(0, start - WINDOW)
    left = view.sentence_start(lo, start)
    if left is None:
        return _bounds(text, start, end, rules.sentence_end)
    stop = min(len(text), end + WINDOW)
    found = view.sentence_end_after(end, stop)
    if found is None:
        m = rules.sentence_end.search(text, end, stop)
        found = m.start() if m else -1
    return left, (found + 1 if found >= 0 else stop)


def _capped(view, s_left: int, s_right: int, start: int, end: int) -> tuple[int, int, bool]:
    """The sentence window cut to REACH_WORDS words on each side of the expression (a sentence
    as long as a page gives its clause no better tense than its nearest words do); whether
    the left side was cut."""
    first = view.word_index(s_left)
    before = view.word_index(start) - first
    cut_left = before > REACH_WORDS
    if cut_left:
        s_left = view.tokens[first + before - REACH_WORDS][0]
    after = view.word_index(end)
    if after + REACH_WORDS < len(view.tokens) and view.tokens[after + REACH_WORDS][0] < s_right:
        s_right = view.tokens[after + REACH_WORDS][0]
    return s_left, s_right, cut_left


def _direction(clauses: list[list[tuple[int, int, str]]], rules: TenseRules, sentence_start: bool) -> str | None:
    words = {w.lower() for clause in clauses for _, _, w in clause}
    marks = _marks(clauses, rules, sentence_start)
    if words & rules.past_words or any(m.kind != PERFECT for m in marks):
        return PAST
    if words & rules.future_words:
        return FUTURE
    if marks:
        return PAST
    return FUTURE if words & rules.future_attributes else None


def _without(tokens: list[tuple[int, int, str]], start: int, end: int) -> list[tuple[int, int, str]]:
    """`tokens` with those inside [start, end) replaced by one gap."""
    kept = [t for t in tokens if t[1] <= start]
    after = [t for t in tokens if t[0] >= end]
    inside = len(kept) + len(after) < len(tokens)
    return kept + ([GAP] if inside or (kept and after) else []) + after


def _after_since(text: str, start: int, rules: TenseRules) -> bool:
    """Does a "since" preposition (and maybe an article) come right before the expression?"""
    if not rules.since:
        return False
    words = [w.lower() for w in WORD.findall(text[max(0, start - 24):start])[-2:]]
    if words and words[-1] in rules.since_articles:
        words = words[:-1]
    return bool(words) and words[-1] in rules.since and text[start - 1:start].isspace()


def _after_past_word(text: str, start: int, rules: TenseRules) -> bool:
    """Does a `past_before` word ("bereits") stand right before the expression or its
    preposition? Elsewhere in the clause it belongs to another word ("Die Vorstellung am
    6. Mai ist bereits ausverkauft": the sale, not the show, lies back)."""
    if not rules.past_before:
        return False
    words = [w.lower() for w in WORD.findall(text[max(0, start - 24):start])[-2:]]
    if words and words[-1] in rules.past_before_skip:
        words = words[:-1]
    return bool(words) and words[-1] in rules.past_before and text[start - 1:start].isspace()


def clause_tense(text: str, start: int, end: int, rules: TenseRules,
                 whole_sentence: bool = True) -> str | None:
    """"past", "future" or None (present or unknown) for the clause around text[start:end].

    Without a mark in the clause, the sentence decides, unless `whole_sentence` is false.
    """
    if _after_since(text, start, rules) or _after_past_word(text, start, rules):
        return PAST
    view = view_of(text, WORD, rules.sentence_end)
    if view.tense_rules is not rules:
        view.tenses, view.tense_rules = {}, rules
    # the tagger may ask twice for one expression ("heute"): the clause's answer is kept
    found = view.tenses.get((start, end))
    if found is None:
        found = view.tenses[start, end] = _clause_tense(text, start, end, rules, view)
    tense, sentence, cut = found
    if tense is None and whole_sentence and sentence is not None:
        tense = _direction(sentence, rules, sentence_start=not cut)
    return tense


def _clause_tense(text: str, start: int, end: int, rules: TenseRules, view):
    """(the clause's tense, the other clauses of the sentence to read if it has none or None
    where the sentence is that clause, whether the window was cut on the left)."""
    s_left, s_right, cut = _capped(view, *sentence_bounds(text, start, end, rules), start, end)
    c_left, c_right = _bounds(text[s_left:s_right], start - s_left, end - s_left, rules.clause_end)
    # the expression leaves a gap, so that the word before it is not taken for the
    # determiner of the word after it ("Im Oktober präsentierte ...")
    clause = _without(view.words(s_left + c_left, s_left + c_right), start, end)
    tense = _direction([clause], rules, sentence_start=c_left == 0 and not cut)
    if tense is not None:
        return tense, None, cut
    # the other clauses decide, without their verbs of saying (", teilte die Polizei mit")
    spans = _split_clauses(text, s_left, s_right, rules)
    if spans == [(s_left + c_left, s_left + c_right)] and c_left == 0 \
            and rules.reporting.isdisjoint(t[2].lower() for t in clause):
        return tense, None, cut   # the sentence is that clause: it was read already
    return tense, [[t for t in _without(view.words(a, b), start, end) if t[2].lower() not in rules.reporting]
                   for a, b in spans], cut


def sentence_marks(text: str, start: int, end: int, rules: TenseRules) -> list[TenseMark]:
    """The tense marks of the sentence around text[start:end], as far as `clause_tense` reads it."""
    view = view_of(text, WORD, rules.sentence_end)
    s_left, s_right, cut = _capped(view, *sentence_bounds(text, start, end, rules), start, end)
    return _marks([view.words(a, b) for a, b in _split_clauses(text, s_left, s_right, rules)], rules,
                  sentence_start=not cut)


def stretch_tense(text: str, start: int, end: int, rules: TenseRules) -> str | None:
    """The tense the marks in text[start:end] give (a stretch of whole sentences)."""
    view = view_of(text, WORD, rules.sentence_end)
    return _direction([view.words(a, b) for a, b in _split_clauses(text, start, end, rules)],
                      rules, sentence_start=True)
