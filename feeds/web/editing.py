"""The web editor: `/stories/<slug>/edit` lists every event of a story (hidden ones too) with
its source sentence and article, and takes an editor's corrections as plain HTML forms.

No JavaScript (the site has none; see `feeds.web.security`): each action is a form POST with
the session's CSRF token, answered by a redirect back to the list (post/redirect/get) with a
flash message. Only a signed-in editor (`feeds.web.sessions`) gets here; readers are sent
to the sign-in form. The store does the work (`Store.correct_event`, `remove_document`,
`update_story`) and names the editor in the change log.

Refusals: a form without the session's CSRF token is 400, a request from no editor 403, a
stale event key or article 404 (the error page), a correction the store refuses (an
impossible date) 422 with the list shown again, the refused form keeping what was sent.
"""
from __future__ import annotations

from flask import (Blueprint, Response, abort, flash, get_flashed_messages, redirect,
                   render_template, request, url_for)
from flask_babel import lazy_gettext as _l

from feeds.web.app import get_store, server_links
from feeds.web.editing_view import EDITABLE_STATUSES, editor_context
from feeds.web.security import csrf_token, csrf_token_valid
from feeds.web.sessions import signed_in_editor
from timeline.store.corrections import MAX_HEADLINE, MAX_NOTE, checked_when
from timeline.store import EditError, InvalidCorrection, UnknownDocument, UnknownEvent, UnknownStory, \
    valid_slug

bp = Blueprint("editor", __name__)

# The longest text each field takes (the store's limits, said here in the editor's words).
MAX_LENGTH = {"headline": MAX_HEADLINE, "note": MAX_NOTE, "title": 500, "description": 5000, "when": 64}

TEXTS = {
    "expired": _l("The form has expired or does not come from this page. Please send it again."),
    "hidden": _l("The event is hidden: it has left the page, the feeds and the calendar."),
    "shown": _l("The event is shown again."),
    "pinned": _l("The event is pinned as a key event."),
    "unpinned": _l("The event is no longer pinned."),
    "corrected": _l("The correction is saved."),
    "unchanged": _l("Nothing was changed."),
    "merged": _l("The two reports are now one event."),
    "split": _l("The event stands on its own again."),
    "merged_by_extraction": _l("These reports were found to be one event when they were stored, "
                               "not joined by an editor; they stay together."),
    "removed": _l("The article and its events have left every output. It can be added again."),
    "story": _l("The story's title and description are saved."),
    "too_long": _l("A text may hold at most %(num)d characters."),
    "bad_date": _l("“%(value)s” is not a possible date. Give a date like 2022-01-25, 2021-11 or 2021."),
    "refused": _l("The change was not saved: %(reason)s"),
    "no_status": _l("Choose one of the statuses offered."),
    "no_merge": _l("Choose the event this one is the same as."),
}


def _message(error: EditError) -> str:
    """A refusal for the editor: ours are in their words already; the store's (English, the
    API's) come with a sentence in their language around them."""
    text = str(error)
    return text if isinstance(error, Refusal) else str(TEXTS["refused"]) % {"reason": text}


class Refusal(InvalidCorrection):
    """A correction the editor's form refuses before the store sees it, in the editor's words."""


def _editor() -> str:
    """The signed-in editor's name; readers get 403 (a POST) — a GET is sent to sign in."""
    name = signed_in_editor()
    if name is None:
        abort(403)
    return name


def _refused_post(slug: str) -> Response | None:
    """Why this POST is refused (a page), None when its CSRF token and editor are good: a
    form without the session's token is 400 with the editor page and a message, a reader 403."""
    if not csrf_token_valid(request.form.get("csrf_token")):
        if signed_in_editor() is None:
            abort(400)
        return _page(slug, error=str(TEXTS["expired"]), status=400)
    _editor()
    return None


def _page(slug: str, *, invalid=None, error: str | None = None, status: int = 200) -> Response:
    store = get_store()
    story = store.story(slug) if valid_slug(slug) else None
    if story is None:
        abort(404)
    context = editor_context(story, store.editorial_events(slug), store.changes(slug),
                             invalid=invalid)
    links = server_links()
    messages = [("error", error)] if error else []
    html = render_template("edit.html", links=links,
                           messages=get_flashed_messages(with_categories=True) + messages,
                           csrf_token=csrf_token(), editor=signed_in_editor(),
                           story_url=links.story(slug), **context)
    response = Response(html, status=status, mimetype="text/html")
    response.cache_control.no_store = True
    return response


