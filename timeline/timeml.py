"""TimeML in and out, in the shape TempEval-3 uses.

    to_timeml(text, timeline, doc_id=None, title=None) -> str
    read_timeml(data) -> (text, dct, title)
    parse_timeml(data) -> TimeMLDocument(text, dct, title, doc_id, timexes)

Offsets are Python string indices into the text inside <TEXT>, tags removed, entities
decoded — the convention of the evaluation corpus (`shared/tools/timeml2jsonl.py`).

Characters XML 1.0 cannot carry (C0 controls other than tab, newline and carriage return;
lone surrogates; U+FFFE and U+FFFF) are written as U+FFFD, one character for one, so every
offset stays valid: reading the output back gives the text with just those characters
replaced. Carriage returns are written as `&#13;` because an XML parser would otherwise
turn `\\r\\n` into `\\n` and shift every later offset.
"""
from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as defused_fromstring
from dataclasses import dataclass
from datetime import date

from timeline.model import Anchored, Timeline, Timex

__all__ = ["to_timeml", "read_timeml", "parse_timeml", "TimeMLDocument", "TimeMLError", "xml_safe"]

# Everything XML 1.0 (section 2.2) does not allow as a character.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_TEXT_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"}
_ATTR_ESCAPES = {**_TEXT_ESCAPES, '"': "&quot;", "\t": "&#9;", "\n": "&#10;"}
_TEXT_SPECIAL = re.compile("[&<>\r]")
_ATTR_SPECIAL = re.compile('[&<>"\r\t\n]')


class TimeMLError(ValueError):
    """The data is not TimeML we can read (no <TEXT> element)."""


@dataclass(frozen=True)
class TimeMLDocument:
    text: str
    dct: date | None
    title: str | None
    doc_id: str | None
    timexes: tuple[Timex, ...]


def xml_safe(text: str) -> str:
    """`text` with each character XML 1.0 forbids replaced by U+FFFD (same length)."""
    return _NOT_XML.sub("\ufffd", text)


def _text(value: str) -> str:
    return _TEXT_SPECIAL.sub(lambda m: _TEXT_ESCAPES[m.group()], xml_safe(value))


def _attr(value: str) -> str:
    return _ATTR_SPECIAL.sub(lambda m: _ATTR_ESCAPES[m.group()], xml_safe(str(value)))


def _timex_tag(tid: str, timex: Timex, begin: str | None = None) -> str:
    attrs = f'tid="{tid}" type="{_attr(timex.type)}" value="{_attr(timex.value)}"'
    if timex.mod:
        attrs += f' mod="{_attr(timex.mod)}"'
    if begin is not None:
        attrs += f' beginPoint="{begin}" endPoint="t0"'
    return f"<TIMEX3 {attrs}>"


def _anchored_tag(tid: str, duration_tid: str, anchored: Anchored) -> str:
    """The empty (non-consuming) TIMEX3 of the time a duration dates: a temporal function of
    the duration, as TimeML 1.2.1 writes an anchored duration's computed begin point."""
    attrs = f'tid="{tid}" type="{_attr(anchored.type)}" value="{_attr(anchored.value)}"'
    if anchored.mod:
        attrs += f' mod="{_attr(anchored.mod)}"'
    return f'<TIMEX3 {attrs} temporalFunction="true" anchorTimeID="{duration_tid}"/>'


