"""Links for pages served by the Flask app (the static site's are `feeds.render.links`)."""
from __future__ import annotations

from flask import url_for

from feeds.render.links import normalize_base_url, story_path
from feeds.web.sessions import sign_in_possible


class ServerLinks:
    """Links for pages served by the Flask app; `writable` False hides the editors' forms."""

    def __init__(self, base_url: str, *, writable: bool = True):
        self.base_url = normalize_base_url(base_url)
        self.writable = writable

    def index(self) -> str:
        return url_for("pages.index")

    def story(self, slug: str) -> str:
        return url_for("pages.story", slug=slug)

    def section(self, slug: str, name: str) -> str:
        """A section's page of a long story (`feeds.render.story_parts`): "2021", "open"."""
        return url_for("pages.story_section", slug=slug, name=name)

    def section_page(self, slug: str, name: str, page: int) -> str:
        """Page `page` of a section; the first is the section's own page."""
        return self.section(slug, name) if page <= 1 \
            else url_for("pages.story_section_page", slug=slug, name=name, page=page)

    def file(self, slug: str, name: str) -> str:
        return url_for("pages.story_file", slug=slug, name=name)

    def paste(self, slug: str) -> str | None:
        return url_for("pages.paste", slug=slug) if self.writable else None

    def edit(self, slug: str) -> str | None:
        """The web editor of a story, for a signed-in editor only (readers see no controls)."""
        return url_for("editor.edit", slug=slug) if self.writable else None

    def sign_in(self) -> str | None:
        """The editors' sign-in (None when signed in already, or when writes are off)."""
        if self.writable or not sign_in_possible():
            return None
        return url_for("pages.sign_in")

    def sign_out(self) -> str | None:
        """The page with the sign-out button, for a signed-in editor."""
        return url_for("pages.sign_in") if self.writable else None

    def static(self, filename: str) -> str:
        return url_for("static", filename=filename)

    def new_story(self) -> str | None:
        return url_for("pages.new_story") if self.writable else None

    def absolute(self, slug: str, name: str | None = None) -> str:
        return self.base_url + story_path(slug, name)
