"""The lower-cased text the matcher's pre-checks read, and the rules' words in it, found cheaply.

`lower(text)` is `text.lower()`. For a text of Latin-1 characters only, `str.lower` maps
each character on its own (the one context rule, the Greek final sigma, concerns a character
beyond Latin-1), and the lower case of every Latin-1 character is one Latin-1 character (the
table below is built from `str.lower` itself, and refuses any other). So the text's Latin-1
bytes mapped through that table and decoded again are `text.lower()`, at the cost of a byte
table lookup per character instead of Unicode's case mapping. Other texts are lowered as before.

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


def _lower_table() -> bytes:
    table = [chr(code).lower() for code in range(256)]
    if any(len(ch) != 1 or ord(ch) > 255 for ch in table):   # not so in any Unicode version yet
        raise ValueError("a Latin-1 character lowers to something else")
    return bytes(ord(ch) for ch in table)


try:
    LATIN_1_LOWER: bytes | None = _lower_table()
except ValueError:  # pragma: no cover - then every text is lowered by str.lower
    LATIN_1_LOWER = None


def lower(text: str) -> str:
    """`text.lower()`."""
    if LATIN_1_LOWER is None or text.isascii():
        return text.lower()
    try:
        encoded = text.encode("latin-1")
    except UnicodeEncodeError:
        return text.lower()
    return encoded.translate(LATIN_1_LOWER).decode("latin-1")


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
