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

import sys
import time
from dataclasses import dataclass
from typing import BinaryIO

import click

from timeline.cli.extract_batch import read_lines
from timeline.intake import IntakeError, article_from_json_line
from timeline.intake.ingest import ingest_article
from timeline.intake.title import article_title

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


def _ingest_line(store, slug: str, line: bytes, lang: str, story_title: str | None) -> str:
    """One record through the intake (the same rules as a single ingest)."""
    _, article = article_from_json_line(line, lang=lang)
    article = article.dated()
    title = article_title(None, article.title, article.text, article.format)
    if store.has_document(slug, article.text, article.published, url=article.url, title=title,
                          lang=article.lang):
        return "unchanged"
    return ingest_article(store, slug, article, story_title=story_title).status


def ingest_jsonl(store, slug: str, stream: BinaryIO, *, lang: str, story_title: str | None,
                 max_bytes: int) -> BulkSummary:
    """Store every good record of `stream`; report each bad one on stderr (module doc)."""
    from timeline.store import StoreError, StoreUnavailable

    summary = BulkSummary()
    started = time.monotonic()
    live = sys.stderr.isatty()
    for number, line in read_lines(stream, max_bytes):
        summary.read += 1
        try:
            if line is None:
                raise IntakeError(f"longer than --max-bytes ({max_bytes:,} bytes)")
            status = _ingest_line(store, slug, line, lang, story_title)
            story_title = None          # named once is enough
            setattr(summary, status, getattr(summary, status) + 1)
        except StoreUnavailable:
            raise                       # the database's fault, not the record's: stop (exit 75)
        except (IntakeError, StoreError) as error:
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
