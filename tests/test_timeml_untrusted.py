"""TimeML input is untrusted XML (issue 12, item 8): declarations are refused with a clear
error, no entity is expanded, nothing external is read; the tolerant fallback reader
handles pathological almost-XML (bench: `tests/bench/bench_reliability.py` times it)."""
from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from timeline.cli.group import cli
from timeline.intake import IntakeError, read_file
from timeline.timeml import TimeMLError, parse_timeml

LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE TimeML [\n<!ENTITY a "ha">\n'
          + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">\n'
                    for i in range(5))
          + ']>\n<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="2022-01-27" '
            'functionInDocument="CREATION_TIME">heute</TIMEX3></DCT>'
            '<TEXT>Am Montag &f; lachte der Rat.</TEXT></TimeML>\n')
EXTERNAL = ('<?xml version="1.0"?>\n<!DOCTYPE TimeML [<!ENTITY x SYSTEM "file:///etc/hostname">]>'
            '\n<TimeML><TEXT>Am Montag &x;.</TEXT></TimeML>\n')
PLAIN_DTD = ('<?xml version="1.0"?>\n<!DOCTYPE TimeML SYSTEM "timeml.dtd">\n'
             '<TimeML><TEXT>Am Montag tagte der Rat.</TEXT></TimeML>\n')
BROKEN_WITH_ENTITY = ('<!DOCTYPE x [<!ENTITY a "aaaa">]><TimeML><TEXT>Am Montag & Dienstag '
                      '&a;</TEXT></TimeML>')


@pytest.mark.parametrize("data", [LAUGHS, EXTERNAL, PLAIN_DTD, BROKEN_WITH_ENTITY],
                         ids=["billion-laughs", "external-entity", "dtd", "malformed-with-entity"])
def test_declarations_are_refused_and_nothing_expands(data):
    with pytest.raises(TimeMLError, match="DTD or entities"):
        parse_timeml(data)
    with pytest.raises(IntakeError, match="DTD or entities"):
        read_file(data.encode(), filename="bombe.tml")


def test_the_command_line_refuses_an_entity_bomb_with_one_line(tmp_path):
    path = tmp_path / "bombe.tml"
    path.write_text(LAUGHS, encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", str(path), "--story", "s", "--database",
                                      f"sqlite:///{tmp_path / 'db.sqlite3'}"])
    assert result.exit_code == 1
    assert re.fullmatch(r"Error: [^\n]*DTD or entities[^\n]*\n", result.stderr)


def test_the_predefined_entities_and_character_references_still_read():
    doc = parse_timeml('<TimeML><TEXT>A &amp; B &lt;3 &#228;</TEXT></TimeML>')
    assert doc.text == "A & B <3 ä"


@pytest.mark.parametrize("body, text", [
    ("<" * 200_000, "<" * 200_000),                               # stray "<" everywhere
    ("<TIMEX3 " * 25_000, "<TIMEX3 " * 25_000),                    # tags never closed
    ("a < b & c > d " * 10_000, "a < b & c > d " * 10_000),
], ids=["lt", "unclosed-timex", "lt-amp-gt"])
def test_the_tolerant_reader_reads_pathological_almost_xml(body, text):
    doc = parse_timeml(f"<TimeML><TEXT>{body}</TEXT></TimeML>")
    assert doc.text == text and doc.timexes == ()


def test_unclosed_elements_are_no_text():
    with pytest.raises(TimeMLError, match="no <TEXT>"):
        parse_timeml("<TEXT>" * 30_000)
    assert parse_timeml("<TITLE>" * 30_000 + "<TEXT>x &</TEXT>").title is None
