"""Properties of find_events on arbitrary text: it never fails and its output keeps its promises."""
from datetime import date

from hypothesis import given, settings, strategies as st

from events_helpers import events_of
from timeline.model import EVENT_STATUSES, GRANULARITIES, Timex

WORDS = ["Am", "Montag", "trat", "der", "Minister", "zurück.", "Er", "sagte,", "es", "sei", "offen.",
         "Wann", "ist", "unklar.", "seit", "Wochen", "hatte", "geschlossen", "„Nein.“", "Dr.", "25.",
         "Februar", "2010.", "\n", "\n\n", "Von", "Anna", "Muster", "?", "wurde", "gewählt."]
VALUES = [("DATE", "2022-01-26"), ("TIME", "2022-01-26TAF"), ("DATE", "2021-11"), ("DATE", "1997"),
          ("DURATION", "PXW"), ("DATE", "PRESENT_REF"), ("DATE", "PAST_REF"), ("DATE", "FUTURE_REF"),
          ("DATE", "XXXX-11"), ("SET", "XXXX-WXX-1"), ("DATE", "2023-W05"), ("DATE", "nonsense")]


@st.composite
def articles(draw):
    text = " ".join(draw(st.lists(st.sampled_from(WORDS), max_size=80)))
    timexes, position = [], 0
    for _ in range(draw(st.integers(0, 6))):
        if position >= len(text):
            break
        start = draw(st.integers(position, len(text) - 1))
        end = draw(st.integers(start + 1, min(len(text), start + 12)))
        type_, value = draw(st.sampled_from(VALUES))
        timexes.append(Timex(start, end, text[start:end], type_, value))
        position = end
    return text, timexes


@settings(max_examples=300, deadline=None)
@given(articles())
def test_events_keep_their_promises(article):
    text, timexes = article
    published = date(2022, 1, 27)
    events = events_of(text, published, timexes)
    assert len({e.id for e in events}) == len(events)
    seen_open = False
    for event in events:
        assert event.status in EVENT_STATUSES and event.granularity in (*GRANULARITIES, None)
        assert text[event.start:event.end] == event.sentence
        assert 0 < len(event.headline) <= 120
        assert event.anchor in ("own", "narrative", "none")
        assert (event.timex is None) == (event.anchor == "none")
        if event.earliest and event.latest:
            assert event.earliest[:10] <= event.latest[:10]
        if event.status == "open":
            seen_open = True
            assert event.earliest[:10] >= published.isoformat()
        else:
            assert not seen_open, "open events come last"
    assert events_of(text, published, timexes) == events
