"""The one record every way in produces: an `Article`, its fields checked by `rules`."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any, Mapping

from timeline.intake.rules import (DEFAULT_LANG, IntakeError, check_lang, check_published,
                                   check_text, check_title, check_url)

LONE_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class Article:
    """An article as it came in. `published` is None until known (a plain text file)."""

    text: str
    published: date | None
    title: str | None = None
    url: str | None = None
    lang: str = DEFAULT_LANG
    format: str = "text"          # "text" (a file or a field) | "html" | "timeml"

    def given(self, *, published: date | None = None, title: str | None = None,
              url: str | None = None, lang: str | None = None) -> "Article":
        """This article with what the caller says winning over what the file says."""
        return replace(self, published=published or self.published,
                       title=check_title(title) or self.title, url=check_url(url) or self.url,
                       lang=check_lang(lang) if lang else self.lang)

    def dated(self) -> "Article":
        """This article, or an IntakeError when nothing gave its publication date."""
        if self.published is None:
            raise IntakeError(f"no publication date: the {self.format} does not give one, "
                              "so pass it (--published YYYY-MM-DD)", 400)
        return self


def checked_article(text: object, published: object, *, title: object = None, url: object = None,
                    lang: object = None) -> Article:
    """An Article from values a program or a person gave (every field checked)."""
    if isinstance(published, datetime):
        published = published.date()
    return Article(text=check_text(text), published=published if isinstance(published, date)
                   else check_published(published), title=check_title(title), url=check_url(url),
                   lang=check_lang(lang), format="text")


def article_from_fields(data: Any, *, published: date | None = None,
                        lang: str | None = None) -> Article:
    """An Article from JSON or form fields `{"text", "published", "title"?, "url"?, "lang"?}`;
    `published` and `lang` are defaults for records that lack them. Other fields are ignored."""
    if not isinstance(data, Mapping):
        raise IntakeError(f"not a JSON object but {type(data).__name__}", 400)
    given = data.get("published")
    return checked_article(data.get("text"),
                           published if given in (None, "") and published else given,
                           title=data.get("title"), url=data.get("url"),
                           lang=data.get("lang") or lang)


def article_from_json_line(line: bytes, *, published: date | None = None,
                           lang: str | None = None) -> tuple[object, Article]:
    """(id, Article) of a batch line. Lone surrogates (`"\\ud800"` escapes) in the text become
    U+FFFD, one for one, so offsets still fit. An IntakeError carries the id (`record_id`)."""
    try:
        data = json.loads(line)
    except UnicodeDecodeError as error:
        raise IntakeError(f"not UTF-8 (invalid byte at offset {error.start} of the line)", 400) from None
    except ValueError as error:
        raise IntakeError(f"not JSON ({error})", 400) from None
    record_id = data.get("id") if isinstance(data, dict) else None
    try:
        if isinstance(data, dict) and isinstance(data.get("text"), str):
            data = {**data, "text": LONE_SURROGATE.sub("\ufffd", data["text"])}
        return record_id, article_from_fields(data, published=published, lang=lang)
    except IntakeError as error:
        error.record_id = record_id
        raise
