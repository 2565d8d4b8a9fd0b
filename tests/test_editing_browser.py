"""The web editor in the real browser (Debian's Chromium, Playwright), on the real app and
store: signing in (a wrong token first), hiding and correcting through the forms, the refusals
a browser meets (a forged CSRF token, a stale event key, an impossible date), what readers
see afterwards, and the axe-core check of the editor view. No JavaScript of ours runs: the
forms are plain HTML (the CSP forbids scripts)."""
from __future__ import annotations

from web_helpers import serving


import pytest

from test_accessibility import AXE, violations
from test_browser import DESKTOP, PHONE, Page, browser, screenshot  # noqa: F401 (fixture)

pytestmark = pytest.mark.browser

SLUG = "nato-antwort"


@pytest.fixture(scope="module")
def editor_server(tmp_path_factory):
    """The app on a free port with the hand-built seed story (known events), its own store."""
    from feeds.web.app import close_store, create_app, get_store
    from story_samples import seed_story
    from web_helpers import API_TOKEN_ASCII, store_sample

    folder = tmp_path_factory.mktemp("editor-browser")
    app = create_app({"DATABASE_URL": f"sqlite:///{folder / 'editor.sqlite3'}",
                      "API_TOKEN": API_TOKEN_ASCII, "SECRET_KEY": "editor browser test"},
                     instance_path=str(folder / "instance"))
    with app.app_context():
        store = get_store()
        store_sample(store, seed_story())
    try:
        with serving(app) as url:
            yield {"url": url, "store": store, "token": API_TOKEN_ASCII}
    finally:
        close_store(app)


def keys(store) -> list[str]:
    return [stored.key for stored in store.story(SLUG).events]


def signed_in(browser, server, viewport=DESKTOP) -> Page:  # noqa: F811
    """A browser page signed in through the sign-in form the editor link leads to."""
    tab = Page(browser, viewport)
    page = tab.page
    response = page.goto(f"{server['url']}/stories/{SLUG}/edit")
    assert response.status == 200 and page.url.startswith(f"{server['url']}/anmelden?next=")
    page.fill("#token", server["token"])
    with page.expect_navigation():
        page.click("form.paste-form button[type=submit]")
    assert page.url == f"{server['url']}/stories/{SLUG}/edit"
    return tab


def event_form(page, key: str):
    return page.locator(f"#edit-{key} form")


def test_a_wrong_token_is_refused_and_the_right_one_leads_to_the_editor(browser, editor_server):  # noqa: F811
    tab = Page(browser, DESKTOP)
    try:
        page = tab.page
        page.goto(f"{editor_server['url']}/stories/{SLUG}/edit")
        page.fill("#token", "not-the-token")
        with page.expect_navigation():
            page.click("form.paste-form button[type=submit]")
        assert page.get_by_role("alert").inner_text().startswith("Nicht angemeldet")
        page.fill("#token", editor_server["token"])
        with page.expect_navigation():
            page.click("form.paste-form button[type=submit]")
        assert page.url == f"{editor_server['url']}/stories/{SLUG}/edit"
        assert page.locator("h1").inner_text() == "Zeitleiste bearbeiten"
        assert page.locator("li.edit-event").count() == len(keys(editor_server["store"]))
        assert [p for p in tab.problems if "403" not in p] == []     # only the refused sign-in
        screenshot(page, "editor-signed-in.png")
    finally:
        tab.close()


def test_hiding_an_event_in_the_browser_takes_it_off_the_public_page(browser, editor_server):  # noqa: F811
    tab = signed_in(browser, editor_server)
    try:
        page = tab.page
        key = keys(editor_server["store"])[0]
        with page.expect_navigation():
            event_form(page, key).get_by_role("button", name="Ausblenden").click()
        assert page.locator(".flash--success").inner_text().startswith("Das Ereignis ist ausgeblendet")
        assert page.locator(f"#edit-{key}.edit-event--hidden .badge--hidden").is_visible()
        screenshot(page, "editor-desktop.png")
        public = tab.context.new_page()
        public.goto(f"{editor_server['url']}/stories/{SLUG}")
        assert public.locator(f"#event-{key}").count() == 0
        assert public.get_by_role("link", name="Diese Zeitleiste bearbeiten").is_visible()
        with page.expect_navigation():
            event_form(page, key).get_by_role("button", name="Wieder zeigen").click()
        assert key in keys(editor_server["store"])
        assert tab.problems == []
    finally:
        tab.close()


