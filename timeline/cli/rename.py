"""`timeline rename SLUG TITLE [--description TEXT]`: a story's title and description."""
from __future__ import annotations

import click

from timeline.cli.editing import database_option, editor_name, editor_option, opened_store
from timeline.cli.extract import user_errors_are_one_line

HELP = """Give story SLUG the title TITLE (and, with --description, a description).

\b
Examples:
  timeline rename nato-russland "Die Nato und Russland"
  timeline rename nato-russland "Die Nato und Russland" --description "Alles zur Krise."
  timeline rename nato-russland "Die Nato und Russland" --description ""   # none
"""


@click.command("rename", help=HELP, no_args_is_help=True)
@click.argument("slug")
@click.argument("title")
@click.option("--description", metavar="TEXT", help="Words about the story (\"\" removes them).")
@editor_option
@database_option
@user_errors_are_one_line
def rename_command(slug: str, title: str, description: str | None, editor: str | None,
                   database: str | None) -> None:
    from timeline.store import EditError

    name = editor_name(editor)
    with opened_store(database) as store:
        try:
            store.update_story(slug, editor=name, title=title, description=description)
            story = store.story(slug)
        except EditError as exc:
            raise click.ClickException(str(exc)) from None
    click.echo(f"renamed: story {slug} is {story.title!r}"
               + (f", described as {story.description!r}" if story.description else ""))
