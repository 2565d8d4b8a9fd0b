"""The editors' JSON API (issue 10): correct events, remove articles, rename, read the log.

Every call needs `Authorization: Bearer TOKEN` (TIMELINE_API_TOKEN, or a named editor's token
from `timeline editors add`); the log names the editor ("api-token" for the former).

    PATCH  /api/stories/<slug>/events/<key>     {"hidden"?, "headline"?, "when"?, "status"?,
                                                 "pinned"?, "note"?, "same_as"?}
        200 {"event": the event as published, with "hidden", "pinned", "note", "correction"}
    DELETE /api/stories/<slug>/documents/<id>   200 {"removed": id, "story": slug}
    PATCH  /api/stories/<slug>                  {"title"?, "description"?}   (description
                                                 null or "" clears it)
        200 {"slug", "title", "description", "updated"}
    GET    /api/stories/<slug>/changes          200 {"changes": [newest first: {"id", "when",
                                                 "editor", "action", "subject", "before",
                                                 "after"}]}

Errors are `{"error": ...}`: 400 a body that is not a JSON object or names an unknown field,
401 no or a wrong token, 404 an unknown story, event key (a stale one too) or document, 422 a
value that cannot be applied (an impossible date, an unknown status). The database failing is
503 (feeds.web.app), never the editor's fault.
"""
from __future__ import annotations

from flask import Blueprint, jsonify

from feeds.render.publication import as_utc
from feeds.render.story_json import event_json
from feeds.web.api import ApiError, json_body, require_editor
from feeds.web.app import get_store
from feeds.web.i18n import ui_locale
from timeline.store import (StoreError, StoreUnavailable, UnknownDocument, UnknownEvent,
                            UnknownStory)
from timeline.store.corrections import FIELDS

bp = Blueprint("editing", __name__, url_prefix="/api")
STORY_FIELDS = ("title", "description")


def _object(fields: tuple[str, ...]) -> dict:
    """The JSON body: an object naming only `fields` (else 400)."""
    data = json_body()
    if not isinstance(data, dict):
        raise ApiError(400, "send a JSON object, e.g. {\"hidden\": true}")
    unknown = sorted(name for name in data if name not in fields)
    if unknown:
        raise ApiError(400, f"unknown field {unknown[0]!r}; the fields are: " + ", ".join(fields))
    if not data:
        raise ApiError(400, "give at least one of: " + ", ".join(fields))
    return data


def _edit_error(error: StoreError) -> ApiError:
    if isinstance(error, (UnknownStory, UnknownEvent, UnknownDocument)):
        return ApiError(404, str(error))
    return ApiError(422, str(error))


def edited_json(edited) -> dict:
    """An event as the editors' API answers with it: as published, and its editorial state."""
    return {**event_json(edited.stored, ui_locale()), "hidden": edited.hidden,
            "pinned": edited.pinned,
            "note": edited.note, "correction": edited.correction}


@bp.patch("/stories/<slug>/events/<key>")
def correct_event(slug: str, key: str):
    editor = require_editor()
    changes = _object(FIELDS)
    try:
        edited = get_store().edit_event(slug, key, changes, editor=editor)
    except StoreUnavailable:
        raise
    except StoreError as error:
        raise _edit_error(error) from None
    return jsonify(event=edited_json(edited))


@bp.delete("/stories/<slug>/documents/<int:document_id>")
def remove_document(slug: str, document_id: int):
    editor = require_editor()
    try:
        get_store().remove_document(slug, document_id, editor=editor)
    except StoreUnavailable:
        raise
    except StoreError as error:
        raise _edit_error(error) from None
    return jsonify(removed=document_id, story=slug)


@bp.patch("/stories/<slug>")
def update_story(slug: str):
    editor = require_editor()
    data = _object(STORY_FIELDS)
    if "title" in data and data["title"] is None:
        raise ApiError(422, "the title cannot be empty")
    description = data.get("description")
    if "description" in data and description is None:
        description = ""        # null clears it
    store = get_store()
    try:
        store.update_story(slug, editor=editor, title=data.get("title"),
                           description=description)
        story = store.story(slug)
    except StoreUnavailable:
        raise
    except StoreError as error:
        raise _edit_error(error) from None
    if story is None:       # removed in between: nothing to show
        raise ApiError(404, f"no story {slug!r}")
    return jsonify(slug=story.slug, title=story.title, description=story.description,
                   updated=as_utc(story.updated).isoformat())


@bp.get("/stories/<slug>/changes")
def changes(slug: str):
    require_editor()
    try:
        log = get_store().changes(slug)
    except StoreUnavailable:
        raise
    except StoreError as error:
        raise _edit_error(error) from None
    return jsonify(changes=[{
        "id": change.id, "when": as_utc(change.when).isoformat(), "editor": change.editor,
        "action": change.action, "subject": change.subject, "before": change.before,
        "after": change.after} for change in log])

