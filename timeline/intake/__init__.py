"""Intake: every way an article comes in becomes one `Article` under one set of rules.

    rules.py    limits and checks (text, title, URL, slug, date, language) and `IntakeError`
    decode.py   bytes to text (BOMs, declared charsets, UTF-8; NUL means binary)
    formats.py  plain text, HTML and TimeML files
    article.py  the `Article` record, from values, JSON/form fields or a batch line
    ingest.py   an article into a story: extract, then save
"""
from timeline.intake.article import Article, article_from_fields, article_from_json_line, checked_article
from timeline.intake.formats import read_file
from timeline.intake.rules import IntakeError

__all__ = ["Article", "IntakeError", "article_from_fields", "article_from_json_line",
           "checked_article", "read_file"]
