"""The `timeline` command line: the click group (`group.py`) and one module per command."""
from timeline.cli.group import cli, main

__all__ = ["cli", "main"]
