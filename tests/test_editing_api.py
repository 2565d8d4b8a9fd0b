"""The editors' API over real HTTP (a socket, the threaded server), on both databases.

Each action, a wrong token (401), a stale or unknown key (404), an impossible date (422),
concurrent edits of one event (the last write wins, the log shows both), re-ingest keeping
corrections, orphaned corrections in the log, identity across a changed version, hiding
reversed, a removed document ingested again, and the log keeping every change.
"""
from __future__ import annotations

from web_helpers import serving

import http.client
import json
import threading
from urllib.parse import urlsplit

import pytest

from editing_helpers import COUNCIL, COUNCIL_MOVED, COUNCIL_SHORT, PUBLISHED, SECOND, SECOND_URL, URL
from web_helpers import API_TOKEN_ASCII


@pytest.fixture
def live(app):
    """The app of `app` (its database: SQLite, then PostgreSQL) served on a free port."""
    with serving(app) as url:
        yield Client(url)


class Client:
    def __init__(self, root: str):
        self.netloc = urlsplit(root).netloc

    def call(self, method: str, path: str, body=None, token: str | None = API_TOKEN_ASCII,
             raw: bytes | None = None):
        conn = http.client.HTTPConnection(self.netloc, timeout=60)
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        data = raw
        if body is not None:
            data = json.dumps(body).encode("utf-8")
        if data is not None:
            headers["Content-Type"] = "application/json"
        try:
            conn.request(method, path, body=data, headers=headers)
            response = conn.getresponse()
            payload = response.read()
            assert response.getheader("Content-Type", "").startswith("application/json"), payload
            return response.status, json.loads(payload)
        finally:
            conn.close()

    def ingest(self, text=COUNCIL, url=URL):
        status, data = self.call("POST", "/api/stories/rat/documents", {
            "text": text, "published": PUBLISHED.isoformat(), "url": url, "title": "Stadtrat"})
        assert status in (200, 201), data
        return data

    def story(self):
        status, data = self.call("GET", "/api/stories/rat", token=None)
        assert status == 200
        return data

    def meeting(self):
        (event,) = [e for e in self.story()["events"]
                    if "Bürgerversammlung findet" in e["sentence"]]
        return event

    def patch_event(self, key, body, **kwargs):
        return self.call("PATCH", f"/api/stories/rat/events/{key}", body, **kwargs)

    def changes(self, **kwargs):
        status, data = self.call("GET", "/api/stories/rat/changes", **kwargs)
        assert status == 200, data
        return data["changes"]


def assert_error(answer, status, *words):
    code, data = answer
    assert code == status, data
    assert set(data) == {"error"} and data["error"] and "Traceback" not in data["error"]
    for word in words:
        assert word in data["error"]


def test_patch_applies_each_field_and_answers_with_the_event_as_published(live):
    live.ingest()
    event = live.meeting()
    status, data = live.patch_event(event["key"], {
        "headline": "Versammlung verlegt", "when": "2022-11-14", "pinned": True,
        "note": "Ort folgt", "status": "dated"})
    assert status == 200, data
    published = data["event"]
    assert published["key"] == event["key"] and published["headline"] == "Versammlung verlegt"
    assert (published["value"], published["earliest"], published["granularity"]) == (
        "2022-11-14", "2022-11-14", "day")
    assert published["pinned"] and published["note"] == "Ort folgt" and not published["hidden"]
    assert published["sequence"] == event["sequence"] + 1
    assert published["updated"] > event["updated"]
    assert published["correction"] == {"headline": "Versammlung verlegt", "when": "2022-11-14",
                                       "pinned": True, "note": "Ort folgt", "status": "dated"}
    again = live.meeting()
    assert again["headline"] == "Versammlung verlegt" and again["value"] == "2022-11-14"
    (change,) = live.changes()
    assert (change["editor"], change["action"], change["subject"]) == (
        "api-token", "correct", event["key"])
    assert change["before"]["when"] == "2022-11-12T19:00" and change["after"]["when"] == "2022-11-14"


def test_when_null_restores_the_extracted_date(live):
    live.ingest()
    key = live.meeting()["key"]
    live.patch_event(key, {"when": "2021-11"})
    status, data = live.patch_event(key, {"when": None})
    assert status == 200 and data["event"]["value"] == "2022-11-12T19:00"
    assert data["event"]["correction"] == {}


def test_hiding_is_reversible_and_feeds_announce_it(live):
    live.ingest()
    key = live.meeting()["key"]
    status, data = live.patch_event(key, {"hidden": True})
    assert status == 200 and data["event"]["hidden"]
    assert key not in [e["key"] for e in live.story()["events"]]
    status, data = live.patch_event(key, {"hidden": False})
    assert status == 200 and not data["event"]["hidden"]
    assert live.meeting()["key"] == key
    assert [(c["before"], c["after"]) for c in live.changes()] == [
        ({"hidden": True}, {"hidden": False}), ({"hidden": False}, {"hidden": True})]


