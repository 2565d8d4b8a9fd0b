"""`timeline editors add NAME | list | remove NAME`: named editors and their tokens."""
from __future__ import annotations

import click

from timeline.cli.editing import database_option, opened_store
from timeline.cli.extract import user_errors_are_one_line


@click.group("editors")
def editors_command() -> None:
    """Named editors: each signs in (API, web editor) with a token of its own, and the change
    log names them. TIMELINE_API_TOKEN keeps working as the editor "api-token"."""


@editors_command.command("add", no_args_is_help=True)
@click.argument("name")
@database_option
@user_errors_are_one_line
def add(name: str, database: str | None) -> None:
    """Add the editor NAME and print its new token, once: only a hash of it is stored.

    To give an editor a new token, remove it and add it again.
    """
    with opened_store(database) as store:
        token = store.add_editor(name)
    click.echo(token)
    click.echo(f"editor {name} added; the token above is shown once only", err=True)


@editors_command.command("list")
@database_option
@user_errors_are_one_line
def list_(database: str | None) -> None:
    """List the editors (name and when added); tokens are never shown again."""
    with opened_store(database) as store:
        for editor in store.editors():
            click.echo(f"{editor.name}\t{editor.created.isoformat()}")


@editors_command.command("remove", no_args_is_help=True)
@click.argument("name")
@database_option
@user_errors_are_one_line
def remove(name: str, database: str | None) -> None:
    """Remove the editor NAME: its token stops working at once."""
    with opened_store(database) as store:
        if not store.remove_editor(name):
            raise click.ClickException(f"no editor {name!r}")
    click.echo(f"editor {name} removed")
