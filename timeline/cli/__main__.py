"""`python -m timeline.cli ...` runs the console script."""
import sys

from timeline.cli.group import main

main(sys.argv[1:])
