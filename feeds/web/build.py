"""`timeline build`: the whole site as static files, rendered by the same code as the app.

    OUTDIR/index.html                         the story list
    OUTDIR/stories/<slug>/index.html          each HTML timeline (a long one's first part)
    OUTDIR/stories/<slug>/<section>/index.html a long story's years, open, undated
    OUTDIR/stories/<slug>/<section>/<n>/index.html  a long section's further pages
    OUTDIR/stories/<slug>/<file>              each registered format (feed.atom, ...)
    OUTDIR/stories/<slug>/feed/archive-N.atom the feed's archive pages (RFC 5005)
    OUTDIR/stories/<slug>/feed/archive-N.json the JSON Feed's (its `next_url` pages)
    OUTDIR/static/...                         the CSS

Pages link relative to themselves (`feeds.render.links.StaticLinks`), so the folder works from any
path of any web server and from the file system. Feeds need absolute ids and self links: they
use `base_url`, the URL the folder will be published at (`timeline build` requires it unless
`feeds=False`). Folders below OUTDIR/stories/ of stories no longer in the store are removed,
so a deleted story is not published on.
"""
from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from flask import Flask, render_template

from feeds.render.archive import archive_count, archive_name, feed_entries
from feeds.render.atom import render_atom_archive
from feeds.render.links import StaticLinks, normalize_base_url, story_path
from feeds.render.pages import index_context, story_context
from feeds.render.jsonfeed import EXTENSION as JSON_ARCHIVE, render_jsonfeed_archive
from feeds.render.registry import RENDERERS, json_bytes
from feeds.render.story_parts import (SOURCES_SHOWN, first_view, page_count, section_name,
                                      section_selection)
from feeds.web.app import static_folder
from feeds.web.i18n import ui_locale

PLACEHOLDER_BASE_URL = "http://localhost:8000/"  # `python -m http.server` in OUTDIR


@dataclass
class BuildReport:
    outdir: Path
    base_url: str
    files: list[Path] = field(default_factory=list)
    stories: int = 0
    removed: list[Path] = field(default_factory=list)


def build_site(app: Flask, store, outdir: str | Path, *, base_url: str | None = None,
               feeds: bool = True) -> BuildReport:
    """Write every page (and, with `feeds`, every registered file) of every story in `store`
    below `outdir`, and remove the folders of stories that are gone.

    `base_url` None: pages get no absolute URLs, and the feeds' ids and self links use
    PLACEHOLDER_BASE_URL (for a look at the site only; the command refuses to publish so).
    """
    outdir = Path(outdir)
    public = normalize_base_url(base_url)
    report = BuildReport(outdir=outdir, base_url=public or PLACEHOLDER_BASE_URL)
    with app.app_context():
        locale = ui_locale()     # TIMELINE_UI_LOCALE, or `timeline build --locale`
        summaries = store.stories()
        slugs = set()
        _write(report, "index.html", render_template(
            "index.html", messages=[], **index_context(summaries, StaticLinks("index.html", public), locale)))
        for summary in summaries:
            story = store.story(summary.slug)
            if story is None:  # deleted meanwhile
                continue
            slugs.add(story.slug)
            _write_pages(report, store, story.slug, public, locale)
            for renderer in RENDERERS.values() if feeds else ():
                _write(report, story_path(story.slug, renderer.filename),
                       renderer.render(story, base_url=report.base_url, locale=locale))
            for number in range(1, archive_count(story, feed_entries()) + 1):
                _write(report, story_path(story.slug, archive_name(number)),
                       render_atom_archive(story, number, base_url=report.base_url, locale=locale))
                _write(report, story_path(story.slug, archive_name(number, JSON_ARCHIVE)),
                       json_bytes(render_jsonfeed_archive(story, number, base_url=report.base_url,
                                                          locale=locale)))
            report.stories += 1
    report.removed = _remove_stale(outdir, slugs)
    target = outdir / "static"
    shutil.copytree(static_folder(), target, dirs_exist_ok=True)
    report.files.extend(sorted(p for p in target.rglob("*") if p.is_file()))
    return report


def _write_pages(report: BuildReport, store, slug: str, public: str | None, locale: str) -> None:
    """The story's page as the app first shows it and, for a long story, a page per
    section (`feeds.render.story_parts`): `<section>/index.html`, and a long section's
    further pages `<section>/<n>/index.html`."""
    outline, first = store.story_part(slug, first_view, source_limit=SOURCES_SHOWN)
    partial = first_view(outline) is not None
    pages = [(story_path(slug, "index.html"), first, None, 1)]
    for section, _ in outline.sections if partial else ():
        for number in range(1, page_count(outline, section) + 1):
            _, part = store.story_part(slug, lambda _: section_selection(section, number),
                                       source_limit=SOURCES_SHOWN)
            folder = section_name(section) + (f"/{number}" if number > 1 else "")
            pages.append((story_path(slug, f"{folder}/index.html"), part, section, number))
    for path, story, section, number in pages:
        context = story_context(story, StaticLinks(path, public), base_url=report.base_url,
                                outline=outline, partial=partial, section=section,
                                page=number, locale=locale)
        _write(report, path, render_template("story.html", messages=[], **context))


def _remove_stale(outdir: Path, slugs: set[str]) -> list[Path]:
    """Remove OUTDIR/stories/<folder> for every folder that is no current story's."""
    folder = outdir / "stories"
    wanted = {Path(story_path(slug)).name for slug in slugs}
    stale = sorted(p for p in folder.iterdir() if p.is_dir() and p.name not in wanted) \
        if folder.is_dir() else []
    for path in stale:
        shutil.rmtree(path)
    return stale


def _write(report: BuildReport, relative: str, content: str | bytes) -> None:
    path = report.outdir / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_bytes(data)
    temporary.replace(path)  # readers of a served folder never see half a file
    report.files.append(path)
