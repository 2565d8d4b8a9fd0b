"""The characters a regular expression's match can begin with, for a cheap pre-check.

Python's `re` tries a pattern at every position of the text; a pattern that starts with a
lookbehind and optional groups gets no help from `re`'s own prefix scan. Prefixing it with
`(?=[...])` of its possible first characters lets most positions fail at once (about a third
faster over the rule set). The analysis reads the parsed pattern (`re._parser`, internal to
CPython); when it cannot tell, or that module changes, it gives None and nothing is added.
"""
from __future__ import annotations

import re

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


def first_chars(source: str, flags: int) -> str | None:
    """A character class matching every possible first character, or None if unknown."""
    if P is None:
        return None
    try:
        chars, nullable = _sequence(P.parse(source, flags))
    except Exception:  # noqa: BLE001 - an optimization only; never fail compiling a rule
        return None
    if chars is None or nullable or not chars:
        return None
    if flags & re.IGNORECASE:
        chars = _both_cases(chars)
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"
