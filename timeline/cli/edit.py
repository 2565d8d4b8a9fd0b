"""`timeline edit SLUG KEY --hide/--show/--when V/--headline T/--pin/--unpin/--note T/--status S`."""
from __future__ import annotations

import click

from timeline.cli.editing import database_option, editor_name, editor_option, opened_store
from timeline.cli.extract import user_errors_are_one_line

HELP = """Correct the event KEY of story SLUG; corrections survive re-ingesting the article.

KEY is the event's key (the API's "key", the id of its feed entry). Prints the event as it is
published now. Every change is in the story's log (`timeline changes SLUG`).

\b
Examples:
  timeline edit nato-russland 3f2a... --hide
  timeline edit nato-russland 3f2a... --when 2022-01-25 --headline "Die Nato antwortet"
  timeline edit nato-russland 3f2a... --pin --note "Die Antwort ist geheim."
  timeline edit nato-russland 3f2a... --same-as 9c1b...     # two reports of one event
  timeline edit nato-russland 3f2a... --restore-date --unpin
"""


@click.command("edit", help=HELP, no_args_is_help=True)
@click.argument("slug")
@click.argument("key")
@click.option("--hide/--show", default=None,
              help="Take the event out of every output (feeds get a tombstone), or show it again.")
@click.option("--when", metavar="DATE",
              help="The right date: 2022-01-25, 2021-11, 2021, or a TimeML value (2022-W04, "
                   "2022-01-25T18:30).")
@click.option("--restore-date", is_flag=True, help="Use the extracted date again.")
@click.option("--headline", metavar="TEXT", help="The headline to show (\"\" restores it).")
@click.option("--pin/--unpin", default=None, help="Mark the event as a key event, or not.")
@click.option("--note", metavar="TEXT", help="A note shown to readers (\"\" removes it).")
@click.option("--status", type=click.Choice(["dated", "open", "ongoing", "extracted"]),
              help="dated, open or ongoing; \"extracted\" restores the extracted one.")
@click.option("--same-as", metavar="KEY", help="The event KEY reports is this other event.")
@click.option("--split", is_flag=True, help="Undo --same-as: publish the reports apart again.")
@editor_option
@database_option
@user_errors_are_one_line
def edit_command(slug, key, hide, when, restore_date, headline, pin, note, status, same_as,
                 split, editor, database) -> None:
    from timeline.store import EditError

    if when is not None and restore_date:
        raise click.ClickException("give --when or --restore-date, not both")
    if same_as is not None and split:
        raise click.ClickException("give --same-as or --split, not both")
    changes = {}
    if hide is not None:
        changes["hidden"] = hide
    if when is not None or restore_date:
        changes["when"] = when
    if headline is not None:
        changes["headline"] = headline
    if pin is not None:
        changes["pinned"] = pin
    if note is not None:
        changes["note"] = note
    if status is not None:
        changes["status"] = None if status == "extracted" else status
    if same_as is not None or split:
        changes["same_as"] = same_as
    if not changes:
        raise click.ClickException("nothing to change: give --hide, --when, --headline, "
                                   "--pin, --note, --status, --same-as ... (see --help)")
    name = editor_name(editor)
    with opened_store(database) as store:
        try:
            edited = store.edit_event(slug, key, changes, editor=name)
        except EditError as exc:
            raise click.ClickException(str(exc)) from None
    event = edited.stored.event
    flags = [word for word, on in (("hidden", edited.hidden), ("pinned", edited.pinned)) if on]
    click.echo(f"{edited.key} {event.value or event.status} {event.headline}"
               + (f" [{', '.join(flags)}]" if flags else "")
               + (f" (note: {edited.note})" if edited.note else ""))
    click.echo(f"sequence {edited.sequence}, updated {edited.updated.isoformat()}")
