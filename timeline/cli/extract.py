"""`timeline extract`: the time expressions and events of articles, for people and scripts.

Reading input is the intake's (`timeline.intake`, the same rules as `ingest` and the API),
rendering lives in `extract_output`, the JSONL batch in `extract_batch`; this module holds the
options and what to do on errors.
"""
from __future__ import annotations

import errno
import functools
import os
import sys
from pathlib import Path

import click

from timeline.cli.extract_batch import BatchOptions, ProgressLine, run_batch
from timeline.intake import IntakeError, read_file
from timeline.intake.decode import read_limited
from timeline.intake.rules import MAX_ARTICLE_BYTES, check_published
from timeline.cli.extract_output import json_line, render_text, timeline_record
from timeline.extract import UnknownLanguage, extract
from timeline.lang import load_language

EXIT_INTERNAL_ERROR = 70  # EX_SOFTWARE from sysexits.h
EXIT_UNAVAILABLE = 75     # EX_TEMPFAIL: the database failed (down, full, read-only); retry later
DEBUG_VARIABLE = "TIMELINE_DEBUG"

HELP = f"""Print the time expressions and events of articles.

FILE is a text file (UTF-8, or UTF-16 with a byte order mark), an HTML page or a TimeML file,
or - for standard input. --published is the date the article appeared: relative dates
("gestern", "im November") are resolved against it. HTML and TimeML may bring their own.

\b
Output (--format):
  text   one line per event: its date as a reader writes it, then the headline;
         then the time expressions with offsets, type and TimeML value.
         The default when standard output is a terminal.
  json   {{"id", "published", "lang", "timexes": [...], "events": [...]}}, one
         compact line per FILE (so several FILEs give JSON Lines). The default
         when standard output is a pipe or file.
  timeml TempEval-3 TimeML with the DCT and inline TIMEX3 tags (one FILE only).

\b
Batch (--jsonl IN.jsonl, or - for standard input): each line is a record
  {{"id", "text", "published", "lang"?}} (other fields are ignored); each output
  line is {{"id", "published", "lang", "timexes", "events"}} in input order, or
  {{"id", "line", "error"}} for a record that could not be read. Blank lines are
  skipped. Records without "published"/"lang" take --published/--lang. Memory
  stays constant; --workers 0 uses one process per CPU (default: 1).

\b
Limits: a FILE, or one batch line, may hold at most --max-bytes
  (default {MAX_ARTICLE_BYTES:,} bytes); larger input is refused, never loaded.

\b
Exit status: 0 success; 1 bad input (message on stderr), or in a batch one or
  more records failed; 2 wrong usage; {EXIT_INTERNAL_ERROR} internal error (a bug: please report it;
  {DEBUG_VARIABLE}=1 shows the traceback).

\b
Examples:
  timeline extract article.txt --published 2022-01-27
  timeline extract a.txt b.txt --published 2022-01-27 --format json | jq .events
  curl -s URL | timeline extract - --published 2022-01-27 --format timeml
  timeline extract --jsonl corpus.jsonl --out timexes.jsonl --workers 0
"""


def debug_mode() -> bool:
    """Let unexpected exceptions through with their traceback: on request, and under pytest
    (which sets PYTEST_CURRENT_TEST) so that a bug fails a test loudly, wherever it is."""
    return (os.environ.get(DEBUG_VARIABLE, "") not in ("", "0")
            or "PYTEST_CURRENT_TEST" in os.environ)


