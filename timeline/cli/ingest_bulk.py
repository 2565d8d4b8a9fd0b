"""`timeline ingest --jsonl FILE --story SLUG`: many articles into one story, streamed.

Each line is one record `{"id", "text", "published", "title"?, "url"?, "lang"?}`, saved in
its own transaction as a single ingest would save it, so an interrupted run keeps what it
stored and a run again resumes without duplicates: a record already stored as it is
(identified like single ingests, by URL, else by text; same text, date, language and title)
is skipped without extracting it again. A record that cannot be read or stored (broken
JSON, not UTF-8, an impossible date, a bad URL ...) is reported on stderr as
`line N: reason` and skipped; the rest are stored, and the exit status is 1 if any failed.
A progress line on stderr shows records read, stored, failed and the rate.
"""
from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass
from typing import BinaryIO

import click

from timeline.cli.extract_batch import read_lines
from timeline.intake.decode import InputError, parse_record

PROGRESS_EVERY = 50        # records between progress lines when stderr is no terminal


@dataclass
class BulkSummary:
    read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0

    def line(self, seconds: float) -> str:
        rate = self.read / seconds if seconds > 0 else 0.0
        return (f"{self.read} records: {self.created} created, {self.updated} updated, "
                f"{self.unchanged} unchanged, {self.failed} failed ({rate:.1f}/s)")


def _optional_text(data: dict, name: str) -> str | None:
    value = data.get(name)
    if value is not None and not isinstance(value, str):
        raise InputError(f'"{name}" is not a string')
    return value


def _ingest_line(store, slug: str, line: bytes, lang: str, story_title: str | None) -> str:
    from timeline.extract import extract

    record = parse_record(line, None, lang)
    data = json.loads(line)
    title, url = _optional_text(data, "title"), _optional_text(data, "url")
    if store.has_document(slug, record.text, record.published, url=url, title=title,
                          lang=record.lang):
        return "unchanged"
    timeline = extract(record.text, published=record.published, lang=record.lang)
    return store.save_document(slug, record.text, record.published, timeline, title=title,
                               url=url, lang=record.lang, story_title=story_title).status


def ingest_jsonl(store, slug: str, stream: BinaryIO, *, lang: str, story_title: str | None,
                 max_bytes: int) -> BulkSummary:
    """Store every good record of `stream`; report each bad one on stderr (module doc)."""
    from timeline.extract import UnknownLanguage
    from timeline.store import StoreError

    summary = BulkSummary()
    started = time.monotonic()
    live = sys.stderr.isatty()
    for number, line in read_lines(stream, max_bytes):
        summary.read += 1
        try:
            if line is None:
                raise InputError(f"longer than --max-bytes ({max_bytes:,} bytes)")
            status = _ingest_line(store, slug, line, lang, story_title)
            story_title = None          # named once is enough
            setattr(summary, status, getattr(summary, status) + 1)
        except (InputError, StoreError, UnknownLanguage) as error:
            summary.failed += 1
            if live:
                click.echo("\r\033[K", err=True, nl=False)
            click.echo(f"line {number}: {error}", err=True)
        if live:
            click.echo("\r" + summary.line(time.monotonic() - started), err=True, nl=False)
        elif summary.read % PROGRESS_EVERY == 0:
            click.echo(summary.line(time.monotonic() - started), err=True)
    if live:
        click.echo("\r\033[K", err=True, nl=False)
    click.echo(summary.line(time.monotonic() - started), err=True)
    return summary
