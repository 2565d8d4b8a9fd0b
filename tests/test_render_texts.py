"""The renderers' words come from the catalog in the locale they are given (`feeds.i18n`):
German by default (byte-identical to the golden files, see test_atom/test_ical/test_timelinejs),
the English source texts for "en", which has no catalog of its own."""
from __future__ import annotations

import html
import re

import pytest

from feeds.i18n import checked_locale, texts, territory_locale
from feeds.render.ical import PRODID
from feeds.render.registry import RENDERERS
from feeds.web.app import create_app
from story_samples import granularities_story, seed_story
from timeline.cli import cli
from web_helpers import store_sample

BASE = "https://example.org/zeit/"

# What each format says around the articles' sentences, per locale (the articles stay German).
EXPECTED = {
    "de": {
        "atom": ["<p>Wann: Mittwoch, 26. Januar 2022, nachmittags</p>", "<p>Quelle: <a href="],
        "jsonfeed": ["Ereignisse der Zeitleiste „Nato antwortet Russland“, neue und geänderte zuerst."],
        "ics": ["Wann: Mittwoch\\, 26. Januar 2022\\, nachmittags", "Andauernde Zustände stehen nur mit",
                "2 Ereignisse ohne festes Datum stehen nur auf der Seite und im Feed."],
        "timelinejs": ['"group": "Datum offen"', '"group": "laufend"', "Zeitleiste als Seite"],
        "json": ['"display_date": "Mittwoch, 26. Januar 2022, nachmittags"'],
    },
    "en": {
        "atom": ["<p>When: Wednesday, January 26, 2022, afternoon</p>", "<p>Source: <a href="],
        "jsonfeed": ["Events of the timeline “Nato antwortet Russland”, new and changed ones first."],
        "ics": ["When: Wednesday\\, January 26\\, 2022\\, afternoon", "Lasting states appear in the calendar",
                "2 events without a fixed date are only on the page and in the feed."],
        "timelinejs": ['"group": "Date open"', '"group": "Ongoing"', "Timeline as a page"],
        "json": ['"display_date": "Wednesday, January 26, 2022, afternoon"'],
    },
}
GERMAN_LABELS = ["Wann:", "Quelle:", "Zeitleiste", "Datum offen", "laufend", "Ereignis", "nachmittags",
                 "Januar", "Mittwoch"]


def _readable(text: str) -> str:
    """iCalendar unfolded (lines are folded at 75 octets), Atom's escaped HTML unescaped."""
    return html.unescape(text.replace("\r\n ", ""))


@pytest.mark.parametrize("locale", sorted(EXPECTED))
@pytest.mark.parametrize("name", sorted(RENDERERS))
def test_every_format_speaks_the_locale_it_is_given(name, locale):
    body = _readable(RENDERERS[name].render(seed_story(), base_url=BASE, locale=locale).decode("utf-8"))
    for expected in EXPECTED[locale][name]:
        assert expected in body
    if locale == "en":
        words = body
        for stored in seed_story().events:    # the German of the articles themselves is fine
            words = words.replace(stored.event.sentence, "").replace(stored.event.headline, "")
        for document in seed_story().documents:
            words = words.replace(document.title or "", "")
        words = words.replace("Nato antwortet Russland", "").replace(PRODID, "")   # an id, never shown
        for label in GERMAN_LABELS:
            assert not re.search(rf"\b{label}\b", words), (name, label)


def test_german_is_the_default_and_the_same_as_asking_for_it():
    for renderer in RENDERERS.values():
        assert renderer.render(seed_story(), base_url=BASE) == renderer.render(seed_story(), base_url=BASE,
                                                                               locale="de")


