"""`timeline changes SLUG`: a story's editorial log, newest first."""
from __future__ import annotations

import json

import click

from timeline.cli.editing import database_option, opened_store
from timeline.cli.extract import user_errors_are_one_line

HELP = """Print the editorial log of story SLUG, newest first: when, who, what, before, after.

With --json, one JSON object per line.
"""


@click.command("changes", help=HELP, no_args_is_help=True)
@click.argument("slug")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@database_option
@user_errors_are_one_line
def changes_command(slug: str, as_json: bool, database: str | None) -> None:
    from timeline.store import EditError

    with opened_store(database) as store:
        try:
            log = store.changes(slug)
        except EditError as exc:
            raise click.ClickException(str(exc)) from None
    for change in log:
        record = {"when": change.when.isoformat(), "editor": change.editor,
                  "action": change.action, "subject": change.subject,
                  "before": change.before, "after": change.after}
        if as_json:
            click.echo(json.dumps(record, ensure_ascii=False, sort_keys=True))
        else:
            before = {k: v for k, v in (change.before or {}).items() if k != "text"}
            click.echo(f"{record['when']} {change.editor or '(store)'} {change.action} "
                       f"{change.subject}: {json.dumps(before, ensure_ascii=False)} -> "
                       f"{json.dumps(change.after, ensure_ascii=False)}")