def to_timeml(text: str, timeline: Timeline, doc_id: str | None = None,
              title: str | None = None) -> str:
    """`text` as a TempEval-3 TimeML document: the DCT, then the text with inline TIMEX3s.

    A duration that dates a time ago ("vor fünf Jahren", `Timex.anchored`) is an anchored
    duration: endPoint the DCT (t0), beginPoint an empty TIMEX3 right after it, with the date
    it names. Empty TIMEX3s are numbered after all others, so the other tids stay as they are;
    they cover no text, so readers of spans (timeml2jsonl.py, `parse_timeml`) skip them.

    Raises ValueError if a timex does not slice `text` to its own text or overlaps an
    earlier one: the timeline must come from this text.
    """
    dct = timeline.published.isoformat()
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<TimeML>\n']
    parts.append(f"<DOCID>{_text(doc_id)}</DOCID>\n" if doc_id is not None else "<DOCID/>\n")
    parts.append(f'<DCT><TIMEX3 tid="t0" type="DATE" value="{dct}" temporalFunction="false" '
                 f'functionInDocument="CREATION_TIME">{dct}</TIMEX3></DCT>\n')
    if title is not None:
        parts.append(f"<TITLE>{_text(title)}</TITLE>\n")
    parts.append("<TEXT>")
    pos = 0
    points = len(timeline.timexes)   # the last tid used: empty TIMEX3s count on from there
    for number, timex in enumerate(sorted(timeline.timexes, key=lambda t: t.start), start=1):
        if not (pos <= timex.start < timex.end <= len(text)):
            raise ValueError(f"timex {timex.text!r} at {timex.start}-{timex.end} overlaps another "
                             f"or lies outside the text ({len(text)} characters)")
        if text[timex.start:timex.end] != timex.text:
            raise ValueError(f"timex {timex.text!r} does not match the text at {timex.start}-{timex.end}")
        parts.append(_text(text[pos:timex.start]))
        begin = None
        if timex.anchored is not None:
            points += 1
            begin = f"t{points}"
        parts.append(_timex_tag(f"t{number}", timex, begin))
        parts.append(_text(timex.text))
        parts.append("</TIMEX3>")
        if begin is not None:
            parts.append(_anchored_tag(begin, f"t{number}", timex.anchored))
        pos = timex.end
    parts.append(_text(text[pos:]))
    parts.append("</TEXT>\n</TimeML>\n")
    return "".join(parts)


def read_timeml(data: str | bytes) -> tuple[str, date | None, str | None]:
    """The text (tags stripped), the document creation time and the title of a TimeML file.

    `data` is a str, or UTF-8 bytes. Raises TimeMLError when there is no <TEXT> element."""
    doc = parse_timeml(data)
    return doc.text, doc.dct, doc.title


def parse_timeml(data: str) -> TimeMLDocument:
    """Read TempEval-3 TimeML; falls back to a tolerant reader for files that are not
    well-formed XML (a stray `&`, say), as real corpora sometimes are.

    The input is untrusted: it is parsed with defusedxml, and a document type declaration
    or an entity declaration is refused (TimeMLError), so no entity expands ("billion
    laughs") and nothing external is fetched. TimeML needs neither. Both readers take time
    linear in the size of the input."""
    if isinstance(data, bytes):
        data = data.decode("utf-8")
    if _DECLARATION.search(data):
        raise TimeMLError("the TimeML file declares a DTD or entities (<!DOCTYPE, <!ENTITY); "
                          "untrusted XML with declarations is refused")
    try:
        root = defused_fromstring(data, forbid_dtd=True, forbid_entities=True,
                                  forbid_external=True)
    except DefusedXmlException as exc:
        raise TimeMLError(f"the TimeML file is refused: {type(exc).__name__} "
                          f"(DTDs, entities and external references are not read)") from None
    except ET.ParseError:
        return _parse_tolerant(data)
    text_element = root if root.tag == "TEXT" else root.find(".//TEXT")
    if text_element is None:
        raise TimeMLError("no <TEXT> element: not a TimeML document")
    text, timexes = _text_and_timexes(text_element)
    dct = None
    for element in root.iter("TIMEX3"):
        if element.get("functionInDocument") == "CREATION_TIME":
            dct = _date(element.get("value"))
            break
    return TimeMLDocument(text=text, dct=dct, title=_element_text(root.find(".//TITLE")),
                          doc_id=_element_text(root.find(".//DOCID")),
                          timexes=tuple(sorted(timexes, key=lambda t: (t.start, t.end))))


def _text_and_timexes(text_element: ET.Element) -> tuple[str, list[Timex]]:
    """The character data under `text_element` and the spans of its non-empty TIMEX3s.

    Iterative, with running offsets: linear in the size of the document and safe for
    however deeply elements nest."""
    pieces: list[str] = []
    spans: list[tuple[int, int, ET.Element]] = []
    pos = 0

    def add(piece: str | None) -> None:
        nonlocal pos
        if piece:
            pieces.append(piece)
            pos += len(piece)

    add(text_element.text)
    stack = [(text_element, iter(text_element), 0)]
    while stack:
        element, children, start = stack[-1]
        child = next(children, None)
        if child is not None:
            stack.append((child, iter(child), pos))
            add(child.text)
            continue
        stack.pop()
        if element.tag == "TIMEX3" and pos > start:  # empty TIMEX3s (anchor points) cover no text
            spans.append((start, pos, element))
        if stack:
            add(element.tail)
    text = "".join(pieces)
    empty = {e.get("tid"): e for e in text_element.iter("TIMEX3") if e.get("tid") and not e.text and not len(e)}
    return text, [Timex(start=a, end=b, text=text[a:b], type=e.get("type", ""),
                        value=e.get("value", ""), mod=e.get("mod") or None,
                        anchored=_begin_point(e, empty)) for a, b, e in spans]


