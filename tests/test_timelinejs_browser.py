"""The story in the real TimelineJS (npm @knight-lab/timelinejs, installed into
tests/browser_js by `.ci/run` or, when npm is here, by this test), on a "newsroom" page
served from another origin (another port of 127.0.0.1) than the app: TimelineJS loads
timeline.json across origins (CORS), the embed view loads in an iframe (frame-ancestors
from TIMELINE_FRAME_ANCESTORS), no console errors, and TimelineJS shows the slides in the
page's order. Skips without npm or Chromium unless TIMELINE_REQUIRE_BROWSER=1 (CI).
"""
from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from test_browser import DESKTOP, Page, browser, screenshot  # noqa: F401 (fixture)

pytestmark = pytest.mark.browser

JS_FOLDER = Path(__file__).resolve().parent / "browser_js"
TIMELINEJS = JS_FOLDER / "node_modules" / "@knight-lab" / "timelinejs" / "dist"


def _require_timelinejs() -> Path:
    if (TIMELINEJS / "js" / "timeline.js").is_file():
        return TIMELINEJS
    npm = shutil.which("npm")
    if npm is None:
        if os.environ.get("TIMELINE_REQUIRE_BROWSER") == "1":
            pytest.fail("TIMELINE_REQUIRE_BROWSER=1 but npm is missing (apt-get install -y npm)")
        pytest.skip("npm is missing: cannot install TimelineJS")
    result = subprocess.run([npm, "install", "--no-audit", "--no-fund"], cwd=JS_FOLDER,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    return TIMELINEJS


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _serve_folder(folder: Path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, thread


NEWSROOM_PAGE = """<!doctype html>
<html lang="de"><head><meta charset="utf-8"><title>Newsroom</title><link rel="icon" href="data:,">
<link rel="stylesheet" href="/tl/css/timeline.css">
<script src="/tl/js/timeline.js"></script></head>
<body>
<div id="timeline-embed" style="width: 1000px; height: 600px"></div>
<iframe id="embed" src="{app}/stories/{slug}/embed" width="600" height="400" title="Zeitleiste"></iframe>
<script>
  window.timelineReady = false;
  window.timeline = new TL.Timeline("timeline-embed", "{app}/stories/{slug}/timeline.json",
                                    {{language: "de", hash_bookmark: false, font: null,  // no web fonts: offline
                                     script_path: window.location.origin + "/tl/js/"}});
  window.timeline.on("loaded", function () {{ window.timelineReady = true; }});
</script>
</body></html>
"""


@pytest.fixture(scope="module")
def sites(tmp_path_factory, browser):  # noqa: F811 (the browser fixture first: it skips without Chromium)
    from werkzeug.serving import make_server

    from feeds.web.app import close_store, create_app, get_store
    from story_samples import seed_story
    from web_helpers import store_sample

    dist = _require_timelinejs()
    newsroom = tmp_path_factory.mktemp("newsroom")
    shutil.copytree(dist, newsroom / "tl")
    news_server, news_thread = _serve_folder(newsroom)
    news_origin = f"http://127.0.0.1:{news_server.server_port}"

    folder = tmp_path_factory.mktemp("app")
    app = create_app({"DATABASE_URL": f"sqlite:///{folder / 'tl.sqlite3'}", "SECRET_KEY": "tl test",
                      "FRAME_ANCESTORS": news_origin}, instance_path=str(folder / "instance"))
    with app.app_context():
        store_sample(get_store(), seed_story())
    app_server = make_server("127.0.0.1", 0, app, threaded=True)
    app_thread = threading.Thread(target=app_server.serve_forever, daemon=True)
    app_thread.start()
    app_origin = f"http://127.0.0.1:{app_server.server_port}"
    (newsroom / "index.html").write_text(NEWSROOM_PAGE.format(app=app_origin, slug=seed_story().slug),
                                         encoding="utf-8")
    try:
        yield {"app": app_origin, "newsroom": news_origin, "slug": seed_story().slug}
    finally:
        for server, thread in ((app_server, app_thread), (news_server, news_thread)):
            server.shutdown()
            thread.join(timeout=10)
        close_store(app)


def test_timelinejs_on_another_origin_loads_the_story_in_the_page_order(sites, browser):  # noqa: F811
    import urllib.request

    desktop = Page(browser, DESKTOP)
    try:
        page = desktop.open(f"{sites['newsroom']}/index.html")
        page.wait_for_function("window.timelineReady === true", timeout=30_000)
        page.wait_for_selector(".tl-slide-content .tl-headline", state="attached")
        with urllib.request.urlopen(f"{sites['app']}/stories/{sites['slug']}/timeline.json") as response:
            data = json.load(response)
        headlines = page.eval_on_selector_all(
            ".tl-slide:not(.tl-slide-titleslide) .tl-headline", "hs => hs.map(h => h.textContent.trim())")
        title = page.eval_on_selector_all(".tl-slide-titleslide .tl-headline",
                                          "hs => hs.map(h => h.textContent.trim())")
        assert title == [data["title"]["text"]["headline"]]
        expected = [slide["text"]["headline"] for slide in data["events"]]
        # TimelineJS sorts by time: the dated slides stay in the page's order
        dated = [slide["text"]["headline"] for slide in data["events"] if "group" not in slide]
        assert sorted(headlines) == sorted(expected)
        assert [h for h in headlines if h in dated] == dated
        # the embed view, framed by the newsroom (allowed by TIMELINE_FRAME_ANCESTORS)
        frame = page.frame_locator("#embed")
        assert frame.locator("li.event").count() == len(data["events"])
        assert frame.locator("h1").inner_text().strip() == data["title"]["text"]["headline"]
        screenshot(page, "timelinejs-newsroom.png")
        assert desktop.problems == []
    finally:
        desktop.close()


def test_without_cors_timelinejs_would_fail_so_the_header_is_what_makes_it_work(sites):
    """The JSON answers the newsroom's origin with `*`; the page itself stays unframeable."""
    import urllib.request

    request = urllib.request.Request(f"{sites['app']}/stories/{sites['slug']}/timeline.json",
                                     headers={"Origin": sites["newsroom"]})
    with urllib.request.urlopen(request) as response:
        assert response.headers["Access-Control-Allow-Origin"] == "*"
    with urllib.request.urlopen(f"{sites['app']}/stories/{sites['slug']}/embed") as response:
        assert f"frame-ancestors {sites['newsroom']}" in response.headers["Content-Security-Policy"]
    with urllib.request.urlopen(f"{sites['app']}/stories/{sites['slug']}") as response:
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
