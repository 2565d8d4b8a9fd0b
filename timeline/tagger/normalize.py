"""Turn a rule match into the fields of a time value, using the language's word tables.

A rule field is a template: literal text, `{group}` (the text a named group matched) or
`{group:table}` (that text looked up in word table `table`; numerals written in digits
pass through unchanged). A list of templates takes the first that can be filled, so
alternatives in a pattern can use different groups. A template whose group did not take
part in the match, or whose word is not in the table, cannot be filled.
"""
from __future__ import annotations

import re

from timeline.tagger.patterns import word_key

PLACEHOLDER = re.compile(r"\{(\w+)(?::(\w+))?\}")
NUMERAL = re.compile(r"\d+(?:[.,]\d+)?")


class Unfilled(Exception):
    """A template refers to a group or word that is not there."""


def _format(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def fill(template, match: re.Match, words: dict):
    if isinstance(template, list):
        for option in template:
            try:
                return fill(option, match, words)
            except Unfilled:
                continue
        raise Unfilled(template)
    if not isinstance(template, str):
        return template

    def substitute(ph: re.Match) -> str:
        group, table = ph.group(1), ph.group(2)
        if group not in match.re.groupindex or match.group(group) is None:
            raise Unfilled(group)
        text = match.group(group)
        if table is None:
            return text
        key = word_key(text)
        if key in words.get(table, {}):
            return _format(words[table][key])
        if NUMERAL.fullmatch(text.strip()):
            return _format(float(text.strip().replace(",", ".")))
        raise Unfilled(f"{text!r} not in {table}")

    return PLACEHOLDER.sub(substitute, template)


def fields_of(rule_fields: dict, match: re.Match, words: dict) -> dict:
    """Fill every field template of a rule; fields that cannot be filled are left out."""
    out = {}
    for name, template in rule_fields.items():
        try:
            out[name] = fill(template, match, words)
        except Unfilled:
            continue
    return out
