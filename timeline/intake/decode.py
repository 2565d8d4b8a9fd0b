"""Reading what users give `timeline extract`: article files, dates, records of a batch.

Every problem is an `InputError` whose message is one line a user can act on.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import BinaryIO

from timeline.dates.published import NotADate, parse_published as read_publication_date

DEFAULT_MAX_BYTES = 10_000_000
LONE_SURROGATE = re.compile("[\ud800-\udfff]")
BINARY_SNIFF_BYTES = 8192


class InputError(ValueError):
    """Input a user must fix: the message says what and where, in one line."""


def parse_published(value: object, what: str = "--published") -> date:
    """The publication date `value` names, read by the one parser of publication dates
    (`timeline.dates.published`); an InputError naming `what` when it names no day."""
    try:
        return read_publication_date(value)
    except NotADate as error:
        raise InputError(f"{what}: {error}") from None


def read_limited(stream: BinaryIO, name: str, max_bytes: int) -> bytes:
    """All of `stream`, or an InputError once it passes `max_bytes` (memory stays bounded)."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(f"{name}: larger than {max_bytes:,} bytes (--max-bytes); "
                         f"split it or raise the limit")
    return data


def decode_article(data: bytes, name: str) -> str:
    """The UTF-8 text of an article file; a leading BOM is dropped (offsets count from after it)."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise InputError(f"{name}: is UTF-16 text; convert it to UTF-8 "
                         f"(e.g. iconv -f UTF-16 -t UTF-8)")
    nul = data.find(b"\x00", 0, BINARY_SNIFF_BYTES)
    if nul >= 0:
        raise InputError(f"{name}: looks like a binary file (NUL byte at offset {nul}), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(f"{name}: not UTF-8 text (invalid byte 0x{data[error.start]:02x} "
                         f"at byte offset {error.start}); convert it to UTF-8") from None
    check_text(text, name)
    return text


# Characters that show nothing: white space, controls, format characters (U+200B zero width
# space, U+FEFF byte-order mark / zero width no-break space, U+00AD soft hyphen, bidi marks,
# ...), and the fillers and blanks some fonts draw as nothing.
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})
_BLANK_LETTERS = frozenset("\u115f\u1160\u2800\u3164\uffa0")


def has_visible_text(text: str) -> bool:
    """True when `text` shows at least one character; a text of only U+FEFF, U+200B or
    spaces is empty. Stops at the first visible character (a real text: at once)."""
    for char in text:
        if not char.isspace() and char not in _BLANK_LETTERS \
                and unicodedata.category(char) not in _INVISIBLE_CATEGORIES:
            return True
    return False


def check_text(text: str, name: str) -> None:
    if not has_visible_text(text):
        what = ("is empty" if not text else "holds only whitespace" if not text.strip()
                else "holds only invisible characters (zero-width, byte-order marks)")
        raise InputError(f"{name}: {what}; no text to read")


@dataclass(frozen=True)
class Record:
    """One document of a batch, checked."""

    id: object
    text: str
    published: date
    lang: str


def parse_record(line: bytes, default_published: date | None, default_lang: str) -> Record:
    """A batch line `{"id", "text", "published", "lang"?}`; other fields are ignored.
    Lone surrogates in the text become U+FFFD (one character for one).

    Raises InputError, which carries the id when the line had one (`error.record_id`)."""
    try:
        data = json.loads(line)
    except UnicodeDecodeError as error:
        raise InputError(f"not UTF-8 (invalid byte at offset {error.start} of the line)") from None
    except ValueError as error:
        raise InputError(f"not JSON ({error})") from None
    if not isinstance(data, dict):
        raise InputError(f"not a JSON object but {type(data).__name__}")
    record_id = data.get("id")
    try:
        text = data.get("text")
        if not isinstance(text, str):
            raise InputError('missing "text"' if text is None else '"text" is not a string')
        check_text(text, '"text"')
        # JSON may escape lone surrogates ("\ud800"), which no UTF-8 output can carry:
        # replaced one for one, so offsets still fit the text as given.
        text = LONE_SURROGATE.sub("\ufffd", text)
        published = data.get("published")
        if published is None:
            if default_published is None:
                raise InputError('missing "published" (and no --published default)')
            published = default_published
        else:
            published = parse_published(published, '"published"')
        lang = data.get("lang") or default_lang
        if not isinstance(lang, str):
            raise InputError('"lang" is not a string')
        return Record(id=record_id, text=text, published=published, lang=lang)
    except InputError as error:
        error.record_id = record_id
        raise