def test_an_impossible_date_is_refused_with_the_form_shown_again(browser, editor_server):  # noqa: F811
    tab = signed_in(browser, editor_server)
    try:
        page = tab.page
        key = keys(editor_server["store"])[1]
        page.fill(f"#edit-{key}-when", "2022-02-30")
        with page.expect_navigation():
            event_form(page, key).get_by_role("button", name="Korrekturen speichern").click()
        assert page.locator(f"#edit-{key}-when").input_value() == "2022-02-30"
        assert page.locator(f"#edit-{key}-when").get_attribute("aria-invalid") == "true"
        assert page.locator(f"#edit-{key} [role=alert]").is_visible()
        page.fill(f"#edit-{key}-when", "2022-01-25")
        with page.expect_navigation():
            event_form(page, key).get_by_role("button", name="Korrekturen speichern").click()
        assert page.locator(".flash--success").inner_text() == "Die Korrektur ist gespeichert."
        event = next(e for e in editor_server["store"].story(SLUG).events if e.key == key).event
        assert event.value == "2022-01-25"
        assert [p for p in tab.problems if "422" not in p] == []     # only the refused date
    finally:
        tab.close()


def test_a_forged_csrf_token_is_refused(browser, editor_server):  # noqa: F811
    tab = signed_in(browser, editor_server)
    try:
        page = tab.page
        key = keys(editor_server["store"])[2]
        # what a page on another site would send: the editor's cookie, not the session's token
        page.evaluate(f"document.querySelector('#edit-{key} input[name=csrf_token]').value = 'forged'")
        with page.expect_navigation():
            event_form(page, key).get_by_role("button", name="Als Schlüsselereignis hervorheben").click()
        assert "Formular ist abgelaufen" in page.locator("main").inner_text()
        assert not next(e for e in editor_server["store"].story(SLUG).events if e.key == key).pinned
    finally:
        tab.close()


def test_a_stale_event_key_gives_the_not_found_page(browser, editor_server):  # noqa: F811
    tab = signed_in(browser, editor_server)
    try:
        page = tab.page
        store = editor_server["store"]
        extra = store.save_document(SLUG, "Am 3. Februar 2022 traf sich der Nato-Russland-Rat.",
                                    __import__("datetime").date(2022, 2, 3),
                                    _one_event_timeline(), title="Ein kurzer Nachtrag")
        page.reload()
        key = extra.events[0].key
        assert key in keys(store)
        store.remove_document(SLUG, extra.document.id, editor="test")   # another editor, meanwhile
        with page.expect_navigation():
            event_form(page, key).get_by_role("button", name="Ausblenden").click()
        assert page.locator("h1").inner_text() == "Nicht gefunden"
    finally:
        tab.close()


def _one_event_timeline():
    from datetime import date

    from timeline.model import Event, Timeline, Timex

    text = "Am 3. Februar 2022 traf sich der Nato-Russland-Rat."
    timex = Timex(3, 18, "3. Februar 2022", "DATE", "2022-02-03")
    event = Event(id="rat", headline="Nato-Russland-Rat tagt", sentence=text, start=0, end=len(text),
                  status="dated", value="2022-02-03", granularity="day", earliest="2022-02-03",
                  latest="2022-02-03", anchor="own", timex=timex)
    return Timeline(published=date(2022, 2, 3), lang="de", timexes=(timex,), events=(event,))


def test_readers_see_no_controls(browser, editor_server):  # noqa: F811
    tab = Page(browser, DESKTOP)
    try:
        page = tab.open(f"{editor_server['url']}/stories/{SLUG}")
        assert page.locator("form, input, button, select, textarea").count() == 0
        assert page.locator(f"a[href$='/stories/{SLUG}/edit']").count() == 0
        assert tab.problems == []
    finally:
        tab.close()


def test_the_editor_view_passes_the_accessibility_check_and_fits_a_phone(browser, editor_server):  # noqa: F811
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `npm install` in tests/browser_js (.ci/run does)")
    tab = signed_in(browser, editor_server)
    try:
        assert violations(tab.page, AXE.read_text(encoding="utf-8")) == []
        assert tab.problems == []
    finally:
        tab.close()
    phone = signed_in(browser, editor_server, PHONE)
    try:
        overflow = phone.page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"the editor scrolls sideways by {overflow}px at 375px"
        screenshot(phone.page, "editor-phone.png")
    finally:
        phone.close()
