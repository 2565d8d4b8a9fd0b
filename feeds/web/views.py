"""The pages: story list, HTML timeline, the story's files (feeds), and the paste form.

Each view loads from the store, renders with `feeds.render.pages` or `feeds.render.registry`, and
returns a Response.
"""
from __future__ import annotations

import logging

from flask import (Blueprint, Response, abort, current_app, flash, get_flashed_messages,
                   redirect, render_template, request, url_for)
from flask_babel import get_locale, gettext as _, lazy_gettext as _l, ngettext
from werkzeug.http import is_resource_modified, parse_etags

from feeds.web.cache import Rendered, render_cache, rendered
from feeds.web.i18n import ui_locale
from feeds.render.pages import index_context, story_context
from feeds.render.story_parts import (SOURCES_SHOWN, first_view, page_count, parse_section,
                                      section_selection)
from feeds.render.publication import as_utc
from feeds.render.archive import (archive_name, archive_page, archive_selection, current_page,
                                  current_selection)
from feeds.render.atom import render_atom
from feeds.render.jsonfeed import render_jsonfeed
from feeds.render.registry import RENDERERS, json_bytes, renderer_for_filename
from feeds.web.security import csrf_token, csrf_token_valid, signed_editor
from feeds.web.sessions import editor_signed_in, sign_in_editor, sign_in_possible, sign_out_editor
from timeline.intake import IntakeError
from timeline.intake.language import LanguageMismatch
from timeline.intake.ingest import ingest_fields
from timeline.intake.rules import check_slug
from feeds.web.app import ERROR_TEXTS, RETRY_AFTER_SECONDS, base_url, get_store, server_links
from timeline.lang import available_languages
from timeline.store import StoreError, StoreUnavailable, valid_slug

bp = Blueprint("pages", __name__)
log = logging.getLogger(__name__)

FEED_MAX_AGE = 300  # seconds a cache may keep a feed before asking again (with its ETag)
FILE_CACHING = f"public, max-age={FEED_MAX_AGE}"
NEW_STORY_ERROR = _l("The short name may hold only lowercase letters (a–z), digits and hyphens, "
                     "at most 64 characters, and must not begin with a hyphen.")
# What the paste form says when the intake refuses an article (`IntakeError.reason`); other
# refusals show the intake's own one-line message.
REFUSALS = {
    "text.empty": _l("The article text is missing."),
    "text.missing": _l("The article text is missing."),
    "published.missing": _l("The publication date is missing."),
    "published.invalid": _l("The publication date is not a valid date (e.g. 2022-01-27 or 27 January 2022)."),
    "url.invalid": _l("The address must begin with http:// or https://."),
    "lang.unknown": _l("This language is not supported."),
}


def _messages() -> list[tuple[str, str]]:
    return get_flashed_messages(with_categories=True)


def _html(html: str, status: int = 200) -> Response:
    response = Response(html, status=status, mimetype="text/html")
    response.cache_control.no_cache = True
    return response


@bp.get("/")
def index():
    context = index_context(get_store().stories(), server_links(), ui_locale())
    return _html(render_template("index.html", messages=_messages(), **context))


@bp.get("/new")
def new_story():
    """The index's "new story" form (GET, no state): on to the paste form of that slug."""
    slug = request.args.get("slug", "").strip().lower()
    if not valid_slug(slug):
        context = index_context(get_store().stories(), server_links(), ui_locale())
        html = render_template("index.html", messages=[("error", str(NEW_STORY_ERROR))],
                               new_slug=slug, **context)
        return _html(html, 400)
    return redirect(url_for("pages.paste", slug=slug), code=303)


def _load_story(slug: str, keys: set[str] | None = None):
    story = get_store().story(slug, keys=keys) if valid_slug(slug) else None
    if story is None:
        abort(404)
    return story


