"""Dates: TimeML values as intervals and periods, their display in words, their order.

    vocabulary.py  the TimeML vocabulary: granularities, parts of day and their ranks (one copy)
    intervals.py   a TimeML value -> earliest/latest/granularity
    period.py      an event's calendar position (what feeds and calendars show)
    display.py     dates in words, through Babel and the language's display data
    ordering.py    the one chronological key for events
    published.py   publication dates as people and machines write them
"""
