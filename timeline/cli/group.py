"""The `timeline` command group and the console script's entry point.

Every command lives in its own module of this package. `serve` and `build` need the web stack:
they import `feeds.web` only when run, so that the engine (`timeline/` outside this package)
never depends on Flask or on the publications.
"""
from __future__ import annotations

import click

from timeline.cli.build import build_command
from timeline.cli.changes import changes_command
from timeline.cli.edit import edit_command
from timeline.cli.editors import editors_command
from timeline.cli.extract import extract_command
from timeline.cli.ingest import ingest_command
from timeline.cli.remove import remove_command
from timeline.cli.rename import rename_command
from timeline.cli.serve import serve_command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="timeline")
def cli() -> None:
    """Find the dates and events in news articles and publish them as a timeline."""


for command in (extract_command, ingest_command, serve_command, build_command, edit_command,
                remove_command, rename_command, changes_command, editors_command):
    cli.add_command(command)


def main(argv: list[str] | None = None) -> None:
    cli.main(args=argv, prog_name="timeline")
