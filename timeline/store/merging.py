"""One event reported by several articles of a story: found, and published once.

Pure functions over `timeline.model` objects. The store decides with them when it saves a
document (`timeline.store.grouping`: `join_groups` for the document's events against the
groups already stored, `fits` for a changed event in its group) and keeps the groups, so a
read only loads them; the database still keeps every document's own events, and nothing is
lost when a document changes. `group_events`/`merge_documents` decide a whole story at once,
the same way (used to group databases of schema version 1, and by the tests).

Same event. Two events of DIFFERENT documents in the same language are the same event when
  1. their times agree (`same_time`): the same status and either the same value, or — both
     dated at day level or finer — one's interval lies inside the other's ("Mittwoch" and
     "Mittwochnachmittag"); month, year, week or quarter dates must be equal;
  2. their sentences say the same (`similarity` of their `content_words`): the sentence
     without its own time expression, case and spelling folded, stop and time words of
     `timeline/lang/<code>/merging.toml` dropped; words match when equal or when they share a
     stem (`_same_word`: "übergab"/"übergeben"). `overlap` = matched words / words of the
     shorter report. A later article mostly retells an event more briefly ("Die Nato hatte
     am Mittwoch ihre Antwort übergeben" after "Am Mittwoch übergab ein Bote die Antwort der
     Nato im russischen Außenministerium"): the short report lies inside the long one, so
     `overlap`, not a symmetric measure, decides. Thresholds:
       dated:    overlap >= SAME_EVENT_OVERLAP (0.75), at least MIN_MATCHED (2) words;
       undated:  (open, vague, ongoing without a date) overlap >= 0.9, dice (2 * matched /
                 all words) >= 0.7 and at least 3 words — nothing else vouches for them;
       and never when both reports have a capitalized word the other lacks (`contrast`):
       capitals mark names, and in German all nouns — other participants. "Am Mittwoch
       übergaben die USA ihre Antwort an Moskau" and "... die Nato ..." agree in 3 of 4
       words, but "USA" against "Nato" keeps them apart. Rephrased verbs do not contrast
       ("stimmte zu" / "billigte"), so 3 of 4 is enough; 2 of 3 is not ("stiegen" /
       "fielen die Ölpreise"). tests/test_merging.py holds the true and false cases the
       thresholds were chosen on.
     Known limits (missed merges, the safe side): separable verbs ("zog ... ab" /
     "abgezogen"), and a retelling that adds a noun of its own while missing one ("..., hieß
     es in Moskau").

Groups. Events are taken in the order they were stored (`created`, then document, then
position); each document's new events join the best-matching existing group that has no
event of their document yet and whose every member has a compatible time (a group never
holds two different days or two different hours), else they start a group. Because a later
article is decided after all earlier ones, it can join groups but never split or re-key them.

Merged event (`merged_event`): the key, `created` and `document_id` of its first-stored
member (so Atom ids and iCalendar UIDs stay); that member's sentence and headline; the most
precise date of all members (a later article may refine "Mittwoch" to "Mittwochnachmittag");
`sources` the document ids of all members, first-stored first (an event reported once is
returned as stored, `sources` empty: its `document_id` is its source); `updated` the latest `updated`
of its members and `sequence` the sum of their sequences plus one per added source — a
new source or a member's real change is a real change of the merged entry, because the
entry publishes its date and its sources. The store keeps a group's `updated`/`sequence`
itself and moves them forward also when a member leaves, so they never step back
(`timeline.store.grouping`); the key stays unless the first member itself left.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from timeline.lang import UnknownLanguage, load_language
from timeline.dates.vocabulary import WITHIN_A_DAY, granularity_rank
from timeline.model import Event, StoredEvent

__all__ = ["MIN_MATCHED", "SAME_EVENT_OVERLAP", "Report", "Similarity", "content_words",
           "Group", "bucket", "fits", "group_events", "join_groups", "merge_documents",
           "shared_needed", "stems", "merged_event", "same_event", "same_time",
           "similarity"]

SAME_EVENT_OVERLAP = 0.75     # dated events: share of the shorter report's words found in the other
MIN_MATCHED = 2               # ... and at least this many shared words
UNDATED_OVERLAP = 0.9         # undated events need more: nothing else vouches for them
UNDATED_DICE = 0.7
UNDATED_MIN_MATCHED = 3
STEM_MIN = 5                  # words sharing a prefix this long ...
STEM_SHARE = 0.75             # ... covering this share of the shorter word match ("übergab"/"übergeben")

_WORD = re.compile(r"\w+")


# --- language data -----------------------------------------------------------------------

@dataclass(frozen=True)
class _Words:
    fold: tuple[tuple[str, str], ...]
    stop: frozenset[str]


@lru_cache(maxsize=None)
def _words(lang: str) -> _Words:
    """Fold table and stop words of `lang` (none for a language without merging data)."""
    try:
        language = load_language(lang)
    except UnknownLanguage:
        return _Words((), frozenset())
    data = language.get("merging", {})
    fold = tuple(sorted(data.get("fold", {}).items()))
    stop = set(data.get("words", {}).get("stop", []))
    tables = language.get("words", {})
    for name in data.get("time_word_tables", []):
        for key in tables.get(name, {}):
            stop.update(_WORD.findall(key.casefold()))
    stop = {_fold(word, fold) for word in stop}
    return _Words(fold, frozenset(stop))


def _fold(text: str, fold: tuple[tuple[str, str], ...]) -> str:
    text = unicodedata.normalize("NFC", text).casefold()
    for old, new in fold:
        text = text.replace(old, new)
    return text


# --- similarity --------------------------------------------------------------------------

@dataclass(frozen=True)
class Report:
    """What one sentence says, for comparing: its content words (folded, in text order) and
    those of them written with a capital letter (names, and in German all nouns)."""

    words: tuple[str, ...]
    capitalized: frozenset[str] = frozenset()


def content_words(event: Event, lang: str = "de") -> Report:
    """The words of the event's sentence that say what happened (see the module docstring)."""
    sentence = event.sentence
    timex = event.timex
    if timex is not None:
        start, end = timex.start - event.start, timex.end - event.start
        if 0 <= start < end <= len(sentence) and sentence[start:end] == timex.text:
            sentence = sentence[:start] + " " + sentence[end:]
    words = _words(lang)
    found: list[str] = []
    capitalized = set()
    for original in _WORD.findall(unicodedata.normalize("NFC", sentence)):
        word = _fold(original, words.fold).strip("_")
        if len(word) < 2 or word in words.stop:
            continue
        if original[0].isupper():
            capitalized.add(word)
        if word not in found:
            found.append(word)
    return Report(tuple(found), frozenset(capitalized))


