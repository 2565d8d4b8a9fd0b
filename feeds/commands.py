"""`timeline serve` and `timeline build`: PLACEHOLDER — being built (issue 3)."""
import click


@click.command("serve")
def serve_command() -> None:
    """Serve the stories over HTTP."""
    raise click.ClickException("not implemented yet")


@click.command("build")
def build_command() -> None:
    """Write every page and file of the site as static files."""
    raise click.ClickException("not implemented yet")
