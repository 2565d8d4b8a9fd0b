"""Scan a rule only in windows of the text around its required words, with the same matches.

Running a rule's regex over a whole text costs time at every position, even where nothing
matches. Every match of a rule with required words (prefilter.py) contains one of them, and
no match, nor what the regex reads to decide it, stretches further than the rule's *reach*:
a fixed number of characters plus, for each character class repeated without bound (`\\s+`),
the longest run of that class in the text. So a match lies within `reach` of an occurrence
of a required word, and positions farther from every occurrence start no match.

Windows: around each occurrence `o` of a word, the zone [o - reach, o + len + reach);
overlapping zones merge. The whole-text scan finds no match between zones, so on entering a
zone it is searching afresh, exactly as `finditer(text, zone_start, ...)` does. (The caller
looks for the words in `text.lower()` and only where that has the offsets of `text`.) Within the
zone every attempt reads less than `reach` beyond its start, so ending the scanned string a
reach past the zone's end (`endpos`) changes no attempt that starts inside the zone; a match
starting beyond the zone's end belongs to a later zone and is dropped here. Lookbehind and
`\\b` see the text before `pos`, as in the whole scan. Hence the same matches, once each.

The reach is read from the parsed pattern (`re._parser`, internal to CPython); a back-reference
reaches no further than its group. When it cannot tell (an unbounded repeat of more than one
character, a forward reference), the rule is scanned whole. So is a text where
the windows would cover much of it anyway.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

try:  # CPython 3.11+
    from re import _constants as C, _parser as P
except ImportError:  # pragma: no cover - other interpreters
    C = P = None

MEASURED = (r"[\s]", r"[\d]")   # classes whose longest run is measured exactly (a fast scan)
UNSPACED = ("unspaced",)   # the key of the longest stretch without whitespace
SLACK = 2            # characters read past the last one consumed (a repeat's stop, `\b`, `$`)
MOST_COVERED = 0.5   # windows covering more of the text than this: scan it whole


@dataclass(frozen=True)
class Reach:
    """At most `fixed` + sum(times * longest run of `cls` in the text) characters."""
    fixed: int
    runs: tuple[tuple[str, int, int], ...]   # (character class source, its flags, times)
    # a class not in MEASURED matches no whitespace: its runs are bounded by the longest
    # stretch without whitespace, cheaper to find than the runs of a class with letters

    def in_text(self, text: str, longest: dict) -> int:
        total = self.fixed + SLACK
        for cls, flags, times in self.runs:
            key = (cls, flags) if cls in MEASURED else UNSPACED
            if key not in longest:
                longest[key] = longest_unspaced(text) if key is UNSPACED else longest_run(text, cls, flags)
            total += times * longest[key]
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
        fixed, runs = 0, {}
        for branch in av[1]:
            part = _bound(branch, flags, groups)
            if part is None:
                return None
            fixed = max(fixed, part[0])
            for key, n in part[1].items():
                runs[key] = max(runs.get(key, 0), n)
        return fixed, runs
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
        return None
    return None


def reach_of(source: str, flags: int) -> Reach | None:
    """How far from where it starts a match of `source` can reach, or None if unbounded."""
    if P is None:
        return None
    try:
        bound = _bound(P.parse(source, flags), flags)
    except Exception:  # noqa: BLE001 - an optimization only; never fail compiling a rule
        return None
    if bound is None:
        return None
    fixed, runs = bound
    return Reach(fixed, tuple((cls, fl, n) for (cls, fl), n in sorted(runs.items())))


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


def windows(lowered: str, words, reach: int,
            most_covered: float = MOST_COVERED) -> list[tuple[int, int]] | None:
    """Merged zones [start, end) around every occurrence of `words` in `lowered`, or None when
    they would cover more than `most_covered` of the text (then a whole scan is as cheap)."""
    size = len(lowered)
    budget = int(size * most_covered)
    most = budget // (2 * reach) + 1   # more occurrences than this may still fit (they overlap)
    zones = []
    for word in words:
        at = lowered.find(word)
        while at >= 0:
            zones.append((max(0, at - reach), min(size, at + len(word) + reach)))
            if len(zones) > 8 * most:
                return None
            at = lowered.find(word, at + 1)
    zones.sort()
    merged: list[list[int]] = []
    covered = 0
    for start, end in zones:
        if merged and start < merged[-1][1]:
            if end > merged[-1][1]:
                covered += end - merged[-1][1]
                merged[-1][1] = end
        else:
            merged.append([start, end])
            covered += end - start
        if covered > budget:
            return None
    return [(start, end) for start, end in merged]


def scan(regex: re.Pattern, text: str, zones: list[tuple[int, int]], reach: int):
    """The matches of `regex` that a scan of the whole text finds, given the zones of `windows`."""
    size = len(text)
    for start, end in zones:
        for match in regex.finditer(text, start, min(size, end + reach)):
            if match.start() >= end:
                break
            yield match
