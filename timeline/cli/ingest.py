"""`timeline ingest FILE --story SLUG [--published DATE] ...`: add an article to a story;
`timeline ingest --jsonl FILE --story SLUG`: many (`timeline.cli.ingest_bulk`).

Failures follow `timeline extract`'s convention (`user_errors_are_one_line`): one
`Error: ...` line on stderr and exit status 1 for bad input or an unusable database, 70 for
a bug, never a traceback (unless TIMELINE_DEBUG=1). A failed ingest stores nothing and
leaves what was stored before as it was.
"""
from __future__ import annotations

import sys
from datetime import date

import click

from timeline.dates.published import NotADate, parse_published
from timeline.intake.decode import DEFAULT_MAX_BYTES
from timeline.cli.extract import user_errors_are_one_line

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
    from timeline.store import Store, StoreError

    try:
        stream = sys.stdin.buffer if path == "-" else open(path, "rb")
    except OSError as exc:
        raise click.ClickException(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        with stream, Store.open(url=database) as store:
            summary = ingest_jsonl(store, slug, stream, lang=lang, story_title=story_title,
                                   max_bytes=max_bytes)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    if summary.failed:
        raise click.exceptions.Exit(1)


def _parse_date(value: str) -> date:
    try:
        return parse_published(value)
    except NotADate as error:
        raise click.ClickException(f"--published: {error}") from None


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
@click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES,
              show_default=True, help="Longest --jsonl line accepted.")
@click.option("--story", "slug", metavar="SLUG", help="The story to add the article to.")
@click.option("--published", metavar="DATE",
              help="Publication date (YYYY-MM-DD); optional when the HTML or TimeML file gives it.")
@click.option("--title", metavar="T", help="The article's title (default: from the file).")
@click.option("--url", metavar="U", help="The article's URL; identifies it when ingested again.")
@click.option("--lang", default="de", show_default=True, metavar="CODE",
              help="Language of the article.")
@click.option("--story-title", metavar="T", help="Title of the story (default: the slug).")
@click.option("--database", metavar="URL",
              help="SQLAlchemy database URL (default: $TIMELINE_DATABASE_URL, else "
                   "./instance/timeline.sqlite3).")
@user_errors_are_one_line
def ingest_command(file: str | None, jsonl: str | None, max_bytes: int, slug: str | None,
                   published: str | None, title: str | None, url: str | None, lang: str,
                   story_title: str | None, database: str | None) -> None:
    from timeline.extract import UnknownLanguage
    from timeline.intake.ingest import ArticleError, ingest_article, read_article
    from timeline.store import Store, StoreError, valid_slug

    if not slug:
        raise click.ClickException("--story SLUG is required")
    if not valid_slug(slug):
        raise click.ClickException(f"invalid story slug {slug!r}: use 1-64 lowercase letters, "
                                   f"digits and hyphens")
    if jsonl is not None:
        if file is not None or published or title or url:
            raise click.ClickException("--jsonl takes no FILE, --published, --title or --url: "
                                       "each record gives its own")
        _bulk(jsonl, slug, lang, story_title, database, max_bytes)
        return
    if file is None:
        raise click.ClickException("give a FILE, or --jsonl FILE")
    published_date = _parse_date(published) if published else None
    data = _read(file)
    try:
        article = read_article(data, filename=None if file == "-" else file)
        if published_date is None and article.published is None:
            raise ArticleError(f"no publication date in the {article.format}; "
                               f"pass --published YYYY-MM-DD")
        with Store.open(url=database) as store:
            result = ingest_article(store, slug, article, published=published_date, title=title,
                                    url=url, lang=lang, story_title=story_title)
    except ArticleError as exc:
        raise click.ClickException(f"{file}: {exc}") from None
    except (StoreError, UnknownLanguage) as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{result.status}: document {result.document.id} in story {slug}, "
               f"{len(result.events)} events")
