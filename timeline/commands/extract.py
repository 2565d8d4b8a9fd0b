"""`timeline extract`: PLACEHOLDER — being built (issue 2)."""
import click


@click.command("extract")
def extract_command() -> None:
    """Print the time expressions and events of articles."""
    raise click.ClickException("not implemented yet")