@pytest.mark.parametrize("locale, words", [
    ("de", ['<html lang="de">', 'content="de_DE"', "Zum Inhalt springen", "Abonnieren", "Quelle:",
            "Im Kalender abonnieren", "Ohne genaues Datum", "ungenaue Zeitangabe", "Springen zu",
            "Zeitleisten</a> › Geschichte", "10 Ereignisse aus 1 Artikel", "Formen der Zeit – Zeitleiste",
            "Zeitleiste mit 10 Ereignissen aus 1 Artikel: "]),
    ("en", ['<html lang="en">', 'content="en_US"', "Skip to content", "Subscribe", "Source:",
            "Subscribe in your calendar", "Without an exact date", "vague date", "Jump to",
            "Timelines</a> › Story", "10 events from 1 article", "Formen der Zeit – Timeline",
            "Timeline with 10 events from 1 article: ", "Wednesday, January 26, 2022, night"]),
])
def test_the_story_page_and_its_embed_speak_the_configured_locale(tmp_path, locale, words):
    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "SECRET_KEY": "k",
                      "UI_LOCALE": locale}, instance_path=str(tmp_path / "instance"))
    with app.app_context():
        from feeds.web.app import get_store
        store_sample(get_store(), granularities_story())
    client = app.test_client()
    page = client.get("/stories/formen").get_data(as_text=True)
    for word in words:
        assert word in page
    embed = client.get("/stories/formen/embed").get_data(as_text=True)
    assert f'<html lang="{locale}">' in embed
    assert ("Zeitleiste öffnen" if locale == "de" else "Open the timeline") in embed
    feed = client.get("/stories/formen/feed.atom").get_data(as_text=True)
    assert ("&lt;p&gt;Wann: " if locale == "de" else "&lt;p&gt;When: ") in feed


def test_timeline_build_writes_the_locale_it_is_asked_for(app, runner, web_store, tmp_path):
    store_sample(web_store, seed_story())
    out = tmp_path / "site"
    result = runner.invoke(cli, ["build", str(out), "--base-url", BASE, "--locale", "en",
                                 "--database", app.config["DATABASE_URL"]], env={"TIMELINE_SECRET_KEY": "k"})
    assert result.exit_code == 0, result.output
    page = (out / "stories" / "nato-antwort" / "index.html").read_text(encoding="utf-8")
    assert "Subscribe in your calendar" in page and "Abonnieren" not in page
    assert "&lt;p&gt;When: " in (out / "stories" / "nato-antwort" / "feed.atom").read_text(encoding="utf-8")
    assert "All timelines" in (out / "index.html").read_text(encoding="utf-8")


def test_an_unknown_locale_is_one_error_line_not_a_site_of_msgids(app, runner, web_store, tmp_path):
    with pytest.raises(ValueError, match="TIMELINE_UI_LOCALE 'xx-nope'"):
        create_app({"DATABASE_URL": "sqlite://", "SECRET_KEY": "k", "UI_LOCALE": "xx-nope"},
                   instance_path=str(tmp_path / "instance"))
    result = runner.invoke(cli, ["build", str(tmp_path / "site"), "--pages-only", "--locale", "klingon",
                                 "--database", app.config["DATABASE_URL"]], env={"TIMELINE_SECRET_KEY": "k"})
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == ["Error: TIMELINE_UI_LOCALE 'klingon' is not a language "
                                                  "Babel knows (e.g. de, en, de_AT)"]
    assert not (tmp_path / "site").exists()


def test_locales_are_read_the_way_babel_names_them():
    assert checked_locale("de-AT") == "de_AT" and checked_locale(None) == "de"
    assert territory_locale("de") == "de_DE" and territory_locale("en") == "en_US"
    assert territory_locale("de_AT") == "de_AT"
    # a regional variant without its own catalog falls back to the language's
    assert texts("de_AT").gettext("When: %(when)s", when="x") == "Wann: x"
    assert texts("en").ngettext("%(num)d more event", "%(num)d more events", 1) == "1 more event"
    assert texts("de").ngettext("%(num)d more event", "%(num)d more events", 1) == "1 weiteres Ereignis"
