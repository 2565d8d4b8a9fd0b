"""The `timeline` command group: the commands that need no web stack (extract, ingest).

Each command lives in its own module under `timeline/commands/`. `feeds.cli` adds `serve`
and `build` to this group and is the console script's entry point, so that `timeline/`
never imports Flask.
"""
from __future__ import annotations

import click

from timeline.commands.extract import extract_command
from timeline.commands.ingest import ingest_command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="timeline")
def cli() -> None:
    """Find the dates and events in news articles and publish them as a timeline."""


cli.add_command(extract_command)
cli.add_command(ingest_command)
