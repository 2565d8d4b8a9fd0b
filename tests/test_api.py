"""The JSON API: adding articles (token, validation, status codes) and reading stories.

Bad input of any kind is a JSON `{"error": ...}` with a 4xx status — never a 5xx.
"""
from __future__ import annotations

import io
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from story_samples import seed_story
from web_helpers import API_TOKEN_ASCII, auth, store_sample

URL = "/api/stories/nato/documents"
ARTICLE = {
    "text": "Am Mittwochnachmittag übergab ein Bote die Antwort. Im November hatte Russland "
            "sein Büro geschlossen. Wann Moskau antwortet, ist völlig offen.",
    "published": "2022-01-27",
    "title": "Die Antwort der Nato",
    "url": "https://news.example.com/nato",
}


def post(client, body, *, headers=None, token=API_TOKEN_ASCII, **kwargs):
    headers = {**(auth(token) if token else {}), **(headers or {})}
    if isinstance(body, (dict, list)) or body is None:
        return client.post(URL, json=body, headers=headers, **kwargs)
    return client.post(URL, data=body, headers=headers, **kwargs)


def assert_error(response, status: int, *words: str):
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    data = response.get_json()
    assert set(data) == {"error"} and isinstance(data["error"], str) and data["error"]
    for word in words:
        assert word in data["error"]
    assert "Traceback" not in data["error"]


# --- writing ------------------------------------------------------------------------------

def test_a_new_article_is_created_with_its_document_and_events(client):
    response = post(client, ARTICLE)
    assert response.status_code == 201
    data = response.get_json()
    assert data["status"] == "created"
    document = data["document"]
    assert isinstance(document["id"], int)
    assert document | {"id": 0} == document | {
        "id": 0, "story": "nato", "title": "Die Antwort der Nato", "published": "2022-01-27",
        "url": "https://news.example.com/nato", "lang": "de"}
    assert isinstance(data["events"], list)
    for event in data["events"]:
        assert {"key", "id", "headline", "sentence", "status", "value", "granularity",
                "earliest", "latest", "display_date"} <= set(event)
    assert response.headers["Location"] == "/api/stories/nato"


def test_the_same_article_again_is_unchanged_and_answers_200(client):
    first = post(client, ARTICLE).get_json()
    again = post(client, ARTICLE)
    assert again.status_code == 200
    assert again.get_json()["status"] == "unchanged"
    assert again.get_json()["document"]["id"] == first["document"]["id"]


def test_a_changed_article_with_the_same_url_is_updated(client):
    post(client, ARTICLE)
    response = post(client, ARTICLE | {"text": ARTICLE["text"] + " Ein Dialog sei möglich."})
    assert response.status_code == 200 and response.get_json()["status"] == "updated"


def test_the_story_is_readable_as_json(client, web_store):
    store_sample(web_store, seed_story())
    response = client.get("/api/stories/nato-antwort")
    assert response.status_code == 200 and response.mimetype == "application/json"
    data = response.get_json()
    assert data["title"] == "Nato antwortet Russland"
    assert [d["title"] for d in data["documents"]] == [
        "Was hinter dem Gesprächsangebot der Nato an Russland steckt"]
    assert "text" not in data["documents"][0]
    assert [e["display_date"] for e in data["events"]][:2] == ["1997", "November 2021"]
    assert [e["status"] for e in data["events"]][-1] == "open"
    listing = client.get("/api/stories").get_json()["stories"]
    assert [(s["slug"], s["events"], s["documents"]) for s in listing] == [("nato-antwort", 7, 1)]


def test_an_unknown_story_is_a_json_404(client):
    assert_error(client.get("/api/stories/unbekannt"), 404, "unbekannt")
    assert_error(client.get("/api/nirgends"), 404)


def test_wrong_method_is_a_json_405_with_allow(client):
    response = client.get(URL)
    assert_error(response, 405)
    assert "POST" in response.headers["Allow"]


# --- the token ----------------------------------------------------------------------------

@pytest.mark.parametrize("headers", [
    {},
    {"Authorization": "Bearer"},
    {"Authorization": "Basic dXNlcjpwYXNz"},
    {"Authorization": f"Token {API_TOKEN_ASCII}"},
])
def test_a_missing_token_is_401_with_a_challenge(client, headers):
    response = post(client, ARTICLE, token=None, headers=headers)
    assert_error(response, 401, "token")
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("token", ["wrong", API_TOKEN_ASCII + "x", API_TOKEN_ASCII[:-1],
                                   "tökén-ünïcödé", API_TOKEN_ASCII.upper()])
def test_a_wrong_token_is_401(client, token):
    assert_error(post(client, ARTICLE, token=token), 401, "wrong API token")
    assert client.get("/api/stories/nato").status_code == 404  # nothing was stored


def test_without_a_configured_token_the_api_refuses_writes(app, client):
    app.config["API_TOKEN"] = None
    assert_error(post(client, ARTICLE), 403, "TIMELINE_API_TOKEN")
    assert_error(post(client, ARTICLE, token=""), 403)


