"""The words the web app shows people come from message catalogs (Flask-Babel).

Source strings are English; `translations/<locale>/LC_MESSAGES/messages.po` holds each
language. The readers' language is `TIMELINE_UI_LOCALE` (default German, the language of the
stories so far): a second UI language is a new catalog, not code. After editing messages:

    pybabel extract -F feeds/web/babel.cfg -k _l --no-location --sort-output \
        -o feeds/web/translations/messages.pot .
    pybabel update -i feeds/web/translations/messages.pot -d feeds/web/translations
    pybabel compile -d feeds/web/translations      # tests/test_messages.py checks all three
"""
from __future__ import annotations

from pathlib import Path

from flask import Flask, current_app
from flask_babel import Babel

TRANSLATIONS = Path(__file__).resolve().parent / "translations"
DEFAULT_LOCALE = "de"


def init_i18n(app: Flask) -> None:
    app.config.setdefault("UI_LOCALE", DEFAULT_LOCALE)
    Babel(app, locale_selector=lambda: current_app.config["UI_LOCALE"],
          default_translation_directories=str(TRANSLATIONS))
