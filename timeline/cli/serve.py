"""`timeline serve`: the stories over HTTP."""
from __future__ import annotations

import click

from timeline.cli.web_app import make_app, open_store

DEMO_HELP = ("ingest the seed story (NATO's answer to Russia) before serving; without either "
             "flag it is ingested only when the database holds no story yet")


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
    from feeds.web.app import serve_forever
    from timeline.demo import DEMO_SLUG, seed_demo

    app = make_app(database_url, base_url)
    store = open_store(app)
    if demo or (demo is None and not store.stories()):
        result = seed_demo(store)
        click.echo(f"demo story '{DEMO_SLUG}': {result.status}, {len(result.events)} events")
    click.echo(f"database: {store.url}")
    if not app.config.get("API_TOKEN"):
        click.echo("writes are disabled: set TIMELINE_API_TOKEN to accept articles")
    click.echo(f"serving on http://{host}:{port}/  (Ctrl+C to stop)")
    serve_forever(app, host, port)