@pytest.mark.parametrize("token", ["wrong", API_TOKEN_ASCII + "x", None])
def test_a_wrong_or_missing_token_is_401_and_changes_nothing(live, token):
    live.ingest()
    key = live.meeting()["key"]
    document = live.story()["documents"][0]["id"]
    for method, path, body in [("PATCH", f"/api/stories/rat/events/{key}", {"hidden": True}),
                               ("DELETE", f"/api/stories/rat/documents/{document}", None),
                               ("PATCH", "/api/stories/rat", {"title": "X"}),
                               ("GET", "/api/stories/rat/changes", None)]:
        assert_error(live.call(method, path, body, token=token), 401, "token")
    assert live.changes() == [] and live.story()["title"] == "rat"


def test_a_named_editor_signs_with_its_own_token_and_the_log_names_it(live, web_store):
    live.ingest()
    token = web_store.add_editor("anna")
    key = live.meeting()["key"]
    assert live.patch_event(key, {"pinned": True}, token=token)[0] == 200
    assert live.changes(token=token)[0]["editor"] == "anna"
    web_store.remove_editor("anna")
    assert_error(live.patch_event(key, {"pinned": False}, token=token), 401)


def test_a_stale_or_unknown_key_story_or_document_is_404(live):
    first = live.ingest()
    draft = [e for e in first["events"] if e["value"] == "2022-10"][0]["key"]
    live.ingest(COUNCIL_SHORT)          # the draft's sentence is gone: its key is stale
    assert_error(live.patch_event(draft, {"hidden": True}), 404, draft)
    assert_error(live.patch_event("0" * 20, {"hidden": True}), 404)
    assert_error(live.call("PATCH", "/api/stories/nirgends/events/abc", {"hidden": True}), 404)
    assert_error(live.call("DELETE", "/api/stories/rat/documents/999"), 404)
    assert_error(live.call("DELETE", "/api/stories/rat/documents/abc"), 404)
    assert_error(live.call("PATCH", "/api/stories/nirgends", {"title": "X"}), 404)
    assert_error(live.call("GET", "/api/stories/nirgends/changes"), 404)


@pytest.mark.parametrize("when", ["2022-02-30", "2022-13-01", "2022-11-31", "morgen", 7])
def test_an_impossible_date_is_422(live, when):
    live.ingest()
    assert_error(live.patch_event(live.meeting()["key"], {"when": when}), 422, "when")
    assert live.changes() == []


@pytest.mark.parametrize("body, raw, status, words", [
    (None, b"{nicht json", 400, "JSON"), (["hidden"], None, 400, "object"),
    ({}, None, 400, "at least one"), ({"farbe": "rot"}, None, 400, "unknown field"),
    ({"hidden": "ja"}, None, 422, "true or false"), ({"status": "vague"}, None, 422, "status"),
    ({"same_as": "gibt-es-nicht"}, None, 422, "no event"),
])
def test_a_bad_body_is_400_or_422(live, body, raw, status, words):
    live.ingest()
    assert_error(live.patch_event(live.meeting()["key"], body, raw=raw), status, words)


def test_concurrent_edits_of_one_event_last_write_wins_and_the_log_shows_both(live, web_store):
    live.ingest()
    key = live.meeting()["key"]
    tokens = {"anna": web_store.add_editor("anna"), "bob": web_store.add_editor("bob")}
    start = threading.Barrier(len(tokens))
    answers = {}

    def edit(name):
        start.wait()
        answers[name] = live.patch_event(key, {"headline": f"Fassung von {name}"},
                                         token=tokens[name])

    threads = [threading.Thread(target=edit, args=(name,)) for name in tokens]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [answers[name][0] for name in tokens] == [200, 200]
    last, first = live.changes()
    assert {last["editor"], first["editor"]} == {"anna", "bob"}
    assert last["after"]["headline"] == f"Fassung von {last['editor']}"
    assert last["before"]["headline"] == f"Fassung von {first['editor']}"   # serialized
    assert live.meeting()["headline"] == last["after"]["headline"]
    assert live.meeting()["sequence"] == 2


def test_reingest_keeps_corrections_and_a_moved_event_keeps_its_key(live):
    live.ingest()
    event = live.meeting()
    live.patch_event(event["key"], {"note": "Bitte anmelden", "pinned": True})
    corrected = live.meeting()
    live.ingest()                       # the same article again
    assert live.meeting() == corrected
    data = live.ingest(COUNCIL_MOVED)   # a changed version moves the meeting
    assert data["status"] == "updated"
    moved = live.meeting()
    assert moved["key"] == event["key"] and moved["value"] == "2022-11-14T18:30"
    assert moved["sequence"] == corrected["sequence"] + 1
    status, patched = live.patch_event(event["key"], {"note": "Neuer Termin"})
    assert status == 200 and patched["event"]["value"] == "2022-11-14T18:30"


