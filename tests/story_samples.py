"""Realistic `Story` objects built by hand from the model dataclasses, for renderer tests.

- `seed_story()`: the seed article (NATO's answer to Russia, 27 January 2022) with the events a
  careful reader takes from it (/work/shared/seed/expected.json): a year, a month, a part of
  day, two narrative day events, one ongoing and one open event.
- `granularities_story()`: every other shape of time the renderers must handle: quarter, ISO
  week (also across New Year), clock time, night, an old clock time (before 1970), a modified
  month, a known span, an ongoing event with a known start, a vague reference.
- `hostile_story()`: texts with markup, `]]>`, iCalendar lines, CR/LF, quotes, control
  characters, a `javascript:` URL and long multibyte text — output must escape all of it.
- `changed(story, key, ...)`: the same story after one event really changed.

Offsets are computed from the document text, so `text[timex.start:timex.end] == timex.text`
and `text[event.start:event.end] == event.sentence` hold for every sample.
"""
from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

from timeline.model import Document, Event, StoredEvent, Story, Timex

BASE_URL = "https://zeitleiste.example.org"

SEED_TEXT = """Was hinter dem Gesprächsangebot der Nato an Russland steckt.

Von Matthias Kolb, Brüssel

Eine halbe Stunde dauert die Autofahrt von der Nato-Zentrale in Brüssel bis zur russischen Botschaft in Belgien im Vorort Uccle. Dort übergab ein Bote am Mittwochnachmittag die schriftliche Antwort der 30 Mitglieder des Verteidigungsbündnisses auf die Forderungen Moskaus nach neuen Sicherheitsvereinbarungen. In Moskau überreichte US-Botschafter John Sullivan die Antwort Washingtons persönlich im Außenministerium. Veröffentlicht wurden die Schreiben nicht, stattdessen traten Nato-Generalsekretär Jens Stoltenberg und US-Außenminister Antony Blinken vor die Presse. Die Botschaft: Wir sind uns absolut einig, dass Russland kein Veto über neue Nato-Mitglieder erhält und keine Nato-Truppen aus Osteuropa abgezogen werden. Obwohl Moskau die Sicherheit in Europa untergrabe, sei man bereit für Verhandlungen.

Blinken betonte in Washington, dass es für die USA "Kernprinzipien gibt, zu deren Wahrung und Verteidigung wir uns verpflichtet haben". Explizit nannte er die Souveränität und territoriale Integrität der Ukraine sowie das Recht von Staaten, ihre eigenen Bündnisse zu wählen. Weil Russland seinen Truppenaufmarsch nahe der Ukraine weiter fortsetzt, sprach Stoltenberg von einem "kritischen Moment" für die euroatlantische Sicherheit und forderte Moskau zur Deeskalation auf. Laut Diplomaten bündeln die Antworten, was Vertreter der Nato-Mitglieder seit Wochen sagen. Im fünfseitigen Papier der Allianz werden zunächst die eigenen Kernprinzipien unter Bezug auf die Charta der Vereinten Nationen, der Helsinki-Erklärung der Organisation für Sicherheit und Zusammenarbeit (OSZE) sowie die Nato-Russland-Grundakte aus dem Jahr 1997 betont, dann folgen konkrete Angebote.

Der Kreml-Sprecher sieht "nicht so viele Gründe für Optimismus"

Diese führte Stoltenberg in Brüssel näher aus. Um die Beziehungen zu verbessern, soll die Kommunikation zwischen Militärvertretern erhöht und eine "zivile Hotline" für Notfälle eingerichtet werden. Die Vertretungen in Brüssel und Moskau sollen wieder geöffnet werden; die Autofahrt durch Belgiens Hauptstadt zur Überbringung des Schreibens war nötig, weil Russland im November sein Büro geschlossen hatte. Die Nato sei auch bereit, Russlands Bedenken anzuhören und über europäische Sicherheit zu sprechen - dann allerdings auch über die Situation rund um die Ukraine. Als drittes Gesprächsthema nannte er die Vermeidung von Konflikten. Um mehr Transparenz bei militärischen Übungen zu gewährleisten, könnte das "Wiener Dokument" der OSZE "modernisiert" werden. Reden könne man auch über Fragen der Rüstungskontrolle, etwa Atomwaffen sowie landgestützte Mittel- und Kurzstreckenraketen.

Stoltenbergs Einschätzung, "weit auseinander" zu liegen, wurde in Moskau bestätigt. Kremlsprecher Dmitrij Peskow sagte, man studiere die Dokumente noch, aber er sehe "nicht so viele Gründe für Optimismus". Ein Dialog sei aber weiter möglich. Wann Moskau antwortet, ist völlig offen. Aus dem Außenministerium hieß es, der Westen habe sich doch gerade fast eineinhalb Monate Zeit gelassen."""

