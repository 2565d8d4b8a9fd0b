"""What the tagger tests share: a publication day and a compact view of `tag`'s output."""
from datetime import date

from timeline.tagger import tag

THURSDAY = date(2022, 1, 27)   # the seed article's publication day


def values(text, language, published=THURSDAY):
    """[(expression text, TimeML value)] of `text`, in text order."""
    return [(t.text, t.value) for t in tag(text, published, language)]
