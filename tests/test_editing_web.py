"""The web editor over HTTP (Flask test client, the real store on SQLite and PostgreSQL):
every action through its form, with the refusals (CSRF, readers, stale keys, impossible
dates), and what readers and subscribers then get from the page, the feed and the calendar."""
from __future__ import annotations

import re

import defusedxml.ElementTree as SafeET
import pytest
from icalendar import Calendar

from story_samples import seed_story
from web_helpers import API_TOKEN_ASCII, sign_in, store_sample

SEED = "nato-antwort"
ATOM = "{http://www.w3.org/2005/Atom}"
AT = "{http://purl.org/atompub/tombstones/1.0}"
EDIT = f"/stories/{SEED}/edit"


@pytest.fixture
def seeded(app, web_store):
    store_sample(web_store, seed_story())
    return web_store


@pytest.fixture
def editor(client, seeded):
    """`client`, signed in with the API token."""
    assert sign_in(client).status_code == 303
    return client


def csrf_of(client, path: str = EDIT) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).get_data(as_text=True)).group(1)


def keys(store) -> list[str]:
    return [stored.key for stored in store.story(SEED).events]


def post_event(client, key: str, action: str, **fields):
    return client.post(f"{EDIT}/events/{key}", data={"csrf_token": csrf_of(client), "action": action, **fields})


def feed(client):
    return SafeET.fromstring(client.get(f"/stories/{SEED}/feed.atom").data)


def calendar_events(client) -> dict:
    calendar = Calendar.from_ical(client.get(f"/stories/{SEED}/calendar.ics").data)
    return {str(item["URL"]).rsplit("#event-", 1)[1]: item for item in calendar.walk("VEVENT")}


def test_readers_are_sent_to_sign_in_and_come_back(client, seeded):
    response = client.get(EDIT)
    assert response.status_code == 303
    assert response.headers["Location"] == f"/anmelden?next=/stories/{SEED}/edit"
    page = client.get("/anmelden?next=" + EDIT).get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    signed = client.post("/anmelden", data={"csrf_token": csrf, "token": API_TOKEN_ASCII, "next": EDIT})
    assert signed.status_code == 303 and signed.headers["Location"] == EDIT
    assert client.get(EDIT).status_code == 200


def test_a_wrong_token_signs_nobody_in(client, seeded):
    assert sign_in(client, "not-the-token").status_code == 403
    assert client.get(EDIT).status_code == 303


def test_the_editor_lists_every_event_with_its_sentence_and_article(editor, seeded):
    html = editor.get(EDIT).get_data(as_text=True)
    story = seeded.story(SEED)
    assert editor.get(EDIT).headers["Cache-Control"] == "no-store"
    for stored in story.events:
        assert f'id="edit-{stored.key}"' in html
        assert stored.event.sentence.split()[0] in html
    assert story.documents[0].title in html
    assert html.count('name="csrf_token"') >= len(story.events) + 2   # every form carries one
    assert "<script" not in html


def test_hiding_takes_the_event_out_of_every_output_and_showing_brings_it_back(editor, seeded):
    key = keys(seeded)[1]
    entry_id = next(e.findtext(ATOM + "id") for e in feed(editor).iter(ATOM + "entry")
                    if e.findtext(ATOM + "id").endswith("/event/" + key))
    response = post_event(editor, key, "hide")
    assert response.status_code == 303 and response.headers["Location"] == f"{EDIT}#edit-{key}"
    page = editor.get(EDIT).get_data(as_text=True)
    assert "ausgeblendet" in page and 'class="flash flash--success"' in page   # flash + mark
    assert f'id="edit-{key}"' in page                     # the editor still lists it
    assert f'id="event-{key}"' not in editor.get(f"/stories/{SEED}").get_data(as_text=True)
    root = feed(editor)
    assert entry_id not in {e.findtext(ATOM + "id") for e in root.iter(ATOM + "entry")}
    assert [t.get("ref") for t in root.findall(AT + "deleted-entry")] == [entry_id]
    assert key not in calendar_events(editor)
    assert key not in {s["unique_id"] for s in editor.get(f"/stories/{SEED}/timeline.json").json["events"]}

    assert post_event(editor, key, "show").status_code == 303
    assert f'id="event-{key}"' in editor.get(f"/stories/{SEED}").get_data(as_text=True)
    assert entry_id in {e.findtext(ATOM + "id") for e in feed(editor).iter(ATOM + "entry")}


