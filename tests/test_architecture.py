"""The rules of shared/DESIGN.md that code review alone would let slip.

- `timeline/` never imports flask, feedgen, icalendar (nor werkzeug) or `feeds`: the engine
  runs without the web and the renderers. The one exception is the command line
  (`timeline/cli/`), the outermost shell, whose `serve` and `build` open the web app.
- `feeds/render/` never imports Flask: the CLI and the static build reuse the renderers.
- No import cycles between the project's modules, and no module longer than one sitting.
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

REPO = Path(__file__).resolve().parents[1]
TIMELINE = REPO / "timeline"
FEEDS = REPO / "feeds"
WEB_STACK = {"flask", "feedgen", "icalendar", "werkzeug"}
MAX_LINES = 450
# Modules that hold engine logic (not data loading, the CLI or the tagger, which has its own check).
ENGINE_MODULES = sorted(p for p in TIMELINE.rglob("*.py")
                        if p.parts[len(TIMELINE.parts)] not in ("cli", "lang", "tagger", "demo.py")
                        or p.name == "tense.py")
# German words spelt like the English (and TimeML) vocabulary of the engine: "start", "minute".
SAME_IN_ENGLISH = {"start", "minute", "absolute"}


def _imported_roots(tree: ast.AST) -> set[str]:
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


def _relative(path: Path) -> str:
    return str(path.relative_to(REPO))


@pytest.mark.parametrize("path", sorted(TIMELINE.rglob("*.py")), ids=_relative)
def test_timeline_imports_neither_the_web_nor_the_renderers(path):
    roots = _imported_roots(ast.parse(path.read_text(encoding="utf-8")))
    assert not roots & WEB_STACK
    if path.parent.name != "cli":
        assert "feeds" not in roots


@pytest.mark.parametrize("path", sorted((FEEDS / "render").rglob("*.py")), ids=_relative)
def test_renderers_do_not_import_flask(path):
    assert not _imported_roots(ast.parse(path.read_text(encoding="utf-8"))) & {"flask", "werkzeug"}


PROJECT_FILES = sorted([*TIMELINE.rglob("*.py"), *FEEDS.rglob("*.py")])


@pytest.mark.parametrize("path", PROJECT_FILES, ids=_relative)
def test_no_module_is_longer_than_one_sitting(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_LINES


def _module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _module_level_imports(path: Path, known: set[str]) -> set[str]:
    """Project modules imported when `path` is imported (not those imported inside functions)."""
    found = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        for name in names:
            while name and name not in known:
                name = name.rpartition(".")[0]
            if name:
                found.add(name)
    return found


def test_no_import_cycles():
    modules = {_module_name(p): p for p in PROJECT_FILES}
    graph = {name: _module_level_imports(path, set(modules)) - {name} for name, path in modules.items()}
    for name in list(graph):  # importing a.b.c first imports the packages a and a.b
        parent = name.rpartition(".")[0]
        while parent:
            graph[name].discard(parent)
            parent = parent.rpartition(".")[0]
    state: dict[str, int] = {}
    cycles = []

    def visit(name, trail):
        state[name] = 1
        for target in sorted(graph[name]):
            if state.get(target) == 1:
                cycles.append(trail[trail.index(target):] + [target] if target in trail else [name, target])
            elif target not in state:
                visit(target, trail + [target])
        state[name] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert not cycles, cycles


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


@pytest.mark.parametrize("path", ENGINE_MODULES, ids=_relative)
def test_engine_modules_hold_no_word_of_the_language_data(path):
    words = _language_words()
    assert len(words) > 200  # the check sees the data at all
    found = {word for literal in _literals(path)
             for word in re.findall(r"\w+", literal) if word in words}
    assert not found, f"{_relative(path)}: German words in code: {sorted(found)}"