def test_an_orphaned_correction_is_in_the_log(live):
    first = live.ingest()
    draft = [e for e in first["events"] if e["value"] == "2022-10"][0]["key"]
    live.patch_event(draft, {"headline": "Entwurf"})
    live.ingest(COUNCIL_SHORT)
    orphaned = live.changes()[0]
    assert (orphaned["action"], orphaned["subject"], orphaned["editor"]) == (
        "orphaned", draft, None)
    assert orphaned["after"] == {"correction": {"headline": "Entwurf"}}


def test_a_removed_document_leaves_and_can_be_ingested_again(live):
    first = live.ingest()
    live.ingest(SECOND, SECOND_URL)
    document = first["document"]["id"]
    status, data = live.call("DELETE", f"/api/stories/rat/documents/{document}")
    assert status == 200 and data == {"removed": document, "story": "rat"}
    story = live.story()
    assert [d["url"] for d in story["documents"]] == [SECOND_URL]
    assert all(e["document_id"] != document for e in story["events"])
    removed = live.changes()[0]
    assert removed["action"] == "remove-document" and removed["before"]["text"] == COUNCIL
    assert_error(live.call("DELETE", f"/api/stories/rat/documents/{document}"), 404)
    again = live.ingest()
    assert again["status"] == "created"
    assert {e["key"] for e in again["events"]} == {e["key"] for e in first["events"]}


def test_same_as_merges_two_reports_and_null_splits_them(live):
    live.ingest()
    live.ingest(SECOND, SECOND_URL)
    own = live.meeting()
    (other,) = [e for e in live.story()["events"] if "Zur Bürgerversammlung" in e["sentence"]]
    status, data = live.patch_event(other["key"], {"same_as": own["key"]})
    assert status == 200 and data["event"]["key"] == own["key"]
    assert sorted(data["event"]["sources"]) == sorted([own["document_id"], other["document_id"]])
    assert len(live.story()["events"]) == 4
    status, data = live.patch_event(own["key"], {"same_as": None})
    assert status == 200 and len(live.story()["events"]) == 5


def test_patch_story_sets_title_and_description(live):
    live.ingest()
    status, data = live.call("PATCH", "/api/stories/rat",
                             {"title": "Der Rat", "description": "Haushalt 2023"})
    assert status == 200 and (data["title"], data["description"]) == ("Der Rat", "Haushalt 2023")
    assert live.story()["title"] == "Der Rat"
    status, data = live.call("PATCH", "/api/stories/rat", {"description": None})
    assert status == 200 and data["description"] is None
    assert_error(live.call("PATCH", "/api/stories/rat", {"title": ""}), 422, "empty")
    assert_error(live.call("PATCH", "/api/stories/rat", {"slug": "x"}), 400, "unknown field")


def test_the_log_keeps_every_change_newest_first(live):
    first = live.ingest()
    key = live.meeting()["key"]
    for body in ({"pinned": True}, {"note": "x"}, {"hidden": True}, {"hidden": False}):
        live.patch_event(key, body)
    live.call("PATCH", "/api/stories/rat", {"title": "Neu"})
    live.call("DELETE", f"/api/stories/rat/documents/{first['document']['id']}")
    actions = [c["action"] for c in live.changes()]
    assert actions == ["orphaned", "remove-document", "update-story"] + ["correct"] * 4
    ids = [c["id"] for c in live.changes()]
    assert ids == sorted(ids, reverse=True)


def text_of(live, path):
    conn = http.client.HTTPConnection(live.netloc, timeout=60)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        assert response.status == 200, path
        return response.read().decode("utf-8")
    finally:
        conn.close()


def test_a_hidden_event_leaves_page_feeds_calendar_and_timelinejs(live):
    live.ingest()
    event = live.meeting()
    paths = ["/stories/rat", "/stories/rat/feed.atom", "/stories/rat/feed.json",
             "/stories/rat/calendar.ics", "/stories/rat/timeline.json", "/stories/rat/story.json"]
    word = "Bürgerversammlung"
    assert all(word in text_of(live, path) for path in paths)
    live.patch_event(event["key"], {"hidden": True})
    for path in paths:
        assert word not in text_of(live, path), path
    live.patch_event(event["key"], {"hidden": False, "headline": "Versammlung am Abend"})
    for path in paths:
        assert "Versammlung am Abend" in text_of(live, path), path


def test_named_editors_can_write_without_an_api_token(app, live, web_store):
    app.config["API_TOKEN"] = None
    assert_error(live.call("GET", "/api/stories/rat/changes"), 403, "no editors")
    token = web_store.add_editor("anna")
    status, data = live.call("POST", "/api/stories/rat/documents", {
        "text": COUNCIL, "published": PUBLISHED.isoformat(), "url": URL}, token=token)
    assert status == 201, data
    assert live.patch_event(live.meeting()["key"], {"pinned": True}, token=token)[0] == 200
    assert_error(live.patch_event(live.meeting()["key"], {"pinned": False},
                                  token=API_TOKEN_ASCII), 401)
