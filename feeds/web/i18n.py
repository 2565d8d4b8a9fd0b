"""The web app's words come from the one message catalog of `feeds.i18n` (Flask-Babel here,
`babel.support.Translations` in the renderers), in the readers' language `UI_LOCALE`
(TIMELINE_UI_LOCALE; default German, the language of the stories so far): a second UI language
is a new catalog, not code. How to update the catalog after editing messages: `feeds/i18n.py`.
"""
from __future__ import annotations

from flask import Flask, current_app
from flask_babel import Babel

from feeds.i18n import DEFAULT_LOCALE, TRANSLATIONS, checked_locale, territory_locale


def init_i18n(app: Flask) -> None:
    app.config["UI_LOCALE"] = checked_locale(app.config.get("UI_LOCALE") or DEFAULT_LOCALE)
    Babel(app, locale_selector=ui_locale, default_translation_directories=str(TRANSLATIONS))
    app.context_processor(_page_language)


def ui_locale() -> str:
    """The readers' language, for the renderers' `locale=` and Flask-Babel alike."""
    return current_app.config["UI_LOCALE"]


def _page_language() -> dict:
    """`<html lang>` and Open Graph's `og:locale` of every page."""
    locale = ui_locale()
    return {"page_lang": locale.replace("_", "-"), "og_locale": territory_locale(locale)}
