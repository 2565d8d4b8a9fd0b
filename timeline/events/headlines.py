"""A readable headline for an event: the clause that holds its focus, as a reader reads it alone.

The focus is the time expression that anchors the event (or the verb that makes it an
event). The headline is built in four steps, each linear in the sentence:

1. the segment between strong separators (";", ":", a dash) that holds the focus, unless it
   is too short to stand alone (then the whole sentence);
2. the comma clause that holds the focus, grown by its neighbours (the following clause
   first: after a verb of saying it is what was said) until it has `MIN_WORDS` words, as
   long as it stays within `MAX_WORDS`;
3. a clause that goes on after a relative clause gets its subject back ("Die Gemeinde, die
   wartet, erhielt am Freitag ..." -> "Die Gemeinde erhielt am Freitag ..."); a clause opened by a subordinating conjunction and closed by its finite verb ("weil die
   Stadt im Mai die Brücke gesperrt hatte") is put in main-clause order ("Die Stadt hatte im
   Mai die Brücke gesperrt"): the language's [headlines] data says which words those are;
4. a run longer than `MAX_WORDS` words (or `max_length` characters) is cut to a window of
   words around the focus that starts at the clause's start or at a phrase boundary, and
   does not end in a word that needs a continuation (an article, a preposition).

A headline never holds an ellipsis, never breaks a word (unless one word alone is longer
than `max_length`), never ends in sentence punctuation and is made of the sentence's words.
"""
from __future__ import annotations

import re

from timeline.events.cues import EventRules

MAX_LENGTH = 120
MAX_WORDS = 14
MIN_WORDS = 5
MIN_SEGMENT_WORDS = 4
_WORD = re.compile(r"\S+")
_EDGE_PUNCT = ".!?…;:,"
_QUOTES = "\"'„“”»«‚‘’"
_LETTERS = re.compile(r"\w+")


def make_headline(sentence: str, focus: tuple[int, int] | None, rules: EventRules,
                  max_length: int = MAX_LENGTH, own_clause: bool = False) -> str:
    """Headline for `sentence`; `focus` is a (start, end) span in `sentence` to keep, if any.

    `own_clause`: the focus is a time expression, so the clause holding it is grown to the
    left before the right (for a reporting verb, the clause after it is what was said).
    """
    focus = focus or (0, 0)
    seg_start, seg_end = _segment(sentence, focus, rules)
    clauses = _clauses(sentence, seg_start, seg_end, rules)
    if not clauses:
        return ""
    k = next((n for n, (a, b) in enumerate(clauses) if focus[0] < b), len(clauses) - 1)
    # a clause's words: its runs of non-blanks (what `_WORD` finds; `str.split` takes the same
    # blanks), counted for the other clauses only where the clause is too short alone
    lo = hi = k
    total = len(sentence[clauses[k][0]:clauses[k][1]].split())
    counts = [len(sentence[a:b].split()) for a, b in clauses] if total < MIN_WORDS else []
    while total < MIN_WORDS:
        right = hi + 1 < len(clauses) and total + counts[hi + 1] <= MAX_WORDS
        left = lo > 0 and total + counts[lo - 1] <= MAX_WORDS
        if right and (not own_clause or not left):
            hi += 1
            total += counts[hi]
        elif left:
            lo -= 1
            total += counts[lo]
        else:
            break
    start, end = clauses[lo][0], clauses[hi][1]
    texts, at = words_and_focus(sentence, start, end, focus[0])
    if lo == hi and k >= 2 and texts and texts[0][:1].islower() \
            and _bare(sentence[clauses[k - 1][0]:clauses[k - 1][1]].split()[0]) in rules.headlines.relatives:
        # "Die Gemeinde, die seit Jahren wartet, erhielt am Freitag ...": the subject before the
        # relative clause belongs to the clause that goes on after it
        subject = sentence[clauses[k - 2][0]:clauses[k - 2][1]].split()
        if len(subject) + len(texts) <= MAX_WORDS:
            texts, at = subject + texts, at + len(subject)
    elif lo == hi:
        texts, at = _main_order(texts, at, rules)
    texts = _window(texts, at, rules, max_length)
    if len(texts) > 3 and _bare(texts[0]) in rules.headlines.coordinators:
        texts = texts[1:]   # "sowie die Grundakte ... betont" -> "Die Grundakte ... betont"
    return _finish(texts, max_length)


def words_and_focus(sentence: str, start: int, end: int, focus: int) -> tuple[list[str], int]:
    """The words of sentence[start:end] (`_WORD`'s matches there) and the index of the first
    that ends after `focus` (0 if none does), from `str.split` (which takes the blanks `\\S`
    leaves out): the words before `focus` are those of the text up to it, less one cut by it."""
    end = min(end, len(sentence))
    texts = sentence[start:end].split()
    if focus < start or focus >= end:
        return texts, 0   # the first word ends after it, or none does
    before = sentence[start:focus]
    at = len(before.split())
    if at and not before[-1].isspace() and not sentence[focus].isspace():
        at -= 1   # the word `focus` cuts ends after it
    return texts, at if at < len(texts) else 0