def _story_page(slug: str, section: int | str | None = None, page: int = 1) -> dict:
    """The context of a story's page as first shown (a bounded part of a long story) or of
    one page of a section (`feeds.render.story_parts`), read in one snapshot."""
    choose = first_view if section is None else (lambda _: section_selection(section, page))
    found = get_store().story_part(slug, choose, source_limit=SOURCES_SHOWN) \
        if valid_slug(slug) else None
    if found is None:
        abort(404)
    outline, story = found
    if section is not None and (outline.count(section) == 0 or page > page_count(outline, section)):
        abort(404)
    return story_context(story, server_links(), base_url=base_url(), outline=outline,
                         partial=choose(outline) is not None, section=section, page=page,
                         locale=ui_locale())


@bp.get("/stories/<slug>")
def story(slug: str):
    context = _story_page(slug)
    return _html(render_template("story.html", messages=_messages(), **context))


@bp.get("/stories/<slug>/<int:name>")
@bp.get("/stories/<slug>/open", defaults={"name": "open"})
@bp.get("/stories/<slug>/undated", defaults={"name": "undated"})
def story_section(slug: str, name):
    """One section of a long story: a year's events, or those without a date."""
    section = parse_section(str(name))
    if section is None:
        abort(404)
    context = _story_page(slug, section)
    return _html(render_template("story.html", messages=_messages(), **context))


@bp.get("/stories/<slug>/<name>/<int:page>")
def story_section_page(slug: str, name: str, page: int):
    """A further page of a long section (`feeds.render.story_parts.SECTION_PAGE_EVENTS`
    events each, in time order); page 1 is the section's own address."""
    section = parse_section(name)
    if section is None or page < 1:
        abort(404)
    if page == 1:
        return redirect(url_for("pages.story_section", slug=slug, name=name), code=301)
    context = _story_page(slug, section, page)
    return _html(render_template("story.html", messages=_messages(), **context))


@bp.get("/stories/<slug>/embed")
def embed(slug: str):
    """The timeline without site chrome, for an iframe on another site (see
    `feeds.web.security.embed_policy` for who may frame it); a long story's first part."""
    context = _story_page(slug)
    return _html(render_template("embed.html", **context))


@bp.get("/stories/<slug>/")
def story_folder(slug: str):
    """`/stories/<slug>/` (how the static site names the page) leads to the page."""
    return redirect(url_for("pages.story", slug=slug), code=301)


@bp.get("/stories/<slug>/<name>")
def story_file(slug: str, name: str):
    """feed.atom, calendar.ics, timeline.json — whatever `feeds.render.registry` registers."""
    found = renderer_for_filename(name)
    if found is None:
        abort(404)
    _, renderer = found
    return _file_response(_rendered_file(slug, renderer), renderer.media_type)


def _atom_page(story, root: str, page) -> bytes:
    return render_atom(story, base_url=root, page=page, locale=ui_locale())


def _jsonfeed_page(story, root: str, page) -> bytes:
    return json_bytes(render_jsonfeed(story, base_url=root, page=page, locale=ui_locale()))


# the paged feeds (`feeds.render.archive`): archive extension -> (renderer, render a page)
PAGED_FEEDS = {"atom": ("atom", _atom_page), "json": ("jsonfeed", _jsonfeed_page)}


@bp.get("/stories/<slug>/feed/archive-<int:number>.<extension>")
def feed_archive(slug: str, number: int, extension: str):
    """An archive page of the story's Atom feed or JSON Feed (RFC 5005 / JSON Feed's
    `next_url`; `feeds.render.archive`)."""
    if extension not in PAGED_FEEDS:
        abort(404)
    name, render_page = PAGED_FEEDS[extension]
    version = get_store().story_version(slug) if valid_slug(slug) else None
    if version is None:
        abort(404)
    root = base_url()

    def render() -> Rendered:
        stamps = get_store().event_stamps(slug)
        keys = archive_selection(stamps or [], number)
        if keys is None:
            return None
        story = _load_story(slug, keys)     # only the archive's entries: a bounded read
        page = archive_page(story, number, stamps=stamps)
        return rendered(render_page(story, root, page), as_utc(story.updated))

    output = render_cache(current_app).get_or_render(
        (slug, archive_name(number, extension), root), version, render)
    if output is None:
        abort(404)
    return _file_response(output, RENDERERS[name].media_type)


