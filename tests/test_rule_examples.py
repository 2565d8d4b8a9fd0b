"""Every rule of every language carries examples; this runs them all.

An example is `{text, expect?, type?, value, mod?, published?}`: tagging `text` (published on
the example's date, else the rule's, else the file's default) must give an expression whose
text is `expect` (default: all of `text`), found by that rule, with that value, type and mod.
A `reject` rule's examples say `{text, absent}`: no expression may contain `absent`.
"""
from __future__ import annotations

from datetime import date

import pytest

from timeline.lang import available_languages, load_language
from timeline.tagger import tag_with_rules
from timeline.tagger.patterns import compile_language


def _cases():
    for code in available_languages():
        compiled = compile_language(load_language(code).data)
        for rule in compiled.rules:
            if not rule.examples:
                yield pytest.param(code, rule, None, id=f"{code}:{rule.name}:no-examples")
            for i, example in enumerate(rule.examples):
                yield pytest.param(code, rule, example, id=f"{code}:{rule.name}:{i}")


@pytest.mark.parametrize("code, rule, example", list(_cases()))
def test_rule_example(code, rule, example):
    assert example is not None, f"rule {rule.name} has no examples"
    published = date.fromisoformat(example.get("published") or rule.published or "2022-01-27")
    tagged = tag_with_rules(example["text"], published, load_language(code))
    if rule.reject:
        assert not [t for t in tagged if example["absent"] in t.timex.text], tagged
        return
    expect = example.get("expect", example["text"])
    found = [t for t in tagged if t.timex.text == expect]
    assert found, f"{expect!r} not found; got {[(t.timex.text, t.rule) for t in tagged]}"
    got = found[0]
    assert got.rule == rule.name
    assert got.timex.value == example["value"]
    assert got.timex.type == example.get("type", rule.type)
    assert got.timex.mod == (example.get("mod") or None)


def test_rule_names_are_unique_per_language():
    for code in available_languages():
        names = [r.name for r in compile_language(load_language(code).data).rules]
        assert len(names) == len(set(names))
