"""Which of the rules' words a lowered text holds, found with fewer searches than one per word.

`words_present(lowered, vocabulary)` is the set of the words of `vocabulary` that occur in
`lowered` (`word in lowered`). Many of the words contain others ("jahren" contains "jahr"),
and a word occurs only where each word inside it does. So the words that contain no other
(the roots) are looked for first; a word is then looked for only if every root inside it
occurred, since one absent root inside it means it is absent too. Every word that contains
another contains a root (the shortest word inside it), so this skips exactly the words with an
absent word inside them, and finds the same set with fewer searches of the text.
"""
from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate


@lru_cache(maxsize=16)
def _plan(vocabulary: frozenset[str]) -> tuple[tuple[str, ...], tuple[tuple[str, frozenset[str]], ...]]:
    """The roots of `vocabulary` (words containing no other), and each other word with the
    roots inside it. Which words lie inside which is read off one string of all the words,
    one per line (a search per word instead of one per pair of words)."""
    ordered = sorted(vocabulary)
    if any(not w or "\n" in w for w in ordered):   # no such word in the rules; then no shortcut
        return tuple(ordered), ()
    joined = "\n".join(ordered)
    starts = list(accumulate((len(w) + 1 for w in ordered[:-1]), initial=0))
    inside: dict[str, set[str]] = {w: set() for w in ordered}
    for word in ordered:
        at = joined.find(word)
        while at >= 0:   # an occurrence lies within one line: no word holds the separator
            holder = ordered[bisect_right(starts, at) - 1]
            if holder != word:
                inside[holder].add(word)
            at = joined.find(word, at + 1)
    roots = frozenset(w for w in ordered if not inside[w])
    return tuple(sorted(roots)), tuple((w, roots.intersection(inside[w])) for w in ordered if inside[w])


def words_present(lowered: str, vocabulary: frozenset[str]) -> frozenset[str]:
    """The words of `vocabulary` that occur in `lowered`: `{w for w in vocabulary if w in lowered}`."""
    roots, others = _plan(vocabulary)
    found = set(filter(lowered.__contains__, roots))
    return frozenset(found.union(filter(lowered.__contains__, [w for w, need in others if need <= found])))
