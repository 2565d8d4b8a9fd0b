"""Renderers: a story as Atom, iCalendar, TimelineJS, JSON, JSON-LD and page view models.

No Flask here (a test says so): the web app, the CLI and the static build all reuse them.
Their words come from the message catalog (`feeds.i18n`) in the `locale` each is given.
"""
