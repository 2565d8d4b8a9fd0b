"""`timeline build`: the static site, rendered by the same code as the app, and the wheel."""
from __future__ import annotations

import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest

from timeline.cli import cli
from story_samples import granularities_story, hostile_story, seed_story
from web_helpers import store_sample

BASE = "https://example.org/zeit/"
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def site(app, runner, web_store, tmp_path):
    for story in (seed_story(), granularities_story(), hostile_story()):
        store_sample(web_store, story)
    out = tmp_path / "site"
    result = runner.invoke(cli, ["build", str(out), "--base-url", BASE,
                                 "--database", app.config["DATABASE_URL"]],
                           env={"TIMELINE_SECRET_KEY": "k"})
    assert result.exit_code == 0, result.output
    assert "for 3 stories" in result.output
    return out


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src", "action") and value:
                self.urls.append(value)


def test_every_page_and_file_is_written(site):
    for slug in ("nato-antwort", "formen", "hostile"):
        for name in ("index.html", "feed.atom", "feed.json", "calendar.ics", "timeline.json"):
            assert (site / "stories" / slug / name).is_file(), (slug, name)
    assert (site / "index.html").is_file()
    assert (site / "static" / "style.css").read_bytes() == (REPO / "static" / "style.css").read_bytes()
    assert not list(site.rglob("*.tmp"))


def test_every_link_between_the_files_works_without_a_server(site):
    checked = 0
    for page in site.rglob("*.html"):
        parser = Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for url in parser.urls:
            parts = urlsplit(url)
            if parts.scheme or url.startswith("#"):
                continue
            assert not url.startswith("/"), f"{page}: {url} breaks when the site is in a folder"
            target = (page.parent / parts.path).resolve()
            assert target.is_file(), f"{page.relative_to(site)} links to missing {url}"
            checked += 1
    assert checked > 20


