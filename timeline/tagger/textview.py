"""A text's words and sentence ends, found once, for the many windows the tagger reads in it.

The tagger asks, for every time expression, for the sentence around it and the words of its
clause (tense.py). Scanning the window again for each expression costs the window's length
per expression: 100 kB of "am Montag " has 10,000 expressions and 800-character windows.
Here the words (`\\w+`) and the sentence ends of the whole text are found once; a window's
words are a slice of them (the words cut by the window's edges cut as `re` cuts them), and
the sentence start before a position is a bisection. Both give what scanning the window
gives: `WORD.finditer(text, a, b)` finds the maximal runs of word characters clipped to
[a, b); the sentence-end pattern's matches that end before a position are those of the whole
text, unless one of those straddles the window's first character (then the window is
scanned as before).

`view_of(text, ...)` keeps the view of the last text per thread, so the tagger's calls on one
text share it and a caller with another text gets its own. The sentence-end pattern is told
apart by identity: tense.py compiles it with `re.compile`, whose cache hands the tagger's and
the event finder's rules one object (a pattern rebuilt from stored code would be another, and
every text's view would be built twice).
"""
from __future__ import annotations

import re
import threading
from bisect import bisect_left, bisect_right
from functools import lru_cache
from itertools import accumulate

from timeline.tagger.prefilter import first_chars
from timeline.tagger.starts import places, tried_at

WORK = {"views": 0, "window_words": 0}   # counters read by the linear-work test (not timed)
_LOCAL = threading.local()


class TextView:
    def __init__(self, text: str, word: re.Pattern, sentence_end: re.Pattern):
        WORK["views"] += 1
        self.text = text
        self.sentence_end = sentence_end
        # `split` on the word pattern as a group gives gaps and words in turn; their running
        # lengths are the words' offsets (a C-level pass instead of a match object per word)
        pieces = _splitter(word).split(text)
        offsets = list(accumulate(map(len, pieces), initial=0))
        self.token_starts = offsets[1::2]
        self.token_ends = offsets[2::2]
        self.tokens = list(zip(self.token_starts, self.token_ends, pieces[1::2]))
        ends = [m.span() for m in _all_matches(sentence_end, text)]
        self.end_starts = [a for a, _ in ends]
        self.end_ends = [b for _, b in ends]
        self.tenses: dict = {}   # clause tenses asked for (tense.clause_tense), by expression ...
        self.tense_rules = None  # ... under these rules

    def words(self, a: int, b: int) -> list[tuple[int, int, str]]:
        """The tokens `WORD.finditer(text, a, b)` finds."""
        i = bisect_right(self.token_ends, a)
        j = bisect_left(self.token_starts, b)
        out = self.tokens[i:j]
        if out and (out[0][0] < a or out[-1][1] > b):
            out = [(max(s, a), min(e, b), self.text[max(s, a):min(e, b)]) for s, e, _ in out]
        WORK["window_words"] += len(out)
        return out

    def word_index(self, pos: int) -> int:
        """The index of the first token that ends after `pos`."""
        return bisect_right(self.token_ends, pos)

    def sentence_start(self, lo: int, start: int) -> int | None:
        """The end of the last sentence end in [lo, start), as scanning from `lo` finds it
        (`lo` if none); None where a sentence end straddles `lo` (the caller scans)."""
        k = bisect_right(self.end_ends, start) - 1
        straddle = bisect_right(self.end_starts, lo) - 1
        if straddle >= 0 and self.end_starts[straddle] < lo < self.end_ends[straddle]:
            return None
        if k >= 0 and self.end_starts[k] >= lo:
            return self.end_ends[k]
        return lo


    def sentence_end_after(self, end: int, stop: int) -> int | None:
        """Where the first sentence end at or after `end` begins, as `search(text, end, stop)`
        finds it (-1 if none); None where a sentence end straddles `end` or the first one
        lies so near `stop` that the window's edge could change it (the caller searches)."""
        k = bisect_left(self.end_starts, end)
        if k > 0 and self.end_ends[k - 1] > end:
            return None
        if k == len(self.end_starts) or self.end_starts[k] >= stop:
            return -1
        if self.end_ends[k] + EDGE >= stop:
            return None
        return self.end_starts[k]


@lru_cache(maxsize=8)
def _splitter(word: re.Pattern) -> re.Pattern:
    """`word` as one capturing group (it has none of its own and never matches empty)."""
    return re.compile(f"({word.pattern})", word.flags)


@lru_cache(maxsize=8)
def _start_finder(regex: re.Pattern) -> re.Pattern | None:
    """The class of the characters every match begins with (prefilter.py), or None."""
    first = first_chars(regex.pattern, regex.flags)
    return None if first is None else re.compile(first, regex.flags)


def _all_matches(regex: re.Pattern, text: str):
    """`regex.finditer(text)`, tried only where a match can begin when those places are few
    (starts.py): the sentence-end pattern opens with lookbehinds, which `re` would try at
    every character."""
    finder = _start_finder(regex)
    starts = None if finder is None else places(finder, text)
    return regex.finditer(text) if starts is None else tried_at(regex, text, starts)


EDGE = 4   # characters a sentence end's lookahead may read past its match


def view_of(text: str, word: re.Pattern, sentence_end: re.Pattern) -> TextView:
    view = getattr(_LOCAL, "view", None)
    if view is None or view.text is not text or view.sentence_end is not sentence_end:
        view = _LOCAL.view = TextView(text, word, sentence_end)
    return view
