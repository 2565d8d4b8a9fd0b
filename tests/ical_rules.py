"""RFC 5545 rules that parsers do not enforce, checked on the raw bytes of an .ics file.

`ical_problems(data) -> list[str]` returns one readable line per broken rule ([] if none);
`assert_valid_ics(data)` fails a test with all of them. Reusable by any test that serves or
writes a calendar. Checked:

- lines end in CRLF (no bare CR or LF), each physical line <= 75 octets and valid UTF-8 on its
  own (folding never splits a character), no control characters except HTAB;
- components nest properly inside one VCALENDAR with VERSION:2.0 and PRODID;
- every VEVENT has exactly one UID (unique in the file), DTSTAMP (in UTC, "Z") and DTSTART;
  DTEND and DURATION not both; DTEND has DTSTART's value type and lies after it;
- DATE values carry VALUE=DATE and no TZID; every TZID used has a VTIMEZONE;
- SEQUENCE is a non-negative integer.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f]")
_DATE = re.compile(r"\d{8}")
_DATE_TIME = re.compile(r"\d{8}T\d{6}Z?")
_ONCE_PER_EVENT = ("UID", "DTSTAMP", "DTSTART")
_AT_MOST_ONCE_PER_EVENT = ("DTEND", "DURATION", "SEQUENCE", "SUMMARY", "DESCRIPTION", "URL",
                           "CREATED", "LAST-MODIFIED", "TRANSP")


def ical_problems(data: bytes) -> list[str]:
    problems: list[str] = []
    physical = _physical_lines(data, problems)
    lines = _unfold(physical)
    components = _components(lines, problems)
    if problems and not components:
        return problems
    calendars = [c for c in components if c["name"] == "VCALENDAR"]
    if len(calendars) != 1 or components[0]["name"] != "VCALENDAR":
        problems.append(f"expected exactly one top-level VCALENDAR, found {len(calendars)}")
        return problems
    calendar = calendars[0]
    for name, expected in (("VERSION", "2.0"), ("PRODID", None)):
        values = [value for prop, _, value in calendar["props"] if prop == name]
        if len(values) != 1 or (expected and values[0] != expected):
            problems.append(f"VCALENDAR needs exactly one {name}{':' + expected if expected else ''}, found {values}")
    timezones = {value for c in components if c["name"] == "VTIMEZONE"
                 for prop, _, value in c["props"] if prop == "TZID"}
    uids: dict[str, int] = {}
    for component in components:
        for prop, params, value in component["props"]:
            _check_value_type(component["name"], prop, params, value, timezones, problems)
        if component["name"] == "VEVENT":
            _check_event(component, uids, problems)
    return problems


def assert_valid_ics(data: bytes) -> None:
    problems = ical_problems(data)
    assert not problems, "iCalendar rules broken:\n" + "\n".join(problems)


def _physical_lines(data: bytes, problems: list[str]) -> list[str]:
    if not data.endswith(b"\r\n"):
        problems.append("file does not end with CRLF")
    raw_lines = data.split(b"\r\n")
    if raw_lines and raw_lines[-1] == b"":
        raw_lines.pop()
    lines = []
    for number, raw in enumerate(raw_lines, 1):
        if b"\r" in raw or b"\n" in raw:
            problems.append(f"line {number}: bare CR or LF")
        if len(raw) > 75:
            problems.append(f"line {number}: {len(raw)} octets (more than 75)")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            problems.append(f"line {number}: not valid UTF-8 on its own (folding split a character?)")
            text = raw.decode("utf-8", "replace")
        if _CONTROL.search(text.replace("\r", "").replace("\n", "")):
            problems.append(f"line {number}: control character in {text!r}")
        lines.append(text)
    return lines


def _unfold(physical: list[str]) -> list[str]:
    lines: list[str] = []
    for line in physical:
        if line[:1] in (" ", "\t") and lines:
            lines[-1] += line[1:]
        else:
            lines.append(line)
    return lines


def _split(line: str) -> tuple[str, dict[str, str], str]:
    """NAME;PARAM=VALUE;...:VALUE, honouring quoted parameter values."""
    in_quotes = False
    for index, char in enumerate(line):
        if char == '"':
            in_quotes = not in_quotes
        elif char == ":" and not in_quotes:
            head, value = line[:index], line[index + 1:]
            break
    else:
        raise ValueError(f"no ':' in content line {line!r}")
    parts = re.findall(r'(?:[^;"]|"[^"]*")+', head)
    params = {}
    for part in parts[1:]:
        key, _, param_value = part.partition("=")
        params[key.upper()] = param_value.strip('"')
    return parts[0].upper(), params, value


def _components(lines: list[str], problems: list[str]) -> list[dict]:
    stack: list[dict] = []
    found: list[dict] = []
    for line in lines:
        try:
            name, params, value = _split(line)
        except ValueError as error:
            problems.append(str(error))
            continue
        if name == "BEGIN":
            component = {"name": value.upper(), "props": [], "parent": stack[-1]["name"] if stack else None}
            stack.append(component)
            found.append(component)
        elif name == "END":
            if not stack or stack[-1]["name"] != value.upper():
                problems.append(f"END:{value} does not close {stack[-1]['name'] if stack else 'anything'}")
                return found
            stack.pop()
        elif not stack:
            problems.append(f"property outside any component: {line!r}")
        else:
            stack[-1]["props"].append((name, params, value))
    if stack:
        problems.append(f"unclosed components: {[c['name'] for c in stack]}")
    return found


def _check_value_type(component: str, prop: str, params: dict, value: str, timezones: set,
                      problems: list[str]) -> None:
    if prop not in ("DTSTART", "DTEND", "DUE", "RECURRENCE-ID") or component in ("STANDARD", "DAYLIGHT"):
        return
    if params.get("VALUE") == "DATE":
        if "TZID" in params:
            problems.append(f"{component} {prop}: TZID on a DATE value")
        if not _DATE.fullmatch(value):
            problems.append(f"{component} {prop}: VALUE=DATE but {value!r}")
    elif _DATE.fullmatch(value):
        problems.append(f"{component} {prop}: date {value!r} without VALUE=DATE")
    elif not _DATE_TIME.fullmatch(value):
        problems.append(f"{component} {prop}: malformed DATE-TIME {value!r}")
    if "TZID" in params:
        if params["TZID"] not in timezones:
            problems.append(f"{component} {prop}: TZID {params['TZID']!r} has no VTIMEZONE")
        if value.endswith("Z"):
            problems.append(f"{component} {prop}: TZID on a UTC value")


def _check_event(event: dict, uids: dict[str, int], problems: list[str]) -> None:
    props: dict[str, list[tuple[dict, str]]] = {}
    for prop, params, value in event["props"]:
        props.setdefault(prop, []).append((params, value))
    uid = props.get("UID", [({}, "?")])[0][1]
    for name in _ONCE_PER_EVENT:
        if len(props.get(name, [])) != 1:
            problems.append(f"VEVENT {uid}: needs exactly one {name}, has {len(props.get(name, []))}")
    for name in _AT_MOST_ONCE_PER_EVENT:
        if len(props.get(name, [])) > 1:
            problems.append(f"VEVENT {uid}: more than one {name}")
    if "UID" in props:
        if uid in uids:
            problems.append(f"VEVENT {uid}: UID used twice")
        uids[uid] = uids.get(uid, 0) + 1
    for params, value in props.get("DTSTAMP", []):
        if not re.fullmatch(r"\d{8}T\d{6}Z", value) or "TZID" in params:
            problems.append(f"VEVENT {uid}: DTSTAMP not in UTC: {value!r}")
    for params, value in props.get("SEQUENCE", []):
        if not value.isdigit():
            problems.append(f"VEVENT {uid}: SEQUENCE {value!r} is not a non-negative integer")
    if "DTEND" in props and "DURATION" in props:
        problems.append(f"VEVENT {uid}: both DTEND and DURATION")
    if "DTSTART" in props and "DTEND" in props:
        start, end = props["DTSTART"][0], props["DTEND"][0]
        start_is_date = start[0].get("VALUE") == "DATE"
        if start_is_date != (end[0].get("VALUE") == "DATE"):
            problems.append(f"VEVENT {uid}: DTSTART and DTEND have different value types")
            return
        try:
            if not _moment(*end) > _moment(*start):
                problems.append(f"VEVENT {uid}: DTEND {end[1]} is not after DTSTART {start[1]}")
        except (ValueError, KeyError) as error:
            problems.append(f"VEVENT {uid}: cannot compare DTSTART/DTEND ({error})")


def _moment(params: dict, value: str) -> date | datetime:
    if params.get("VALUE") == "DATE":
        return date(int(value[:4]), int(value[4:6]), int(value[6:8]))
    moment = datetime.strptime(value.rstrip("Z"), "%Y%m%dT%H%M%S")
    if value.endswith("Z"):
        return moment.replace(tzinfo=ZoneInfo("UTC"))
    return moment.replace(tzinfo=ZoneInfo(params.get("TZID", "UTC")))
