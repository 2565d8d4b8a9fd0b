"""The editors' paste form: CSRF token in the session, the API token, errors in the form."""
from __future__ import annotations

import re

import pytest

from web_helpers import API_TOKEN_ASCII

PASTE = "/stories/nato/paste"
TEXT = ("Am Mittwochnachmittag übergab ein Bote die Antwort der Nato. Im November hatte Russland "
        "sein Büro geschlossen.")


def csrf_from(html: str) -> str:
    return re.search(r'<input type="hidden" name="csrf_token" value="([^"]+)">', html).group(1)


def open_form(client, url=PASTE) -> str:
    response = client.get(url)
    assert response.status_code == 200
    assert "no-store" in response.headers["Cache-Control"]
    return csrf_from(response.get_data(as_text=True))


def fields(csrf, **overrides):
    return {"csrf_token": csrf, "text": TEXT, "published": "2022-01-27", "title": "Die Antwort",
            "url": "https://news.example.com/nato", "lang": "de", "token": API_TOKEN_ASCII,
            "story_title": "Nato und Russland", **overrides}


def stored_documents(client, slug="nato"):
    response = client.get(f"/api/stories/{slug}")
    return response.get_json()["documents"] if response.status_code == 200 else []


def test_the_form_has_every_field_labelled_and_a_csrf_token(client):
    html = client.get(PASTE).get_data(as_text=True)
    for name in ("text", "published", "title", "url", "lang", "token", "story_title"):
        assert re.search(rf'<label for="{name}">', html), name
        assert re.search(rf'id="{name}" name="{name}"', html), name
    assert '<form class="paste-form" method="post" action="/stories/nato/paste"' in html
    assert 'type="password"' in html and 'type="date"' in html
    assert len(csrf_from(html)) >= 32


def test_a_valid_paste_is_stored_and_redirects_to_the_timeline_with_a_message(client):
    csrf = open_form(client)
    response = client.post(PASTE, data=fields(csrf))
    assert response.status_code == 303
    assert response.headers["Location"] == "/stories/nato"
    page = client.get("/stories/nato").get_data(as_text=True)
    assert re.search(r'<p class="flash flash--success" role="status">Artikel gespeichert: \d+ '
                     r"Ereignis(se)? in die Zeitleiste eingeordnet.</p>", page)
    assert "<h1 class=\"page-title\">Nato und Russland</h1>" in page
    assert [d["title"] for d in stored_documents(client)] == ["Die Antwort"]
    # the message is shown once
    assert "flash--success" not in client.get("/stories/nato").get_data(as_text=True)


def test_pasting_the_same_article_again_says_nothing_changed(client):
    csrf = open_form(client)
    client.post(PASTE, data=fields(csrf))
    client.post(PASTE, data=fields(csrf))
    page = client.get("/stories/nato").get_data(as_text=True)
    assert "Dieser Artikel war schon gespeichert; nichts hat sich geändert." in page


def test_an_existing_story_is_named_and_asks_no_story_title(client):
    client.post(PASTE, data=fields(open_form(client)))
    html = client.get(PASTE).get_data(as_text=True)
    assert "»Nato und Russland«" in html and 'name="story_title"' not in html
    assert '<a href="/stories/nato">Abbrechen</a>' in html


def test_without_the_csrf_token_nothing_is_stored(client):
    open_form(client)
    for token in (None, "", "forged-token-" + "x" * 30):
        data = fields(token)
        if token is None:
            del data["csrf_token"]
        response = client.post(PASTE, data=data)
        assert response.status_code == 400
        assert "Das Formular ist abgelaufen" in response.get_data(as_text=True)
    assert stored_documents(client) == []


def test_a_csrf_token_of_another_session_is_refused(app, client):
    other = app.test_client()
    stolen = open_form(other)
    open_form(client)
    assert client.post(PASTE, data=fields(stolen)).status_code == 400
    assert stored_documents(client) == []


@pytest.mark.parametrize("token", ["", "falsch", API_TOKEN_ASCII + " ", "ä"])
def test_a_wrong_api_token_is_refused_and_the_form_keeps_the_text(client, token):
    csrf = open_form(client)
    response = client.post(PASTE, data=fields(csrf, token=token))
    assert response.status_code == 403
    html = response.get_data(as_text=True)
    assert '<p class="form-error" id="form-error" role="alert">' in html
    assert "Das API-Token stimmt nicht." in html
    assert TEXT in html and 'value="Die Antwort"' in html
    assert API_TOKEN_ASCII not in html  # the token is never echoed
    assert stored_documents(client) == []


def test_without_a_configured_token_the_form_refuses(app, client):
    app.config["API_TOKEN"] = None
    response = client.post(PASTE, data=fields(open_form(client)))
    assert response.status_code == 403
    assert "Schreiben ist abgeschaltet" in response.get_data(as_text=True)


@pytest.mark.parametrize("overrides, status, message", [
    ({"text": "   "}, 422, "Der Artikeltext fehlt."),
    ({"published": ""}, 400, "Das Erscheinungsdatum fehlt."),
    ({"published": "31.02.2022"}, 422, "kein gültiges Datum"),
    ({"url": "javascript:alert(1)"}, 422, "http:// oder https://"),
    ({"lang": "xx"}, 422, "Sprache wird nicht unterstützt"),
])
def test_invalid_input_is_explained_in_the_form(client, overrides, status, message):
    response = client.post(PASTE, data=fields(open_form(client), **overrides))
    assert response.status_code == status
    html = response.get_data(as_text=True)
    assert message in html and 'aria-describedby="form-error"' in html
    assert stored_documents(client) == []


def test_values_are_escaped_when_the_form_is_shown_again(client):
    hostile = '"><script>alert(1)</script>'
    response = client.post(PASTE, data=fields(open_form(client), title=hostile, text=hostile,
                                              token="falsch"))
    html = response.get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert "&#34;&gt;&lt;script&gt;" in html


def test_a_malformed_slug_has_no_form(client):
    assert client.get("/stories/Nato_X/paste").status_code == 404
    assert client.post("/stories/Nato_X/paste", data={}).status_code == 404


def test_the_session_cookie_is_http_only_and_same_site(client):
    response = client.get(PASTE)
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
