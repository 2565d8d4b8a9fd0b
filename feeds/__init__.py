"""Publications of a story: HTML timeline, Atom feed, iCalendar, TimelineJS JSON, and the web app.

Depends on `timeline`, never the reverse.
"""
