"""The public Python API named in DESIGN.md exists and keeps its shape."""
from datetime import date

import pytest

from timeline import UnknownLanguage, extract


def test_extract_returns_a_timeline_for_plain_text():
    tl = extract("Ein Satz ohne Datum.", published=date(2022, 1, 27), lang="de")
    assert tl.published == date(2022, 1, 27)
    assert tl.lang == "de"
    assert isinstance(tl.timexes, tuple) and isinstance(tl.events, tuple)


def test_unknown_language_is_a_clear_error():
    with pytest.raises(UnknownLanguage, match="unknown language 'xx'"):
        extract("Text", published=date(2022, 1, 27), lang="xx")
