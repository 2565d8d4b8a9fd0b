"""Cheap pre-checks derived from a rule's regular expression, so that fewer rules run.

Python's `re` tries a pattern at every position of the text; a pattern that starts with a
lookbehind and optional groups gets no help from `re`'s own prefix scan.
- `first_chars`: the characters a match can begin with; prefixing the pattern with
  `(?=[...])` lets most positions fail at once.
- `required_words`: strings one of which every match contains (e.g. the month names of a
  date rule); a text that contains none of them is not scanned by that rule at all.
Both read the parsed pattern (`re._parser`, internal to CPython); when they cannot tell, or
that module changes, they give None and the rule runs unfiltered. Tests check that the
pre-checks change no match.

The required words are looked for in `text.lower()`, which finds what `re` finds ignoring
case as long as text and words are Latin-1. `lowered_text_is_faithful` tells when it is not
(a character such as "ſ" or "ı" that `re` takes for "s" or "i"): then the rules run unfiltered.
"""
from __future__ import annotations

import re
from functools import lru_cache

try:  # CPython 3.11+
    from re import _constants as C, _parser as P
except ImportError:  # pragma: no cover - other interpreters
    C = P = None

MAX_SET = 400
DIGITS = "0123456789"   # \d taken as ASCII digits: a rule's numbers are read with int() anyway


def _sequence(items) -> tuple[set[str] | None, bool]:
    """(first characters, can match empty) of a sequence of parsed items."""
    chars: set[str] = set()
    for op, av in items:
        first, nullable = _item(op, av)
        if first is None:
            return None, False
        chars |= first
        if not nullable:
            return chars, False
    return chars, True


def _item(op, av) -> tuple[set[str] | None, bool]:
    if op is C.LITERAL:
        return {chr(av)}, False
    if op is C.IN:
        chars = set()
        for in_op, in_av in av:
            if in_op is C.LITERAL:
                chars.add(chr(in_av))
            elif in_op is C.RANGE and in_av[1] - in_av[0] < MAX_SET:
                chars.update(chr(c) for c in range(in_av[0], in_av[1] + 1))
            elif in_op is C.CATEGORY and in_av is C.CATEGORY_DIGIT:
                chars.update(DIGITS)
            else:
                return None, False
        return chars, False
    if op is C.BRANCH:
        chars, nullable = set(), False
        for branch in av[1]:
            first, empty = _sequence(branch)
            if first is None:
                return None, False
            chars |= first
            nullable = nullable or empty
        return chars, nullable
    if op is C.SUBPATTERN:
        first, empty = _sequence(av[-1])
        if first is not None and av[1] & re.IGNORECASE:   # a scoped (?i:...) group
            first = _both_cases(first)
        return first, empty
    if op in (C.MAX_REPEAT, C.MIN_REPEAT) or op is getattr(C, "POSSESSIVE_REPEAT", None):
        first, empty = _sequence(av[2])
        return first, (av[0] == 0 or empty)
    if op in (C.ASSERT, C.ASSERT_NOT, C.AT):
        return set(), True
    return None, False


def _both_cases(chars: set[str]) -> set[str]:
    return chars | {c.lower() for c in chars} | {c.upper() for c in chars if len(c.upper()) == 1}


@lru_cache(maxsize=256)
def parse_tree(source: str, flags: int):
    """The parse tree of a pattern, shared by both pre-checks (parsing is most of their cost).
    Only read, never changed."""
    return P.parse(source, flags)


def first_chars(source: str, flags: int) -> str | None:
    """A character class matching every possible first character, or None if unknown."""
    if P is None:
        return None
    try:
        chars, nullable = _sequence(parse_tree(source, flags))
    except Exception:  # noqa: BLE001 - an optimization only; never fail compiling a rule
        return None
    if chars is None or nullable or not chars:
        return None
    if flags & re.IGNORECASE:
        chars = _both_cases(chars)
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"


