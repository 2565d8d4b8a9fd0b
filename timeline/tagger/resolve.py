"""Turn filled rule fields into a TimeML value, resolving what the text leaves open.

Fields a rule may fill (see the rule files):
  value                 a finished value (PAST_REF, P1D, XXXX-XX-XX, ...)
  amount, unit [, amount2, unit2]   a duration (P2Y, PXW, PT30M, P3Y4M) or the period of a SET
  era = "BC"            the year is one before the common era (TimeML "BC0264"; a year alone)
  year, month, day, hour, minute, part (MO AF EV NI ...), season, quarter, half,
  decade (one digit, or three), century, century_ordinal   parts of a date or time
  shift = "unit:offset" [, anchor = "narrative" | "year"]   a date relative to the publication
                        date, to the narrative's last day ("gestern", "am Tag darauf") or to
                        the year the sentence names ("2013 ... mehr als im Vorjahr");
                        "weekend:" (no offset): the tense decides between the last and this one
  times                 multiplies the shift's offset and day_shift ("zwei Tage später": day:1 x 2)
  since                 the first year a holiday exists ("Tag der Deutschen Einheit": 1990)
  weekday [, direction, day_shift]   a weekday, resolved around the reference day
                        (anchor = "narrative": the first one after, or before, the
                        narrative's day: "am folgenden Sonntag", "am Sonntag zuvor")
                        (day_shift: "die Nacht zum Sonntag" is Saturday night; it moves
                        calendar dates and holidays too: "die Nacht zum 3. Juli")
  holiday = "MM-DD" | "E+n"   a fixed holiday or one n days from Easter Sunday
  narrative_year        the month is of the year the text is telling of ("desselben Jahres")
  counted_week [, month | of_month]   an ordinal week ("in der dritten Woche"), counted from the
                        last calendar date named, or from the first day of a month
  period = "true"       with a narrative week shift: the week itself ("in der Woche darauf"),
                        not the day a week later ("eine Woche danach")
  tense = "past"        read by the tagger: the rule knows the direction ("vom Wochenende")
  year_shift            the year relative to the publication year ("Juli dieses Jahres")
  hour_shift, afternoon   clock arithmetic ("halb neun" = 8:30; "8 Uhr abends" = 20:00)
  mod                   TimeML mod (APPROX, START, ...)
  parse, languages [, day, year]   a date string in a form the tables do not cover, read by
                        dateparser in these languages (space-separated codes); see dateforms.py
Dates without a year take a year the same sentence names (or, in a story set well in the
past, the sentence before: see `narrative.carried_year`), else the publication year, moved into the
past or the future when the clause's tense says so.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from timeline.tagger.calendar import add_months, easter, iso_week, valid_date, weekday_near
from timeline.tagger.dateforms import parse_absolute
from timeline.tagger.narrative import (DISTANT_YEARS, Narrative, carried_year, history_day, in_history,
                                      resumed_year)

UNIT_YEARS = {"year": 1, "decade": 10, "century": 100}
TIME_UNITS = {"H": "H", "MIN": "M", "S": "S"}
NIGHT_ENDS = 6        # a clock time before this hour, after "the night to Sunday", is on Sunday
PRESENT_REACHES_BACK = 90   # days before publication a day in a present clause may lie
TOLERANCE_DAYS = 14   # a day this close to publication stays in its year whatever the tense


@dataclass
class Resolved:
    value: str
    type: str | None = None          # a type other than the rule's ("zwei Tage später" alone: DURATION)
    day: date | None = None          # the day this value names, for the narrative
    explicit_year: int | None = None  # a year the text spelled out
    dated: bool = False              # the day is a calendar date ...
    counted: bool = False            # ... or a weekday counted from one
    month: date | None = None        # the month a month value names, for the narrative
    now: bool = False                # counted from the publication day: the text speaks of its own time
    resumed_year: int | None = None  # the passage's year again after a flash-forward (_resumed_year)
    told: bool = False               # a weekday counted from a history's day (narrative.history_day)


def _int(fields: dict, name: str) -> int | None:
    raw = fields.get(name)
    if raw is None or raw == "":
        return None
    return int(float(raw))


def duration(fields: dict) -> str:
    date_part, time_part = "", ""
    for amount_key, unit_key in (("amount", "unit"), ("amount2", "unit2")):
        unit = fields.get(unit_key)
        if not unit:
            continue
        amount = fields.get(amount_key, "1")
        if unit in TIME_UNITS:
            time_part += f"{amount}{TIME_UNITS[unit]}"
        else:
            date_part += f"{amount}{unit}"
    return "P" + date_part + ("T" + time_part if time_part else "")


def _full_year(raw: str, published: date) -> int:
    year = int(raw)
    if len(raw.strip()) == 2:
        pivot = published.year % 100 + 10
        year += 2000 if year <= pivot and published.year >= 2000 else 1900
    return year


def _year_for(month: int, day: int | None, ref: date, tense: str | None, move: bool) -> int:
    """The year of a month (and day) named without one, relative to `ref`.

    A past clause moves a later month (or a day more than TOLERANCE days later) into the
    previous year, a future clause an earlier one into the next year.
    """
    year = ref.year
    if move and tense is None and day is not None:
        # a present clause speaks of now and what is coming ("Bis zur Wahl am 23. Februar kommt
        # der Rat zusammen", in December): a day long past this year is next year's
        when = valid_date(year, month, day) or date(year, month, 28)
        return year + 1 if (when - ref).days < -PRESENT_REACHES_BACK else year
    if not move or tense not in ("past", "future"):
        return year
    if day is None:
        ahead = month - ref.month
    else:
        when = valid_date(year, month, day) or date(year, month, 28)
        ahead = (when - ref).days
        ahead = 0 if abs(ahead) <= TOLERANCE_DAYS else ahead
    if tense == "past" and ahead > 0:
        return year - 1
    if tense == "future" and ahead < 0:
        return year + 1
    return year


def _shift(unit: str, offset: int, anchor: date) -> tuple[str, date | None]:
    """`anchor` moved by `offset` units; ValueError where that leaves the years 1-9999."""
    if not 0 < anchor.year + offset * UNIT_YEARS.get(unit, 0) <= 9999:
        raise ValueError("beyond the calendar")
    try:
        return _shift_within(unit, offset, anchor)
    except OverflowError as error:
        raise ValueError("beyond the calendar") from error


def _shift_within(unit: str, offset: int, anchor: date) -> tuple[str, date | None]:
    if unit == "day":
        day = anchor + timedelta(days=offset)
        return day.isoformat(), day
    if unit == "week":
        return iso_week(anchor + timedelta(weeks=offset)), None
    if unit == "weekend":
        return iso_week(anchor + timedelta(weeks=offset)) + "-WE", None
    if unit == "month":
        return add_months(anchor, offset).strftime("%Y-%m"), None
    if unit == "quarter":
        index = anchor.year * 4 + (anchor.month - 1) // 3 + offset
        return f"{index // 4:04d}-Q{index % 4 + 1}", None
    if unit == "half":
        index = anchor.year * 2 + (anchor.month - 1) // 6 + offset
        return f"{index // 2:04d}-H{index % 2 + 1}", None
    if unit == "year":
        return f"{anchor.year + offset:04d}", None
    if unit == "decade":
        return f"{anchor.year // 10 + offset:03d}", None
    if unit == "century":
        return f"{anchor.year // 100 + offset:02d}", None
    raise ValueError(f"unknown shift unit {unit!r}")


def _with_time(base: str, fields: dict) -> str:
    hour, minute = _int(fields, "hour"), _int(fields, "minute")
    if hour is not None:
        hour += _int(fields, "hour_shift") or 0
        if hour < 12:
            hour += _int(fields, "afternoon") or 0
        if not 0 <= hour <= 24 or not 0 <= (minute or 0) <= 59:
            raise ValueError("no clock time")
        return f"{base}T{hour:02d}:{minute or 0:02d}"
    if fields.get("part"):
        return f"{base}T{fields['part']}"
    return base


def resolve(fields: dict, type_: str, published: date, narrative: Narrative,
            tense: str | None, pos: int, near: int = 250, sentence_start: int = 0,
            year_since: tuple[int, int] | None = None, passage_since: int = 0) -> Resolved:
    """The value of one time expression; raises ValueError when the fields make no date.

    `passage_since`: for a bare weekday or weekend, where the passage a news text's old date dates begins
    (see `narrative.history_day`)."""
    if "value" in fields:
        return Resolved(fields["value"])
    if type_ in ("DURATION", "SET") and fields.get("unit"):
        return Resolved(duration(fields))
    if fields.get("era") == "BC":
        return Resolved(f"BC{_int(fields, 'year'):04d}")

    recent_year = carried_year(narrative, published, tense, pos, near, year_since)

    if fields.get("counted_week"):
        # "in der dritten Woche": counted from the last calendar date the text named (a camp
        # that started on 1 July); "die zweite Woche des Monats / des Juli": from its first day
        origin = _week_origin(fields, narrative, published, recent_year)
        if origin is None:
            raise ValueError("no day to count the week from")
        return Resolved(iso_week(origin + timedelta(weeks=_int(fields, "counted_week") - 1)))

    if "shift" in fields:
        unit, _, offset = fields["shift"].partition(":")
        anchor = published
        if fields.get("anchor") == "narrative":
            anchor = _narrative_anchor(narrative, unit)
            if fields.get("unit") and (anchor is None or abs(published.year - anchor.year) <= DISTANT_YEARS):
                # "zwei Tage später" dates a day in a story told of a distant time; with no day
                # before it, or in a report of recent days, it is the duration it also is (as
                # the TimeML news corpora annotate it)
                return Resolved(duration(fields), type="DURATION")
            anchor = anchor or published
        elif fields.get("anchor") == "year" and recent_year is not None:
            anchor = date(recent_year, 7, 1)
        elif unit == "year" and offset in ("0", "", "-1", "1") and recent_year is not None and not narrative.news \
                and abs(published.year - recent_year) > DISTANT_YEARS:
            # "in diesem Jahr", "zu Beginn des Jahres", "im vorigen / nächsten Jahr" in a history's passage
            # set in a distant year: counted from that year (a news report's "dieses Jahr" is
            # its own, whatever it recalls)
            anchor = date(recent_year, 7, 1)
        told = history_day(narrative, published, tense, passage_since) if unit == "weekend" and \
            not fields.get("anchor") else None
        if told is not None:   # "am Wochenende" in a history's passage: the one of its last day's week
            anchor, offset = told, offset or "0"
        elif unit == "weekend" and offset == "":
            # "am Wochenende" with a past verb is the last one (unless it is under way)
            offset = "-1" if tense == "past" and anchor.isoweekday() < 6 else "0"
        steps = int(float(offset or 0)) * (_int(fields, "times") or 1)
        if unit == "week" and fields.get("anchor") == "narrative" and narrative.day is not None \
                and not fields.get("period"):
            unit, steps = "day", 7 * steps   # "eine Woche danach": the day a week after that day
        value, day = _shift(unit, steps, anchor)
        return Resolved(_with_time(value, fields), day=day, now=anchor is published)

    if "parse" in fields:
        when = parse_absolute(fields["parse"], tuple(fields.get("languages", "").split()),
                              _int(fields, "day") or 0, _int(fields, "year") or 0)
        if when is None:
            raise ValueError("no date")
        return Resolved(when.isoformat(), day=when, explicit_year=when.year, dated=True)

    if "weekday" in fields:
        anchor = published
        direction = fields.get("direction")
        if fields.get("anchor") == "narrative":
            # "am folgenden Sonntag", "am Sonntag zuvor": the first one after (before) the
            # narrative's day, else after (before) publication
            step = -1 if _int(fields, "direction") == -1 else 1
            anchor = narrative.day or published
            day = weekday_near(anchor + timedelta(days=step), _int(fields, "weekday"), step)
            return Resolved(_with_time(day.isoformat(), fields), day=day, counted=narrative.day is not None,
                            now=narrative.day is None)
        told = history_day(narrative, published, tense, passage_since)
        if told is not None:
            # a history's passage: on or after its last day; "vorigen" / "kommenden" Sonntag
            # the one before / after it
            step = 0 if direction is None else max(-1, min(1, int(direction)))
            day = weekday_near(told + timedelta(days=step), _int(fields, "weekday"), step or 1)
            day += timedelta(days=_day_shift(fields))
            return Resolved(_with_time(day.isoformat(), fields), day=day, counted=True, told=True)
        if direction is None and _dated_elsewhere(narrative, published, pos, near):
            # "am Mittwoch, 10. Oktober ... am Samstag": the week of the date just named
            anchor, direction = narrative.dated, 1
        elif direction is None:
            # a weekday in a present-tense clause is the coming one ("am Freitag beginnt ...")
            direction = -1 if tense == "past" else 1
        else:
            direction = int(direction)
        day = weekday_near(anchor, _int(fields, "weekday"), direction)
        day += timedelta(days=_day_shift(fields))
        return Resolved(_with_time(day.isoformat(), fields), day=day, counted=anchor is not published)

    if fields.get("century_ordinal"):
        return Resolved(f"{_int(fields, 'century_ordinal') - 1:02d}")
    if fields.get("century") and not fields.get("decade"):
        return Resolved(f"{_int(fields, 'century'):02d}")
    if fields.get("decade"):
        decade = fields["decade"]
        if len(decade) >= 3:
            return Resolved(decade[:3])
        century = _int(fields, "century")
        if century is None:
            century = published.year // 100
            if century * 100 + int(decade) * 10 > published.year:
                century -= 1
        return Resolved(f"{century:02d}{int(decade)}")

    explicit = fields.get("year")
    year = _full_year(explicit, published) if explicit else None
    if year is None and fields.get("year_shift") is not None:
        year = published.year + _int(fields, "year_shift")
    month, day_num = _int(fields, "month"), _int(fields, "day")

    if fields.get("holiday"):
        spec = fields["holiday"]
        ref_year = year or recent_year or published.year
        if fields.get("since") and ref_year < _int(fields, "since"):
            raise ValueError("no such holiday yet")
        if spec.startswith("E"):
            when = easter(ref_year) + timedelta(days=int(spec[1:]))
        else:
            m, d = (int(x) for x in spec.split("-"))
            when = date(ref_year, m, d)
        when += timedelta(days=_day_shift(fields))
        if year is None and recent_year is None:
            moved = _year_for(when.month, when.day, published, tense, True)
            if moved != ref_year:
                return resolve({**fields, "year": str(moved)}, type_, published, narrative, tense, pos, near,
                               sentence_start, year_since)
        return Resolved(_with_time(when.isoformat(), fields), day=when, explicit_year=year, dated=True)

    if year is None and month is None and day_num is None and not any(
            fields.get(k) for k in ("season", "quarter", "half")):
        # a clock time alone: the day named since `sentence_start` (the caller's choice:
        # this sentence, the one before, shortly before); a part of the day alone: the day
        # named shortly before; else the publication day. The early hours after a named
        # night belong to the next day.
        if fields.get("hour") is None and not fields.get("part"):
            raise ValueError("nothing to resolve")
        since = sentence_start if fields.get("hour") is not None else pos - near
        base = published
        if narrative.day_pos < since and fields.get("hour") is not None and in_history(narrative, published):
            # "um 7:30 Uhr" in a history with no day near: a time of an unknown day of its year
            return Resolved(_with_time(f"{narrative.ref_year:04d}-XX-XX", fields))
        if narrative.day and narrative.day_pos >= since:
            base = narrative.day
            hour = _int(fields, "hour")
            if narrative.day_part == "NI" and hour is not None and hour < NIGHT_ENDS:
                base += timedelta(days=1)
        return Resolved(_with_time(base.isoformat(), fields), day=base)

    if year is None and fields.get("narrative_year") and narrative.year is not None:
        year = narrative.year   # "im August desselben Jahres"
    if year is None and month is None and day_num is not None:
        # a day alone ("in der Nacht vom 16."): of the month of the text's last day; a day
        # before that one is in the month after
        if narrative.day is None:
            raise ValueError("a day without its month")
        ref = narrative.day if day_num >= narrative.day.day else add_months(narrative.day.replace(day=1), 1)
        year, month = ref.year, ref.month

    resumed = None
    if year is None and month is not None and recent_year is not None:
        resumed = resumed_year(narrative, published, month, day_num, recent_year, year_since)
        recent_year = resumed or recent_year
    if year is None:
        if month is not None:
            if recent_year is not None:
                year = recent_year
            else:
                year = _year_for(month, day_num, published, tense, True)
        elif recent_year is not None:
            year = recent_year
        else:
            year = published.year
            if fields.get("season") == "WI" and tense is None and published.month <= 2:
                year -= 1   # "Der Winter ist mild" in January: the winter that began in December
            elif fields.get("season") and tense in ("past", "future"):
                # a winter is the year its December is in ("2021-WI" runs into 2022)
                season_month = {"SP": 4, "SU": 7, "FA": 10, "WI": 12}.get(fields["season"], 6)
                year = _year_for(season_month, None, published, tense, True)

    if month is None:
        if fields.get("season"):
            return Resolved(f"{year:04d}-{fields['season']}", explicit_year=_explicit(explicit, year))
        if fields.get("quarter"):
            return Resolved(f"{year:04d}-Q{fields['quarter']}", explicit_year=_explicit(explicit, year))
        if fields.get("half"):
            return Resolved(f"{year:04d}-H{fields['half']}", explicit_year=_explicit(explicit, year))
        return Resolved(f"{year:04d}", explicit_year=_explicit(explicit, year))
    if not 1 <= month <= 12:
        raise ValueError("no month")
    if day_num is None:
        return Resolved(f"{year:04d}-{month:02d}", explicit_year=_explicit(explicit, year),
                        month=date(year, month, 1), resumed_year=resumed)
    when = valid_date(year, month, day_num)
    if when is None:
        raise ValueError("no such day")
    when += timedelta(days=_day_shift(fields))
    return Resolved(_with_time(when.isoformat(), fields), day=when, explicit_year=_explicit(explicit, year),
                    dated=True, resumed_year=resumed)


def _dated_elsewhere(narrative: Narrative, published: date, pos: int, near: int) -> bool:
    """Did the text just name a calendar date after the publication week? Then a bare weekday
    that follows belongs to that date's days ("öffnet am Mittwoch, 10. Oktober ... am Samstag"),
    not to the publication week. (After a past date, news weekdays still count from the
    publication day: "Am 21. Dezember scheiterte es. Am Dienstag klappte es.")"""
    if narrative.dated is None or pos - narrative.dated_pos > near:
        return False
    publication_week_ends = published + timedelta(days=7 - published.isoweekday())
    return narrative.dated > publication_week_ends


def _day_shift(fields: dict) -> int:
    return (_int(fields, "day_shift") or 0) * (_int(fields, "times") or 1)


def _narrative_anchor(narrative: Narrative, unit: str) -> date | None:
    """The day a narrative expression counts from: the last day named; for a month or a
    year ("im selben Jahr", "ein Jahr später"), a year named after that day."""
    if unit in ("day", "week", "weekend"):
        return narrative.day
    if narrative.month is not None and narrative.month_pos > narrative.day_pos and (
            unit == "month" or narrative.month.year == narrative.year):
        return narrative.month
    if narrative.year is None:
        return narrative.day
    if narrative.day is not None and (narrative.day.year == narrative.year
                                      or narrative.day_pos > narrative.year_pos):
        return narrative.day
    return date(narrative.year, 7, 1)


def _week_origin(fields: dict, narrative: Narrative, published: date, recent_year: int | None) -> date | None:
    """The first day an ordinal week counts from (see `counted_week`)."""
    month = _int(fields, "month")
    if month:
        return date(_int(fields, "year") or recent_year or narrative.year or published.year, month, 1)
    if fields.get("of_month"):
        known = narrative.month if narrative.month_pos > narrative.day_pos else narrative.day
        return (known or published).replace(day=1)
    return narrative.dated


def _explicit(raw: str | None, year: int) -> int | None:
    return year if raw else None
