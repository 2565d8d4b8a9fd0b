"""Words the web app shows people come from message catalogs (feeds/web/translations).

The catalog must hold every message the code and templates mark, translated, and the compiled
.mo must be the .po's: a forgotten `pybabel extract/update/compile` fails here.
"""
import io
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

REPO = Path(__file__).resolve().parents[1]
TRANSLATIONS = REPO / "feeds" / "web" / "translations"
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None}


def marked_messages() -> set:
    found = extract_from_dir(str(REPO / "feeds" / "web"), method_map=[("**.py", "python"), ("templates/**.html", "jinja2")],
                             keywords=KEYWORDS)
    return {message if isinstance(message, str) else tuple(message) for _, _, message, _, _ in found}


def catalog(locale: str):
    with (TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle, locale=locale)


def test_the_template_catalog_holds_every_marked_message():
    with (TRANSLATIONS / "messages.pot").open("rb") as handle:
        template = {m.id for m in read_po(handle) if m.id}
    assert marked_messages() == template


def test_every_message_has_a_german_translation():
    german = catalog("de")
    ids = {m.id for m in german if m.id}
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
