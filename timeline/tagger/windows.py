"""Scan a rule only in windows of the text around its required words, with the same matches.

Running a rule's regex over a whole text costs time at every position, even where nothing
matches. Every match of a rule with required words (prefilter.py) holds one of them, read at or
after the match's start (a lookahead's words too, never a lookbehind's), and no attempt, failed
or not, reads further than the rule's *reach* from where it starts: a fixed number of
characters plus, for each character class repeated without bound (`\\s+`), the longest run of
that class in the text. So a match begins at most `before` characters before an occurrence
`o` of a word (the reach, or a closer bound read from the pattern: `before_of`, e.g. the day
and weekday before a month name), and not after `o`'s first character.

Windows: the places [o - before, o] for every occurrence (the caller looks for the words in
`text.lower()`, only where that has the offsets of `text`), merged into zones. Every match
of the whole-text scan begins in a zone; positions outside the zones begin none, so the
whole scan fails there, and skipping them changes nothing. A zone is scanned with
`finditer(text, start, end + reach)`: every attempt that starts inside it reads less than
`reach` beyond its start, so the end of the scanned string (`endpos`) changes none of them,
and lookbehind and `\\b` see the text before `pos`, as in the whole scan. The first match
beginning past the zone's end is dropped (the scan of the next zone finds it). A match may end
past its zone (zones end at an occurrence's first character): as the whole scan does, the
next zone is then scanned from the match's end only. Hence the same matches, once each.
Scanning more places than these loses nothing either, so zones closer than a reach merge.

The reach is read from the parsed pattern (`re._parser`, internal to CPython); a back-reference
reaches no further than its group; a group repeated without bound whose every round consumes
one of some words no further than one round more than the text holds occurrences of them
(`_rounds`). When it cannot tell (another unbounded repeat of more than one character, a
forward reference), the rule is scanned whole. So is a text where the zones
would try more positions than a whole scan.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from timeline.tagger.prefilter import parse_tree, sequence_words

try:  # CPython 3.11+
    from re import _constants as C, _parser as P
except ImportError:  # pragma: no cover - other interpreters
    C = P = None

MEASURED = (r"[\s]", r"[\d]")   # classes whose longest run is measured exactly (a fast scan)
UNSPACED = ("unspaced",)   # the key of the longest stretch without whitespace
SLACK = 2            # characters read past the last one consumed (a repeat's stop, `\b`, `$`)
MOST_COVERED = 1.0   # windows trying more of the text's positions than this: scan it whole


LOWERED = ("lowered",)     # the key of the lowered text, where `longest` has it (matcher.py)


@dataclass(frozen=True)
class Reach:
    """At most `fixed` + sum(times * longest run of `cls` in the text) characters, plus, for each
    of `rounds`, times * (occurrences of its words in the lowered text + 1) * what one round of
    a repeated group reaches (a group every round of which holds one of the words: `_rounds`)."""
    fixed: int
    runs: tuple[tuple[str, int, int], ...]   # (character class source, its flags, times)
    # a class not in MEASURED matches no whitespace: its runs are bounded by the longest
    # stretch without whitespace, cheaper to find than the runs of a class with letters
    rounds: tuple[tuple[tuple[str, ...], int, "Reach"], ...] = ()   # (words, times, one round)

    def in_text(self, text: str, longest: dict) -> int:
        total = self.fixed + SLACK
        for cls, flags, times in self.runs:
            key = (cls, flags) if cls in MEASURED else UNSPACED
            if key not in longest:
                longest[key] = longest_unspaced(text) if key is UNSPACED else longest_run(text, cls, flags)
            total += times * longest[key]
        for words, times, one in self.rounds:
            if words not in longest:
                lowered = longest.get(LOWERED)
                lowered = longest[LOWERED] = text.lower() if lowered is None else lowered
                longest[words] = sum(map(lowered.count, words))
            total += times * (longest[words] + 1) * (one.in_text(text, longest) - SLACK)
        return total


_CATEGORIES = {} if C is None else {
    C.CATEGORY_DIGIT: r"\d", C.CATEGORY_NOT_DIGIT: r"\D", C.CATEGORY_SPACE: r"\s",
    C.CATEGORY_NOT_SPACE: r"\S", C.CATEGORY_WORD: r"\w", C.CATEGORY_NOT_WORD: r"\W"}
_CASELESS = re.compile(r"\[(?:\\[dswDSW])+\]")   # classes of \d \s \w only: no case to ignore
_REPEATS = () if C is None else tuple(
    op for op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)) if op is not None)


def _class_source(op, av) -> str | None:
    """A one-character item as a regex of its own (to measure runs of it), or None."""
    if op is C.LITERAL:
        return re.escape(chr(av))
    if op is C.NOT_LITERAL:
        return "[^" + re.escape(chr(av)) + "]"
    if op is C.ANY:
        return "."
    if op is not C.IN:
        return None
    parts = []
    for in_op, in_av in av:
        if in_op is C.NEGATE and not parts:
            parts.append("^")
        elif in_op is C.LITERAL:
            parts.append(re.escape(chr(in_av)))
        elif in_op is C.RANGE:
            parts.append(re.escape(chr(in_av[0])) + "-" + re.escape(chr(in_av[1])))
        elif in_op is C.CATEGORY and in_av in _CATEGORIES:
            parts.append(_CATEGORIES[in_av])
        else:
            return None
    return "[" + "".join(parts) + "]"


def _add(a: tuple[int, dict], b: tuple[int, dict], times: int = 1) -> tuple[int, dict]:
    runs = dict(a[1])
    for key, n in b[1].items():
        runs[key] = runs.get(key, 0) + n * times
    return a[0] + b[0] * times, runs


def _bound(items, flags: int, groups: dict | None = None) -> tuple[int, dict] | None:
    """(fixed, {(class, flags): times}) bounding what a sequence consumes or looks at.
    `groups`: the bounds of the groups met so far, by number (for back-references)."""
    groups = {} if groups is None else groups
    total: tuple[int, dict] = (0, {})
    for op, av in items:
        part = _item_bound(op, av, flags, groups)
        if part is None:
            return None
        total = _add(total, part)
    return total


def _item_bound(op, av, flags: int, groups: dict) -> tuple[int, dict] | None:
    if op in (C.LITERAL, C.NOT_LITERAL, C.IN, C.ANY, C.AT):
        return 1, {}   # AT (`\b`, `$`) consumes nothing but looks at a character
    if op is C.SUBPATTERN:
        group, add_flags, del_flags, sub = av
        part = _bound(sub, (flags | add_flags) & ~del_flags, groups)
        if group is not None and part is not None:
            groups[group] = part
        return part
    if op is C.GROUPREF:   # matches what its group matched, character for character
        return groups.get(av)
    if op in (C.ASSERT, C.ASSERT_NOT):
        return _bound(av[1], flags, groups)   # counted as if consumed: a safe overestimate
    if op is getattr(C, "ATOMIC_GROUP", None):
        return _bound(av, flags, groups)
    if op is C.BRANCH:
        return _widest(_bound(branch, flags, groups) for branch in av[1])
    if op in _REPEATS:
        low, high, sub = av
        if high != C.MAXREPEAT:
            part = _bound(sub, flags, groups)
            return None if part is None else _add((0, {}), part, high)
        if len(sub) == 1:
            cls = _class_source(*sub[0])
            if cls is not None and (cls in MEASURED or not _matches_whitespace(cls, flags)):
                if _CASELESS.fullmatch(cls):   # the same runs ignoring case or not: measure once
                    flags &= ~re.IGNORECASE
                return 0, {(cls, flags): 1}
        return _rounds(sub, flags)
    return None


def _rounds(sub, flags: int) -> tuple[int, dict] | None:
    """A bound of a group repeated without bound, every round of which consumes one of some
    words (`knapp\\s+|gut\\s+`), or None. Rounds consume text one after the other, so each
    holds its own occurrence of a word: there are no more rounds than occurrences in the text
    (str.count counts the most that do not overlap, for each word). The repeat reads those
    rounds and the start of one more that fails: (occurrences + 1) * what one round reaches.
    Only for groups that look at nothing around what they consume (no lookaround, `\\b`, `^`,
    back-reference) and whose words are Latin-1 (found in the lowered text, prefilter.py)."""
    if not _consumes_only(sub):
        return None
    words = sequence_words(sub)
    if not words or any(max(map(ord, word)) > 0xFF for word in words):
        return None
    one = _bound(sub, flags, {})
    if one is None or any(key[0] == "rounds" for key in one[1]):
        return None   # rounds within rounds: not bounded here
    key = ("rounds", tuple(sorted({word.lower() for word in words})), one[0], _runs_of(one[1]))
    return 0, {key: 1}


def _consumes_only(items) -> bool:
    for op, av in items:
        if op in (C.LITERAL, C.NOT_LITERAL, C.IN, C.ANY):
            continue
        if op is C.SUBPATTERN:
            if not _consumes_only(av[3]):
                return False
        elif op is C.BRANCH:
            if not all(_consumes_only(branch) for branch in av[1]):
                return False
        elif op in _REPEATS:
            if not _consumes_only(av[2]):
                return False
        else:
            return False
    return True


def _runs_of(runs: dict) -> tuple:
    return tuple((cls, fl, n) for (cls, fl), n in sorted(runs.items()))


def _as_reach(bound: tuple[int, dict]) -> Reach:
    fixed, terms = bound
    runs = {key: n for key, n in terms.items() if key[0] != "rounds"}
    rounds = tuple((key[1], n, Reach(key[2], key[3])) for key, n in sorted(terms.items()) if key[0] == "rounds")
    return Reach(fixed, _runs_of(runs), rounds)


def reach_of(source: str, flags: int) -> Reach | None:
    """How far from where it starts a match of `source` can reach, or None if unbounded."""
    if P is None:
        return None
    try:
        bound = _bound(P.parse(source, flags), flags)
    except Exception:  # noqa: BLE001 - an optimization only; never fail compiling a rule
        return None
    return None if bound is None else _as_reach(bound)


def before_of(source: str, flags: int, words: frozenset[str]) -> Reach | None:
    """How far before an occurrence of one of `words` (lower case, as `windows` finds them in
    the lowered text) a match of `source` can begin, or None if it cannot tell.

    Read from the first mandatory item of the pattern that holds one of the words (a literal
    run that contains one, a group, every branch of an alternation, a repeat's first round, a
    lookahead, a digit class for the digits): every match holds an occurrence there, no
    farther from its start than what the items before can consume (`_bound`). `windows` looks
    for the words that contain no other (matcher.shortest_words): one of those lies inside the
    occurrence, at most the difference of their lengths later, which is added."""
    if P is None:
        return None
    try:
        offset = _offset(parse_tree(source, flags), flags, words)   # the tree prefilter read
    except Exception:  # noqa: BLE001 - an optimization only; never fail compiling a rule
        return None
    if offset is None:
        return None
    shortest = [w for w in words if not any(o != w and o in w for o in words)]
    slack = max(len(w) - min(len(s) for s in shortest if s in w) for w in words)
    return _as_reach((offset[0] + slack, offset[1]))


def _offset(items, flags: int, words: frozenset[str]) -> tuple[int, dict] | None:
    """(fixed, runs) bounding the distance from a sequence's start to an occurrence of one of
    `words` that every match of the sequence holds, or None."""
    items = list(items)
    index = 0
    while index < len(items):
        op, av = items[index]
        if op is C.LITERAL:   # a run of literals: the text holds it as it stands, lowered
            end = index
            while end < len(items) and items[end][0] is C.LITERAL:
                end += 1
            run = "".join(chr(code) for _, code in items[index:end]).lower()
            found = [run.find(w) for w in words if w in run]
            if found:
                inner: tuple[int, dict] | None = (min(found), {})
            else:
                index = end
                continue
        else:
            inner = _item_offset(op, av, flags, words)
        if inner is not None:
            before = _bound(items[:index], flags)
            return None if before is None else _add(before, inner)
        index += 1
    return None


def _widest(parts) -> tuple[int, dict] | None:
    """The bound of a branch: each alternative's largest fixed part and runs, None if one is unbounded."""
    fixed, runs = 0, {}
    for part in parts:
        if part is None:
            return None
        fixed = max(fixed, part[0])
        for key, n in part[1].items():
            runs[key] = max(runs.get(key, 0), n)
    return fixed, runs