def _file_response(output: Rendered, media_type: str) -> Response:
    """The file, or 304 Not Modified (412 for a failed If-Match) when the client's copy is
    current; the headers are made from values the cache keeps (this runs on every feed
    request: werkzeug's `make_conditional` would parse and format them each time). No Date
    header: HTTP servers (werkzeug, gunicorn) always send their own, and it must appear once."""
    headers = [("Content-Type", media_type), *output.validators, ("Cache-Control", FILE_CACHING)]
    environ = request.environ
    if environ.get("HTTP_IF_NONE_MATCH") or environ.get("HTTP_IF_MODIFIED_SINCE") \
            or environ.get("HTTP_IF_MATCH"):
        if not is_resource_modified(environ, output.etag,
                                    last_modified=output.last_modified.replace(microsecond=0)):
            status = 412 if parse_etags(environ.get("HTTP_IF_MATCH")) else 304
            return Response(status=status, headers=headers)
    return Response(output.body, headers=headers)


def _rendered_file(slug: str, renderer) -> Rendered:
    """The file, rendered again only when the story changed (see `feeds.web.cache`)."""
    version = get_store().story_version(slug) if valid_slug(slug) else None
    if version is None:
        abort(404)
    root = base_url()

    def render() -> Rendered:
        for name, render_page in PAGED_FEEDS.values():
            if renderer.filename == RENDERERS[name].filename:
                return _current_feed(slug, root, render_page)
        story = _load_story(slug)  # after reading the version: see feeds.web.cache
        return rendered(renderer.render(story, base_url=root, locale=ui_locale()), as_utc(story.updated))

    return render_cache(current_app).get_or_render((slug, renderer.filename, root), version, render)


def _current_feed(slug: str, root: str, render_page) -> Rendered:
    """The current Atom feed or JSON Feed from a bounded read: the entries' stamps first,
    then only the newest entries and their articles (`feeds.render.archive`), whatever the
    story's size."""
    stamps = get_store().event_stamps(slug)
    if stamps is None:
        abort(404)
    keys, _ = current_selection(stamps)
    story = _load_story(slug, keys)
    page = current_page(story, stamps=stamps)
    return rendered(render_page(story, root, page), as_utc(story.updated))


# --- the paste form ---------------------------------------------------------------------

EMPTY_FORM = {"text": "", "published": "", "title": "", "url": "", "lang": "de", "story_title": "",
              "force_lang": ""}


def _paste_page(slug: str, form: dict, error: str | None = None, status: int = 200) -> Response:
    existing = get_store().story(slug)
    links = server_links()
    languages = [(code, _language_name(code)) for code in available_languages()]
    html = render_template(
        "paste.html", links=links, messages=_messages(), slug=slug, form=form, error=error,
        story_exists=existing is not None,
        story_title=existing.title if existing else slug,
        story_url=links.story(slug) if existing else links.index(),
        action=url_for("pages.paste", slug=slug), csrf_token=csrf_token(),
        languages=languages, signed_in=editor_signed_in())
    response = _html(html, status)
    response.cache_control.no_store = True
    return response


