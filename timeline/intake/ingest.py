"""An article into a story: extract its timeline, then save both in the store."""
from __future__ import annotations

from datetime import date
from typing import Mapping

from timeline.extract import extract
from timeline.intake.article import Article, article_from_fields, checked_article
from timeline.intake.language import check_language
from timeline.intake.rules import check_flag, check_slug, check_title
from timeline.intake.title import article_title
from timeline.store import IngestResult, Store


def ingest_article(store: Store, slug: str, article: Article, *, story_title: str | None = None,
                   force_lang: bool = False) -> IngestResult:
    """Save `article` (with its publication date) as a document of story `slug`.

    The text must be in the article's language unless `force_lang` (`LanguageMismatch`);
    without a title, a plain text's first line becomes it when it reads as a headline."""
    article = article.dated()
    text = article.text.replace("\r\n", "\n").replace("\r", "\n")
    check_language(text, article.lang, force=force_lang)
    title = article_title(None, article.title, text, article.format)
    timeline = extract(text, published=article.published, lang=article.lang)
    return store.save_document(slug, text, article.published, timeline, title=title,
                               url=article.url, lang=article.lang, story_title=story_title)


def ingest(store: Store, slug: str, text: str, published: date | str, title: str | None = None,
           url: str | None = None, lang: str = "de", *, story_title: str | None = None,
           force_lang: bool = False) -> IngestResult:
    """`ingest_article` for a text given as values (checked like every other way in)."""
    return ingest_article(store, slug, checked_article(text, published, title=title, url=url, lang=lang),
                          story_title=story_title, force_lang=force_lang)


def ingest_fields(store: Store, slug: str, fields: Mapping) -> IngestResult:
    """`ingest_article` for API JSON or paste-form fields (`article_from_fields`, plus
    `story_title`)."""
    article = article_from_fields(fields)
    return ingest_article(store, check_slug(slug), article,
                          story_title=check_title(fields.get("story_title"), "story_title"),
                          force_lang=check_flag(fields.get("force_lang"), "force_lang"))
