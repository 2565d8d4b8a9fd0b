"""The demo story: the seed article (NATO's answer to Russia, 27 January 2022).

`timeline serve --demo`, and the first start with an empty database, call `seed_demo`.
The article ships inside the package (`timeline/demo/`), so an installed copy has it too.
Seeding twice is harmless: the second time the store answers "unchanged".
"""
from __future__ import annotations

from datetime import date
from importlib.resources import files

from timeline.intake.ingest import ingest
from timeline.store import IngestResult, Store

DEMO_SLUG = "nato-russland"
DEMO_STORY_TITLE = "Nato und Russland"
DEMO_ARTICLE = "nato-antwort.txt"
DEMO_TITLE = "Was hinter dem Gesprächsangebot der Nato an Russland steckt"
DEMO_PUBLISHED = date(2022, 1, 27)
DEMO_LANG = "de"


def demo_text() -> str:
    return files("timeline").joinpath("demo", DEMO_ARTICLE).read_text(encoding="utf-8")


def seed_demo(store: Store) -> IngestResult:
    """Ingest the seed article into story `nato-russland`."""
    return ingest(store, DEMO_SLUG, demo_text(), DEMO_PUBLISHED, title=DEMO_TITLE,
                  lang=DEMO_LANG, story_title=DEMO_STORY_TITLE)
