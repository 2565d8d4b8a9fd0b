"""A long story's page in parts: the page as first shown is bounded, every section has a page.

A story whose events fit (at most FIRST_VIEW_EVENTS events and FIRST_VIEW_DOCUMENTS
articles) is one page, as always. A longer one is first shown as its newest
FIRST_VIEW_EVENTS dated events (the latest on the time axis) plus the FIRST_VIEW_ASIDE
latest-published open and undated ones, read from the store as that part only
(`timeline.store.sections`), so the page costs the same at 60 articles and at 6,000. The
year navigation then leads to a page per section: `/stories/<slug>/<year>`, `.../open`,
`.../undated` (the static site writes them as `<section>/index.html`). A section of more
than SECTION_PAGE_EVENTS events has further pages, `/stories/<slug>/<year>/2` ... (static:
`<section>/<n>/index.html`), in time order, so a year of a thousand-article story is still a
bounded read and a page a browser renders at once. Plain links: no JavaScript needed.
"""
from __future__ import annotations

from feeds.i18n import DEFAULT_LOCALE, texts
from feeds.render.publication import SOURCES_NAMED
from timeline.store.sections import DATED, OPEN, UNDATED, Selection, StoryOutline

FIRST_VIEW_EVENTS = 100     # dated events on the page as first shown
FIRST_VIEW_ASIDE = 20       # open ones, and undated ones, on it
FIRST_VIEW_DOCUMENTS = 200  # a story of more articles is shown in parts whatever its events
SECTION_PAGE_EVENTS = 100   # events on one page of a section; a longer section has more pages
SOURCES_SHOWN = SOURCES_NAMED   # articles named under an event of a part; the others counted
SECTION_NAMES = {OPEN: "open", UNDATED: "undated"}   # URL path parts; years are their number


def first_view(outline: StoryOutline) -> tuple[Selection, ...] | None:
    """What the page as first shown reads: None (the whole story) when it fits."""
    if outline.events <= FIRST_VIEW_EVENTS and outline.documents <= FIRST_VIEW_DOCUMENTS:
        return None
    return (Selection(DATED, newest=FIRST_VIEW_EVENTS), Selection(OPEN, newest=FIRST_VIEW_ASIDE),
            Selection(UNDATED, newest=FIRST_VIEW_ASIDE))


def section_selection(section: int | str, page: int = 1) -> tuple[Selection, ...]:
    """A section's page `page`: SECTION_PAGE_EVENTS of its events in time order."""
    return (Selection(section, skip=(max(1, page) - 1) * SECTION_PAGE_EVENTS,
                      take=SECTION_PAGE_EVENTS),)


def page_count(outline: StoryOutline, section: int | str) -> int:
    """How many pages a section's events fill (at least one)."""
    return max(1, -(-outline.count(section) // SECTION_PAGE_EVENTS))


def page_navigation(outline: StoryOutline, links, section: int | str, page: int, labels: dict,
                    locale: str = DEFAULT_LOCALE) -> dict | None:
    """Links to every page of a section that fills more than one (None: it fits one), the
    previous and the next: plain links a reader and a crawler follow."""
    pages = page_count(outline, section)
    if pages <= 1:
        return None
    words = texts(locale)
    name = section_name(section)
    href = lambda number: links.section_page(outline.slug, name, number)   # noqa: E731
    return {
        "label": words.gettext("Pages of %(section)s", section=section_label(section, labels)),
        "text": words.gettext("Page %(page)d of %(pages)d", page=page, pages=pages),
        "pages": [{"label": str(number), "href": href(number), "current": number == page}
                  for number in range(1, pages + 1)],
        "previous": href(page - 1) if page > 1 else None,
        "next": href(page + 1) if page < pages else None,
        "previous_label": words.gettext("Previous page"),
        "next_label": words.gettext("Next page"),
    }


def section_name(section: int | str) -> str:
    """The URL path part of a section: "2021", "open", "undated"."""
    return SECTION_NAMES.get(section, str(section))


def parse_section(name: str) -> int | str | None:
    """The section a URL path part names, None if none: "2021" -> 2021, "open" -> OPEN."""
    for section, text in SECTION_NAMES.items():
        if name == text:
            return section
    if name.isascii() and name.isdigit() and len(name) <= 4 and not name.startswith("0"):
        return int(name)
    return None


def part_notice(outline: StoryOutline, story, links, section: int | str | None, labels: dict,
                locale: str = DEFAULT_LOCALE) -> dict:
    """What a page of a long story says it shows (the latest events, or one section) and
    the link back to the page as first shown from a section's page; `labels`: the headings
    of the sections without a year, in the page's words."""
    words = texts(locale)
    if section is None:
        text = words.ngettext(
            "%(shown)d of %(num)d event: the latest with a date, and the latest reported "
            "without one. All of them by year:",
            "%(shown)d of %(num)d events: the latest with a date, and the latest reported "
            "without one. All of them by year:", outline.events, shown=len(story.events))
    else:
        text = words.ngettext("%(label)s: %(shown)d of %(num)d event. All of them by year:",
                              "%(label)s: %(shown)d of %(num)d events. All of them by year:",
                              outline.events, shown=outline.count(section),
                              label=section_label(section, labels))
    return {"text": text, "section": section,
            "newest": links.story(outline.slug) if section is not None else None,
            "newest_label": words.gettext("The latest events")}


def section_label(section: int | str, labels: dict) -> str:
    """A section's heading: its year, or the label of the group without dates."""
    return str(section) if isinstance(section, int) else labels[section]


def section_navigation(outline: StoryOutline, links, current: int | str | None,
                       labels: dict) -> list[dict]:
    """Links to every section's page with its size; `current` (None: the first view) is
    marked for `aria-current`."""
    return [{"label": section_label(section, labels), "count": count,
             "href": links.section(outline.slug, section_name(section)),
             "current": section == current}
            for section, count in outline.sections]
