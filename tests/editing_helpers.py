"""Invented articles for the editing tests (issue 10), extracted for real."""
from __future__ import annotations

from datetime import date

from timeline import extract

PUBLISHED = date(2022, 11, 2)
URL = "https://lokal.example.org/rat"
COUNCIL = ("Der Stadtrat hat am Montag über den Haushalt beraten. "
           "Die Bürgerversammlung findet am 12. November um 19 Uhr statt. "
           "Im Oktober hatte die Verwaltung einen Entwurf vorgelegt.")
# the changed version moves the meeting: same event, new date
COUNCIL_MOVED = COUNCIL.replace("am 12. November um 19 Uhr", "am 14. November um 18.30 Uhr")
# a version without the draft sentence: its event vanishes
COUNCIL_SHORT = COUNCIL.replace(" Im Oktober hatte die Verwaltung einen Entwurf vorgelegt.", "")
# a second article reporting the meeting in its own words (not merged automatically)
SECOND = ("Zur Bürgerversammlung am 12. November lädt die Stadt alle Anwohner ein. "
          "Am Dienstag wurde der neue Spielplatz eröffnet.")
SECOND_URL = "https://lokal.example.org/einladung"


def save(store, text=COUNCIL, url=URL, slug="rat", published=PUBLISHED):
    return store.save_document(slug, text, published, extract(text, published=published),
                               url=url, title="Stadtrat", story_title="Stadtrat")


def by_value(story, value):
    """The story's event dated `value`."""
    (found,) = [e for e in story.events if e.event.value == value]
    return found


def meeting(story):
    (found,) = [e for e in story.events if "Bürgerversammlung findet" in e.event.sentence]
    return found
