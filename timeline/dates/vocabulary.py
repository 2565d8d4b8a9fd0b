"""The TimeML vocabulary the engine and the publications share, written down once."""

# How precise a time is, coarse to fine. Decades and centuries are "year"; seasons "quarter".
GRANULARITIES = ("year", "quarter", "month", "week", "day", "part-of-day", "time")

# Granularities that place a time within one day (or finer).
WITHIN_A_DAY = frozenset({"day", "part-of-day", "time"})

# TimeML parts of day as clock hours in local time, [start, end); an end of 24+ runs into the
# next day. The boundaries are conventions: outputs that show them as times must say so.
PARTS_OF_DAY = {
    "MO": (6, 12), "MI": (11, 14), "AF": (12, 18), "EV": (18, 22), "NI": (22, 30), "DT": (8, 18),
}

# TimeML seasons as months, (first, last); a last month above 12 is in the next year.
SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "AU": (9, 11), "WI": (12, 14)}


def granularity_rank(granularity: str | None) -> int:
    """Coarse before fine: year 0 ... time 6; None (unknown) after all of them."""
    return GRANULARITIES.index(granularity) if granularity in GRANULARITIES else len(GRANULARITIES)
