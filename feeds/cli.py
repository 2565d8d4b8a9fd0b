"""Console script entry point: the `timeline` group plus the commands that need the web stack."""
from __future__ import annotations

import sys

from feeds.commands import build_command, serve_command
from timeline.cli import cli

cli.add_command(serve_command)
cli.add_command(build_command)


def main(argv: list[str] | None = None) -> None:
    cli.main(args=argv, prog_name="timeline")


if __name__ == "__main__":  # pragma: no cover
    main(sys.argv[1:])
