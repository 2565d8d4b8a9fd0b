"""`timeline remove SLUG DOCUMENT-ID`: take an article and its events out of a story."""
from __future__ import annotations

import click

from timeline.cli.editing import database_option, editor_name, editor_option, opened_store
from timeline.cli.extract import user_errors_are_one_line

HELP = """Remove the article DOCUMENT-ID from story SLUG: it and its events leave every output.

Feeds announce the entries it alone published as deleted. The change log keeps the article
(text, URL, date), so it can be ingested again; editors' corrections of its events come back
with it.

\b
Example:
  timeline remove nato-russland 12
"""


@click.command("remove", help=HELP, no_args_is_help=True)
@click.argument("slug")
@click.argument("document_id", metavar="DOCUMENT-ID")
@editor_option
@database_option
@user_errors_are_one_line
def remove_command(slug: str, document_id: str, editor: str | None,
                   database: str | None) -> None:
    from timeline.store import EditError

    if not document_id.isascii() or not document_id.isdigit():
        raise click.ClickException(f"DOCUMENT-ID must be a document's number, not {document_id!r}")
    document_id = int(document_id)
    name = editor_name(editor)
    with opened_store(database) as store:
        try:
            store.remove_document(slug, document_id, editor=name)
        except EditError as exc:
            raise click.ClickException(str(exc)) from None
    click.echo(f"removed: document {document_id} from story {slug}")
