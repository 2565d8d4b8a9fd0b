"""Reading articles and adding them to a story.

Contract:

    read_article(data: bytes, *, filename=None) -> Article
        # plain text, HTML (trafilatura + htmldate) or TimeML (DCT from the file);
        # raises ArticleError with a one-line message on empty, binary, wrong encoding.
    Article(text, published: date | None, title: str | None, url: str | None, format: str)
    ingest(store, slug, article_text, published, *, title=None, url=None, lang="de",
           force_lang=False) -> IngestResult
        # language checked (timeline.intake.language: LanguageMismatch unless forced),
        # the title by the one rule (timeline.intake.title), extract(), store.save_document()

Also: `ingest_article(store, slug, article, ...)` — an Article with the caller's overrides
(publication date, title, URL), which the CLI and the web API both use.

Nothing here touches the network: HTML is read from the bytes given, never fetched, and
the URL an HTML page names (canonical link) is only recorded.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import PurePath

from timeline.extract import extract
from timeline.intake.language import LanguageMismatch, check_language
from timeline.intake.title import article_title
from timeline.lang import load_language
from timeline.store import IngestResult, Store

__all__ = ["Article", "ArticleError", "LanguageMismatch", "MAX_ARTICLE_BYTES", "ingest",
           "ingest_article", "read_article"]

MAX_ARTICLE_BYTES = 10 * 1024 * 1024
MIN_HTML_WORDS = 5          # fewer words extracted from a page is boilerplate, not an article

_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_TIMEML_SUFFIXES = {".tml", ".timeml"}
_SNIFF_BYTES = 4096
_HTML_START = re.compile(rb"<(?:!doctype\s+html|html|head|body|meta|title|article|main|div|p)\b",
                         re.I)
_TIMEML_START = re.compile(rb"<TimeML\b|<DCT>", re.I)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._:-]+)""", re.I)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))


class ArticleError(ValueError):
    """The input cannot be read as an article; the message is one line, for people."""


@dataclass(frozen=True)
class Article:
    text: str
    published: date | None
    title: str | None
    url: str | None
    format: str                   # "text" | "html" | "timeml"


def read_article(data: bytes, *, filename: str | None = None) -> Article:
    """Read plain text, an HTML page or a TimeML file (chosen by suffix, else by content)."""
    if not isinstance(data, (bytes, bytearray)):
        raise ArticleError(f"expected bytes, got {type(data).__name__}")
    data = bytes(data)
    if len(data) > MAX_ARTICLE_BYTES:
        raise ArticleError(f"too large: {len(data):,} bytes (the limit is "
                           f"{MAX_ARTICLE_BYTES // (1024 * 1024)} MB)")
    if not data.strip():
        raise ArticleError("empty: there is no text to read")
    kind = _detect_format(data, filename)
    if kind == "html":
        return _read_html(_decode(data, _declared_charset(data), "HTML page"))
    if kind == "timeml":
        return _read_timeml(_decode(data, _xml_encoding(data), "TimeML file"))
    text = _plain(_decode(data, None, "text"))
    if not text.strip():
        raise ArticleError("empty: there is no text to read")
    return Article(text=text, published=None, title=None, url=None, format="text")


def ingest(store: Store, slug: str, text: str, published: date, title: str | None = None,
           url: str | None = None, lang: str = "de", *,
           story_title: str | None = None, force_lang: bool = False,
           source_format: str = "text") -> IngestResult:
    """Extract the timeline of `text` and save it as a document of story `slug`.

    Raises LanguageMismatch when the text is clearly not in `lang` (unless `force_lang`).
    Without a `title`, a plain text's first line becomes it when it reads as a headline."""
    if isinstance(published, datetime):
        published = published.date()
    load_language(lang)  # an unknown language is UnknownLanguage, before any detection
    check_language(text, lang, force=force_lang)
    title = article_title(title, None, text, source_format)
    timeline = extract(text, published=published, lang=lang)
    return store.save_document(slug, text, published, timeline, title=title, url=url,
                               lang=lang, story_title=story_title)


