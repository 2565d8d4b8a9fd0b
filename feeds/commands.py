"""`timeline serve` and `timeline build`: the commands that need the web stack."""
from __future__ import annotations

import os

import click

DEMO_HELP = ("ingest the seed story (NATO's answer to Russia) before serving; without either "
             "flag it is ingested only when the database holds no story yet")


# Like `timeline ingest`, the commands keep their database in ./instance, so that
# `timeline ingest ...` followed by `timeline serve` shows what was ingested.
INSTANCE_FOLDER = "instance"


def _make_app(database_url: str | None, base_url: str | None = None):
    from feeds.web import create_app

    overrides = {}
    if database_url:
        overrides["DATABASE_URL"] = database_url
    if base_url:
        overrides["BASE_URL"] = base_url
    return create_app(overrides or None, instance_path=os.path.abspath(INSTANCE_FOLDER))


def _open_store(app):
    from feeds.web import get_store
    from timeline.store import StoreError

    try:
        with app.app_context():
            return get_store()
    except StoreError as error:
        raise click.ClickException(str(error)) from None


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="interface to listen on")
@click.option("--port", default=5000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--database", "database_url", metavar="URL",
              help="SQLAlchemy database URL [default: $TIMELINE_DATABASE_URL, else "
                   "./instance/timeline.sqlite3]")
@click.option("--base-url", metavar="URL", help="public root URL [default: $TIMELINE_BASE_URL, "
                                                 "else the URL of each request]")
@click.option("--demo/--no-demo", default=None, help=DEMO_HELP)
def serve_command(host: str, port: int, database_url: str | None, base_url: str | None,
                  demo: bool | None) -> None:
    """Serve the stories over HTTP (Werkzeug's server; for production run
    gunicorn 'feeds.web:create_app()')."""
    from werkzeug.serving import run_simple

    from timeline.demo import DEMO_SLUG, seed_demo

    app = _make_app(database_url, base_url)
    store = _open_store(app)
    if demo or (demo is None and not store.stories()):
        result = seed_demo(store)
        click.echo(f"demo story '{DEMO_SLUG}': {result.status}, {len(result.events)} events")
    click.echo(f"database: {store.url}")
    if not app.config.get("API_TOKEN"):
        click.echo("writes are disabled: set TIMELINE_API_TOKEN to accept articles")
    click.echo(f"serving on http://{host}:{port}/  (Ctrl+C to stop)")
    run_simple(host, port, app, threaded=True, use_reloader=False, use_debugger=False)


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
    from feeds.build import build_site

    app = _make_app(database_url, base_url)
    store = _open_store(app)
    report = build_site(app, store, outdir, base_url=app.config.get("BASE_URL"))
    if not app.config.get("BASE_URL"):
        click.echo(f"warning: no --base-url; feed ids and self links use {report.base_url}",
                   err=True)
    click.echo(f"wrote {len(report.files)} files for {report.stories} stories to {report.outdir}")