def test_the_static_pages_equal_the_served_pages_except_for_links(site, client):
    built = (site / "stories" / "nato-antwort" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="stylesheet" href="../../static/style.css">' in built
    assert '<a class="site-name" href="../../index.html">' in built
    assert 'href="feed.atom"' not in built  # links go through the site root
    assert '<link rel="alternate" type="application/atom+xml"' in built
    assert f">{BASE}stories/nato-antwort/feed.atom</a>" in built.replace("<wbr>", "")
    assert "Artikel hinzufügen" not in built  # a static site takes no submissions
    served = client.get("/stories/nato-antwort").get_data(as_text=True)
    def marks(html): return [line for line in html.splitlines() if "<mark>" in line]
    assert marks(built) == marks(served) and marks(built)
    index = (site / "index.html").read_text(encoding="utf-8")
    assert '<a href="stories/nato-antwort/index.html">Nato antwortet Russland</a>' in index


def test_the_static_feeds_are_byte_identical_to_the_served_ones(site, app, client):
    app.config["BASE_URL"] = BASE
    for name in ("feed.atom", "feed.json", "calendar.ics", "timeline.json"):
        served = client.get(f"/stories/nato-antwort/{name}").data
        assert (site / "stories" / "nato-antwort" / name).read_bytes() == served, name
    feed = feedparser.parse((site / "stories" / "nato-antwort" / "feed.atom").read_bytes())
    assert [l.href for l in feed.feed.links if l.rel == "self"] == [
        BASE + "stories/nato-antwort/feed.atom"]


def test_building_again_gives_the_same_files(app, runner, site):
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    result = runner.invoke(cli, ["build", str(site), "--base-url", BASE,
                                 "--database", app.config["DATABASE_URL"]],
                           env={"TIMELINE_SECRET_KEY": "k"})
    assert result.exit_code == 0
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before


def test_without_base_url_the_build_refuses_unless_pages_only(app, runner, web_store, tmp_path):
    store_sample(web_store, seed_story())
    out = tmp_path / "plain"
    env = {"TIMELINE_SECRET_KEY": "k", "TIMELINE_BASE_URL": ""}
    result = runner.invoke(cli, ["build", str(out), "--database", app.config["DATABASE_URL"]], env=env)
    assert result.exit_code == 1 and "--base-url is required" in result.output
    assert not out.exists()
    result = runner.invoke(cli, ["build", str(out), "--pages-only", "--database", app.config["DATABASE_URL"]],
                           env=env)
    assert result.exit_code == 0, result.output
    page = (out / "stories" / "nato-antwort" / "index.html").read_text(encoding="utf-8")
    assert not (out / "stories" / "nato-antwort" / "feed.atom").exists()
    assert 'rel="canonical"' not in page  # no absolute URL is known


@pytest.mark.parametrize("base", ["example.org", "ftp://example.org/", "https://", "/zeit/",
                                  "https://example.org/?a=1"])
def test_a_base_url_that_is_not_absolute_http_is_refused(app, runner, web_store, tmp_path, base):
    store_sample(web_store, seed_story())
    out = tmp_path / "bad"
    result = runner.invoke(cli, ["build", str(out), "--base-url", base, "--database", app.config["DATABASE_URL"]],
                           env={"TIMELINE_SECRET_KEY": "k"})
    assert result.exit_code == 1 and "not an absolute http(s) URL" in result.output
    assert not out.exists()


def test_a_missing_database_file_is_an_error_and_never_created(runner, tmp_path, site):
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    missing = tmp_path / "typo" / "timeline.sqlite3"
    result = runner.invoke(cli, ["build", str(site), "--base-url", BASE, "--database", f"sqlite:///{missing}"],
                           env={"TIMELINE_SECRET_KEY": "k"})
    assert result.exit_code == 1 and "no database at" in result.output
    assert not missing.exists() and not missing.parent.exists()
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before


def test_stale_story_folders_are_removed(app, runner, site, tmp_path):
    from timeline.store import Store

    gone = tmp_path / "gone.sqlite3"
    with Store.open(f"sqlite:///{gone}") as store:
        store_sample(store, seed_story())
    result = runner.invoke(cli, ["build", str(site), "--base-url", BASE, "--database", f"sqlite:///{gone}"],
                           env={"TIMELINE_SECRET_KEY": "k"})
    assert result.exit_code == 0, result.output
    assert "removed 2 stale story folders" in result.output
    assert sorted(p.name for p in (site / "stories").iterdir()) == ["nato-antwort"]
    assert "formen" not in (site / "index.html").read_text(encoding="utf-8")


def test_the_static_site_has_the_json_feed_and_share_metadata(site):
    folder = site / "stories" / "nato-antwort"
    import json

    data = json.loads((folder / "feed.json").read_text(encoding="utf-8"))
    assert data["feed_url"] == BASE + "stories/nato-antwort/feed.json"
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{BASE}stories/nato-antwort/">' in page
    assert f'href="webcal://example.org/zeit/stories/nato-antwort/calendar.ics"' in page
    assert '<link rel="alternate" type="application/feed+json"' in page


@pytest.mark.slow
def test_the_wheel_carries_the_css_templates_and_demo(tmp_path):
    """The top-level static/ folder ends up as feeds/static in an installed package."""
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                             "-w", str(tmp_path), str(REPO)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    wheel = next(tmp_path.glob("timeline-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "feeds/static/style.css" in names
    assert "feeds/static/favicon.svg" in names
    for template in ("base.html", "index.html", "story.html", "paste.html", "error.html", "embed.html",
                     "signin.html"):
        assert f"feeds/web/templates/{template}" in names
    assert "feeds/web/app.py" in names
    assert "feeds/translations/de/LC_MESSAGES/messages.mo" in names   # compiled, in the repo

    # installed (unpacked) away from the checkout, the app finds and serves its CSS
    installed = tmp_path / "installed"
    zipfile.ZipFile(wheel).extractall(installed)
    probe = (
        "import feeds.web.app as w; from pathlib import Path; "
        "assert Path(w.__file__).is_relative_to(Path(r'%s')), w.__file__; "
        "print(w.static_folder()); "
        "app = w.create_app({'SECRET_KEY': 'k', 'DATABASE_URL': 'sqlite://'}, instance_path=r'%s'); "
        "r = app.test_client().get('/static/style.css'); "
        "print(r.status_code, r.mimetype, len(r.data)); "
        "print('Nicht gefunden' in app.test_client().get('/nope').get_data(as_text=True))"
    ) % (installed, tmp_path / "instance")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            cwd=tmp_path, env={"PYTHONPATH": str(installed), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    folder, served, german = result.stdout.splitlines()
    assert german == "True"     # the installed package finds its catalog
    assert Path(folder) == installed / "feeds" / "static"
    assert served == f"200 text/css {(REPO / 'static' / 'style.css').stat().st_size}"
