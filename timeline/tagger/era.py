"""The era a history passage is told in: years before the common era carry to what follows.

"Die Kämpfe begannen im Jahr 149 v. Chr. ... Das Jahr 149 brachte Verluste. ... am 5. Februar
ergaben sich die Verteidiger": once a passage names a year BC, a date that takes its year from
the passage (a day and month, "im gleichen Jahr") is of that year BC, and a year written
without an era but below 1000 ("Das Jahr 149") is BC too. A year of four digits ends the
passage's era; expressions counted from publication ("heute") are never moved.
"""
from __future__ import annotations

import re

_BC_YEAR = re.compile(r"^BC(\d{4})$")
_CE_DATE = re.compile(r"^(\d{4})(?=-|$)")
ERA_ENDS = 1000   # a year written out from here on is of the common era


class EraCarry:
    """Follows the era through one text, expression by expression (in text order)."""

    __slots__ = ("year",)

    def __init__(self) -> None:
        self.year: int | None = None   # the passage's last year BC, while it is told in BC

    def value(self, value: str, explicit_year: int | None, now: bool) -> str:
        """`value` of the next expression, moved before the common era where the passage is."""
        bc = _BC_YEAR.match(value)
        if bc:
            self.year = int(bc.group(1))
            return value
        ce = _CE_DATE.match(value)
        if explicit_year is not None:
            if explicit_year >= ERA_ENDS or self.year is None or ce is None:
                self.year = None if explicit_year >= ERA_ENDS else self.year
                return value
            self.year = explicit_year      # "Das Jahr 149" in a passage told in BC
            return "BC" + value
        if self.year is None or ce is None or now:
            return value
        return f"BC{self.year:04d}" + value[4:]
