"""Bytes to text, the same for every way in: a BOM wins (UTF-8 or UTF-16), then a charset the
page declares, else UTF-8; a NUL byte means binary data, not text."""
from __future__ import annotations

import codecs
from typing import BinaryIO

from timeline.intake.rules import MAX_ARTICLE_BYTES, IntakeError

BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"))


def read_limited(stream: BinaryIO, name: str, max_bytes: int = MAX_ARTICLE_BYTES) -> bytes:
    """All of `stream`, or an IntakeError once it passes `max_bytes` (memory stays bounded)."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise IntakeError(f"{name}: larger than {max_bytes:,} bytes; split it"
                          " (or raise the limit: --max-bytes)", 413)
    return data


def decode(data: bytes, what: str = "text", declared: str | None = None) -> str:
    """The text of `data`; `declared` is the charset an HTML page or XML file names."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return _decode_as(data[len(bom):], encoding, what, "its byte order mark")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise IntakeError(f"binary data, not text: NUL byte at offset {nul}")
    if declared:
        try:
            codecs.lookup(declared)
        except LookupError:
            raise IntakeError(f"the {what} declares an unknown charset {declared!r}") from None
        return _decode_as(data, declared, what, "its declared charset")
    return _decode_as(data, "utf-8", what, None)


def _decode_as(data: bytes, encoding: str, what: str, because: str | None) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        bad = data[exc.start:exc.start + 1].hex()
        source = f" (as {because} says)" if because else ""
        hint = "" if because else "; save it as UTF-8"
        raise IntakeError(f"the {what} is not valid {encoding}{source}: byte 0x{bad} at "
                          f"offset {exc.start}{hint}") from None
