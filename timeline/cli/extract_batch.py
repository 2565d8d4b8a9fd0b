"""`timeline extract --jsonl`: many documents, one JSON record per line in and out.

Memory stays constant whatever the input size: lines are read one at a time (a line longer
than --max-bytes is skipped, not loaded), and with several workers at most
`2 * workers` chunks of lines are in flight; results are written in input order.
A bad record becomes `{"id", "line", "error"}` in the output and the batch goes on.
"""
from __future__ import annotations

import gc
import os
import signal
import sys
import time
from collections import deque
from dataclasses import dataclass
from datetime import date
from typing import BinaryIO, Callable, Iterable, Iterator

from timeline.intake import IntakeError, article_from_json_line
from timeline.cli.extract_output import json_line, timeline_record
from timeline.extract import UnknownLanguage, extract

CHUNK_LINES = 32
CHUNK_BYTES = 4_000_000


@dataclass(frozen=True)
class BatchOptions:
    published: date | None   # for records without "published"
    lang: str                # for records without "lang"
    max_bytes: int           # longest line accepted
    debug: bool = False      # let unexpected exceptions through (tests, TIMELINE_DEBUG=1)


@dataclass
class BatchSummary:
    documents: int = 0
    failed: int = 0
    internal_errors: int = 0
    chars: int = 0
    seconds: float = 0.0
    first_error: str | None = None
    first_internal_error: str | None = None

    def add(self, result: "LineResult") -> None:
        self.documents += 1
        self.chars += result.chars
        if result.error:
            self.failed += 1
            where = f"line {result.number}: {result.error}"
            self.first_error = self.first_error or where
            if result.internal:
                self.internal_errors += 1
                self.first_internal_error = self.first_internal_error or where


@dataclass(frozen=True)
class LineResult:
    number: int
    output: str
    chars: int = 0
    error: str | None = None
    internal: bool = False


def read_lines(stream: BinaryIO, max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line) for each non-blank line; None for a line over `max_bytes`, which
    is skipped in bounded pieces rather than loaded."""
    number = 0
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        number += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while (more := stream.readline(1 << 20)) and not more.endswith(b"\n"):
                pass
            yield number, None
        elif line.strip():
            yield number, line


def process_line(number: int, line: bytes | None, options: BatchOptions) -> LineResult:
    record_id = None
    try:
        if line is None:
            raise IntakeError(f"line longer than {options.max_bytes:,} bytes (--max-bytes)")
        record_id, article = article_from_json_line(line, published=options.published, lang=options.lang)
        timeline = extract(article.text, published=article.published, lang=article.lang)
        return LineResult(number, json_line(timeline_record(record_id, timeline)), chars=len(article.text))
    except (IntakeError, UnknownLanguage) as error:
        message, internal = str(error), False
        record_id = getattr(error, "record_id", record_id)
    except Exception as error:  # one document must not stop a batch of thousands
        if options.debug:
            raise
        message, internal = f"internal error: {type(error).__name__}: {error}", True
    return LineResult(number, json_line({"id": record_id, "line": number, "error": message}),
                      error=message, internal=internal)


def process_chunk(chunk: list[tuple[int, bytes | None]], options: BatchOptions) -> list[LineResult]:
    return [process_line(number, line, options) for number, line in chunk]


def chunks(lines: Iterable[tuple[int, bytes | None]]) -> Iterator[list[tuple[int, bytes | None]]]:
    chunk, size = [], 0
    for item in lines:
        chunk.append(item)
        size += len(item[1] or b"")
        if len(chunk) >= CHUNK_LINES or size >= CHUNK_BYTES:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _ignore_interrupts() -> None:
    """Workers leave Ctrl-C to the parent, which stops the pool."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def results(stream: BinaryIO, options: BatchOptions, workers: int) -> Iterator[LineResult]:
    """Results in input order, computed here (workers == 1) or by a pool of processes."""
    lines = read_lines(stream, options.max_bytes)
    if workers <= 1:
        for count, (number, line) in enumerate(lines):
            yield process_line(number, line, options)
            if count == 0:
                gc.freeze()   # the language's compiled rules, made for the first record, live as long as
                # the process: the collector need not walk them again after every few thousand objects
        return
    import multiprocessing  # only a pool needs it: not loaded at start for every call

    with multiprocessing.get_context().Pool(workers, initializer=_ignore_interrupts) as pool:
        pending: deque = deque()
        for chunk in chunks(lines):
            pending.append(pool.apply_async(process_chunk, (chunk, options)))
            if len(pending) >= 2 * workers:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


def run_batch(stream: BinaryIO, out: BinaryIO, options: BatchOptions, workers: int,
              progress: Callable[[BatchSummary, bool], None] | None = None) -> BatchSummary:
    summary = BatchSummary()
    started = time.perf_counter()
    for result in results(stream, options, workers):
        out.write(result.output.encode("utf-8") + b"\n")
        summary.add(result)
        summary.seconds = time.perf_counter() - started
        if progress:
            progress(summary, False)
    out.flush()
    summary.seconds = time.perf_counter() - started
    if progress:
        progress(summary, True)
    return summary


class ProgressLine:
    """`12,345 docs  1,234 docs/s  45%` on stderr, redrawn at most five times a second."""

    def __init__(self, stream: BinaryIO, err=None):
        self.err = err or sys.stderr
        self.last = 0.0
        try:
            self.size = os.fstat(stream.fileno()).st_size or None
        except (OSError, AttributeError, ValueError):
            self.size = None
        self.stream = stream

    def __call__(self, summary: BatchSummary, done: bool) -> None:
        now = time.monotonic()
        if not done and now - self.last < 0.2:
            return
        self.last = now
        rate = summary.documents / summary.seconds if summary.seconds else 0.0
        line = f"\r{summary.documents:,} docs  {rate:,.0f} docs/s"
        if summary.failed:
            line += f"  {summary.failed:,} failed"
        if self.size and not done:
            try:
                line += f"  {min(100, 100 * self.stream.tell() // self.size)}%"
            except (OSError, ValueError):
                pass
        if done:
            line += f"  in {summary.seconds:,.1f} s"
        self.err.write(line + "\x1b[K" + ("\n" if done else ""))
        self.err.flush()
