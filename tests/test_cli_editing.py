"""The editors' commands: `timeline edit`, `remove`, `rename`, `changes`, `editors`.

Each prints what it did; bad input is exit status 1 and one `Error:` line, never a traceback.
"""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from editing_helpers import COUNCIL, URL, meeting, save
from timeline.cli.group import cli
from timeline.store import Store


def run(*args, env=None):
    result = CliRunner(env={"TIMELINE_DEBUG": "1", **(env or {})}).invoke(
        cli, [str(a) for a in args])
    return result


def assert_one_error(result, *words):
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    for word in words:
        assert word in lines[0]


@pytest.fixture
def stored(database_url):
    with Store.open(database_url) as store:
        first = save(store)
        return {"url": database_url, "document": first.document.id,
                "key": meeting(store.story("rat")).key}


def story(stored):
    with Store.open(stored["url"]) as store:
        return store.story("rat")


def test_edit_corrects_an_event_and_prints_it(stored):
    result = run("edit", "rat", stored["key"], "--when", "2022-11-14", "--headline",
                 "Versammlung verlegt", "--pin", "--note", "Ort folgt", "--editor", "anna",
                 "--database", stored["url"])
    assert result.exit_code == 0, result.output
    first, second = result.stdout.splitlines()
    assert first == f"{stored['key']} 2022-11-14 Versammlung verlegt [pinned] (note: Ort folgt)"
    assert second.startswith("sequence 1, updated ")
    event = meeting(story(stored))
    assert (event.event.value, event.event.headline, event.pinned) == (
        "2022-11-14", "Versammlung verlegt", True)
    log = run("changes", "rat", "--json", "--database", stored["url"])
    (change,) = [json.loads(line) for line in log.stdout.splitlines()]
    assert (change["editor"], change["action"], change["after"]["when"]) == (
        "anna", "correct", "2022-11-14")


def test_hide_show_restore_and_unpin(stored):
    key, url = stored["key"], stored["url"]
    assert run("edit", "rat", key, "--hide", "--database", url).exit_code == 0
    assert key not in [e.key for e in story(stored).events]
    assert "[hidden, pinned]" in run("edit", "rat", key, "--pin", "--database", url).stdout
    assert run("edit", "rat", key, "--show", "--unpin", "--database", url).exit_code == 0
    run("edit", "rat", key, "--when", "2021", "--database", url)
    assert run("edit", "rat", key, "--restore-date", "--status", "extracted",
               "--database", url).exit_code == 0
    event = meeting(story(stored))
    assert event.event.value == "2022-11-12T19:00" and not event.pinned


def test_the_editor_defaults_to_the_environment(stored):
    run("edit", "rat", stored["key"], "--pin", "--database", stored["url"],
        env={"TIMELINE_EDITOR": "redaktion"})
    with Store.open(stored["url"]) as store:
        assert store.changes("rat")[0].editor == "redaktion"


@pytest.mark.parametrize("args, words", [
    (["edit", "rat", "KEY", "--when", "2022-02-30"], ["when", "2022-02-30"]),
    (["edit", "rat", "0000", "--hide"], ["no event"]),
    (["edit", "nirgends", "KEY", "--hide"], ["no story"]),
    (["edit", "rat", "KEY"], ["nothing to change"]),
    (["edit", "rat", "KEY", "--when", "2022", "--restore-date"], ["not both"]),
    (["edit", "rat", "KEY", "--same-as", "nichts"], ["no event"]),
    (["remove", "rat", "999"], ["no document"]),
    (["remove", "rat", "zwölf"], ["DOCUMENT-ID"]),
    (["rename", "rat", "   "], ["empty"]),
    (["rename", "nirgends", "Titel"], ["no story"]),
    (["changes", "nirgends"], ["no story"]),
    (["editors", "add", "zwei worte"], ["invalid editor name"]),
    (["editors", "add", "api-token"], ["reserved"]),
    (["editors", "remove", "niemand"], ["no editor"]),
])
def test_bad_input_is_exit_1_and_one_line(stored, args, words):
    args = [stored["key"] if a == "KEY" else a for a in args]
    assert_one_error(run(*args, "--database", stored["url"]), *words)


def test_remove_takes_the_article_out_and_ingest_brings_it_back(stored):
    result = run("remove", "rat", stored["document"], "--editor", "bob",
                 "--database", stored["url"])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"removed: document {stored['document']} from story rat\n"
    assert story(stored).documents == () and story(stored).events == ()
    log = run("changes", "rat", "--database", stored["url"]).stdout.splitlines()
    assert " bob remove-document " in log[0] and COUNCIL not in log[0]   # text kept, not shown
    with Store.open(stored["url"]) as store:
        assert store.changes("rat")[0].before["text"] == COUNCIL
        save(store, COUNCIL, URL)
    assert meeting(story(stored)).key == stored["key"]


def test_rename_sets_title_and_description(stored):
    result = run("rename", "rat", "Der Rat", "--description", "Haushalt 2023",
                 "--database", stored["url"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "renamed: story rat is 'Der Rat', described as 'Haushalt 2023'\n"
    assert (story(stored).title, story(stored).description) == ("Der Rat", "Haushalt 2023")


def test_editors_add_prints_the_token_once_list_and_remove(stored):
    added = run("editors", "add", "anna", "--database", stored["url"])
    assert added.exit_code == 0, added.output
    token = added.stdout.strip()
    assert len(token) >= 40 and "shown once" in added.stderr
    with Store.open(stored["url"]) as store:
        assert store.editor_for_token(token) == "anna"
    listed = run("editors", "list", "--database", stored["url"])
    assert listed.stdout.split("\t")[0] == "anna" and token not in listed.stdout
    assert_one_error(run("editors", "add", "anna", "--database", stored["url"]), "already")
    assert run("editors", "remove", "anna", "--database", stored["url"]).exit_code == 0
    assert run("editors", "list", "--database", stored["url"]).stdout == ""


def test_help_explains_each_command():
    for command in (["edit"], ["remove"], ["rename"], ["changes"], ["editors"],
                    ["editors", "add"]):
        result = run(*command, "--help")
        assert result.exit_code == 0 and "Usage: " in result.stdout
    assert "--when DATE" in run("edit", "--help").stdout
