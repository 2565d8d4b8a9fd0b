"""TimeML out (to_timeml) and in (read_timeml / parse_timeml), TempEval-3 style."""
import json
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from timeline import extract
from timeline.model import Timeline, Timex
from timeline.timeml import TimeMLError, parse_timeml, read_timeml, to_timeml

SHARED = Path(__file__).resolve().parents[2] / "shared"
if not SHARED.is_dir():  # a checkout outside /work: look next to the repository
    SHARED = Path("/work/shared")

TEXT = "Am Mittwochnachmittag übergab ein Bote die Antwort; im November 2021 & <davor> schloss Russland sein Büro."


def timex(text, part, type_="DATE", value="XXXX", mod=None):
    start = text.index(part)
    return Timex(start, start + len(part), part, type_, value, mod)


def timeline_of(text, *timexes, published=date(2022, 1, 27)):
    return Timeline(published=published, lang="de", timexes=tuple(timexes))


def test_output_is_tempeval3_timeml_with_the_dct_and_inline_timexes():
    tl = timeline_of(TEXT, timex(TEXT, "Mittwochnachmittag", "TIME", "2022-01-26TAF"),
                     timex(TEXT, "November 2021", "DATE", "2021-11", "START"))
    xml = to_timeml(TEXT, tl, doc_id="nato-antwort")
    assert xml.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<TimeML>\n<DOCID>nato-antwort</DOCID>\n')
    assert ('<DCT><TIMEX3 tid="t0" type="DATE" value="2022-01-27" temporalFunction="false" '
            'functionInDocument="CREATION_TIME">2022-01-27</TIMEX3></DCT>') in xml
    assert ('<TEXT>Am <TIMEX3 tid="t1" type="TIME" value="2022-01-26TAF">Mittwochnachmittag</TIMEX3> '
            'übergab ein Bote die Antwort; im <TIMEX3 tid="t2" type="DATE" value="2021-11" mod="START">'
            'November 2021</TIMEX3> &amp; &lt;davor&gt; schloss Russland sein Büro.</TEXT>') in xml
    root = ET.fromstring(xml)
    assert root.tag == "TimeML"


def test_round_trip_gives_back_text_dct_and_timexes():
    timexes = (timex(TEXT, "Mittwochnachmittag", "TIME", "2022-01-26TAF"),
               timex(TEXT, "November 2021", "DATE", "2021-11", "START"))
    doc = parse_timeml(to_timeml(TEXT, timeline_of(TEXT, *timexes), doc_id="a&b", title="Nato <antwortet>"))
    assert doc.text == TEXT
    assert doc.dct == date(2022, 1, 27)
    assert doc.timexes == timexes
    assert doc.doc_id == "a&b" and doc.title == "Nato <antwortet>"
    assert read_timeml(to_timeml(TEXT, timeline_of(TEXT))) == (TEXT, date(2022, 1, 27), None)


def test_carriage_returns_survive_so_offsets_do_not_shift():
    text = "Zeile eins\r\nam 3. Mai\rund\tdanach\n"
    tl = timeline_of(text, timex(text, "3. Mai", value="2022-05-03"))
    doc = parse_timeml(to_timeml(text, tl))
    assert doc.text == text
    assert doc.text[doc.timexes[0].start:doc.timexes[0].end] == "3. Mai"


def test_characters_xml_forbids_become_one_replacement_character_each():
    text = "a\x00b\x1b[0m am 3. Mai \ud800 \ufffe."
    tl = timeline_of(text, timex(text, "3. Mai", value="2022-05-03"))
    xml = to_timeml(text, tl)
    ET.fromstring(xml)  # well-formed
    doc = parse_timeml(xml)
    assert doc.text == "a\ufffdb\ufffd[0m am 3. Mai \ufffd \ufffd."
    assert len(doc.text) == len(text)
    assert doc.timexes == tl.timexes


@settings(max_examples=200, deadline=None)
@given(st.text(), st.data())
def test_any_text_gives_well_formed_xml_that_reads_back(text, data):
    """Any string, with any non-overlapping spans marked, gives XML that parses back."""
    cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=6, unique=True)))
    spans = [(a, b) for a, b in zip(cuts[::2], cuts[1::2]) if b > a]
    tl = timeline_of(text, *(Timex(a, b, text[a:b], "DATE", "2022", None) for a, b in spans))
    xml = to_timeml(text, tl, doc_id=text[:10], title=text[:20])
    ET.fromstring(xml.encode("utf-8"))
    doc = parse_timeml(xml)
    safe = "".join("\ufffd" if not _xml_char(c) else c for c in text)
    assert doc.text == safe
    assert [(t.start, t.end, t.text) for t in doc.timexes] == [(a, b, safe[a:b]) for a, b in spans]
    assert doc.dct == date(2022, 1, 27)


def _xml_char(c):
    o = ord(c)
    return (o in (0x9, 0xA, 0xD) or 0x20 <= o <= 0xD7FF or 0xE000 <= o <= 0xFFFD
            or 0x10000 <= o <= 0x10FFFF)