@lru_cache(maxsize=1 << 16)
def _same_word(a: str, b: str) -> bool:
    if a == b:
        return True
    shorter = min(len(a), len(b))
    if shorter < STEM_MIN or a[:STEM_MIN] != b[:STEM_MIN]:
        return False
    common = 0
    for x, y in zip(a, b):
        if x != y:
            break
        common += 1
    return common >= STEM_MIN and common >= STEM_SHARE * shorter


@dataclass(frozen=True)
class Similarity:
    matched: int
    overlap: float     # matched / words of the shorter report
    dice: float        # 2 * matched / words of both
    contrast: bool     # each report has a capitalized word the other lacks (other participants)


def similarity(a: Report, b: Report) -> Similarity:
    """How much two reports' content words agree (each word matched at most once)."""
    if not a.words or not b.words:
        return Similarity(0, 0.0, 0.0, False)
    exact = set(a.words).intersection(b.words)      # words are unique within a report
    free = [word for word in b.words if word not in exact]
    unmatched_a = []
    for word in a.words:
        if word in exact:
            continue
        for i, other in enumerate(free):
            if _same_word(word, other):
                del free[i]
                break
        else:
            unmatched_a.append(word)
    matched = len(a.words) - len(unmatched_a)
    contrast = (any(w in a.capitalized for w in unmatched_a)
                and any(w in b.capitalized for w in free))
    return Similarity(matched, matched / min(len(a.words), len(b.words)),
                      2 * matched / (len(a.words) + len(b.words)), contrast)


