"""`timeline ingest`: PLACEHOLDER — being built (issue 3)."""
import click


@click.command("ingest")
def ingest_command() -> None:
    """Add an article to a story in the database."""
    raise click.ClickException("not implemented yet")