def _literal_prefix(items) -> str:
    """The literal text a sequence of parsed items must begin with ("" if none)."""
    out = []
    for op, av in items:
        if op in (C.ASSERT, C.ASSERT_NOT, C.AT) and not out:
            continue   # zero-width: the literal text starts after it
        if op is C.LITERAL:
            out.append(chr(av))
        elif op is C.SUBPATTERN and not out:
            inner = _literal_prefix(av[-1])
            if not inner:
                break
            out.append(inner)
            # a group may be followed by more literals only if the group is nothing but literals
            if len(inner) != _literal_length(av[-1]):
                break
        else:
            break
    return "".join(out)


def _literal_length(items) -> int:
    return len(items) if all(op is C.LITERAL for op, _ in items) else -1


def _alternatives(op, av) -> set[str] | None:
    """The literal beginnings of a mandatory item: one of them must occur in any match."""
    if op is C.LITERAL:
        return {chr(av)}
    if op is C.IN and av and all(in_op is C.LITERAL for in_op, _ in av):   # a class of characters
        return {chr(c) for _, c in av}   # (single characters: only a `min_length` of 1 keeps them)
    if op is C.BRANCH:
        words = set()
        for branch in av[1]:
            needed = sequence_words(branch)
            if not needed:
                return None
            words |= needed
        return words
    if op is C.SUBPATTERN:
        return sequence_words(av[-1])
    if op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[0] >= 1:
        return sequence_words(av[2])
    if op is C.ASSERT and av[0] == 1:   # a lookahead: what it reads is in the text, within reach
        return sequence_words(av[1])
    return None


def _literal_runs(items):
    """Runs of consecutive literal characters anywhere in a sequence ("Uhr" in `\\d+\\s*Uhr`)."""
    run = []
    for op, av in list(items) + [(None, None)]:
        if op is C.LITERAL:
            run.append(chr(av))
        elif run:
            yield "".join(run)
            run = []


def sequence_words(items) -> set[str] | None:
    """Of the mandatory items of a sequence, the one whose literal alternatives are longest."""
    best, score = None, 0
    for run in _literal_runs(items):
        if len(run) > score:
            best, score = {run}, len(run)
    prefix = _literal_prefix(items)
    if len(prefix) > score:
        best, score = {prefix}, len(prefix)
    for op, av in items:
        options = _alternatives(op, av)
        if options:
            length = min(len(o) for o in options)
            if length > score:
                best, score = options, length
    return best


def required_words(source: str, flags: int, min_length: int = 3) -> frozenset[str] | None:
    """Lower-case strings one of which every match of `source` contains, or None.

    A rule whose words are all absent from a text cannot match it and need not run.
    """
    if P is None:
        return None
    try:
        words = sequence_words(parse_tree(source, flags))
    except Exception:  # noqa: BLE001 - an optimization only; never fail compiling a rule
        return None
    if not words or min(len(w) for w in words) < min_length:
        return None
    # compared with the lower-cased text: a word in the text is in it lower-cased too
    return frozenset(w.lower() for w in words)


_BEYOND_LATIN_1 = re.compile(r"[^\x00-\xff]")
_LATIN_1_IGNORING_CASE = re.compile(r"[\x00-\xff]", re.IGNORECASE)


def more_required_words(source: str, flags: int, min_length: int = 3) -> list[frozenset[str]]:
    """Further sets of lower-case strings, one of each of which every match contains besides
    one of `required_words` (the alternatives of the pattern's other mandatory items: the
    month of "der ... September" besides the article). A text must hold a word of every set;
    a rule is scanned around the set with the fewest words in the text (matcher.py)."""
    if P is None:
        return []
    try:
        items = parse_tree(source, flags)
        best = sequence_words(items)
        found = [options for op, av in items if (options := _alternatives(op, av))]
    except Exception:  # noqa: BLE001 - an optimization only
        return []
    out: list[frozenset[str]] = []
    for options in found:
        words = frozenset(w.lower() for w in options)
        if options != best and min(len(w) for w in options) >= min_length and words not in out:
            out.append(words)
    return out


ASCII_DIGITS = frozenset(DIGITS)   # the "words" of a rule every match of which holds a digit


