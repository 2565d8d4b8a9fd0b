"""The story page in a real browser: Debian's Chromium driven by Playwright.

The real app runs on 127.0.0.1 (werkzeug server in a thread) with the seed story ingested by
`timeline.demo.seed_demo` and the hand-built sample of the same article (known events). The
test looks for what a reader sees: the events in order, no console errors (so the CSP blocks
nothing the page needs), no horizontal scrolling on a phone. Screenshots land in
`test-artifacts/`. Without Chromium the tests skip, unless TIMELINE_REQUIRE_BROWSER=1 (CI).
"""
from __future__ import annotations

from web_helpers import serving

import os
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
PHONE = {"width": 375, "height": 812}
READER_ORDER = (  # the seed article's events in the order of expected.json
    "Nato-Russland-Grundakte aus dem Jahr 1997",
    "weil Russland im November sein Büro geschlossen hatte",
    "übergab ein Bote am Mittwochnachmittag",
    "Wann Moskau antwortet, ist völlig offen",
)
DESKTOP = {"width": 1280, "height": 900}


def _require_chromium():
    missing = None
    if not Path(CHROMIUM).exists():
        missing = f"{CHROMIUM} not found (apt-get install -y chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            missing = "the playwright package is not installed"
    if missing:
        if os.environ.get("TIMELINE_REQUIRE_BROWSER") == "1":
            pytest.fail(f"TIMELINE_REQUIRE_BROWSER=1 but {missing}")
        pytest.skip(missing)


@pytest.fixture(scope="module")
def live_server(tmp_path_factory):
    """The real app on a free port of 127.0.0.1, with the demo and the sample seed story."""
    from feeds.web.app import close_store, create_app, get_store
    from story_samples import granularities_story, hostile_story, seed_story
    from timeline.demo import DEMO_SLUG, seed_demo
    from web_helpers import API_TOKEN_ASCII, store_sample

    folder = tmp_path_factory.mktemp("browser")
    app = create_app({"DATABASE_URL": f"sqlite:///{folder / 'browser.sqlite3'}",
                      "API_TOKEN": API_TOKEN_ASCII, "SECRET_KEY": "browser test"},
                     instance_path=str(folder / "instance"))
    with app.app_context():
        seed_demo(get_store())
        for sample in (seed_story(), granularities_story(), hostile_story()):
            store_sample(get_store(), sample)
    try:
        with serving(app) as url:
            yield {"url": url, "demo": DEMO_SLUG,
                   "sample": seed_story().slug}
    finally:
        close_store(app)


@pytest.fixture(scope="module")
def browser():
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


class Page:
    """A browser page that records console errors, failed requests and CSP violations."""

    def __init__(self, browser, viewport):
        self.context = browser.new_context(viewport=viewport, locale="de-DE",
                                           is_mobile=viewport is PHONE,
                                           device_scale_factor=2 if viewport is PHONE else 1)
        self.page = self.context.new_page()
        self.problems: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.problems.append(f"console: {m.text}"))
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        self.page.on("requestfailed", lambda r: self.problems.append(f"failed: {r.url}"))
        self.page.on("response", lambda r: r.status >= 400 and self.problems.append(f"{r.status}: {r.url}"))

    def open(self, url):
        response = self.page.goto(url, wait_until="load")
        assert response is not None and response.status == 200, url
        self.page.wait_for_load_state("networkidle")
        return self.page

    def close(self):
        self.context.close()


@pytest.fixture
def desktop(browser):
    page = Page(browser, DESKTOP)
    yield page
    page.close()


@pytest.fixture
def phone(browser):
    page = Page(browser, PHONE)
    yield page
    page.close()


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=True)
    return path


def visible_events(page) -> list[dict]:
    return page.eval_on_selector_all("li.event", """items => items.map(li => ({
        status: li.classList[1].replace('event--', ''),
        when: li.querySelector('.event__when').innerText.trim(),
        datetime: (li.querySelector('.event__when time') || {}).dateTime || null,
        sentence: li.querySelector('.event__body').innerText,
        visible: li.getBoundingClientRect().height > 0
            && getComputedStyle(li).visibility === 'visible',
        top: li.getBoundingClientRect().top + window.scrollY,
    }))""")


def open_collapsed_groups(page) -> int:
    """Click open every closed group (<details>, no JavaScript of ours); how many there were."""
    summaries = page.locator("details:not([open]) > summary")
    count = summaries.count()
    for index in range(count):
        page.locator("details:not([open]) > summary").first.click()
    return count