def _undated(event: Event) -> bool:
    return event.granularity is None or not event.earliest


def _interval(event: Event) -> tuple[str, str]:
    latest = event.latest or event.earliest or ""
    return event.earliest or "", latest + "~" if len(latest) == 10 else latest


def same_time(a: Event, b: Event) -> bool:
    """Could the two events have happened at the same time (rule 1 of the module docstring)?"""
    if a.status != b.status:
        return False
    if _undated(a) or _undated(b):
        return _undated(a) and _undated(b)
    if a.value == b.value and a.earliest == b.earliest and a.latest == b.latest:
        return True
    if a.granularity not in WITHIN_A_DAY or b.granularity not in WITHIN_A_DAY or a.status != "dated":
        return False
    (a_lo, a_hi), (b_lo, b_hi) = _interval(a), _interval(b)
    return (a_lo <= b_lo and b_hi <= a_hi) or (b_lo <= a_lo and a_hi <= b_hi)


def _convincing(a: Event, b: Event, score: Similarity) -> bool:
    if score.contrast:
        return False
    if _undated(a):
        return (score.matched >= UNDATED_MIN_MATCHED and score.overlap >= UNDATED_OVERLAP
                and score.dice >= UNDATED_DICE)
    return score.matched >= MIN_MATCHED and score.overlap >= SAME_EVENT_OVERLAP


def same_event(a: Event, b: Event, lang: str = "de") -> bool:
    """Are `a` and `b` (from different articles) reports of the same event?"""
    return same_time(a, b) and _convincing(a, b, similarity(content_words(a, lang),
                                                            content_words(b, lang)))


# --- groups ------------------------------------------------------------------------------

def _best_score(group: "Group", group_words: list[Report], stored: StoredEvent, words: Report,
                lang: str):
    """The group's best similarity to `stored`, or None if it cannot take it."""
    if lang != group.lang or stored.document_id in group.documents:
        return None
    if not all(same_time(m.event, stored.event) for m in group.members):
        return None
    best = None
    for member, member_words in zip(group.members, group_words):
        score = similarity(member_words, words)
        if _convincing(member.event, stored.event, score) and (
                best is None or (score.overlap, score.dice) > (best.overlap, best.dice)):
            best = score
    return best


def group_events(per_document: list[tuple[str, list[StoredEvent]]]) -> list[list[StoredEvent]]:
    """The story's events in groups of the same event (first-stored member first).

    `per_document`: (language, events) of each document. Groups come in the order of their
    first members' storage (rules in the module docstring). The store decides the same way
    one document at a time (`join_groups`) when it saves, and keeps the groups.
    """
    batches: dict[tuple, list[tuple[StoredEvent, str]]] = {}    # in timeline order
    for lang, stored_events in per_document:
        for stored in stored_events:
            batches.setdefault((stored.created, stored.document_id), []).append((stored, lang))
    groups: list[Group] = []
    by_bucket: dict[str, list[int]] = {}      # only groups of one bucket can match
    for batch_key in sorted(batches):
        batch = batches[batch_key]
        lang = batch[0][1]
        events = [stored for stored, _ in batch]
        candidates = [groups[g] for g in sorted(set(
            g for stored in events for g in by_bucket.get(bucket(stored.event), ())))]
        joined = join_groups(candidates, events, lang)
        for i, stored in enumerate(events):
            if i in joined:
                joined[i].members.append(stored)
            else:
                by_bucket.setdefault(bucket(stored.event), []).append(len(groups))
                groups.append(Group([stored], lang))
    return [group.members for group in groups]


@dataclass
class Group:
    """Reports of one event: `members` first-stored first, in `lang`; `id` is the store's."""

    members: list[StoredEvent]
    lang: str
    id: int | None = None
    place: str = ""     # `bucket` of the member that started the group

    def __post_init__(self):
        if not self.place and self.members:
            self.place = bucket(self.members[0].event)

    @property
    def documents(self) -> set[int]:
        return {m.document_id for m in self.members}

    @property
    def words(self) -> list[Report]:
        return [content_words(m.event, self.lang) for m in self.members]