def _begin_point(element: ET.Element, empty: dict) -> Anchored | None:
    """The date an anchored duration names: its beginPoint, where that is an empty TIMEX3
    computed from it (what `to_timeml` writes for "vor fünf Jahren")."""
    point = empty.get(element.get("beginPoint"))
    if point is None or point.get("anchorTimeID") != element.get("tid") or not point.get("value"):
        return None
    return Anchored(point.get("type", "DATE"), point.get("value"), point.get("mod") or None)


def _element_text(element: ET.Element | None) -> str | None:
    if element is None:
        return None
    return "".join(element.itertext()).strip() or None


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat((value or "")[:10])
    except ValueError:
        return None


# The tolerant reader's patterns never cross a "<" inside a tag, so every match ends at the
# next "<" or ">" and the scan is linear (`<[^>]*>` rescanned the rest after each stray "<").
_PIECE = re.compile(r"<[^<>]*>|[^<]+|<")
_ANY_TAG = re.compile(r"<[^<>]*>")
_DCT_TAG = re.compile(r'<TIMEX3[^<>]*functionInDocument="CREATION_TIME"[^<>]*>')
_DECLARATION = re.compile(r"<!(?:DOCTYPE|ENTITY)", re.I)
_TAG = re.compile(r"<(/?)([A-Za-z0-9_:-]+)([^<>]*?)(/?)>")
_ATTR = re.compile(r'([\w:-]+)\s*=\s*"([^"]*)"')


def _parse_tolerant(data: str) -> TimeMLDocument:
    """Regular-expression reading of almost-XML TimeML (what shared/tools/timeml2jsonl.py does)."""
    body = _between(data, "TEXT")
    if body is None:
        raise TimeMLError("no <TEXT> element: not a TimeML document")
    pieces: list[str] = []
    pos = 0
    stack: list[tuple[int, dict]] = []
    timexes: list[Timex] = []
    for match in _PIECE.finditer(body):
        piece = match.group()
        tag = _TAG.fullmatch(piece)
        if tag is None:
            piece = html.unescape(piece)
            pieces.append(piece)
            pos += len(piece)
            continue
        if tag.group(2) != "TIMEX3" or tag.group(4):
            continue
        if not tag.group(1):
            stack.append((pos, dict(_ATTR.findall(tag.group(3)))))
        elif stack:
            start, attrs = stack.pop()
            if pos > start:
                timexes.append(Timex(start=start, end=pos, text="", type=attrs.get("type", ""),
                                     value=attrs.get("value", ""), mod=attrs.get("mod") or None))
    text = "".join(pieces)
    timexes = [Timex(t.start, t.end, text[t.start:t.end], t.type, t.value, t.mod) for t in timexes]
    dct_tag = _DCT_TAG.search(data)
    dct = _date(dict(_ATTR.findall(dct_tag.group())).get("value")) if dct_tag else None
    return TimeMLDocument(text=text, dct=dct, title=_tolerant_element(data, "TITLE"),
                          doc_id=_tolerant_element(data, "DOCID"),
                          timexes=tuple(sorted(timexes, key=lambda t: (t.start, t.end))))


def _between(data: str, name: str) -> str | None:
    """What lies between the first <name> and the next </name>; found with two scans (a
    lazy `<name>(.*?)</name>` search would rescan the rest from every unclosed <name>)."""
    start = data.find(f"<{name}>")
    if start < 0:
        return None
    start += len(name) + 2
    end = data.find(f"</{name}>", start)
    return None if end < 0 else data[start:end]


def _tolerant_element(data: str, name: str) -> str | None:
    inner = _between(data, name)
    if inner is None:
        return None
    return html.unescape(_ANY_TAG.sub("", inner)).strip() or None