UTC = timezone.utc


def at(text: str) -> datetime:
    """An aware UTC datetime from "2022-01-27T09:00"."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def document(doc_id: int, story: str, text: str, *, title: str | None, url: str | None,
             published: date, ingested: datetime) -> Document:
    return Document(id=doc_id, story=story, title=title, url=url, published=published, lang="de",
                    content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
                    created=ingested, updated=ingested, text=text)


def event(text: str, sentence: str, *, headline: str, status: str = "dated", value: str | None = None,
          granularity: str | None = None, earliest: str | None = None, latest: str | None = None,
          anchor: str = "own", timex: tuple[str, str, str] | None = None, mod: str | None = None,
          event_id: str | None = None) -> Event:
    """An Event whose offsets point into `text`; `timex` is (text, type, value) inside the sentence."""
    start = text.index(sentence)
    found = None
    if timex is not None:
        timex_text, timex_type, timex_value = timex
        timex_start = text.index(timex_text, start, start + len(sentence))
        found = Timex(timex_start, timex_start + len(timex_text), timex_text, timex_type, timex_value, mod)
    return Event(id=event_id or hashlib.sha1(sentence.encode("utf-8")).hexdigest()[:12],
                 headline=headline, sentence=sentence, start=start, end=start + len(sentence),
                 status=status, value=value, granularity=granularity, earliest=earliest,
                 latest=latest, anchor=anchor if found or anchor != "own" else "none", timex=found)


def stored(key: str, ev: Event, *, document_id: int, created: datetime,
           updated: datetime | None = None, sequence: int = 0) -> StoredEvent:
    return StoredEvent(key=key, event=ev, document_id=document_id, created=created,
                       updated=updated or created, sequence=sequence)


def seed_story() -> Story:
    """The seed article as a story, events in chronological order."""
    text = SEED_TEXT
    ingested = at("2022-01-27T09:00")
    doc = document(1, "nato-antwort", text, title="Was hinter dem Gesprächsangebot der Nato an Russland steckt",
                   url="https://news.example.com/politik/nato-russland-antwort-1.5516620",
                   published=date(2022, 1, 27), ingested=ingested)
    events = (
        stored("grundakte", event(
            text, "Im fünfseitigen Papier der Allianz werden zunächst die eigenen Kernprinzipien unter Bezug "
                  "auf die Charta der Vereinten Nationen, der Helsinki-Erklärung der Organisation für Sicherheit "
                  "und Zusammenarbeit (OSZE) sowie die Nato-Russland-Grundakte aus dem Jahr 1997 betont, dann "
                  "folgen konkrete Angebote.",
            headline="Nato-Russland-Grundakte", value="1997", granularity="year",
            earliest="1997-01-01", latest="1997-12-31", timex=("Jahr 1997", "DATE", "1997")),
            document_id=1, created=ingested),
        stored("office-closed", event(
            text, "Die Vertretungen in Brüssel und Moskau sollen wieder geöffnet werden; die Autofahrt durch "
                  "Belgiens Hauptstadt zur Überbringung des Schreibens war nötig, weil Russland im November sein "
                  "Büro geschlossen hatte.",
            headline="Russland schließt sein Büro bei der Nato", value="2021-11", granularity="month",
            earliest="2021-11-01", latest="2021-11-30", timex=("November", "DATE", "2021-11")),
            document_id=1, created=ingested),
        stored("handover", event(
            text, "Dort übergab ein Bote am Mittwochnachmittag die schriftliche Antwort der 30 Mitglieder des "
                  "Verteidigungsbündnisses auf die Forderungen Moskaus nach neuen Sicherheitsvereinbarungen.",
            headline="Bote übergibt die Antwort der Nato", value="2022-01-26TAF", granularity="part-of-day",
            earliest="2022-01-26T12:00:00", latest="2022-01-26T18:00:00",
            timex=("Mittwochnachmittag", "TIME", "2022-01-26TAF")),
            document_id=1, created=ingested, updated=at("2022-01-27T11:30"), sequence=1),
        stored("sullivan", event(
            text, "In Moskau überreichte US-Botschafter John Sullivan die Antwort Washingtons persönlich im "
                  "Außenministerium.",
            headline="Sullivan überreicht die Antwort Washingtons", value="2022-01-26", granularity="day",
            earliest="2022-01-26", latest="2022-01-26", anchor="narrative"),
            document_id=1, created=ingested),
        stored("press", event(
            text, "Veröffentlicht wurden die Schreiben nicht, stattdessen traten Nato-Generalsekretär Jens "
                  "Stoltenberg und US-Außenminister Antony Blinken vor die Presse.",
            headline="Stoltenberg und Blinken vor der Presse", value="2022-01-26", granularity="day",
            earliest="2022-01-26", latest="2022-01-26", anchor="narrative"),
            document_id=1, created=ingested),
        stored("weeks", event(
            text, "Laut Diplomaten bündeln die Antworten, was Vertreter der Nato-Mitglieder seit Wochen sagen.",
            headline="Nato-Vertreter sagen es seit Wochen", status="ongoing", value="PXW",
            latest="2022-01-27", timex=("Wochen", "DURATION", "PXW")),
            document_id=1, created=ingested),
        stored("russian-reply", event(
            text, "Wann Moskau antwortet, ist völlig offen.",
            headline="Moskaus Antwort", status="open", earliest="2022-01-27", anchor="none"),
            document_id=1, created=ingested, updated=at("2022-01-28T07:45"), sequence=1),
    )
    return Story(slug="nato-antwort", title="Nato antwortet Russland", created=ingested,
                 updated=at("2022-01-28T07:45"), documents=(doc,), events=events)


GRANULARITY_SENTENCES = {
    "mauer": "Am 30. Juli 1965 um 15 Uhr begann die Sitzung.",
    "span": "Irgendwann zwischen dem 20. Dezember und dem 10. Januar wurde der Entwurf geschrieben.",
    "silvester": "In der KW 53 des Jahres 2020 ruhte die Arbeit.",
    "office": "Ende November 2021 schloss Russland das Büro.",
    "since": "Seit November 2021 verhandeln die Diplomaten.",
    "quarter": "Im ersten Quartal 2022 soll ein Treffen stattfinden.",
    "week": "In der vierten Kalenderwoche wurde geprüft.",
    "night": "In der Nacht zum Donnerstag wurde weiter beraten.",
    "clock": "Um 20:30 Uhr trat Blinken in Washington auf.",
    "past": "Früher war das Verhältnis besser.",
}


def granularities_story() -> Story:
    """One event for each remaining granularity, status and modifier."""
    text = " ".join(GRANULARITY_SENTENCES.values())
    s = GRANULARITY_SENTENCES
    ingested = at("2022-01-28T10:00")
    doc = document(7, "formen", text, title="Formen der Zeit", url="https://news.example.com/formen",
                   published=date(2022, 1, 27), ingested=ingested)
    specs = [
        ("mauer", event(text, s["mauer"], headline="Sitzung beginnt", value="1965-07-30T15:00",
                        granularity="time", earliest="1965-07-30T15:00:00", latest="1965-07-30T15:00:00",
                        timex=("30. Juli 1965 um 15 Uhr", "TIME", "1965-07-30T15:00"))),
        ("span", event(text, s["span"], headline="Entwurf geschrieben", value=None, granularity=None,
                       earliest="2021-12-20", latest="2022-01-10", anchor="none")),
        ("silvester", event(text, s["silvester"], headline="Arbeit ruht", value="2020-W53",
                            granularity="week", earliest="2020-12-28", latest="2021-01-03",
                            timex=("KW 53 des Jahres 2020", "DATE", "2020-W53"))),
        ("office", event(text, s["office"], headline="Russland schließt das Büro", value="2021-11",
                         granularity="month", earliest="2021-11-01", latest="2021-11-30",
                         timex=("Ende November 2021", "DATE", "2021-11"), mod="END")),
        ("since", event(text, s["since"], headline="Diplomaten verhandeln", status="ongoing",
                        value="2021-11", granularity="month", earliest="2021-11-01", latest="2022-01-27",
                        timex=("November 2021", "DATE", "2021-11"))),
        ("quarter", event(text, s["quarter"], headline="Treffen geplant", value="2022-Q1",
                          granularity="quarter", earliest="2022-01-01", latest="2022-03-31",
                          timex=("ersten Quartal 2022", "DATE", "2022-Q1"))),
        ("week", event(text, s["week"], headline="Prüfung", value="2022-W04", granularity="week",
                       earliest="2022-01-24", latest="2022-01-30",
                       timex=("vierten Kalenderwoche", "DATE", "2022-W04"))),
        ("night", event(text, s["night"], headline="Beratung in der Nacht", value="2022-01-26TNI",
                        granularity="part-of-day", earliest="2022-01-26T22:00:00",
                        latest="2022-01-27T06:00:00", timex=("Nacht zum Donnerstag", "TIME", "2022-01-26TNI"))),
        ("clock", event(text, s["clock"], headline="Blinken tritt auf", value="2022-01-26T20:30",
                        granularity="time", earliest="2022-01-26T20:30:00", latest="2022-01-26T20:30:00",
                        timex=("20:30 Uhr", "TIME", "2022-01-26T20:30"))),
        ("past", event(text, s["past"], headline="Besseres Verhältnis", status="vague", value="PAST_REF",
                       latest="2022-01-27", timex=("Früher", "DATE", "PAST_REF"))),
    ]
    events = tuple(stored(key, ev, document_id=7, created=ingested + timedelta(minutes=i))
                   for i, (key, ev) in enumerate(specs))
    return Story(slug="formen", title="Formen der Zeit", created=ingested,
                 updated=ingested + timedelta(minutes=len(specs)), documents=(doc,), events=events)


INJECTION = "\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:injected@evil\r\nSUMMARY:injected\r\nDTSTART:20220101\r\n"
HOSTILE_SENTENCES = (
    'Er sagte: "<script>alert(\'x\')</script>" und <b>fett</b> ]]> &amp; &lt;' + INJECTION
    + "\x01\x07\x0b\x0c\x1b[31m\x7f\x85 Ende.\u2028Zweite Zeile\rdritte\nvierte",
    "</content></entry><entry><id>tag:evil,2026:x</id><title>injected</title></entry> "
    + "Übergabe äöüß – “Zitat” „Anführung“ 🎉 " * 12 + "BEGIN:VTIMEZONE\nTZID:Evil/Zone",
    "Wann? ]]><![CDATA[ <img src=x onerror=alert(1)> END:VCALENDAR \\; \\, \\n ;,",
)


def hostile_story() -> Story:
    """A story whose every text tries to break out of its format."""
    one, two, three = HOSTILE_SENTENCES
    text = one + "\n\n" + two
    ingested = at("2022-01-27T12:00")
    evil_doc = document(66, "hostile", text, title='Titel <script>alert(1)</script>\r\nEND:VEVENT\x01 "]]>"',
                        url="javascript:alert(document.cookie)", published=date(2022, 1, 27), ingested=ingested)
    quoted_doc = document(67, "hostile", three, title="Zweites \"Dokument\" & <Co>",
                          url='https://news.example.com/a?b=1&c="><script>alert(1)</script>',
                          published=date(2022, 1, 26), ingested=ingested)
    events = (
        stored("evil-day", event(text, one, headline='<script>alert("h")</script>]]>\r\nEND:VEVENT',
                                 value="2022-01-26", granularity="day", earliest="2022-01-26",
                                 latest="2022-01-26", anchor="none"),
               document_id=66, created=ingested),
        stored("evil-afternoon", event(text, two, headline="Ü" * 50 + " 🎉\nBEGIN:VEVENT",
                                       value="2022-01-26TAF", granularity="part-of-day",
                                       earliest="2022-01-26", latest="2022-01-26", anchor="none"),
               document_id=66, created=ingested, updated=ingested + timedelta(hours=1), sequence=2),
        stored("evil-open", event(three, three, headline="]]>\x00\x08<!-- --> & \"'", status="open",
                                  anchor="none"),
               document_id=67, created=ingested, updated=ingested + timedelta(hours=2), sequence=1),
    )
    return Story(slug="hostile", title='Böse <script>alert("t")</script> & ]]> END:VCALENDAR\r\n\x1b',
                 created=ingested, updated=ingested + timedelta(hours=2),
                 documents=(evil_doc, quoted_doc), events=events)


def changed(story: Story, key: str, *, sentence_suffix: str = " (berichtigt)",
            when: datetime | None = None) -> Story:
    """`story` after a real change of event `key`: new text, later `updated`, sequence + 1."""
    when = when or as_later(story)
    events = []
    for item in story.events:
        if item.key == key:
            ev = replace(item.event, sentence=item.event.sentence + sentence_suffix)
            item = replace(item, event=ev, updated=when, sequence=item.sequence + 1)
        events.append(item)
    return replace(story, events=tuple(events), updated=max(story.updated, when))


def as_later(story: Story) -> datetime:
    return max([story.updated, *(item.updated for item in story.events)]) + timedelta(hours=1)


ALL_SAMPLES = {"seed": seed_story, "granularities": granularities_story, "hostile": hostile_story}