def test_forms_without_the_csrf_token_or_with_a_wrong_one_are_refused(editor, seeded):
    key = keys(seeded)[0]
    missing = editor.post(f"{EDIT}/events/{key}", data={"action": "hide"})
    forged = editor.post(f"{EDIT}/events/{key}", data={"action": "hide", "csrf_token": "forged"})
    story_form = editor.post(f"{EDIT}/story", data={"title": "Gekapert", "csrf_token": "forged"})
    remove = editor.post(f"{EDIT}/documents/{seeded.story(SEED).documents[0].id}/remove", data={})
    assert [r.status_code for r in (missing, forged, story_form, remove)] == [400, 400, 400, 400]
    assert "Formular ist abgelaufen" in forged.get_data(as_text=True)
    assert seeded.changes(SEED) == [] and keys(seeded)[0] == key
    assert seeded.story(SEED).title != "Gekapert"


def test_readers_cannot_post_even_with_a_valid_csrf_token(client, seeded):
    csrf = csrf_of(client, "/anmelden")             # a reader's own session token
    key = keys(seeded)[0]
    response = client.post(f"{EDIT}/events/{key}", data={"csrf_token": csrf, "action": "hide"})
    assert response.status_code == 403
    assert key in keys(seeded)


def test_a_stale_event_key_is_a_404_page(editor, seeded):
    response = post_event(editor, "no-such-key", "hide")
    assert response.status_code == 404 and response.content_type.startswith("text/html")
    assert "Nicht gefunden" in response.get_data(as_text=True)
    assert editor.get("/stories/no-such-story/edit").status_code == 404


def test_an_impossible_date_is_422_with_the_form_shown_again(editor, seeded):
    key = keys(seeded)[0]
    response = post_event(editor, key, "correct", when="2022-02-30", headline="", status="dated", note="")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'value="2022-02-30"' in html and 'role="alert"' in html and 'aria-invalid="true"' in html
    assert "„2022-02-30“ ist kein mögliches Datum" in html
    assert seeded.changes(SEED) == []


def test_refusals_of_the_store_reach_the_editor_in_their_words(editor, seeded):
    first, second = keys(seeded)[:2]
    long_headline = post_event(editor, first, "correct", headline="x" * 501)
    assert long_headline.status_code == 422
    assert "höchstens 500 Zeichen" in long_headline.get_data(as_text=True)
    self_merge = post_event(editor, first, "merge", same_as=first)     # the store refuses it
    assert self_merge.status_code == 422
    assert "nicht gespeichert" in self_merge.get_data(as_text=True)
    assert seeded.changes(SEED) == []


def test_a_corrected_date_keeps_the_ids_and_moves_updated_and_sequence(editor, seeded):
    key = keys(seeded)[0]
    before_ics = calendar_events(editor)[key]
    before_entry = next(e for e in feed(editor).iter(ATOM + "entry") if e.findtext(ATOM + "id").endswith(key))
    response = post_event(editor, key, "correct", when="2022-01-25")
    assert response.status_code == 303
    after_ics = calendar_events(editor)[key]
    assert str(after_ics["UID"]) == str(before_ics["UID"])
    assert int(after_ics["SEQUENCE"]) == int(before_ics["SEQUENCE"]) + 1
    assert after_ics.decoded("DTSTART").isoformat() == "2022-01-25"
    after_entry = next(e for e in feed(editor).iter(ATOM + "entry") if e.findtext(ATOM + "id").endswith(key))
    assert after_entry.findtext(ATOM + "id") == before_entry.findtext(ATOM + "id")
    assert after_entry.findtext(ATOM + "updated") > before_entry.findtext(ATOM + "updated")
    assert "25. Januar 2022" in editor.get(f"/stories/{SEED}").get_data(as_text=True)


