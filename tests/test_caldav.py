"""The calendar in a real CalDAV server: Radicale (from PyPI) on 127.0.0.1 imports the whole
calendar of each sample story and hands every event back, with its times, unchanged.

Radicale checks each component when it stores it (UIDs, required properties, time zones);
the read-back goes through a CalDAV REPORT, as a subscribing client would ask.
"""
from __future__ import annotations

import socket
import subprocess
import sys
import time
from urllib.parse import urljoin

import icalendar
import pytest
import requests

from feeds.render.ical import render_ics
from story_samples import ALL_SAMPLES, BASE_URL

REPORT = """<?xml version="1.0" encoding="utf-8"?>
<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
  <D:prop><C:calendar-data/></D:prop>
  <C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT"/></C:comp-filter></C:filter>
</C:calendar-query>"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def radicale(tmp_path_factory):
    pytest.importorskip("radicale")
    folder = tmp_path_factory.mktemp("radicale")
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "radicale", "--server-hosts", f"127.0.0.1:{port}",
         "--storage-filesystem-folder", str(folder / "collections"), "--auth-type", "none",
         "--rights-type", "owner_only", "--logging-level", "warning"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(200):  # bounded wait for the server to listen
            try:
                requests.get(url, timeout=2)
                break
            except requests.ConnectionError:
                if process.poll() is not None:
                    pytest.fail("radicale exited: " + process.stderr.read().decode(errors="replace"))
                time.sleep(0.1)
        else:
            pytest.fail("radicale did not start")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


def _events(data: bytes) -> dict[str, icalendar.Event]:
    return {str(e["UID"]): e for e in icalendar.Calendar.from_ical(data).walk("VEVENT")}


@pytest.mark.parametrize("sample", ALL_SAMPLES)
def test_radicale_imports_the_calendar_and_gives_every_event_back(radicale, sample):
    story = ALL_SAMPLES[sample]()
    data = render_ics(story, base_url=BASE_URL)
    session = requests.Session()
    session.auth = ("editor", "")
    collection = urljoin(radicale, f"editor/{story.slug}/")
    put = session.put(collection, data=data, headers={"Content-Type": "text/calendar; charset=utf-8"})
    assert put.status_code in (200, 201), put.text
    report = session.request("REPORT", collection, data=REPORT.encode(),
                             headers={"Depth": "1", "Content-Type": "application/xml; charset=utf-8"})
    assert report.status_code == 207, report.text
    from lxml import etree

    tree = etree.fromstring(report.content)
    items = tree.findall(".//{urn:ietf:params:xml:ns:caldav}calendar-data")
    returned = {}
    for item in items:
        returned.update(_events(item.text.encode("utf-8")))
    sent = _events(data)
    assert sent and returned.keys() == sent.keys()
    for uid, event in sent.items():
        back = returned[uid]
        for name in ("DTSTART", "DTEND", "SUMMARY", "SEQUENCE", "TRANSP"):
            assert (back.decoded(name) if name in back else None) == \
                (event.decoded(name) if name in event else None), (uid, name)
        assert str(back.get("STATUS")) == str(event.get("STATUS"))