def join_groups(groups: list[Group], events: list[StoredEvent], lang: str) -> dict[int, Group]:
    """Which of one document's new `events` (index -> group) join which existing `groups`.

    Each event joins the best-matching group that can take it (`_best_score`), each group
    takes one event of the document at most, best pairs first; events not in the result
    start groups of their own. Pure: `groups` are not changed.
    """
    words = [content_words(stored.event, lang) for stored in events]
    group_words = {id(group): group.words for group in groups}
    candidates = []
    for i, stored in enumerate(events):
        for g, group in enumerate(groups):
            if group.place != bucket(stored.event):
                continue
            score = _best_score(group, group_words[id(group)], stored, words[i], lang)
            if score is not None:
                candidates.append((-score.overlap, -score.dice, g, i))
    joined: dict[int, Group] = {}
    taken: set[int] = set()
    for _, _, g, i in sorted(candidates):
        if i not in joined and g not in taken:
            joined[i] = groups[g]
            taken.add(g)
    return joined


def stems(report: Report) -> set[str]:
    """What two matching words always share (`_same_word`: equal, or the same first STEM_MIN
    letters): the store indexes these to find the groups worth comparing (`shared_needed`)."""
    return {word[:STEM_MIN] for word in report.words}


def shared_needed(event: Event) -> int:
    """Stems a group member must share with `event` to be convincing at all (the least
    matched words; words of one report sharing a stem count once, so in the rare sentence
    with two such words a merge can be missed, never made)."""
    return UNDATED_MIN_MATCHED if _undated(event) else MIN_MATCHED


def fits(group: Group, stored: StoredEvent) -> bool:
    """Can `stored` (a changed version of one of the group's members) stay in the group?
    Yes when it is the group's only member, or when it could join the group's other members."""
    others = Group([m for m in group.members if m.document_id != stored.document_id],
                   group.lang, place=group.place)
    if not others.members:
        return True
    return _best_score(others, others.words, stored, content_words(stored.event, group.lang),
                       group.lang) is not None


def bucket(event: Event) -> str:
    """Events that can have a `same_time` share a bucket: the day for dates at day level or
    finer (nested ones start on the same day), else status and the exact time."""
    if _undated(event):
        return f"undated {event.status}"
    if event.granularity in WITHIN_A_DAY and event.status == "dated":
        return f"day {(event.earliest or '')[:10]}"
    return f"exact {event.status} {event.value} {event.earliest} {event.latest}"


_DATE_FIELDS = ("value", "granularity", "earliest", "latest", "anchor")


def merged_event(members: list[StoredEvent]) -> StoredEvent:
    """One published event from the group's members (rules in the module docstring)."""
    first = members[0]
    if len(members) == 1:
        return first            # as stored: `sources` stays empty, its document is the source
    sources = tuple(dict.fromkeys(m.document_id for m in members))
    precise = max(members, key=lambda m: -1 if m.event.granularity is None else granularity_rank(m.event.granularity))
    event = first.event
    if precise is not first:
        event = replace(event, **{f: getattr(precise.event, f) for f in _DATE_FIELDS})
    return replace(first, event=event, sources=sources,
                   updated=max(m.updated for m in members),
                   sequence=sum(m.sequence for m in members) + len(members) - 1)


def merge_documents(per_document: list[tuple[date, str, list[StoredEvent]]]
                    ) -> list[tuple[date, list[StoredEvent]]]:
    """Each document's events with the same events merged: a merged event stands where its
    first-stored member stood, the other members are gone from their documents' lists.

    In and out: (publication date, [language,] events in the document's timeline order),
    ready for `timeline.store.versions.merge_chronologically`.
    """
    groups = group_events([(lang, events) for _, lang, events in per_document])
    merged = {(g[0].document_id, g[0].key): merged_event(g) for g in groups}
    result = []
    for published, _, events in per_document:
        result.append((published, [merged[(s.document_id, s.key)] for s in events
                                   if (s.document_id, s.key) in merged]))
    return result
