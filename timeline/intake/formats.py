"""The three kinds of article file: plain text, an HTML page (trafilatura and htmldate find the
article, its date, title and URL) and TimeML (its DCT is the publication date).

Nothing here touches the network: HTML is read from the bytes given, never fetched, and the
URL a page names (canonical link) is only recorded.
"""
from __future__ import annotations

import re
from datetime import date
from pathlib import PurePath

from timeline.intake.article import Article
from timeline.intake.decode import BOMS, decode
from timeline.intake.rules import MAX_ARTICLE_BYTES, IntakeError, check_text

MIN_HTML_WORDS = 5          # fewer words extracted from a page is boilerplate, not an article

_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_TIMEML_SUFFIXES = {".tml", ".timeml"}
_SNIFF_BYTES = 4096
_HTML_START = re.compile(rb"<(?:!doctype\s+html|html|head|body|meta|title|article|main|div|p)\b",
                         re.I)
_TIMEML_START = re.compile(rb"<TimeML\b|<DCT>", re.I)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._:-]+)""", re.I)


def read_file(data: bytes, *, filename: str | None = None,
              max_bytes: int = MAX_ARTICLE_BYTES) -> Article:
    """Plain text, an HTML page or a TimeML file (chosen by suffix, else by content)."""
    if not isinstance(data, (bytes, bytearray)):
        raise IntakeError(f"expected bytes, got {type(data).__name__}", 400)
    data = bytes(data)
    if len(data) > max_bytes:
        raise IntakeError(f"too large: {len(data):,} bytes (the limit is {max_bytes:,} bytes)", 413)
    if not data.strip():
        raise IntakeError("empty: there is no text to read")
    kind = _detect_format(data, filename)
    if kind == "html":
        return _read_html(decode(data, "HTML page", _declared_charset(data)))
    if kind == "timeml":
        return _read_timeml(decode(data, "TimeML file", _xml_encoding(data)))
    return Article(text=check_text(decode(data, "text")), published=None, format="text")


# --- detecting --------------------------------------------------------------

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
    for bom, encoding in BOMS:
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
        raise IntakeError("no article text found in the HTML page")
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
        raise IntakeError(str(exc)) from None
    if not text.strip():
        raise IntakeError("empty: the TimeML file's <TEXT> is empty")
    return Article(text=text, published=dct, title=title, url=None, format="timeml")
