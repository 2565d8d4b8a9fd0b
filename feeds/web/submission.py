"""Checking an article someone submits (API JSON or the paste form) before it is ingested.

One set of rules for both ways in, so the API and the form refuse the same things with the
same words. Every refusal is a `SubmissionError` carrying the HTTP status to answer with:
400 for a request of the wrong shape, 422 for well-formed values that cannot be used.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Mapping
from urllib.parse import urlsplit

from feeds.render.publication import clean_line
from timeline.dates.published import NotADate, parse_published
from timeline.lang import UnknownLanguage, available_languages, load_language
from timeline.store import valid_slug

MAX_TITLE_LENGTH = 500
MAX_URL_LENGTH = 2000


class SubmissionError(ValueError):
    def __init__(self, message: str, status: int = 422):
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass(frozen=True)
class Submission:
    text: str
    published: date
    title: str | None = None
    url: str | None = None
    lang: str = "de"
    story_title: str | None = None
    force_lang: bool = False      # read as `lang` even when the text is clearly in another


def slug_is_valid(slug: object) -> bool:
    """The store's rule (`timeline.store.valid_slug`: lowercase letters, digits, hyphens)."""
    return valid_slug(slug)


def check_slug(slug: str) -> str:
    if not slug_is_valid(slug):
        raise SubmissionError(
            f"malformed story slug {slug!r}: use 1-64 lowercase letters, digits and hyphens, "
            "starting with a letter or digit", 400)
    return slug


def parse_submission(data: Any) -> Submission:
    """Validate a submitted article: {"text", "published", "title"?, "url"?, "lang"?,
    "story_title"?, "force_lang"? (true/false)}."""
    if not isinstance(data, Mapping):
        raise SubmissionError("the body must be a JSON object", 400)
    text = data.get("text")
    if text is None:
        raise SubmissionError("'text' is missing", 400)
    if not isinstance(text, str):
        raise SubmissionError("'text' must be a string", 400)
    if not text.strip():
        raise SubmissionError("'text' is empty", 422)
    if "\x00" in text:
        raise SubmissionError("'text' contains a NUL character", 422)
    return Submission(
        text=text,
        published=_published(data.get("published")),
        title=_optional_text(data, "title", MAX_TITLE_LENGTH),
        url=_optional_url(data.get("url")),
        lang=_language(data.get("lang")),
        story_title=_optional_text(data, "story_title", MAX_TITLE_LENGTH),
        force_lang=_flag(data.get("force_lang", False)),
    )


def _flag(value: Any) -> bool:
    """JSON true/false; the paste form's checkbox sends "on" (absent when unticked)."""
    if isinstance(value, bool):
        return value
    if value in ("on", "1", "true"):
        return True
    if value in ("", "0", "false", None):
        return False
    raise SubmissionError("'force_lang' must be true or false", 400)


def _published(value: Any) -> date:
    if value is None or value == "":
        raise SubmissionError("'published' is missing: give the publication date as YYYY-MM-DD", 400)
    if not isinstance(value, str):
        raise SubmissionError("'published' must be a string YYYY-MM-DD", 400)
    try:
        return parse_published(value)
    except NotADate:
        raise SubmissionError(f"'published' is not a date: {value[:40]!r} "
                              "(give it like 2022-01-27 or 27. Januar 2022)", 422) from None


def _optional_text(data: Mapping, name: str, limit: int) -> str | None:
    value = data.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise SubmissionError(f"'{name}' must be a string", 400)
    value = clean_line(value)  # one line, control characters gone: as every output shows it
    if len(value) > limit:
        raise SubmissionError(f"'{name}' is longer than {limit} characters", 422)
    return value or None


def _optional_url(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise SubmissionError("'url' must be a string", 400)
    value = value.strip()
    if not value:
        return None
    if len(value) > MAX_URL_LENGTH:
        raise SubmissionError(f"'url' is longer than {MAX_URL_LENGTH} characters", 422)
    if not is_web_url(value):
        raise SubmissionError("'url' must be an absolute http(s) URL", 422)
    return value


def is_web_url(value: str | None) -> bool:
    """True for absolute http(s) URLs: the only ones the pages turn into links."""
    if not value or any(c.isspace() or ord(c) < 32 for c in value):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _language(value: Any) -> str:
    if value is None or value == "":
        return "de"
    if not isinstance(value, str):
        raise SubmissionError("'lang' must be a string", 400)
    try:
        return load_language(value.strip()).code
    except UnknownLanguage:
        raise SubmissionError(
            f"unknown language {value[:20]!r}; available: {', '.join(available_languages())}", 422)
