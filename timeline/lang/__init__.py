"""Language resources: one folder of data files per language, found by its code.

A new language is a new folder `timeline/lang/<code>/` holding TOML files; the engine
code never branches on the language. The temporal tagger (`timeline.tagger`) reads:

    language.toml     name and code
    words.toml        word tables: months, weekdays, numbers, units, holidays, modifiers ...
    patterns.toml     named regex building blocks, used in rules as %(name)
    tense.toml        tense data (preterite stems, perfect auxiliaries, direction words,
                      sentence ends), read by timeline.tagger.tense for the tagger and the events
    rules_*.toml      the rules, one file per category (dates, relative, times, durations,
                      sets, vague); every rule carries examples, run by tests/test_rule_examples.py
    display.toml      phrases for dates in words (timeline.dates.display); languages without one use
                      the English phrases of timeline/lang/display_en.toml

The rule format is described in timeline/tagger/patterns.py (patterns) and
timeline/tagger/resolve.py (value fields).
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

LANG_DIR = Path(__file__).parent


class UnknownLanguage(ValueError):
    """No resources exist for the requested language code."""


@dataclass(frozen=True)
class Language:
    """All data files of one language, parsed: `data["rules"]` holds rules.toml, and so on."""

    code: str
    path: Path
    data: dict = field(repr=False, hash=False, compare=False)

    def __getitem__(self, name: str):
        return self.data[name]

    def get(self, name: str, default=None):
        return self.data.get(name, default)


def available_languages() -> list[str]:
    return sorted(p.name for p in LANG_DIR.iterdir()
                  if p.is_dir() and any(p.glob("*.toml")))


@lru_cache(maxsize=None)
def load_language(code: str) -> Language:
    """Load and cache the resources of language `code` (e.g. "de")."""
    if not isinstance(code, str) or not re.fullmatch(r"[a-z]{2,3}", code or ""):
        raise UnknownLanguage(f"unknown language {code!r}; available: {', '.join(available_languages())}")
    folder = LANG_DIR / code
    files = sorted(folder.glob("*.toml")) if folder.is_dir() else []
    if not files:
        raise UnknownLanguage(f"unknown language {code!r}; available: {', '.join(available_languages())}")
    data = {}
    for file in files:
        with file.open("rb") as handle:
            data[file.stem] = tomllib.load(handle)
    return Language(code=code, path=folder, data=data)