def _item_offset(op, av, flags: int, words: frozenset[str]) -> tuple[int, dict] | None:
    if op is C.SUBPATTERN:
        return _offset(av[3], (flags | av[1]) & ~av[2], words)
    if op in _REPEATS and av[0] >= 1:
        return _offset(av[2], flags, words)   # the first round
    if op is C.ASSERT and av[0] == 1:   # a lookahead reads from where it stands
        return _offset(av[1], flags, words)
    if op is C.BRANCH:
        return _widest(_offset(branch, flags, words) for branch in av[1])
    if op is C.IN and words == DIGIT_WORDS and _only_digits(av):
        return 0, {}
    return None


DIGIT_WORDS = frozenset("0123456789")


def _only_digits(av) -> bool:
    """Does a character class match ASCII digits only (as prefilter takes `\\d`, see there)?"""
    return bool(av) and all((op is C.CATEGORY and arg is C.CATEGORY_DIGIT)
                            or (op is C.RANGE and 48 <= arg[0] <= arg[1] <= 57)
                            or (op is C.LITERAL and 48 <= arg <= 57) for op, arg in av)

# the characters `re` takes for `\s` in a str pattern, which are those of str.isspace()
# (tests/test_tagger_windows.py checks this against all of Unicode)
WHITESPACE = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004" \
             "\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"


