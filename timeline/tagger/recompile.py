"""A regular expression's compiled form as data, so the rule cache can keep it between processes.

`re.compile` parses a pattern and turns the parse tree into the code `re`'s matcher runs, in
pure Python: for the rules of a language (large factored alternations) that is most of what a
`timeline extract` process does before its first document. The code is a list of integers;
`code_of` returns it with the flags and group names, as JSON data, and `from_code` hands it
to the matcher (`_sre.compile`, the last step of `re.compile`) without parsing again.

Both use CPython internals of one version: the rule cache's key names the Python version, so
the data is only read by the interpreter that wrote it. `_sre.compile` checks the code it is
given and raises on code it cannot run; `from_code` then compiles the pattern itself. Either
way the pattern is the one `re.compile(source, flags)` returns (equal to it: same pattern,
flags and code).
"""
from __future__ import annotations

import re

try:   # CPython
    import _sre
    from re import _compiler, _parser
except ImportError:   # pragma: no cover - other interpreters compile as usual
    _sre = _compiler = _parser = None


def code_of(source: str, flags: int) -> list | None:
    """[flags, code, groups, group index] of `re.compile(source, flags)`, or None."""
    if _sre is None:
        return None
    try:
        parsed = _parser.parse(source, flags)
        code = _compiler._code(parsed, flags)
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