@bp.route("/stories/<slug>/paste", methods=["GET", "POST"])
def paste(slug: str):
    """A form for editors: paste an article's text; needs the API token, checks CSRF."""
    if not valid_slug(slug):
        abort(404)
    if request.method == "GET":
        return _paste_page(slug, dict(EMPTY_FORM))

    form = {name: request.form.get(name, default) for name, default in EMPTY_FORM.items()}
    if not csrf_token_valid(request.form.get("csrf_token")):
        return _paste_page(slug, form, _("The form has expired or does not come from this page. "
                                         "Please send it again."), 400)
    if not editor_signed_in():
        if not sign_in_possible():
            return _paste_page(slug, form, _("Writing is switched off: the server has no API token "
                                             "(TIMELINE_API_TOKEN)."), 403)
        if signed_editor(request.form.get("token")) is None:
            return _paste_page(slug, form, _("The API token is wrong."), 403)
    try:
        check_slug(slug)
        result = ingest_fields(get_store(), slug, form)
    except LanguageMismatch as error:
        return _paste_page(slug, form, _(
            "The text seems to be in %(detected)s, not in %(requested)s. Choose the right language "
            "or tick “Use the language anyway”.", detected=_language_name(error.detected),
            requested=_language_name(error.requested)), 422)
    except IntakeError as error:
        return _paste_page(slug, form, str(REFUSALS.get(error.reason, error.message)), error.status)
    except StoreUnavailable as error:
        log.warning("503 on the paste form of %s: database unavailable: %s", slug, error.cause)
        response = _paste_page(slug, form, str(ERROR_TEXTS[503][1]), 503)
        response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    except StoreError as error:
        return _paste_page(slug, form, str(error), 422)
    flash(_saved_message(result.status, len(result.events)), "success")
    return redirect(url_for("pages.story", slug=slug), code=303)


def _saved_message(status: str, events: int) -> str:
    if status == "created":
        return ngettext("Article saved: %(num)d event placed in the timeline.",
                        "Article saved: %(num)d events placed in the timeline.", events)
    if status == "updated":
        return ngettext("Article updated: %(num)d event in the timeline.",
                        "Article updated: %(num)d events in the timeline.", events)
    return _("This article was saved before; nothing has changed.")


def _language_name(code: str) -> str:
    """A language's name in the readers' language (CLDR, through Babel): "fr" -> "Französisch"."""
    return get_locale().languages.get(code, code)


# --- signing in: editors see the editors' controls, readers never ---------------------------

SIGN_IN_TEXTS = {
    "disabled": _l("Signing in is switched off: the server has no API token."),
    "expired": _l("The form has expired. Please send it again."),
    "wrong": _l("The API token is wrong."),
    "signed_in": _l("You are signed in and can add articles."),
    "signed_in_as": _l("You are signed in as %(name)s and can add articles and edit stories."),
    "signed_out": _l("You are signed out."),
}


def _sign_in_page(error: str | None = None, status: int = 200) -> Response:
    html = render_template("signin.html", links=server_links(), messages=_messages(), error=error,
                           action=url_for("pages.sign_in"), csrf_token=csrf_token(),
                           signed_in=editor_signed_in(), sign_out=url_for("pages.sign_out"),
                           next_url=_next_url())
    response = _html(html, status)
    response.cache_control.no_store = True
    return response


def _next_url() -> str:
    """Where to go after signing in: a path on this site only (no open redirect)."""
    target = request.values.get("next", "")
    return target if target.startswith("/") and not target.startswith("//") and "\\" not in target \
        else url_for("pages.index")


@bp.route("/anmelden", methods=["GET", "POST"])
def sign_in():
    """Editors sign in with their token (a named editor's or the API token); the session then
    shows them the editors' controls and remembers their name for the change log."""
    if request.method == "GET":
        return _sign_in_page()
    if not csrf_token_valid(request.form.get("csrf_token")):
        return _sign_in_page(str(SIGN_IN_TEXTS["expired"]), 400)
    if not sign_in_possible():
        return _sign_in_page(str(SIGN_IN_TEXTS["disabled"]), 403)
    token = request.form.get("token") or ""
    name = signed_editor(token)
    if name is None:
        return _sign_in_page(str(SIGN_IN_TEXTS["wrong"]), 403)
    sign_in_editor(name, token)
    flash(str(SIGN_IN_TEXTS["signed_in_as"]) % {"name": name}, "success")
    return redirect(_next_url(), code=303)


@bp.post("/abmelden")
def sign_out():
    if not csrf_token_valid(request.form.get("csrf_token")):
        return _sign_in_page(str(SIGN_IN_TEXTS["expired"]), 400)
    sign_out_editor()
    flash(str(SIGN_IN_TEXTS["signed_out"]), "success")
    return redirect(url_for("pages.index"), code=303)