def user_errors_are_one_line(command):
    """Turn every failure of `command` into one `Error: ...` line and an exit status.

    Input errors exit 1. A database fault (`timeline.store.StoreUnavailable`) exits 75 with
    its cause in one line. Anything unexpected is a bug: it exits 70 with the exception in one
    line, or propagates with its traceback in debug mode (TIMELINE_DEBUG=1, or under pytest).
    """
    @functools.wraps(command)
    def guarded(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except (IntakeError, UnknownLanguage) as error:
            raise click.ClickException(str(error)) from None
        except (click.exceptions.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except OSError as error:  # the machine's fault, not ours: no such device, disk full...
            if error.errno == errno.EPIPE:
                raise  # click quiets a closed pipe (`| head`)
            where = f"{error.filename}: " if error.filename else ""
            raise click.ClickException(f"{where}{error.strerror or error}") from None
        except Exception as error:
            if _is_unavailable(error):
                click.echo(f"Error: {error.for_operator()}", err=True)
                raise click.exceptions.Exit(EXIT_UNAVAILABLE) from None
            if debug_mode():
                raise
            click.echo(f"Error: internal error: {type(error).__name__}: {error} "
                       f"(set {DEBUG_VARIABLE}=1 to see the traceback)", err=True)
            raise click.exceptions.Exit(EXIT_INTERNAL_ERROR) from None
    return guarded


def _is_unavailable(error: Exception) -> bool:
    records = sys.modules.get("timeline.store.records")  # not imported: no database was used
    return records is not None and isinstance(error, records.StoreUnavailable)


@click.command("extract", help=HELP, no_args_is_help=True)
@click.argument("files", nargs=-1, metavar="[FILE]...")
@click.option("--published", metavar="DATE",
              help="Publication date, YYYY-MM-DD or e.g. 27.01.2022 (needed for FILEs; in a batch, the default).")
@click.option("--lang", default="de", show_default=True, metavar="CODE",
              help="Language of the text (in a batch, the default for records without one).")
@click.option("--format", "output_format", type=click.Choice(["text", "json", "timeml"]),
              help="Output format (default: text on a terminal, json otherwise).")
@click.option("--jsonl", "jsonl_input", metavar="IN.jsonl",
              help="Batch: read one JSON record per line from this file (- for stdin).")
@click.option("--out", "output_path", metavar="OUT", help="Write here instead of standard output.")
@click.option("--workers", type=click.IntRange(min=0), default=1, show_default=True,
              help="Batch: processes to use; 0 = one per CPU.")
@click.option("--max-bytes", type=click.IntRange(min=1), default=MAX_ARTICLE_BYTES, show_default=True,
              help="Largest FILE, or batch line, accepted.")
@click.option("--progress/--no-progress", default=None,
              help="Batch: show progress on stderr (default: when stderr is a terminal).")
@user_errors_are_one_line
def extract_command(files, published, lang, output_format, jsonl_input, output_path, workers,
                    max_bytes, progress) -> None:
    if files and jsonl_input:
        raise IntakeError("give FILEs or --jsonl, not both")
    if not files and not jsonl_input:
        raise IntakeError("give a FILE (or - for standard input), or --jsonl IN.jsonl; see --help")
    published_date = check_published(published, "--published") if published is not None else None
    try:
        load_language(lang)
    except UnknownLanguage as error:
        raise IntakeError(f"--lang: {error}") from None
    if jsonl_input:
        if output_format not in (None, "json"):
            raise IntakeError("--jsonl writes JSON Lines only; drop --format")
        sys.exit(extract_batch(jsonl_input, output_path, published_date, lang, workers,
                               max_bytes, progress))
    if output_format is None:
        output_format = "text" if sys.stdout.isatty() and output_path is None else "json"
    if output_format == "timeml" and len(files) > 1:
        raise IntakeError("--format timeml takes one FILE at a time")
    sys.exit(extract_files(files, output_path, published_date, lang, output_format, max_bytes))


def extract_files(files, output_path, published, lang, output_format, max_bytes) -> int:
    """Extract each FILE in turn; a bad one is reported on stderr and the rest still run."""
    failed = 0
    with _output(output_path) as out:
        for number, name in enumerate(files):
            try:
                article = _read_article(name, max_bytes).given(published=published, lang=lang)
                if article.published is None:
                    raise IntakeError("--published DATE is required: the date the article appeared, "
                                      "e.g. --published 2022-01-27")
            except IntakeError as error:
                if len(files) == 1:
                    raise
                click.echo(f"Error: {error}", err=True)
                failed += 1
                continue
            text = article.text
            timeline = extract(text, published=article.published, lang=article.lang)
            if output_format == "json":
                rendered = json_line(timeline_record(name, timeline)) + "\n"
            elif output_format == "timeml":
                from timeline.timeml import to_timeml  # only this format needs it

                rendered = to_timeml(text, timeline, doc_id=name)
            else:
                title = name if len(files) > 1 else None
                rendered = ("\n" if number else "") + render_text(timeline, title=title)
            out.write(rendered.encode("utf-8"))
    if failed:
        click.echo(f"Error: {failed} of {len(files)} files could not be read", err=True)
    return 1 if failed else 0


def _read_article(name: str, max_bytes: int):
    label = "<stdin>" if name == "-" else name
    with _input(name) as stream:
        data = read_limited(stream, label, max_bytes)
    try:
        return read_file(data, filename=None if name == "-" else name, max_bytes=max_bytes)
    except IntakeError as error:
        raise IntakeError(f"{label}: {error}", error.status) from None


def extract_batch(input_name, output_path, published, lang, workers, max_bytes, progress) -> int:
    if output_path and input_name != "-" and Path(output_path).exists() \
            and Path(input_name).exists() and Path(output_path).samefile(input_name):
        raise IntakeError(f"--out {output_path} is the input file; it would be overwritten")
    options = BatchOptions(published=published, lang=lang, max_bytes=max_bytes, debug=debug_mode())
    workers = workers or os.cpu_count() or 1
    with _input(input_name) as stream, _output(output_path) as out:
        show_progress = progress if progress is not None else sys.stderr.isatty()
        summary = run_batch(stream, out, options, workers,
                            progress=ProgressLine(stream) if show_progress else None)
    if summary.internal_errors:
        click.echo(f"Error: internal error in {summary.internal_errors} of {summary.documents} "
                   f"records; first: {summary.first_internal_error}", err=True)
        return EXIT_INTERNAL_ERROR
    if summary.failed:
        click.echo(f"Error: {summary.failed} of {summary.documents} records failed (their output "
                   f"lines hold an \"error\"); first: {summary.first_error}", err=True)
        return 1
    return 0


class _input:
    """Standard input for "-", else the file opened for binary reading."""

    def __init__(self, name: str):
        self.name = name
        self.handle = None

    def __enter__(self):
        if self.name == "-":
            return sys.stdin.buffer
        path = Path(self.name)
        if path.is_dir():
            raise IntakeError(f"{self.name}: is a directory, not a file")
        try:
            self.handle = path.open("rb")
        except FileNotFoundError:
            raise IntakeError(f"{self.name}: no such file") from None
        except PermissionError:
            raise IntakeError(f"{self.name}: permission denied") from None
        return self.handle

    def __exit__(self, *exc):
        if self.handle:
            self.handle.close()


class _output:
    """Standard output, or the --out file."""

    def __init__(self, path: str | None):
        self.path = path
        self.handle = None

    def __enter__(self):
        if self.path is None or self.path == "-":
            return sys.stdout.buffer
        try:
            self.handle = open(self.path, "wb")
        except OSError as error:
            raise IntakeError(f"--out {self.path}: {error.strerror}") from None
        return self.handle

    def __exit__(self, *exc):
        if self.handle:
            self.handle.close()