def needs_a_digit(source: str, flags: int) -> bool:
    """Does every match of `source` contain a digit (a mandatory `\\d`, `[0-9]` or literal
    digit)? Such a rule need only run near the digits of a text: its required words are then
    the ten ASCII digits, valid for texts without other decimal digits (see `other_digits`)."""
    if P is None:
        return False
    try:
        return _sequence_needs_digit(parse_tree(source, flags))
    except Exception:  # noqa: BLE001 - an optimization only
        return False


def _sequence_needs_digit(items) -> bool:
    return any(_item_needs_digit(op, av) for op, av in items)


def _item_needs_digit(op, av) -> bool:
    if op is C.LITERAL:
        return chr(av) in DIGITS
    if op is C.IN:
        return bool(av) and all((in_op is C.CATEGORY and in_av is C.CATEGORY_DIGIT)
                                or (in_op is C.RANGE and chr(in_av[0]) in DIGITS and chr(in_av[1]) in DIGITS)
                                or (in_op is C.LITERAL and chr(in_av) in DIGITS) for in_op, in_av in av)
    if op is C.SUBPATTERN:
        return _sequence_needs_digit(av[-1])
    if op is C.BRANCH:
        return all(_sequence_needs_digit(branch) for branch in av[1])
    if op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[0] >= 1:
        return _sequence_needs_digit(av[2])
    return False


_OTHER_DIGIT = re.compile(r"[^\D0-9]")   # what `\d` matches besides 0-9 (Arabic-Indic, Devanagari ...)


def other_digits(text: str) -> bool:
    """Does `text` hold a decimal digit other than 0-9? Then a `\\d` may match where no ASCII
    digit is, and rules are not skipped or windowed by digits."""
    return _OTHER_DIGIT.search(text) is not None


def latin_1_words(words: frozenset[str] | None) -> frozenset[str] | None:
    """`words` if they can be looked for in lowered text (all Latin-1), else None (no pre-check)."""
    if words is None or any(_BEYOND_LATIN_1.search(w) for w in words):
        return None
    return words


def lowered_text_is_faithful(text: str) -> bool:
    """Does `word in text.lower()` find a Latin-1 word wherever `re` finds it ignoring case?

    Yes for Latin-1 text (its lower() maps one character to one, as `re` does), and for other
    characters unless `re` takes one for a Latin-1 character: "ſ" for "s", "ı" and "İ" for "i".
    """
    odd = _BEYOND_LATIN_1.findall(text)
    return not odd or not any(_passes_for_latin_1(ch) for ch in set(odd))


@lru_cache(maxsize=4096)
def _passes_for_latin_1(ch: str) -> bool:
    return _LATIN_1_IGNORING_CASE.fullmatch(ch) is not None


def anchored_at_start(source: str, flags: int) -> bool:
    """Does every match of `source` begin at the start of the string (a leading `^` or `\\A`,
    without MULTILINE)? Then `search` finds what `match` finds, and `match` tries one place."""
    if P is None:
        return False
    try:
        parsed = parse_tree(source, flags)
        items = list(parsed)
    except Exception:  # noqa: BLE001 - an optimization only
        return False
    return (bool(items) and items[0][0] is C.AT and items[0][1] in (C.AT_BEGINNING, C.AT_BEGINNING_STRING)
            and (items[0][1] is C.AT_BEGINNING_STRING or not parsed.state.flags & re.MULTILINE))


def scan_class(source: str, flags: int) -> str | None:
    """`first_chars` of a pattern that `re` would try at every position of a text: one that
    begins with a word boundary, a lookaround or a repeat. None for a pattern that begins with
    a literal or a class, or with a choice of literals (`re` scans for those itself), or at the
    start of the text (tried there only). `(?=[...])` before such a pattern lets most
    positions fail at once; the matches are the same."""
    if P is None or anchored_at_start(source, flags):
        return None
    try:
        items = list(parse_tree(source, flags))
        while items and items[0][0] is C.SUBPATTERN:
            items = list(items[0][1][-1])
    except Exception:  # noqa: BLE001 - an optimization only
        return None
    if not items or items[0][0] in (C.LITERAL, C.IN) or (items[0][0] is C.BRANCH and all(
            branch and branch[0][0] is C.LITERAL for branch in items[0][1][1])):
        return None
    return first_chars(source, flags)