def _segment(sentence: str, focus: tuple[int, int], rules: EventRules) -> tuple[int, int]:
    left, right = 0, len(sentence)
    for match in rules.clauses.strong_separators.finditer(sentence):
        if match.end() <= focus[0]:
            left = match.end()
        elif match.start() >= focus[0]:
            right = match.start()
            break
    if (left, right) == (0, len(sentence)) or len(sentence[left:right].split()) >= MIN_SEGMENT_WORDS:
        return left, right   # (the whole sentence either way when no separator cuts it)
    return 0, len(sentence)


def _clauses(sentence: str, start: int, end: int, rules: EventRules) -> list[tuple[int, int]]:
    """Comma clauses of sentence[start:end] with at least one word, as (start, end)."""
    spans, left = [], start
    for match in rules.clauses.separators.finditer(sentence, start, end):
        spans.append((left, match.start()))
        left = match.end()
    spans.append((left, end))
    return [(a, b) for a, b in spans if sentence[a:b].strip()]


def _bare(word: str) -> str:
    return word.strip(_EDGE_PUNCT + _QUOTES + "()[]").lower()


def _main_order(words: list[str], at: int, rules: EventRules) -> tuple[list[str], int]:
    """A subordinate clause in main-clause order: the conjunction dropped, the clause-final
    finite verb after the subject ("weil Russland sein Büro geschlossen hatte" ->
    "Russland hatte sein Büro geschlossen"). Other clauses are returned as they are."""
    h = rules.headlines
    if len(words) < 4 or _bare(words[0]) not in h.subordinators or _bare(words[-1]) not in h.finite_verbs:
        return words, at
    body, verb = words[1:-1], words[-1].rstrip(_EDGE_PUNCT)
    if _bare(body[0]) in h.determiners:
        j = 1
        while j < len(body) - 1 and not body[j][:1].isupper():
            j += 1
    else:
        j = 0
        while j + 1 < len(body) - 1 and body[j][:1].isupper() and body[j + 1][:1].isupper():
            j += 1
    subject = body[:j + 1]
    reordered = subject + [verb] + body[j + 1:]
    if at == 0:
        moved = 0
    elif at == len(words) - 1:
        moved = len(subject)
    else:
        moved = at - 1 + (at - 1 > j)
    return reordered, moved


def _window(words: list[str], at: int, rules: EventRules, max_length: int) -> list[str]:
    """At most MAX_WORDS words (and `max_length` characters) around words[at]."""
    h = rules.headlines
    n = len(words)
    if n <= MAX_WORDS and len(" ".join(words)) <= max_length:
        return _trim_end(words, n - 1, h)
    starts = [i for i in range(1, at + 1)
              if _bare(words[i]) in h.phrase_starts or words[i - 1].endswith((",", ";", ":"))]
    start = 0
    if at >= MAX_WORDS - 2:
        start = next((i for i in reversed(starts) if at - i < MAX_WORDS - 2), max(0, at - MAX_WORDS // 2))
    end = min(n, start + MAX_WORDS)
    while end - 1 > at and len(" ".join(words[start:end])) > max_length:
        end -= 1
    while start < at and len(" ".join(words[start:end])) > max_length:
        start += 1
    return _trim_end(words[start:end], min(at, end - 1) - start, h)


def _trim_end(words: list[str], keep: int, h) -> list[str]:
    """Drop trailing words that need a continuation, but never the focus word."""
    end = len(words)
    while end - 1 > max(keep, 1) and _bare(words[end - 1]) in h.dangling:
        end -= 1
    return words[:end]


def _finish(words: list[str], max_length: int) -> str:
    text = " ".join(words).strip().rstrip(_EDGE_PUNCT + " ")
    text = _balance_quotes(text).strip().rstrip(_EDGE_PUNCT + " ")
    if len(text) > max_length:
        text = text[:max_length].rstrip()
    return text[:1].upper() + text[1:] if text else text


def _balance_quotes(text: str) -> str:
    """Drop a quotation mark at either end whose partner the headline lost (a text without
    any is returned at once: there is nothing to drop)."""
    openers, closers = "„»‚", "“”«‘"
    for mark in openers + closers + '"':
        if mark in text:
            break
    else:
        return text
    if len(text) > 2 and text[0] in openers + '"' and text[-1] in closers + '"' \
            and not any(c in text[1:-1] for c in openers + closers + '"'):
        return text[1:-1]
    opened = sum(text.count(c) for c in openers)
    closed = sum(text.count(c) for c in closers)
    straight = text.count('"')
    if text[:1] in openers and opened > closed:
        text = text[1:]
    if text[-1:] in closers and closed > opened:
        text = text[:-1]
    if straight % 2 and text[:1] == '"':
        text = text[1:]
    elif straight % 2 and text[-1:] == '"':
        text = text[:-1]
    return text