def test_headline_status_note_and_pin_reach_readers(editor, seeded):
    key = keys(seeded)[2]
    assert post_event(editor, key, "correct", headline="Eine neue Überschrift", status="ongoing",
                      note="Die Redaktion hat das Datum geprüft.").status_code == 303
    assert post_event(editor, key, "pin").status_code == 303
    page = editor.get(f"/stories/{SEED}").get_data(as_text=True)
    item = page[page.index(f'id="event-{key}"'):]
    item = item[:item.index("</li>")]
    assert "Eine neue Überschrift" in item and "Die Redaktion hat das Datum geprüft." in item
    assert "event--pinned" in page[page.rindex("<li", 0, page.index(f'id="event-{key}"')):page.index(f'id="event-{key}"')]
    slide = next(s for s in editor.get(f"/stories/{SEED}/timeline.json").json["events"] if s["unique_id"] == key)
    assert "Die Redaktion hat das Datum geprüft." in slide["text"]["text"]
    entry = next(e for e in feed(editor).iter(ATOM + "entry") if e.findtext(ATOM + "id").endswith(key))
    assert "Die Redaktion hat das Datum geprüft." in entry.findtext(ATOM + "content")
    assert post_event(editor, key, "unpin").status_code == 303
    assert "event--pinned" not in editor.get(f"/stories/{SEED}").get_data(as_text=True)


def test_merging_two_reports_and_splitting_them_again(editor, seeded):
    first, second = keys(seeded)[:2]
    assert post_event(editor, second, "merge", same_as=first).status_code == 303
    assert second not in keys(seeded) and first in keys(seeded)
    assert post_event(editor, second, "split").status_code == 303
    assert {first, second} <= set(keys(seeded))


def test_removing_an_article_takes_its_events_out_and_announces_them(editor, seeded):
    story = seeded.story(SEED)
    document = story.documents[0]
    response = editor.post(f"{EDIT}/documents/{document.id}/remove", data={"csrf_token": csrf_of(editor)})
    assert response.status_code == 303
    assert seeded.story(SEED).events == ()
    refs = {t.get("ref").rsplit("/", 1)[1] for t in feed(editor).findall(AT + "deleted-entry")}
    assert refs == {stored.key for stored in story.events}
    assert editor.post(f"{EDIT}/documents/{document.id}/remove",
                       data={"csrf_token": csrf_of(editor)}).status_code == 404


def test_renaming_and_describing_the_story(editor, seeded):
    response = editor.post(f"{EDIT}/story", data={"csrf_token": csrf_of(editor), "title": "Die Nato-Antwort",
                                                  "description": "Was die Nato Russland geantwortet hat."})
    assert response.status_code == 303
    page = editor.get(f"/stories/{SEED}").get_data(as_text=True)
    assert "Die Nato-Antwort" in page and "Was die Nato Russland geantwortet hat." in page


def test_the_change_log_names_the_editor_newest_first(editor, seeded):
    first, second = keys(seeded)[:2]
    post_event(editor, first, "pin")
    post_event(editor, second, "hide")
    log = seeded.changes(SEED)
    assert [change.subject for change in log[:2]] == [second, first]
    html = editor.get(EDIT).get_data(as_text=True)
    table = html[html.index('class="change-log"'):]
    assert table.index(second) < table.index(first) and "api-token" in table


def test_a_named_editor_signs_in_is_named_in_the_log_and_is_signed_out_when_removed(client, seeded):
    token = seeded.add_editor("anna")
    assert sign_in(client, token).status_code == 303
    key = keys(seeded)[0]
    assert post_event(client, key, "pin").status_code == 303
    assert seeded.changes(SEED)[0].editor == "anna"
    assert "anna" in client.get(EDIT).get_data(as_text=True)
    assert seeded.remove_editor("anna") is True
    assert client.get(EDIT).status_code == 303              # the session ended with the editor
    new_token = seeded.add_editor("anna")                   # the same name, another token
    assert client.get(EDIT).status_code == 303              # the old session stays ended
    assert sign_in(client, token).status_code == 403        # and so does the old token
    assert sign_in(client, new_token).status_code == 303 and client.get(EDIT).status_code == 200


def test_public_pages_show_no_controls_but_an_editor_sees_the_edit_link(app, editor, seeded):
    reader = app.test_client()
    for path in (f"/stories/{SEED}", f"/stories/{SEED}/embed", "/"):
        html = reader.get(path).get_data(as_text=True)
        assert EDIT not in html and "<form" not in html.replace('<form method="get" action="/new">', "")
        assert 'name="csrf_token"' not in html
    assert f'href="{EDIT}"' in editor.get(f"/stories/{SEED}").get_data(as_text=True)
