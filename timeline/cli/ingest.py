"""`timeline ingest FILE --story SLUG [--published DATE] ...`: add an article to a story;
`timeline ingest --jsonl FILE --story SLUG`: many (`timeline.cli.ingest_bulk`).

Failures follow `timeline extract`'s convention (`user_errors_are_one_line`): one
`Error: ...` line on stderr and exit status 1 for bad input or an unusable database URL, 75
when the database fails (down, disk full, read-only: try again later), 70 for a bug, never a traceback (unless TIMELINE_DEBUG=1). A failed ingest stores nothing and
leaves what was stored before as it was.
"""
from __future__ import annotations

import sys

import click

from timeline.intake.rules import MAX_ARTICLE_BYTES
from timeline.cli.extract import user_errors_are_one_line
from timeline.intake.rules import IntakeError, check_published, check_slug, check_title

HELP = """Add the article in FILE (plain text, HTML or TimeML; - for standard input) to a story.

Prints one line: created, updated or unchanged, the document id and its number of events.
The same article ingested again is one document (by --url, or by its text without one); a
changed version replaces the old one and keeps its unchanged events' identities.

\b
Examples:
  timeline ingest nato-antwort.txt --story nato-russland --published 2022-01-27
  timeline ingest page.html --story nato-russland          # date and URL from the page
  timeline ingest a.txt --story s --published 2022-01-27 --database postgresql+psycopg://...
  timeline ingest --jsonl articles.jsonl --story nato-russland   # bulk, resumable
"""


def _bulk(path: str, slug: str, lang: str, story_title: str | None, database: str | None,
          max_bytes: int) -> None:
    from timeline.cli.ingest_bulk import ingest_jsonl
    from timeline.store import Store, StoreError, StoreUnavailable

    try:
        stream = sys.stdin.buffer if path == "-" else open(path, "rb")
    except OSError as exc:
        raise click.ClickException(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        with stream, Store.open(url=database) as store:
            summary = ingest_jsonl(store, slug, stream, lang=lang, story_title=story_title,
                                   max_bytes=max_bytes)
    except StoreUnavailable:
        raise  # exit 75, try again later (user_errors_are_one_line)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    if summary.failed:
        raise click.exceptions.Exit(1)


def _read(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    try:
        with open(path, "rb") as file:
            return file.read()
    except OSError as exc:
        raise click.ClickException(f"cannot read {path}: {exc.strerror or exc}") from None


@click.command("ingest", help=HELP, no_args_is_help=True)
@click.argument("file", metavar="FILE", required=False)
@click.option("--jsonl", metavar="FILE",
              help="Bulk: one JSON record per line, {\"id\", \"text\", \"published\", "
                   "\"title\"?, \"url\"?, \"lang\"?} (- for standard input). A bad record is "
                   "reported (line, reason) and skipped; exit status 1 if any failed.")
@click.option("--max-bytes", type=click.IntRange(min=1), default=MAX_ARTICLE_BYTES,
              show_default=True, help="Longest --jsonl line accepted.")
@click.option("--story", "slug", metavar="SLUG", help="The story to add the article to.")
@click.option("--published", metavar="DATE",
              help="Publication date (YYYY-MM-DD); optional when the HTML or TimeML file gives it.")
@click.option("--title", metavar="T", help="The article's title (default: from the file).")
@click.option("--url", metavar="U", help="The article's URL; identifies it when ingested again.")
@click.option("--lang", default="de", show_default=True, metavar="CODE",
              help="Language of the article.")
@click.option("--story-title", metavar="T", help="Title of the story (default: the slug).")
@click.option("--force-lang", is_flag=True,
              help="Read the text as --lang even when it is clearly in another language.")
@click.option("--database", metavar="URL",
              help="SQLAlchemy database URL (default: $TIMELINE_DATABASE_URL, else "
                   "./instance/timeline.sqlite3).")
@user_errors_are_one_line
def ingest_command(file: str | None, jsonl: str | None, max_bytes: int, slug: str | None,
                   published: str | None, title: str | None, url: str | None, lang: str,
                   story_title: str | None, force_lang: bool, database: str | None) -> None:
    from timeline.intake import read_file
    from timeline.intake.ingest import ingest_article
    from timeline.store import Store, StoreError, StoreUnavailable

    if not slug:
        raise click.ClickException("--story SLUG is required")
    check_slug(slug)
    if jsonl is not None:
        if file is not None or published or title or url:
            raise click.ClickException("--jsonl takes no FILE, --published, --title or --url: "
                                       "each record gives its own")
        _bulk(jsonl, slug, lang, story_title, database, max_bytes)
        return
    if file is None:
        raise click.ClickException("give a FILE, or --jsonl FILE")
    published_date = check_published(published, "--published") if published else None
    data = _read(file)
    try:
        article = read_file(data, filename=None if file == "-" else file, max_bytes=max_bytes)
        article = article.given(published=published_date, title=title, url=url, lang=lang).dated()
    except IntakeError as exc:
        raise click.ClickException(f"{file}: {exc}") from None
    try:
        with Store.open(url=database) as store:
            result = ingest_article(store, slug, article, force_lang=force_lang,
                                    story_title=check_title(story_title, "--story-title"))
    except IntakeError as exc:   # the language check
        raise click.ClickException(f"{file}: {exc}") from None
    except StoreUnavailable:
        raise  # exit 75, try again later (user_errors_are_one_line)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{result.status}: document {result.document.id} in story {slug}, "
               f"{len(result.events)} events")
