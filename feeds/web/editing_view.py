"""The web editor's page as data: every event of a story (hidden ones too), its articles, and
the change log, prepared for `templates/edit.html` (the routes are `feeds.web.editing`).

What the store hands out (`Store.editorial_events`, `Store.changes`) is turned into plain dicts
here, so the template only lays out; the words are the catalog's (Flask-Babel).
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from feeds.render.pages import day_label, moment_label
from feeds.render.publication import as_utc, clean_line, safe_link
from timeline.dates.display import format_event_date

# What an editor may set an event's status to (`Store.correct_event`); a vague event keeps
# "vague" among the choices so that saving other fields does not change it.
STATUSES = {
    "dated": _l("dated"),
    "open": _l("announced (date open)"),
    "ongoing": _l("ongoing"),
    "vague": _l("vague"),
}
EDITABLE_STATUSES = ("dated", "open", "ongoing")
# Change log actions (`Change.action`) and the fields its before/after name, in words; an
# unknown one is shown as it is.
ACTIONS = {
    "correct": _l("event corrected"),
    "remove-document": _l("article removed"),
    "update-story": _l("story changed"),
    "orphaned": _l("correction orphaned (its event is gone)"),
    "reattached": _l("correction applies again"),
}
FIELDS = {
    "hidden": _l("hidden"),
    "headline": _l("headline"),
    "when": _l("date"),
    "status": _l("status"),
    "pinned": _l("pinned"),
    "note": _l("note"),
    "same_as": _l("same event as"),
    "title": _l("title"),
    "description": _l("description"),
}
STORE_EDITOR = _l("(the store itself)")     # a change no editor made (a re-ingest noted it)


def event_row(item, *, form: dict | None = None, error: str | None = None) -> dict:
    """One event of the editor's list; `form`/`error`: what an editor sent that was refused."""
    event = item.event
    title = clean_line(item.document_title)
    values = {
        "headline": clean_line(event.headline),
        "when": event.value or "",
        "status": event.status,
        "note": item.note or "",
    }
    if form:
        values.update({name: form[name] for name in values if name in form})
    statuses = [(code, str(STATUSES[code])) for code in EDITABLE_STATUSES]
    if event.status not in EDITABLE_STATUSES:
        statuses.append((event.status, str(STATUSES.get(event.status, event.status))))
    return {
        "key": item.key,
        "anchor": f"edit-{item.key}",
        "hidden": bool(item.hidden),
        "pinned": bool(item.pinned),
        "members": [key for key in item.members if key != item.key],
        "extracted_when": item.extracted.value or "",
        "when_corrected": "when" in item.correction,
        "date_label": format_event_date(event, "de"),
        "status_label": str(STATUSES.get(event.status, event.status)),
        "headline": clean_line(event.headline),
        "sentence": clean_line(event.sentence),
        "document_id": item.document_id,
        "document_title": title or f"#{item.document_id}",
        "fields": values,
        "statuses": statuses,
        "sequence": item.sequence,
        "error": error,
    }


def document_row(document) -> dict:
    return {
        "id": document.id,
        "title": clean_line(document.title) or clean_line(document.url) or f"#{document.id}",
        "url": safe_link(document.url),
        "published_label": day_label(document.published),
        "published_iso": document.published.isoformat(),
    }


def change_row(change) -> dict:
    return {
        "when_iso": as_utc(change.when).isoformat(timespec="seconds"),
        "when_label": moment_label(change.when),
        "editor": change.editor or str(STORE_EDITOR),
        "action": str(ACTIONS.get(change.action, change.action)),
        "subject": change.subject or "",
        "before": _fields(change.before),
        "after": _fields(change.after),
    }


def _fields(values) -> list[str]:
    """A logged before/after ({field: value}) as lines "date: 2022-01-25"."""
    if not isinstance(values, dict):
        return [] if values is None else [_shown(values)]
    return [f"{FIELDS.get(name, name)}: {_shown(value)}" for name, value in sorted(values.items())]


def _shown(value) -> str:
    """A logged value: "–" for none, booleans as yes/no (the catalog's words)."""
    if value is None or value == "":
        return "–"
    if value is True:
        return str(_l("yes"))
    if value is False:
        return str(_l("no"))
    if isinstance(value, dict):
        return "; ".join(_fields(value))
    return clean_line(str(value))


def editor_context(story, items, changes, *, invalid: tuple[str, dict, str] | None = None) -> dict:
    """Everything the editor page shows; `invalid` = (key, form, message) of a refused correction
    (its form is shown again with what was sent, next to the message)."""
    rows = []
    for item in items:
        if invalid and invalid[0] == item.key:
            rows.append(event_row(item, form=invalid[1], error=invalid[2]))
        else:
            rows.append(event_row(item))
    merge_choices = [(row["key"], row["headline"] or row["sentence"][:60]) for row in rows
                     if not row["hidden"]]
    return {
        "story": {"slug": story.slug, "title": clean_line(story.title) or story.slug,
                  "description": story.description or ""},
        "events": rows,
        "hidden_count": sum(row["hidden"] for row in rows),
        "merge_choices": merge_choices,
        "documents": [document_row(document) for document in story.documents],
        "changes": [change_row(change) for change in changes],
    }
