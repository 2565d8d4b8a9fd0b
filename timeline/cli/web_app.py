"""The web app as the `serve` and `build` commands open it: ./instance, options over environment.

`feeds` is imported inside the functions: only these commands need the web stack.
"""
from __future__ import annotations

import os

import click

# Like `timeline ingest`, the commands keep their database in ./instance, so that
# `timeline ingest ...` followed by `timeline serve` shows what was ingested.
INSTANCE_FOLDER = "instance"


def make_app(database_url: str | None, base_url: str | None = None, locale: str | None = None):
    """The app; a bad setting (TIMELINE_UI_LOCALE, TIMELINE_FEED_ENTRIES ...) is one error line."""
    from feeds.web.app import create_app

    overrides = {}
    if database_url:
        overrides["DATABASE_URL"] = database_url
    if base_url:
        overrides["BASE_URL"] = base_url
    if locale:
        overrides["UI_LOCALE"] = locale
    try:
        return create_app(overrides or None, instance_path=os.path.abspath(INSTANCE_FOLDER))
    except ValueError as error:
        raise click.ClickException(str(error)) from None


def open_store(app):
    from feeds.web.app import get_store
    from timeline.store import StoreError, StoreUnavailable

    try:
        with app.app_context():
            return get_store()
    except StoreUnavailable as error:
        from timeline.cli.extract import EXIT_UNAVAILABLE

        click.echo(f"Error: {error.for_operator()}", err=True)
        raise click.exceptions.Exit(EXIT_UNAVAILABLE) from None
    except StoreError as error:
        raise click.ClickException(str(error)) from None
