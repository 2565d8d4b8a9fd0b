"""Console script entry point: the `timeline` group plus the commands that need the web stack."""
from __future__ import annotations

import sys

from timeline.cli import cli


def main(argv: list[str] | None = None) -> None:
    cli.main(args=argv, prog_name="timeline")


if __name__ == "__main__":  # pragma: no cover
    main(sys.argv[1:])
