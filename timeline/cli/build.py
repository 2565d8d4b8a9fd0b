"""`timeline build`: the whole site as static files.

Checked before anything is written, so a typo never overwrites a published site:
- the feeds need absolute ids and self links, so `--base-url` (or TIMELINE_BASE_URL) is
  required and must be an absolute http(s) URL with a host; `--pages-only` writes the HTML
  pages alone and needs none;
- the database must exist: a SQLite path that names no file is an error (opening it would
  create an empty database and publish "0 stories").
"""
from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import click

from timeline.cli.web_app import INSTANCE_FOLDER, make_app, open_store


def checked_base_url(value: str | None) -> str:
    """`value` if it is an absolute http(s) URL with a host, else a ClickException."""
    if not value:
        raise click.ClickException("--base-url is required: the feeds need the URL the site "
                                   "will be published at (e.g. https://example.org/zeitleisten/); "
                                   "--pages-only writes the pages without feeds")
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise click.ClickException(f"--base-url {value!r} is not an absolute http(s) URL "
                                   f"(like https://example.org/zeitleisten/)")
    return value


def existing_database(database_url: str | None) -> str:
    """The database URL to build from; a SQLite file that does not exist is an error."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    from timeline.store import default_database_url

    url = database_url or default_database_url(os.path.abspath(INSTANCE_FOLDER))
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise click.ClickException(f"--database {url!r} is not a database URL") from None
    if parsed.get_backend_name() == "sqlite":
        path = parsed.database
        if not path or path == ":memory:" or not Path(path).is_file():
            raise click.ClickException(f"no database at {path or url}: build publishes an existing "
                                       f"database (ingest articles first, or fix --database)")
    return url


@click.command("build")
@click.argument("outdir", type=click.Path(file_okay=False, writable=True))
@click.option("--base-url", metavar="URL",
              help="URL the folder will be published at (absolute http(s)); feeds need it for "
                   "their ids and self links [default: $TIMELINE_BASE_URL]")
@click.option("--database", "database_url", metavar="URL",
              help="SQLAlchemy URL of an existing database [default: $TIMELINE_DATABASE_URL, else "
                   "./instance/timeline.sqlite3]")
@click.option("--pages-only", is_flag=True,
              help="Write the HTML pages only, without feeds (then no --base-url is needed).")
@click.option("--locale", metavar="CODE",
              help="Language of the pages' and feeds' words, e.g. de or en (a catalog in "
                   "feeds/translations/; without one the English source texts) "
                   "[default: $TIMELINE_UI_LOCALE, else de]")
def build_command(outdir: str, base_url: str | None, database_url: str | None, pages_only: bool,
                  locale: str | None) -> None:
    """Write every page and file of the site as static files into OUTDIR.

    Story folders of stories no longer in the database are removed.
    """
    from feeds.web.build import build_site

    base_url = base_url or os.environ.get("TIMELINE_BASE_URL", "").strip() or None
    if not pages_only or base_url:
        base_url = checked_base_url(base_url)
    database_url = existing_database(database_url)
    app = make_app(database_url, base_url, locale)
    store = open_store(app)
    report = build_site(app, store, outdir, base_url=app.config.get("BASE_URL"), feeds=not pages_only)
    removed = f", removed {len(report.removed)} stale story folders" if report.removed else ""
    click.echo(f"wrote {len(report.files)} files for {report.stories} stories to {report.outdir}{removed}")
