"""Words shown to people (web app and renderers) come from one message catalog (feeds/translations).

The catalog must hold every message the code and templates mark, translated, and the compiled
.mo must be the .po's: a forgotten `pybabel extract/update/compile` fails here.
"""
import ast
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

REPO = Path(__file__).resolve().parents[1]
TRANSLATIONS = REPO / "feeds" / "translations"
KEYWORDS = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None}   # babel.cfg's and `-k _l`


def marked_messages() -> set:
    """(msgid, context) of every message marked in feeds/ (code and templates)."""
    found = extract_from_dir(str(REPO / "feeds"), method_map=[("**.py", "python"), ("web/templates/**.html", "jinja2")],
                             keywords=KEYWORDS)
    return {(message if isinstance(message, str) else message[0], context)
            for _, _, message, _, context in found}


def catalog(locale: str):
    with (TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle, locale=locale)


def test_the_template_catalog_holds_every_marked_message():
    with (TRANSLATIONS / "messages.pot").open("rb") as handle:
        template = {(m.id if isinstance(m.id, str) else m.id[0], m.context) for m in read_po(handle) if m.id}
    assert marked_messages() == template


def test_every_message_has_a_german_translation():
    german = catalog("de")
    ids = {(m.id if isinstance(m.id, str) else m.id[0], m.context) for m in german if m.id}
    assert marked_messages() <= ids
    untranslated = [m.id for m in german if m.id and not (all(m.string) if isinstance(m.string, tuple) else m.string)]
    assert not untranslated


def test_the_compiled_catalog_is_the_current_one():
    compiled = io.BytesIO()
    write_mo(compiled, catalog("de"))
    assert (TRANSLATIONS / "de" / "LC_MESSAGES" / "messages.mo").read_bytes() == compiled.getvalue()


def test_pages_speak_the_configured_language(tmp_path):
    from feeds.web.app import create_app

    for locale, heading in (("de", "Alle Zeitleisten"), ("en", "All timelines")):
        app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / locale}.sqlite3", "SECRET_KEY": "k",
                          "UI_LOCALE": locale},
                         instance_path=str(tmp_path / locale))
        assert heading in app.test_client().get("/").get_data(as_text=True)


# --- no German left outside the catalog -----------------------------------------------------
# The renderers and the reader-facing templates hold English msgids only; German is in the
# catalog. A word list like tests/test_architecture.py's for the engine: every word of the German
# translations and of the German language data, and German's small words, minus the words the
# English msgids use too ("Atom", "JSON"). Umlauts and ß give German away as well.
RENDER = REPO / "feeds" / "render"
TEMPLATES = REPO / "feeds" / "web" / "templates"
GERMAN_SMALL_WORDS = {"und", "der", "das", "des", "dem", "den", "mit", "aus", "vom", "zum", "zur", "für",
                      "nicht", "ist", "sind", "oder", "eine", "einer", "noch", "nur", "bei", "auf", "nach",
                      "wurde", "wurden", "dieser", "diese", "seit", "uhr", "sie", "ihr", "wann", "quelle"}
# German words spelt like English ones the renderers use as names ("tag:" URIs, "lang" fields).
SAME_IN_ENGLISH = {"tag", "lang"}
# Identifiers that are German but never shown as text: changing them would break links and ids.
IDENTIFIERS = {
    "-//timeline//zeitleiste//de": "the calendar's PRODID, an id calendar apps do not show",
    "jahr-": "group ids of the story page (#jahr-2022): links into published pages",
    "gruppe-": "group ids of the story page",
}
SHOWN_ATTRIBUTES = {"title", "alt", "aria-label", "placeholder", "content", "value", "label"}


def _words(text: str) -> set:
    return {word.lower() for word in re.findall(r"[^\W\d_]+", text)}


def german_words() -> set:
    from timeline.lang import load_language

    german, english = set(), set()
    for message in catalog("de"):
        if not message.id:
            continue
        for string in (message.string if isinstance(message.string, tuple) else (message.string,)):
            german |= _words(re.sub(r"%\(\w+\)[sd]|<[^>]+>|&\w+;", " ", string))
        for msgid in (message.id if isinstance(message.id, tuple) else (message.id,)):
            english |= _words(msgid)
    for table in load_language("de").data["words"].values():
        german |= {key.lower() for key in table if len(key) > 3 and key.isalpha()}
    return (german | GERMAN_SMALL_WORDS) - english - SAME_IN_ENGLISH


def german_in(text: str, words: set) -> set:
    found = _words(text) & words
    return found | set(re.findall(r"[^\W\d_]*[äöüßÄÖÜ][^\W\d_]*", text))


def python_literals(path: Path) -> list[str]:
    """The module's string constants (f-string parts included), without docstrings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and node.body
                  and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    return [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant)
            and isinstance(node.value, str) and id(node) not in docstrings
            and node.value.lower() not in IDENTIFIERS]


class _ShownText(HTMLParser):
    """Text nodes and the attributes people see (title, aria-label, content ...)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []

    def handle_data(self, data):
        self.texts.append(data)

    def handle_starttag(self, tag, attrs):
        self.texts.extend(value for name, value in attrs if name in SHOWN_ATTRIBUTES and value)


def template_texts(path: Path) -> list[str]:
    """What a template shows of its own: its HTML text and shown attributes with every Jinja
    construct taken out, and the string literals inside the constructs (msgids, arguments)."""
    from jinja2 import Environment

    html, literals = [], []
    for _, kind, value in Environment(extensions=["jinja2.ext.i18n"]).lex(path.read_text(encoding="utf-8")):
        if kind == "data":
            html.append(value)
        elif kind == "string":
            literals.append(value)
        elif kind in ("variable_begin", "block_begin"):
            html.append(" ")
    parser = _ShownText()
    parser.feed("".join(html))
    return parser.texts + literals


def test_the_word_list_knows_german_when_it_sees_it():
    words = german_words()
    assert len(words) > 300
    for old_literal in ("Zum Inhalt springen", "Im Kalender abonnieren", "Artikel vom {published}",
                        "Noch keine Ereignisse.", "Ereignis", "laufend", "Quelle"):
        assert german_in(old_literal, words), old_literal
    for english in ("Skip to content", "Subscribe in your calendar", "Atom feed", "TimelineJS (JSON)"):
        assert not german_in(english, words), english


@pytest.mark.parametrize("path", sorted(RENDER.rglob("*.py")), ids=lambda p: p.name)
def test_renderers_hold_no_german_literal(path):
    words = german_words()
    found = {literal: sorted(german_in(literal, words)) for literal in python_literals(path)
             if german_in(literal, words)}
    assert not found, f"{path.name}: German outside the catalog: {found}"


@pytest.mark.parametrize("path", sorted(TEMPLATES.glob("*.html")), ids=lambda p: p.name)
def test_templates_hold_no_german_literal(path):
    words = german_words()
    found = {text.strip(): sorted(german_in(text, words)) for text in template_texts(path) if german_in(text, words)}
    assert not found, f"{path.name}: German outside the catalog: {found}"