def _matches_whitespace(cls: str, flags: int) -> bool:
    return re.search(cls, WHITESPACE, flags) is not None


def longest_unspaced(text: str) -> int:
    """The length of the longest stretch of `text` without whitespace (`str.split`'s, which is
    `re`'s `\\s`): a bound for the runs of any class that matches no whitespace."""
    return max(map(len, text.split()), default=0)


@lru_cache(maxsize=2048)
def _run_regex(cls: str, flags: int, at_least: int) -> re.Pattern:
    return re.compile(f"(?:{cls}){{{at_least},}}", flags)


def longest_run(text: str, cls: str, flags: int) -> int:
    """The length of the longest run of characters matching `cls` in `text`."""
    best, pos = 0, 0
    while True:
        match = _run_regex(cls, flags, best + 1).search(text, pos)
        if match is None:
            return best
        best, pos = match.end() - match.start(), match.end()


def windows(lowered: str, words, before: int, reach: int,
            most_covered: float = MOST_COVERED) -> list[tuple[int, int]] | None:
    """Merged zones [start, end) holding every place where a match can begin: [o - before, o]
    for every occurrence `o` of `words` in `lowered`; or None when scanning them would try more
    than `most_covered` of the text's positions (then a whole scan is as cheap). A scan of a
    zone tries its positions and up to `reach` beyond (`scan`), so zones less than `reach`
    apart are merged: one scan tries no more positions than two."""
    size = len(lowered)
    budget = int(size * most_covered)
    most = budget // (before + reach + 1) + 1   # more occurrences than this may still fit (they overlap)
    starts = []
    for word in words:
        at = lowered.find(word)
        while at >= 0:
            starts.append(at)
            if len(starts) > 8 * most:
                return None
            at = lowered.find(word, at + 1)
    starts.sort()
    merged: list[list[int]] = []
    tried = 0   # positions a scan of the zones tries, at most
    for at in starts:
        start, end = max(0, at - before), at + 1
        if merged and start < merged[-1][1] + reach:
            if end > merged[-1][1]:
                tried += end - merged[-1][1]
                merged[-1][1] = end
        else:
            merged.append([start, end])
            tried += end - start + reach
        if tried > budget:
            return None
    return [(start, end) for start, end in merged]


def scan(regex: re.Pattern, text: str, zones: list[tuple[int, int]], reach: int):
    """The matches of `regex` that a scan of the whole text finds, given the zones of `windows`."""
    size = len(text)
    resume = 0   # where the whole scan goes on after the last match (which may end past its zone)
    for start, end in zones:
        if end <= resume:
            continue
        for match in regex.finditer(text, max(start, resume), min(size, end + reach)):
            if match.start() >= end:
                break
            yield match
            resume = match.end()
