"""One module per CLI command; `timeline.cli` gathers them into the group."""
