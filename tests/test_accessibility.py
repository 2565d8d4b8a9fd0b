"""axe-core (npm, run in the real Chromium) finds no accessibility violation on the pages a
reader or an editor sees: story list, timeline, embed view, sign-in and paste form, and a
long story's page as first shown and its sections' pages."""
from pathlib import Path

import pytest

from test_browser import DESKTOP, Page, browser, live_server  # noqa: F401 (fixtures)
from web_helpers import serving

AXE = Path(__file__).resolve().parent / "browser_js" / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="module")
def axe_source(browser):  # noqa: F811 (the browser fixture first: it skips without Chromium)
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `npm install` in tests/browser_js (.ci/run does)")
    return AXE.read_text(encoding="utf-8")


def violations(page, axe_source: str) -> list[dict]:
    page.evaluate(axe_source + "\n;0")   # evaluated by the browser's debugger: no CSP applies
    return page.evaluate("""async () => (await axe.run(document)).violations.map(
        v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' '))}))""")


@pytest.mark.parametrize("path", ["/", "/stories/{demo}", "/stories/{sample}", "/stories/{demo}/embed",
                                  "/anmelden", "/stories/{demo}/paste"])
def test_no_accessibility_violations(live_server, browser, axe_source, path):  # noqa: F811
    page = Page(browser, DESKTOP)
    try:
        opened = page.open(live_server["url"] + path.format(**live_server))
        assert violations(opened, axe_source) == []
    finally:
        page.close()


def test_the_check_sees_a_violation_when_there_is_one(live_server, browser, axe_source):  # noqa: F811
    page = Page(browser, DESKTOP)
    try:
        opened = page.open(live_server["url"] + "/")
        opened.evaluate("document.body.append(Object.assign(document.createElement('img'), {src: '/static/favicon.svg'}))")
        assert "image-alt" in {v["id"] for v in violations(opened, axe_source)}
    finally:
        page.close()


@pytest.fixture(scope="module")
def long_story_server(tmp_path_factory):
    """The app serving one long story (more events than its first view shows)."""
    from feeds.web.app import close_store, create_app, get_store
    from test_story_page_bounded import grow

    folder = tmp_path_factory.mktemp("long")
    app = create_app({"DATABASE_URL": f"sqlite:///{folder / 'long.sqlite3'}",
                      "SECRET_KEY": "long story"}, instance_path=str(folder / "instance"))
    with app.app_context():
        grow(get_store(), 0, 25)
    try:
        with serving(app) as url:
            yield url
    finally:
        close_store(app)


@pytest.mark.parametrize("path", ["/stories/lang", "/stories/lang/2022", "/stories/lang/2022/2", "/stories/lang/open",
                                  "/stories/lang/undated"])
def test_a_long_storys_parts_have_no_accessibility_violations(long_story_server, browser,  # noqa: F811
                                                              axe_source, path):
    page = Page(browser, DESKTOP)
    try:
        opened = page.open(long_story_server + path)
        assert violations(opened, axe_source) == []
    finally:
        page.close()


def test_a_reader_pages_through_a_long_year_in_the_browser(long_story_server, browser):  # noqa: F811
    """The year's pages by their links in Chromium: "next" leads on, the current page is
    marked, the events go on along the time axis, and nothing on the page fails."""
    page = Page(browser, DESKTOP)
    try:
        opened = page.open(long_story_server + "/stories/lang/2022")
        first = opened.eval_on_selector_all("li.event .event__when time", "t => t.map(e => e.dateTime)")
        opened.locator("p.page-next a").click()
        opened.wait_for_load_state("load")
        assert opened.url == long_story_server + "/stories/lang/2022/2"
        assert opened.locator('nav.page-nav a[aria-current="page"]').inner_text() == "2"
        second = opened.eval_on_selector_all("li.event .event__when time", "t => t.map(e => e.dateTime)")
        assert len(first) == 100 and second and max(first) <= min(second)
        opened.locator('nav.page-nav a[rel="prev"]').click()
        opened.wait_for_load_state("load")
        assert opened.url == long_story_server + "/stories/lang/2022"
        assert page.problems == []
    finally:
        page.close()