def test_the_token_is_checked_before_the_body_is_read(client):
    assert_error(post(client, b"{not json", token="wrong",
                      headers={"Content-Type": "application/json"}), 401)


# --- validation ---------------------------------------------------------------------------

@pytest.mark.parametrize("body, status, words", [
    ({}, 400, ["text is missing"]),
    ({"published": "2022-01-27"}, 400, ["text is missing"]),
    ({"text": "", "published": "2022-01-27"}, 422, ["text is empty"]),
    ({"text": "   \n\t", "published": "2022-01-27"}, 422, ["text is empty"]),
    ({"text": 42, "published": "2022-01-27"}, 400, ["text: must be text"]),
    ({"text": ["a"], "published": "2022-01-27"}, 400, ["text: must be text"]),
    ({"text": "Ein Satz."}, 400, ["published: missing"]),
    ({"text": "Ein Satz.", "published": "gestern"}, 422, ["published:", "is not a date"]),
    ({"text": "Ein Satz.", "published": "2022-02-30"}, 422, ["published:", "is not a date"]),
    ({"text": "Ein Satz.", "published": 20220127}, 400, ["published: must be text"]),
    ({"text": "Ein Satz.", "published": "2022-01-27", "lang": "xx"}, 422, ["unknown language"]),
    ({"text": "Ein Satz.", "published": "2022-01-27", "lang": 7}, 400, ["lang:"]),
    ({"text": "Ein Satz.", "published": "2022-01-27", "title": {"a": 1}}, 400, ["title:"]),
    ({"text": "Ein Satz.", "published": "2022-01-27", "url": "javascript:alert(1)"}, 422, ["url:"]),
    ({"text": "Ein Satz.", "published": "2022-01-27", "url": "nato.example"}, 422, ["url:"]),
    ({"text": "Ein Satz.", "published": "2022-01-27", "story_title": 3}, 400, ["story_title:"]),
    ({"text": "Ein \x00 Satz.", "published": "2022-01-27"}, 422, ["NUL"]),
    ([ARTICLE], 400, ["JSON object"]),
    ("nur ein Text", 400, ["JSON object"]),
])
def test_bad_fields_are_4xx_json_errors(client, body, status, words):
    response = client.post(URL, data=json.dumps(body), headers={
        **auth(), "Content-Type": "application/json"})
    assert_error(response, status, *words)


def test_a_body_that_is_not_json_is_400(client):
    assert_error(post(client, b'{"text": "unfinished', headers={"Content-Type": "application/json"}),
                 400, "not valid JSON")
    assert_error(post(client, "\udcff".encode("utf-8", "surrogatepass"),
                      headers={"Content-Type": "application/json"}), 400)


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded",
                                          "multipart/form-data; boundary=x", None])
def test_a_body_of_another_media_type_is_415(client, content_type):
    headers = {"Content-Type": content_type} if content_type else {}
    assert_error(post(client, json.dumps(ARTICLE).encode(), headers=headers), 415, "JSON")


def test_a_malformed_slug_is_400(client):
    for slug in ("Nato", "nato_2022", "-nato", "n" * 65, "nato%20x"):
        response = client.post(f"/api/stories/{slug}/documents", json=ARTICLE, headers=auth())
        assert_error(response, 400, "slug")


def test_a_body_over_the_limit_is_413(app, client):
    app.config["MAX_CONTENT_LENGTH"] = 1000
    assert_error(post(client, ARTICLE | {"text": "Wort " * 400}), 413)
    # also when the client does not announce the length (chunked upload)
    body = json.dumps(ARTICLE | {"text": "Wort " * 400}).encode()
    response = client.post(URL, input_stream=io.BytesIO(body), headers={
        **auth(), "Content-Type": "application/json", "Transfer-Encoding": "chunked"},
        environ_overrides={"wsgi.input_terminated": True, "CONTENT_LENGTH": ""})
    assert_error(response, 413)
    assert post(client, ARTICLE).status_code == 201  # a small one still goes through


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=8)
FIELDS = st.fixed_dictionaries({}, optional={
    "text": JSON_VALUES | st.text(max_size=200),
    "published": JSON_VALUES | st.dates().map(str) | st.sampled_from(["2022-01-27", "2022-1-27", ""]),
    "title": JSON_VALUES, "url": JSON_VALUES | st.sampled_from(["https://a.example/x", "ftp://x"]),
    "lang": JSON_VALUES | st.sampled_from(["de", "en", "DE", "xx"]),
    "story_title": JSON_VALUES,
})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=FIELDS | JSON_VALUES)
def test_no_input_makes_the_api_fail_with_5xx(client, body):
    response = client.post(URL, data=json.dumps(body), headers={
        **auth(), "Content-Type": "application/json"})
    assert response.status_code < 500, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    if response.status_code >= 400:
        assert set(response.get_json()) == {"error"}
