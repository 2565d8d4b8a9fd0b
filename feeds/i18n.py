"""The words shown to readers, from one message catalog for the web app and the renderers.

`feeds/translations/<locale>/LC_MESSAGES/messages.po` holds each language; source strings
(msgids) are English, so a locale without a catalog ("en") shows the msgids. The web app reads
the catalog through Flask-Babel (`feeds.web.i18n`); the renderers (`feeds.render`, no Flask)
through `texts(locale)` here, with the same conventions: `gettext("Source: %(source)s",
source=...)`, `ngettext(..., num)` fills `%(num)d`. The locale comes from the caller —
TIMELINE_UI_LOCALE in the app and in `timeline build`; German is the default.

Module-level tables of words hold msgids marked with `N_` (extracted, translated where shown).
After editing messages (tests/test_messages.py checks all three steps were done):

    pybabel extract -F feeds/babel.cfg -k _l --no-location --sort-output \
        -o feeds/translations/messages.pot .
    pybabel update -i feeds/translations/messages.pot -d feeds/translations --no-fuzzy-matching
    pybabel compile -d feeds/translations
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.support import NullTranslations, Translations

TRANSLATIONS = Path(__file__).resolve().parent / "translations"
DOMAIN = "messages"
DEFAULT_LOCALE = "de"


def N_(message: str) -> str:
    """Marks `message` for the catalog where it is defined; it is translated where shown."""
    return message


def checked_locale(value: str | None) -> str:
    """`value` ("de", "en", "de_AT", "de-AT") as Babel's identifier; ValueError if Babel knows
    no such language (a typo in TIMELINE_UI_LOCALE stops the app instead of showing msgids)."""
    value = (value or DEFAULT_LOCALE).strip()
    try:
        return str(Locale.parse(value.replace("-", "_")))
    except (ValueError, TypeError, UnknownLocaleError):
        raise ValueError(f"TIMELINE_UI_LOCALE {value!r} is not a language Babel knows "
                         f"(e.g. de, en, de_AT)") from None


def territory_locale(locale: str) -> str:
    """The locale with its most likely territory, as Open Graph wants it: "de" -> "de_DE"."""
    parsed = Locale.parse(locale)
    if parsed.territory:
        return f"{parsed.language}_{parsed.territory}"
    likely = Locale.parse(get_global("likely_subtags").get(parsed.language, parsed.language))
    return f"{parsed.language}_{likely.territory}" if likely.territory else parsed.language


class Texts:
    """The catalog of one locale, with Flask-Babel's calling conventions (see module doc)."""

    def __init__(self, locale: str, translations: NullTranslations):
        self.locale = locale
        self._translations = translations

    def gettext(self, message: str, **variables) -> str:
        text = self._translations.gettext(message)
        return text % variables if variables else text

    def ngettext(self, singular: str, plural: str, num: int, **variables) -> str:
        variables.setdefault("num", num)
        return self._translations.ngettext(singular, plural, num) % variables

    def pgettext(self, context: str, message: str, **variables) -> str:
        text = self._translations.pgettext(context, message)
        return text % variables if variables else text

    def npgettext(self, context: str, singular: str, plural: str, num: int, **variables) -> str:
        variables.setdefault("num", num)
        return self._translations.npgettext(context, singular, plural, num) % variables


@lru_cache(maxsize=None)
def texts(locale: str = DEFAULT_LOCALE) -> Texts:
    """The texts of `locale`; a locale without a catalog gets the English msgids."""
    locale = checked_locale(locale)
    return Texts(locale, Translations.load(str(TRANSLATIONS), [locale], DOMAIN))
