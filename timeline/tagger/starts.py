"""Try a rule only where a match can begin, when those places are few and cheap to find.

Every rule's regex begins `(?=[first])(?<![\\w])` (patterns.py): a match begins at a
character of its first-character class that no word character precedes. Python's `re`
cannot skip ahead on a pattern that begins with lookarounds, so a scan of the whole text
tries the rule at every position. When the class has no letters (digits, "+"), one scan
with the class up front (which `re` skips ahead on) finds the places, shared by the rules
with that class, and the rule is tried at each of them with `regex.match`.

The same matches as `finditer`: that tries every position from the end of its last match
on, and every position but these fails at once; a match is never empty (a pattern that can
match empty has no first-character class), so the next try is at or after its end.
"""
from __future__ import annotations

import re

SPARSE = 24   # at most one place per this many characters, or the whole scan is as cheap


def start_finder(first: str | None, flags: int) -> re.Pattern | None:
    """A regex finding where a match can begin, for a first-character class without letters."""
    if first is None or any(ch.isalpha() for ch in re.sub(r"\\(.)", r"\1", first[1:-1])):
        return None
    # the class first, then the lookbehind `(?<![\w])` of the position before it
    return re.compile(first + r"(?<![\w](?s:.))", flags)


def places(finder: re.Pattern, text: str) -> list[int] | None:
    """Where a match can begin, or None when there are too many to try one by one."""
    found = [match.start() for match in finder.finditer(text)]
    return found if len(found) * SPARSE <= len(text) else None


def tried_at(regex: re.Pattern, text: str, starts: list[int]):
    """The matches `regex.finditer(text)` finds, given every place where one can begin."""
    resume = 0
    for start in starts:
        if start < resume:
            continue
        match = regex.match(text, start)
        if match is not None:
            yield match
            resume = match.end()
