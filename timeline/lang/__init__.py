"""Language resources: one folder of data files per language, found by its code.

A new language is a new folder `timeline/lang/<code>/` holding TOML files; the engine
code never branches on the language. Its `language.toml` declares the parts (`[parts]`, see
`REQUIRED_PARTS` and `OPTIONAL_PARTS`); a declared file that is missing, a required part not
declared, or a TOML file in the folder that no part names is an error when the language is
loaded, never a feature silently switched off. The parts:

    language.toml     name, code and the parts
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

from timeline.lang.tomlcache import load_toml

LANG_DIR = Path(__file__).parent


REQUIRED_PARTS = ("words", "patterns", "tense", "events", "merging", "rules")
OPTIONAL_PARTS = ("display",)
MANIFEST = "language.toml"


class UnknownLanguage(ValueError):
    """No resources exist for the requested language code."""


class LanguageDataError(ValueError):
    """A language folder whose files do not match what its manifest declares."""


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
    return sorted(p.name for p in LANG_DIR.iterdir() if (p / MANIFEST).is_file())


@lru_cache(maxsize=None)
def load_language(code: str) -> Language:
    """Load and cache the resources of language `code` (e.g. "de")."""
    if not isinstance(code, str) or not re.fullmatch(r"[a-z]{2,3}", code or ""):
        raise UnknownLanguage(f"unknown language {code!r}; available: {', '.join(available_languages())}")
    folder = LANG_DIR / code
    if not (folder / MANIFEST).is_file():
        raise UnknownLanguage(f"unknown language {code!r}; available: {', '.join(available_languages())}")
    data = {"language": _read(folder / MANIFEST)}
    for name in declared_files(folder, data["language"]):
        data[Path(name).stem] = _read(folder / name)
    return Language(code=code, path=folder, data=data)


def declared_files(folder: Path, manifest: dict) -> list[str]:
    """The files the manifest's `[parts]` names, checked against the folder's TOML files."""
    parts = manifest.get("parts")
    if not isinstance(parts, dict):
        raise LanguageDataError(f"{folder / MANIFEST}: no [parts] table")
    unknown = set(parts) - set(REQUIRED_PARTS) - set(OPTIONAL_PARTS)
    missing = [part for part in REQUIRED_PARTS if part not in parts]
    if unknown or missing:
        raise LanguageDataError(f"{folder / MANIFEST}: " + "; ".join(
            ([f"unknown parts {sorted(unknown)}"] if unknown else [])
            + ([f"missing parts {missing}"] if missing else [])))
    names = [name for value in parts.values() for name in ([value] if isinstance(value, str) else value)]
    absent = [name for name in names if not (folder / name).is_file()]
    if absent:
        raise LanguageDataError(f"{folder}: declared in {MANIFEST} but missing: {', '.join(absent)}")
    undeclared = sorted({p.name for p in folder.glob("*.toml")} - set(names) - {MANIFEST})
    if undeclared:
        raise LanguageDataError(f"{folder}: not declared in {MANIFEST}: {', '.join(undeclared)}")
    return names


def _read(path: Path) -> dict:
    try:
        return load_toml(path)   # parsed before, or by tomllib
    except tomllib.TOMLDecodeError as error:
        raise LanguageDataError(f"{path}: {error}") from None
