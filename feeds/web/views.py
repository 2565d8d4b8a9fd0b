"""The pages: story list, HTML timeline, the story's files (feeds), and the paste form.

Each view loads from the store, renders with `feeds.render.pages` or `feeds.render.registry`, and
returns a Response.
"""
from __future__ import annotations

from flask import (Blueprint, Response, abort, current_app, flash, get_flashed_messages,
                   redirect, render_template, request, url_for)

from feeds.web.cache import Rendered, render_cache, rendered
from feeds.render.pages import index_context, story_context
from feeds.render.publication import as_utc
from feeds.render.archive import archive_name, archive_selection, current_page, current_selection
from feeds.render.atom import render_atom, render_atom_archive
from feeds.render.registry import RENDERERS, renderer_for_filename
from feeds.web.security import csrf_token, csrf_token_valid, token_matches
from feeds.web.submission import SubmissionError, check_slug, parse_submission, slug_is_valid
from feeds.web.app import base_url, get_store, server_links
from timeline.intake.ingest import ingest
from timeline.lang import available_languages
from timeline.store import StoreError

bp = Blueprint("pages", __name__)

FEED_MAX_AGE = 300  # seconds a cache may keep a feed before asking again (with its ETag)
LANGUAGE_NAMES = {"de": "Deutsch", "en": "Englisch"}
NEW_STORY_ERROR = ("Der Kurzname darf nur Kleinbuchstaben (a–z), Ziffern und Bindestriche "
                   "enthalten, höchstens 64 Zeichen, und nicht mit einem Bindestrich beginnen.")
SAVED_MESSAGES = {
    "created": "Artikel gespeichert: {events} in die Zeitleiste eingeordnet.",
    "updated": "Artikel aktualisiert: {events} in der Zeitleiste.",
    "unchanged": "Dieser Artikel war schon gespeichert; nichts hat sich geändert.",
}


def _messages() -> list[tuple[str, str]]:
    return get_flashed_messages(with_categories=True)


def _html(html: str, status: int = 200) -> Response:
    response = Response(html, status=status, mimetype="text/html")
    response.cache_control.no_cache = True
    return response


@bp.get("/")
def index():
    context = index_context(get_store().stories(), server_links())
    return _html(render_template("index.html", messages=_messages(), **context))


@bp.get("/new")
def new_story():
    """The index's "new story" form (GET, no state): on to the paste form of that slug."""
    slug = request.args.get("slug", "").strip().lower()
    if not slug_is_valid(slug):
        context = index_context(get_store().stories(), server_links())
        html = render_template("index.html", messages=[("error", NEW_STORY_ERROR)],
                               new_slug=slug, **context)
        return _html(html, 400)
    return redirect(url_for("pages.paste", slug=slug), code=303)


def _load_story(slug: str, keys: set[str] | None = None):
    story = get_store().story(slug, keys=keys) if slug_is_valid(slug) else None
    if story is None:
        abort(404)
    return story


@bp.get("/stories/<slug>")
def story(slug: str):
    story = _load_story(slug)
    context = story_context(story, server_links(), base_url=base_url())
    return _html(render_template("story.html", messages=_messages(), **context))


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


@bp.get("/stories/<slug>/feed/archive-<int:number>.atom")
def feed_archive(slug: str, number: int):
    """An archive page of the story's Atom feed (RFC 5005; `feeds.render.archive`)."""
    version = get_store().story_version(slug) if slug_is_valid(slug) else None
    if version is None:
        abort(404)
    root = base_url()

    def render() -> Rendered:
        stamps = get_store().event_stamps(slug)
        keys = archive_selection(stamps or [], number)
        if keys is None:
            return None
        story = _load_story(slug, keys)     # only the archive's entries: a bounded read
        body = render_atom_archive(story, number, base_url=root, stamps=stamps)
        return rendered(body, as_utc(story.updated)) if body is not None else None

    output = render_cache(current_app).get_or_render(
        (slug, archive_name(number), root), version, render)
    if output is None:
        abort(404)
    return _file_response(output, RENDERERS["atom"].media_type)


def _file_response(output: Rendered, media_type: str) -> Response:
    response = Response(output.body, content_type=media_type)
    response.set_etag(output.etag)
    response.last_modified = output.last_modified
    response.cache_control.public = True
    response.cache_control.max_age = FEED_MAX_AGE
    response = response.make_conditional(request)
    # make_conditional adds a Date header; HTTP servers (werkzeug, gunicorn) always send
    # their own, and Date must appear once.
    response.headers.pop("Date", None)
    return response


