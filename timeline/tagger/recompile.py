"""A regular expression's compiled form as data, so the rule cache can keep it between processes.

`re.compile` parses a pattern and turns the parse tree into the code `re`'s matcher runs, in
pure Python: for the rules of a language (large factored alternations) that is most of what a
`timeline extract` process does before its first document. The code is a list of integers;
`code_of` returns it with the flags and group names, as JSON data, and `from_code` hands it
to the matcher (`_sre.compile`, the last step of `re.compile`) without parsing again.

A rule's pattern begins `(?=[first])` (patterns.py): `re` cannot skip ahead on a lookahead,
so a search enters the matcher at every position and fails there on most. Given that class,
`code_of` tells the search which characters a match can begin with, as `re.compile` does for
a pattern that begins with a class it can read (an INFO block with a charset): the search
then steps over every other character in C and runs the pattern's own code, unchanged, where
one of them stands. The charset holds every Latin-1 character the class matches with the
pattern's flags (tried one by one, so case is ignored exactly as `re` ignores it) and every
character beyond Latin-1 (those are left to the pattern itself). A character it lacks is one at
which `(?=[first])`, the pattern's first step, fails: the search skips only positions where
no match begins, and finds the same matches. (`match` and `fullmatch` do not read the charset.)

Both use CPython internals of one version: the rule cache's key names the Python version, so
the data is only read by the interpreter that wrote it. `_sre.compile` checks the code it is
given and raises on code it cannot run; `from_code` then compiles the pattern itself. Either
way the pattern is the one `re.compile(source, flags)` returns (equal to it: same pattern,
flags and code; with a first-character class, the same but for the charset).
"""
from __future__ import annotations

import re
import sys

try:   # CPython
    import _sre
    from re import _compiler, _constants, _parser
except ImportError:   # pragma: no cover - other interpreters compile as usual
    _sre = _compiler = _constants = _parser = None


def code_of(source: str, flags: int, first: str | None = None) -> list | None:
    """[flags, code, groups, group index] of `re.compile(source, flags)`, or None; with `first`,
    the class `source` begins with as a lookahead, the code skips what cannot begin a match."""
    if _sre is None:
        return None
    try:
        parsed = _parser.parse(source, flags)
        code = _compiler._code(parsed, flags)
        if first is not None and source.startswith(f"(?={first})"):
            code = _skipping(code, first, flags)
        return [flags | parsed.state.flags, list(code), parsed.state.groups - 1, dict(parsed.state.groupdict)]
    except Exception:  # noqa: BLE001 - an optimization only: compile() reports the error itself
        return None


def from_code(source: str, flags: int, stored) -> re.Pattern:
    """The pattern `re.compile(source, flags)` gives, from what `code_of` stored (if usable)."""
    if _sre is not None and isinstance(stored, list) and len(stored) == 4:
        final_flags, code, groups, groupindex = stored
        try:
            indexgroup = [None] * (groups + 1)
            for name, index in groupindex.items():
                indexgroup[index] = name
            return _sre.compile(source, final_flags, code, groups, groupindex, tuple(indexgroup))
        except (TypeError, ValueError, IndexError, RuntimeError, AttributeError, OverflowError):
            pass
    return re.compile(source, flags)


def _skipping(code: list, first: str, flags: int) -> list:
    """`code` with an INFO block that names the characters a match can begin with (see above);
    unchanged if `re` found a prefix or charset itself, or a match can be empty."""
    info, skip, mask, shortest = code[0], code[1], code[2], code[3]
    if info != _constants.INFO or mask != 0 or shortest == 0:
        return code
    begins = re.compile(first, flags)
    charset, _ = _compiler._optimize_charset([(_constants.LITERAL, c) for c in range(256) if begins.fullmatch(chr(c))])
    if any(op is _constants.NEGATE for op, _ in charset):
        return code
    charset.append((_constants.RANGE, (256, sys.maxunicode)))   # after the Latin-1 ones (a bitmap)
    head = [info, 0, _constants.SRE_INFO_CHARSET, shortest, code[4]]
    _compiler._compile_charset(charset, 0, head)
    head[1] = len(head) - 1
    return head + code[1 + skip:]