def test_timexes_that_do_not_belong_to_the_text_are_refused():
    with pytest.raises(ValueError, match="does not match"):
        to_timeml("am 3. Mai", timeline_of("", Timex(0, 2, "xx", "DATE", "2022")))
    with pytest.raises(ValueError, match="overlaps"):
        to_timeml("am 3. Mai", timeline_of("", Timex(3, 9, "3. Mai", "DATE", "2022-05-03"),
                                           Timex(0, 5, "am 3.", "DATE", "2022")))


TEMPEVAL3 = """<?xml version="1.0" ?>
<TimeML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="http://timeml.org/timeMLdocs/TimeML_1.2.1.xsd">
<DOCID>wsj_0006</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1989-11-02" temporalFunction="false" functionInDocument="CREATION_TIME">11/02/89</TIMEX3></DCT>
<TITLE>Pacific First Financial Corp.</TITLE>
<EXTRAINFO>WSJ891102-0187 = 891102 891102-0187.</EXTRAINFO>
<TEXT>
Pacific First Financial Corp. <EVENT eid="e1" class="OCCURRENCE">said</EVENT> shareholders <EVENT eid="e2" class="I_ACTION">approved</EVENT> its acquisition by Royal Trustco Ltd. of Toronto for $27 a share, or $212 million.
The thrift holding company <EVENT eid="e4" class="OCCURRENCE">said</EVENT> it <EVENT eid="e5" class="I_STATE">expects</EVENT> to obtain regulatory approval and complete the transaction by <TIMEX3 tid="t1" type="DATE" value="1989-12" mod="END" temporalFunction="true" functionInDocument="NONE" anchorTimeID="t0">year-end</TIMEX3><TIMEX3 tid="t2" type="DATE" value="PRESENT_REF" functionInDocument="NONE" anchorTimeID="t0"/>.
</TEXT>
<TLINK lid="l1" relType="BEFORE" eventInstanceID="ei1" relatedToTime="t0"/>
</TimeML>
"""


def test_reads_a_tempeval3_file():
    doc = parse_timeml(TEMPEVAL3)
    assert doc.dct == date(1989, 11, 2)
    assert doc.title == "Pacific First Financial Corp."
    assert doc.doc_id == "wsj_0006"
    assert doc.text.startswith("\nPacific First Financial Corp. said shareholders approved its")
    assert doc.text.endswith("complete the transaction by year-end.\n")
    (year_end,) = doc.timexes  # the empty TIMEX3 covers no text and is not a mention
    assert doc.text[year_end.start:year_end.end] == "year-end"
    assert (year_end.type, year_end.value, year_end.mod) == ("DATE", "1989-12", "END")


def test_reads_almost_xml_tolerantly():
    broken = TEMPEVAL3.replace("$27 a share", "$27 a share & more").replace("</EXTRAINFO>", "")
    doc = parse_timeml(broken)
    assert doc.dct == date(1989, 11, 2)
    assert "a share & more" in doc.text
    assert doc.text == parse_timeml(TEMPEVAL3).text.replace("a share", "a share & more")
    assert [(t.text, t.value) for t in doc.timexes] == [("year-end", "1989-12")]


def test_not_timeml_is_a_clear_error():
    with pytest.raises(TimeMLError, match="no <TEXT>"):
        parse_timeml("<html><body>Hallo</body></html>")
    with pytest.raises(TimeMLError, match="no <TEXT>"):
        parse_timeml("just words & stuff")


def test_reading_agrees_with_the_corpus_converter_on_our_own_output(tmp_path):
    """What we write, the shared evaluation tool reads to the same text and spans."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("timeml2jsonl", SHARED / "tools" / "timeml2jsonl.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    record = json.loads((SHARED / "corpus" / "krauts-dev.jsonl").read_text("utf-8").splitlines()[0])
    gold = tuple(Timex(g["start"], g["end"], g["text"], g["type"], g["value"], g["mod"]) for g in record["gold"])
    tl = Timeline(published=date.fromisoformat(record["published"]), lang="de", timexes=gold)
    file = tmp_path / f"{record['id']}.tml"
    file.write_text(to_timeml(record["text"], tl, doc_id=record["id"]), "utf-8")
    converted = tool.parse(file, "de")
    assert converted["text"] == record["text"] and converted["published"] == record["published"]
    assert [(g["start"], g["end"], g["value"]) for g in converted["gold"]] == [(t.start, t.end, t.value) for t in gold]


def test_extracted_timeline_round_trips():
    text = (SHARED / "seed" / "nato-antwort.txt").read_text("utf-8")
    tl = extract(text, published=date(2022, 1, 27), lang="de")
    doc = parse_timeml(to_timeml(text, tl, doc_id="nato-antwort"))
    assert (doc.text, doc.dct) == (text, date(2022, 1, 27))
    assert doc.timexes == tl.timexes


def test_deep_nesting_and_tags_inside_a_timex():
    deep = "<TimeML><TEXT>" + "<s>" * 5000 + "am <TIMEX3 type=\"DATE\" value=\"2022-05-03\">3. <EVENT>Mai</EVENT></TIMEX3>" + "</s>" * 5000 + "</TEXT></TimeML>"
    doc = parse_timeml(deep)
    assert doc.text == "am 3. Mai"
    assert [(t.start, t.end, t.text) for t in doc.timexes] == [(3, 9, "3. Mai")]