def _rendered_file(slug: str, renderer) -> Rendered:
    """The file, rendered again only when the story changed (see `feeds.web.cache`)."""
    version = get_store().story_version(slug) if slug_is_valid(slug) else None
    if version is None:
        abort(404)
    root = base_url()

    def render() -> Rendered:
        if renderer.filename == RENDERERS["atom"].filename:
            return _current_atom(slug, root)
        story = _load_story(slug)  # after reading the version: see feeds.web.cache
        return rendered(renderer.render(story, base_url=root), as_utc(story.updated))

    return render_cache(current_app).get_or_render((slug, renderer.filename, root), version, render)


def _current_atom(slug: str, root: str) -> Rendered:
    """The current Atom feed from a bounded read: the entries' stamps first, then only the
    newest entries and their articles (`feeds.render.archive`), whatever the story's size."""
    stamps = get_store().event_stamps(slug)
    if stamps is None:
        abort(404)
    keys, _ = current_selection(stamps)
    story = _load_story(slug, keys)
    page = current_page(story, stamps=stamps)
    return rendered(render_atom(story, base_url=root, page=page), as_utc(story.updated))


# --- the paste form ---------------------------------------------------------------------

EMPTY_FORM = {"text": "", "published": "", "title": "", "url": "", "lang": "de", "story_title": ""}


def _paste_page(slug: str, form: dict, error: str | None = None, status: int = 200) -> Response:
    existing = get_store().story(slug)
    links = server_links()
    languages = [(code, LANGUAGE_NAMES.get(code, code)) for code in available_languages()]
    html = render_template(
        "paste.html", links=links, messages=_messages(), slug=slug, form=form, error=error,
        story_exists=existing is not None,
        story_title=existing.title if existing else slug,
        story_url=links.story(slug) if existing else links.index(),
        action=url_for("pages.paste", slug=slug), csrf_token=csrf_token(),
        languages=languages)
    response = _html(html, status)
    response.cache_control.no_store = True
    return response


@bp.route("/stories/<slug>/paste", methods=["GET", "POST"])
def paste(slug: str):
    """A form for editors: paste an article's text; needs the API token, checks CSRF."""
    if not slug_is_valid(slug):
        abort(404)
    if request.method == "GET":
        return _paste_page(slug, dict(EMPTY_FORM))

    form = {name: request.form.get(name, default) for name, default in EMPTY_FORM.items()}
    if not csrf_token_valid(request.form.get("csrf_token")):
        return _paste_page(slug, form, "Das Formular ist abgelaufen oder stammt nicht von "
                           "dieser Seite. Bitte senden Sie es noch einmal.", 400)
    if not current_app.config.get("API_TOKEN"):
        return _paste_page(slug, form, "Schreiben ist abgeschaltet: Auf dem Server ist kein "
                           "API-Token (TIMELINE_API_TOKEN) eingerichtet.", 403)
    if not token_matches(request.form.get("token"), current_app.config["API_TOKEN"]):
        return _paste_page(slug, form, "Das API-Token stimmt nicht.", 403)
    try:
        submission = parse_submission(form)
        check_slug(slug)
        result = ingest(get_store(), slug, submission.text, submission.published,
                        title=submission.title, url=submission.url, lang=submission.lang,
                        story_title=submission.story_title)
    except SubmissionError as error:
        return _paste_page(slug, form, _german(error.message), error.status)
    except StoreError as error:
        return _paste_page(slug, form, str(error), 422)
    events = len(result.events)
    flash(SAVED_MESSAGES[result.status].format(
        events=f"{events} Ereignis" if events == 1 else f"{events} Ereignisse"), "success")
    return redirect(url_for("pages.story", slug=slug), code=303)


# The form shows the API's messages; the common ones read better in German.
_GERMAN = {
    "'text' is empty": "Der Artikeltext fehlt.",
    "'text' is missing": "Der Artikeltext fehlt.",
    "'published' is missing": "Das Erscheinungsdatum fehlt.",
    "'published' is not a date": "Das Erscheinungsdatum ist kein gültiges Datum (etwa 2022-01-27 oder 27. Januar 2022).",
    "'url' must be an absolute http(s) URL": "Die Adresse muss mit http:// oder https:// beginnen.",
    "unknown language": "Diese Sprache wird nicht unterstützt.",
}


def _german(message: str) -> str:
    for start, german in _GERMAN.items():
        if message.startswith(start):
            return german
    return message
