"""The rules of shared/DESIGN.md that code review alone would let slip.

- `timeline/` never imports flask, feedgen, icalendar (nor werkzeug) or `feeds`: the engine
  runs without the web and the renderers.
- Language knowledge is data (`timeline/lang/<code>/*.toml`): the modules of the engine hold
  no word of it outside docstrings and comments. (`tests/test_tagger.py` checks the tagger's
  own package; this checks the rest of the engine.)
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from timeline.lang import load_language

TIMELINE = Path(__file__).resolve().parents[1] / "timeline"
FORBIDDEN_IMPORTS = {"flask", "feedgen", "icalendar", "werkzeug", "feeds"}
ENGINE_MODULES = ["events", "anchoring", "sentences", "headlines", "tense", "merging", "display",
                  "intervals", "period", "story_events", "event_rules", "extract", "ordering"]
# German words spelt like the English (and TimeML) vocabulary of the engine: "start", "minute".
SAME_IN_ENGLISH = {"start", "minute"}


def _imported_roots(tree: ast.AST) -> set[str]:
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize("path", sorted(TIMELINE.rglob("*.py")), ids=lambda p: str(p.relative_to(TIMELINE)))
def test_timeline_imports_neither_the_web_nor_the_renderers(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert not _imported_roots(tree) & FORBIDDEN_IMPORTS


def _language_words() -> set[str]:
    """Words of the German data: the word tables and every plain word listed in the data."""
    data = load_language("de").data
    words = set()
    for table in data["words"].values():
        words.update(key.lower() for key in table if len(key) > 3 and key.isalpha())

    def collect(value):
        if isinstance(value, str):
            if len(value) > 3 and value.isalpha():
                words.add(value.lower())
        elif isinstance(value, list):
            for item in value:
                collect(item)
        elif isinstance(value, dict):
            for key, item in value.items():
                if "example" not in key:
                    collect(item)

    for stem in ("tense", "events"):
        collect(data.get(stem, {}))
    field_names = {key for stem, rules in data.items() if stem.startswith("rules")
                   for rule in rules.get("rule", []) for key in rule}  # engine vocabulary ("minute")
    return words - field_names - SAME_IN_ENGLISH


def _literals(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and node.body
                  and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    return {node.value.lower() for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings}


@pytest.mark.parametrize("module", ENGINE_MODULES)
def test_engine_modules_hold_no_word_of_the_language_data(module):
    words = _language_words()
    assert len(words) > 200  # the check sees the data at all
    found = {word for literal in _literals(TIMELINE / f"{module}.py")
             for word in re.findall(r"\w+", literal) if word in words}
    assert not found, f"timeline/{module}.py: German words in code: {sorted(found)}"