def _back(slug: str, anchor: str | None = None) -> Response:
    target = url_for("editor.edit", slug=slug) + (f"#{anchor}" if anchor else "")
    return redirect(target, code=303)


@bp.get("/stories/<slug>/edit")
def edit(slug: str):
    if signed_in_editor() is None:
        return redirect(url_for("pages.sign_in", next=request.full_path.rstrip("?")), code=303)
    return _page(slug)


def _text(name: str) -> str:
    value = request.form.get(name, "").strip()
    if len(value) > MAX_LENGTH[name]:
        raise Refusal(str(TEXTS["too_long"]) % {"num": MAX_LENGTH[name]})
    return value


def _checked_date(value: str) -> str:
    """The date as typed, if the store takes it; else the refusal in the editor's words."""
    try:
        checked_when(value)
    except InvalidCorrection:
        raise Refusal(str(TEXTS["bad_date"]) % {"value": value}) from None
    return value


def _corrections(item) -> dict:
    """The fields of the correction form that differ from the event as it stands."""
    event = item.event
    changes: dict = {}
    headline = _text("headline")
    if headline and headline != (event.headline or "").strip():
        changes["headline"] = headline
    when = _text("when")
    if when != (event.value or ""):
        changes["when"] = _checked_date(when) if when else None   # emptied: the extracted date
    status = request.form.get("status", event.status)
    if status != event.status:
        if status not in EDITABLE_STATUSES:
            raise Refusal(str(TEXTS["no_status"]))
        changes["status"] = status
    note = _text("note")
    if note != (item.note or ""):
        changes["note"] = note or None
    return changes


def _event_item(slug: str, key: str):
    for item in get_store().editorial_events(slug) or ():
        if item.key == key or key in item.members:   # a report merged into another: its entry
            return item
    raise UnknownEvent(key)


@bp.post("/stories/<slug>/edit/events/<key>")
def correct(slug: str, key: str):
    """One event's form: its buttons name the action (`action`), "correct" saves the fields."""
    refused = _refused_post(slug)
    if refused is not None:
        return refused
    editor = _editor()
    action = request.form.get("action", "correct")
    try:
        item = _event_item(slug, key)
        if action in ("hide", "show"):
            changes, done = {"hidden": action == "hide"}, ("hidden" if action == "hide" else "shown")
        elif action in ("pin", "unpin"):
            changes, done = {"pinned": action == "pin"}, ("pinned" if action == "pin" else "unpinned")
        elif action == "merge":
            other = request.form.get("same_as", "").strip()
            if not other:
                raise Refusal(str(TEXTS["no_merge"]))
            changes, done = {"same_as": other}, "merged"
        elif action == "split":
            changes, done = {"same_as": None}, "split"
        elif action == "correct":
            changes, done = _corrections(item), "corrected"
        else:
            abort(400)
        if not changes:
            flash(str(TEXTS["unchanged"]), "success")
            return _back(slug, f"edit-{key}")
        stored = get_store().correct_event(slug, key, changes, editor=editor)
        if action == "split" and len(stored.sources) >= len(item.sources) > 1:
            done = "merged_by_extraction"     # no editor joined them: nothing to split
    except (UnknownStory, UnknownEvent):
        abort(404)
    except InvalidCorrection as error:
        form = {name: request.form.get(name, "") for name in ("headline", "when", "status", "note")}
        message = _message(error)
        return _page(slug, invalid=(key, form, message), error=message, status=422)
    flash(str(TEXTS[done]), "success")
    return _back(slug, f"edit-{key}")


@bp.post("/stories/<slug>/edit/documents/<int:document_id>/remove")
def remove_document(slug: str, document_id: int):
    refused = _refused_post(slug)
    if refused is not None:
        return refused
    editor = _editor()
    try:
        get_store().remove_document(slug, document_id, editor=editor)
    except (UnknownStory, UnknownDocument):
        abort(404)
    flash(str(TEXTS["removed"]), "success")
    return _back(slug, "artikel")


@bp.post("/stories/<slug>/edit/story")
def update_story(slug: str):
    refused = _refused_post(slug)
    if refused is not None:
        return refused
    editor = _editor()
    try:
        title, description = _text("title"), _text("description")
        get_store().update_story(slug, editor=editor, title=title or None,
                                 description=description)
    except UnknownStory:
        abort(404)
    except EditError as error:
        return _page(slug, error=_message(error), status=422)
    flash(str(TEXTS["story"]), "success")
    return _back(slug)

