"""`timeline build`: the whole site as static files."""
from __future__ import annotations

import click

from timeline.cli.web_app import make_app, open_store


@click.command("build")
@click.argument("outdir", type=click.Path(file_okay=False, writable=True))
@click.option("--base-url", metavar="URL",
              help="URL the folder will be published at; feeds need it for their ids and self "
                   "links [default: $TIMELINE_BASE_URL]")
@click.option("--database", "database_url", metavar="URL",
              help="SQLAlchemy database URL [default: $TIMELINE_DATABASE_URL, else "
                   "./instance/timeline.sqlite3]")
def build_command(outdir: str, base_url: str | None, database_url: str | None) -> None:
    """Write every page and file of the site as static files into OUTDIR."""
    from feeds.web.build import build_site

    app = make_app(database_url, base_url)
    store = open_store(app)
    report = build_site(app, store, outdir, base_url=app.config.get("BASE_URL"))
    if not app.config.get("BASE_URL"):
        click.echo(f"warning: no --base-url; feed ids and self links use {report.base_url}",
                   err=True)
    click.echo(f"wrote {len(report.files)} files for {report.stories} stories to {report.outdir}")
