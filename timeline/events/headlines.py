"""A readable headline for an event: the clause around its focus, shortened at phrase borders.

The focus is the time expression that anchors the event (or the verb that makes it an
event). The headline is the part of the sentence between strong separators (";", ":", a
dash) that holds the focus, or the whole sentence when that part is too short to stand
alone. Longer than `MAX_LENGTH`, it is cut into phrases (at commas and at the phrase
boundaries of the language: conjunctions, prepositions) and the best run of phrases that
holds the focus is kept, with its first phrase in front when there is room; "…" marks
every cut. A headline never breaks a word and never ends in sentence punctuation.
"""
from __future__ import annotations

import re

from timeline.events.cues import EventRules

MAX_LENGTH = 120
MIN_SEGMENT_WORDS = 5
ELLIPSIS = "…"
_TRAILING = re.compile(r"[\s.!?…;:,]+$")
_FINAL = re.compile(r"(?<!…)[\s.!?;:,]+$")


def make_headline(sentence: str, focus: tuple[int, int] | None, rules: EventRules,
                  max_length: int = MAX_LENGTH, own_clause: bool = False) -> str:
    """Headline for `sentence`; `focus` is a (start, end) span in `sentence` to keep, if any.

    `own_clause`: the focus is a time expression, so clauses after the one holding it are
    dropped first (for a reporting verb, the clause after it is what was said: kept).
    """
    focus = focus or (0, 0)
    start, end = _segment(sentence, focus, rules)
    chunks, clause_starts = _chunks(sentence, start, end, rules)
    text = _FINAL.sub("", _fit(sentence, chunks, clause_starts, focus, max_length, 60 if own_clause else 0).strip())
    return text[:1].upper() + text[1:] if text else text


def _segment(sentence: str, focus: tuple[int, int], rules: EventRules) -> tuple[int, int]:
    bounds = [0]
    for match in rules.clauses.strong_separators.finditer(sentence):
        bounds += [match.start(), match.end()]
    bounds.append(len(sentence))
    for seg_start, seg_end in zip(bounds[::2], bounds[1::2]):
        if seg_start <= focus[0] <= seg_end:
            if len(sentence[seg_start:seg_end].split()) >= MIN_SEGMENT_WORDS:
                return seg_start, seg_end
            break
    return 0, len(sentence)


def _chunks(sentence: str, start: int, end: int, rules: EventRules):
    """Contiguous (start, end) spans covering sentence[start:end], cut at phrase borders,
    and the set of chunk starts that begin a new clause (after a comma)."""
    segment = sentence[start:end]
    clause_starts = {start + m.end() for m in rules.clauses.separators.finditer(segment)}
    cuts = {start, end} | clause_starts
    cuts |= {start + m.end() for m in rules.clauses.phrase_boundaries.finditer(segment)}
    points = sorted(cuts)
    chunks = [(a, b) for a, b in zip(points, points[1:]) if sentence[a:b].strip()]
    return chunks, clause_starts


def _fit(sentence: str, chunks: list[tuple[int, int]], clause_starts: set[int],
         focus: tuple[int, int], max_length: int, later_clause_cost: int) -> str:
    whole = sentence[chunks[0][0]:chunks[-1][1]] if chunks else sentence
    if len(whole.strip()) <= max_length or not chunks:
        return whole if len(whole.strip()) <= max_length else _words(whole, max_length)
    k = next((i for i, (a, b) in enumerate(chunks) if a <= focus[0] < b), 0)
    best, best_score = None, -1
    for i in range(k + 1):
        for j in range(k, len(chunks)):
            for with_head in ((False, True) if i > 1 else (False,)):
                text = _render(sentence, chunks, i, j, with_head)
                if len(text) > max_length:
                    continue
                # the focus with its neighbouring phrases first, then length, then the start;
                # clauses after the focus's own clause are the least wanted
                ends_clause = k == len(chunks) - 1 or chunks[k + 1][0] in clause_starts
                later_clauses = sum(1 for n in range(k + 1, j + 1) if chunks[n][0] in clause_starts)
                score = (40 * (i < k or k == 0) + 40 * (j > k or ends_clause)
                         + len(text) + 15 * (i == 0 or with_head) - later_clause_cost * later_clauses)
                if score > best_score:
                    best, best_score = text, score
    if best is not None:
        return best
    a, b = chunks[k]
    return _words(sentence[a:b], max_length, sentence[a:b].find(sentence[focus[0]:focus[1]]))


def _render(sentence: str, chunks, i: int, j: int, with_head: bool) -> str:
    run = _clean(sentence[chunks[i][0]:chunks[j][1]])
    if with_head:
        run = _clean(sentence[chunks[0][0]:chunks[0][1]]) + f" {ELLIPSIS} " + run
    elif i > 0:
        run = f"{ELLIPSIS} " + run
    if j < len(chunks) - 1:
        run += f" {ELLIPSIS}"
    return run


def _clean(text: str) -> str:
    return _TRAILING.sub("", text.strip())


def _words(text: str, max_length: int, keep_at: int = 0) -> str:
    """Cut `text` at word borders to at most `max_length` characters around `keep_at`."""
    words = list(re.finditer(r"\S+", text))
    if not words:
        return ""
    centre = max(0, next((n for n, w in enumerate(words) if w.end() > keep_at), 0))
    lo = hi = centre
    def render(lo, hi):
        out = text[words[lo].start():words[hi].end()]
        return (f"{ELLIPSIS} " if lo > 0 else "") + out + (f" {ELLIPSIS}" if hi < len(words) - 1 else "")
    while True:
        grown = False
        if hi + 1 < len(words) and len(render(lo, hi + 1)) <= max_length:
            hi += 1
            grown = True
        if lo > 0 and len(render(lo - 1, hi)) <= max_length:
            lo -= 1
            grown = True
        if not grown:
            return render(lo, hi) if len(render(lo, hi)) <= max_length else words[centre].group(0)[:max_length]
