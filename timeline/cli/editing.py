"""What the editors' commands share (`edit`, `remove`, `rename`, `changes`, `editors`):
the database option, the editor's name, and store errors as one line.

Failures follow `timeline ingest`'s convention: one `Error: ...` line and exit 1 for bad input
(an unknown story, key or document, an impossible date), 75 when the database fails.
"""
from __future__ import annotations

import contextlib
import getpass
import os

import click

EDITOR_ENV = "TIMELINE_EDITOR"

database_option = click.option(
    "--database", metavar="URL",
    help="SQLAlchemy database URL (default: $TIMELINE_DATABASE_URL, else "
         "./instance/timeline.sqlite3).")
editor_option = click.option(
    "--editor", metavar="NAME",
    help=f"The name the change log records (default: ${EDITOR_ENV}, else the login name).")


def editor_name(given: str | None) -> str:
    name = (given or os.environ.get(EDITOR_ENV, "")).strip()
    if not name:
        try:
            name = getpass.getuser()
        except Exception:       # no login name (a container without passwd entry)
            name = "cli"
    if len(name) > 64 or "\x00" in name:
        raise click.ClickException("--editor: use at most 64 characters")
    return name


@contextlib.contextmanager
def opened_store(database: str | None):
    """The store; its refusals become one `Error:` line (StoreUnavailable: exit 75)."""
    from timeline.store import Store, StoreError, StoreUnavailable

    try:
        with Store.open(url=database) as store:
            yield store
    except StoreUnavailable:
        raise       # exit 75 (user_errors_are_one_line)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