def test_the_sample_story_shows_its_events_in_order(live_server, desktop):
    page = desktop.open(f"{live_server['url']}/stories/{live_server['sample']}")
    hidden = page.eval_on_selector_all(
        "li.event", "items => items.filter(li => !li.checkVisibility()).map(li => li.className)")
    assert hidden == ["event event--ongoing"]      # undated: in a closed group
    assert page.get_by_role("heading", name="Ohne genaues Datum").is_visible()
    assert open_collapsed_groups(page) == 1
    events = visible_events(page)
    assert all(e["visible"] for e in events)
    dates = [e["when"].split("\n")[0] for e in events]
    assert dates[:2] == ["1997", "November 2021"]
    assert sorted(dates[2:5]) == ["Mittwoch, 26. Januar 2022", "Mittwoch, 26. Januar 2022",
                                  "Mittwoch, 26. Januar 2022, nachmittags"]
    assert dates[5:] == ["laufend", "Datum offen"]
    assert [e["top"] for e in events] == sorted(e["top"] for e in events)
    marks = page.eval_on_selector_all("mark", "ms => ms.map(m => m.innerText)")
    assert marks == ["Jahr 1997", "November", "Mittwochnachmittag", "Wochen"]
    # the open event is marked by its outline and its label, not by colour alone
    open_event = page.locator("li.event--open")
    assert open_event.locator(".badge").inner_text().strip() == "angekündigt"
    assert open_event.locator(".event__body").evaluate("b => getComputedStyle(b).borderTopStyle") == "dashed"
    assert page.locator("aside.subscribe").is_visible()
    assert page.get_by_role("heading", name="Abonnieren").is_visible()
    assert desktop.problems == []
    screenshot(page, "story-sample-desktop.png")


def test_the_seed_story_page_has_no_console_errors_and_dated_events_in_order(live_server, desktop):
    page = desktop.open(f"{live_server['url']}/stories/{live_server['demo']}")
    open_collapsed_groups(page)
    assert page.locator("h1").inner_text() == "Nato und Russland"
    events = visible_events(page)
    assert all(e["visible"] for e in events)
    dated = [e["datetime"] for e in events if e["datetime"]]
    assert dated == sorted(dated, key=lambda v: v[:10])
    statuses = [e["status"] for e in events]
    if "open" in statuses:  # events with an open date come last
        assert set(statuses[statuses.index("open"):]) == {"open"}
    # what a careful reader takes from the article, top to bottom (shared/seed/expected.json)
    tops = []
    for fragment in READER_ORDER:
        found = [e["top"] for e in events if fragment in " ".join(e["sentence"].split())]
        assert found, f"no event shows {fragment!r}"
        tops.append(found[0])
    assert tops == sorted(tops)
    # JSON-LD is data: it is in the page, and CSP reported nothing about it
    assert page.locator('script[type="application/ld+json"]').count() == (1 if events else 0)
    assert desktop.problems == []
    screenshot(page, "story-desktop.png")


PHONE_PAGES = {
    "/": "index",
    "/stories/{demo}": "story",
    "/stories/{sample}": "story-sample",
    "/stories/formen": "story-granularities",
    "/stories/hostile": "story-hostile",
    "/stories/{sample}/paste": "paste",
}


@pytest.mark.parametrize("path", PHONE_PAGES)
def test_pages_fit_a_phone_screen(live_server, phone, path):
    page = phone.open(live_server["url"] + path.format(**live_server))
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 375px"
    wide = page.evaluate("""() => [...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
        .map(e => e.tagName + '.' + e.className).slice(0, 5)""")
    assert wide == []
    assert phone.problems == []
    screenshot(page, f"{PHONE_PAGES[path]}-phone.png")


def test_keyboard_users_see_where_they_are(live_server, desktop):
    page = desktop.open(f"{live_server['url']}/stories/{live_server['sample']}")
    page.keyboard.press("Tab")
    focused = page.evaluate("""() => { const e = document.activeElement, r = e.getBoundingClientRect();
        return {text: e.innerText, top: r.top, outline: getComputedStyle(e).outlineStyle}; }""")
    assert focused["text"] == "Zum Inhalt springen"
    assert focused["top"] >= 0 and focused["outline"] != "none"
    page.keyboard.press("Tab")
    assert page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle") != "none"


def test_the_paste_form_works_in_the_browser(live_server, desktop):
    from web_helpers import API_TOKEN_ASCII

    page = desktop.open(f"{live_server['url']}/stories/browser-test/paste")
    page.fill("#text", "Am Dienstag, dem 1. Februar 2022, sprach Putin erstmals über die Antwort.")
    page.fill("#published", "2022-02-02")
    page.fill("#title", "Putin antwortet")
    page.fill("#story_title", "Browser-Test")
    page.fill("#token", API_TOKEN_ASCII)
    with page.expect_navigation():
        page.click("button[type=submit]")
    assert page.url == f"{live_server['url']}/stories/browser-test"
    assert page.locator(".flash--success").is_visible()
    assert page.locator("h1").inner_text() == "Browser-Test"
    assert desktop.problems == []
    screenshot(page, "paste-result-desktop.png")