def ingest_article(store: Store, slug: str, article: Article, *, published: date | None = None,
                   title: str | None = None, url: str | None = None, lang: str = "de",
                   story_title: str | None = None, force_lang: bool = False) -> IngestResult:
    """`ingest` an Article; the arguments given win over what the article says."""
    published = published or article.published
    if published is None:
        raise ArticleError(f"no publication date: the {article.format} does not give one, "
                           f"so pass it (--published YYYY-MM-DD)")
    return ingest(store, slug, article.text, published,
                  title=article_title(title, article.title, article.text, article.format),
                  url=url or article.url, lang=lang, story_title=story_title,
                  force_lang=force_lang, source_format=article.format)


# --- detecting and decoding --------------------------------------------------------------

def _detect_format(data: bytes, filename: str | None) -> str:
    suffix = PurePath(filename).suffix.lower() if filename else ""
    if suffix in _TIMEML_SUFFIXES:
        return "timeml"
    if suffix in _HTML_SUFFIXES:
        return "html"
    head = _ascii_head(data)
    if _TIMEML_START.search(head):
        return "timeml"
    if head.lstrip().startswith(b"<") and _HTML_START.search(head):
        return "html"
    return "text"


def _ascii_head(data: bytes) -> bytes:
    """The start of the data with a UTF-16 encoding undone, enough to sniff tags in."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            head = data[len(bom):_SNIFF_BYTES * 2]
            return head.decode(encoding, "replace").encode("ascii", "replace")
    return data[:_SNIFF_BYTES]


def _declared_charset(data: bytes) -> str | None:
    match = _CHARSET.search(data[:_SNIFF_BYTES]) or _XML_ENCODING.search(data[:_SNIFF_BYTES])
    return match.group(1).decode("ascii").lower() if match else None


def _xml_encoding(data: bytes) -> str | None:
    match = _XML_ENCODING.search(data[:_SNIFF_BYTES])
    return match.group(1).decode("ascii").lower() if match else None


def _decode(data: bytes, declared: str | None, what: str) -> str:
    """Text from bytes: a BOM wins, then a declared charset (HTML, XML), else UTF-8."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_as(data[len(bom):], encoding, what, "its byte order mark")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise ArticleError(f"binary data, not text: NUL byte at offset {nul}")
    if declared:
        try:
            codecs.lookup(declared)
        except LookupError:
            raise ArticleError(f"the {what} declares an unknown charset {declared!r}") from None
        return _decode_as(data, declared, what, "its declared charset")
    return _decode_as(data, "utf-8", what, None)


def _decode_as(data: bytes, encoding: str, what: str, because: str | None) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        bad = data[exc.start:exc.start + 1].hex()
        source = f" (as {because} says)" if because else ""
        hint = "" if because else "; save it as UTF-8"
        raise ArticleError(f"the {what} is not valid {encoding}{source}: byte 0x{bad} at "
                           f"offset {exc.start}{hint}") from None


def _plain(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --- the three formats -------------------------------------------------------------------

def _read_html(page: str) -> Article:
    import htmldate
    import trafilatura
    from trafilatura.metadata import extract_metadata

    # Each library prunes the tree it is given, so each gets its own parse.
    options = dict(output_format="txt", include_comments=False, include_tables=False,
                   include_images=False, with_metadata=False)
    body = trafilatura.extract(trafilatura.load_html(page), **options)
    if not body or len(body.split()) < MIN_HTML_WORDS:
        # What trafilatura keeps of a page without an article is a menu entry or two.
        raise ArticleError("no article text found in the HTML page")
    # trafilatura puts each paragraph or heading on a line; keep them apart as paragraphs.
    text = "\n\n".join(line.strip() for line in body.splitlines() if line.strip())
    metadata = extract_metadata(trafilatura.load_html(page), extensive=False)
    found = htmldate.find_date(trafilatura.load_html(page), extensive_search=False,
                               original_date=True, outputformat="%Y-%m-%d")
    published = date.fromisoformat(found) if found else None
    url = metadata.url if metadata and metadata.url and metadata.url.startswith(
        ("http://", "https://")) else None
    title = metadata.title.strip() if metadata and metadata.title else None
    return Article(text=text, published=published, title=title or None, url=url, format="html")


def _read_timeml(data: str) -> Article:
    from timeline.timeml import TimeMLError, read_timeml

    try:
        text, dct, title = read_timeml(data)
    except TimeMLError as exc:
        raise ArticleError(str(exc)) from None
    if not text.strip():
        raise ArticleError("empty: the TimeML file's <TEXT> is empty")
    return Article(text=text, published=dct, title=title, url=None, format="timeml")
