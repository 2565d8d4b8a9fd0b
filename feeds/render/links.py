"""Where things are: the URLs the pages link to, for the running app and for the static site.

The same templates render both. The app links (`feeds.web.links.ServerLinks`) with absolute paths from `url_for`; the static
export (`timeline build`) links relative to the page being written, so the files work from any
folder of any web server and from the file system. `absolute()` gives the public URL of a file,
used for feed self links and the subscription block; the static site knows it only if a base
URL was given.
"""
from __future__ import annotations

from urllib.parse import quote

def normalize_base_url(base_url: str | None) -> str | None:
    """`https://example.org/news` -> `https://example.org/news/` (None stays None)."""
    if not base_url:
        return None
    return base_url.rstrip("/") + "/"


def story_path(slug: str, name: str | None = None) -> str:
    """Site-relative path (no leading slash) of a story page or one of its files."""
    folder = f"stories/{quote(slug)}"
    return f"{folder}/{name}" if name else folder


class StaticLinks:
    """Links for a page written to `page_path` (e.g. `stories/nato/index.html`) by the export."""

    def __init__(self, page_path: str, base_url: str | None = None):
        depth = page_path.count("/")
        self.prefix = "../" * depth
        self.base_url = normalize_base_url(base_url)

    def index(self) -> str:
        return self.prefix + "index.html"

    def story(self, slug: str) -> str:
        return self.prefix + story_path(slug, "index.html")

    def file(self, slug: str, name: str) -> str:
        return self.prefix + story_path(slug, name)

    def section(self, slug: str, name: str) -> str:
        """A section's page of a long story, written as `<section>/index.html`."""
        return self.prefix + story_path(slug, f"{name}/index.html")

    def section_page(self, slug: str, name: str, page: int) -> str:
        """Page `page` of a section, written as `<section>/<page>/index.html`; the first is
        the section's own page."""
        return self.section(slug, name) if page <= 1 \
            else self.prefix + story_path(slug, f"{name}/{page}/index.html")

    def paste(self, slug: str) -> str | None:
        return None  # a static site takes no submissions

    def edit(self, slug: str) -> str | None:
        return None  # a static site is edited on the server it was built from

    def sign_in(self) -> str | None:
        return None  # a static site has no editors

    def sign_out(self) -> str | None:
        return None

    def static(self, filename: str) -> str:
        return self.prefix + "static/" + filename

    def new_story(self) -> str | None:
        return None

    def absolute(self, slug: str, name: str | None = None) -> str | None:
        if self.base_url is None:
            return None
        # a story page is the index.html of its folder: link the folder
        return self.base_url + (story_path(slug, name) if name else story_path(slug) + "/")
