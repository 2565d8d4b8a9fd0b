"""The one set of rules every article meets, however it comes in.

`timeline extract` (file, stdin, `--jsonl`), `timeline ingest`, the API and the paste form all
check an article here, so they accept the same things and refuse them with the same words.
A refusal is an `IntakeError`: one line for people, and the HTTP status it deserves (400 for a
request of the wrong shape, 422 for a well-formed value that cannot be used). The store checks
only its own invariants (a valid slug, no NUL, dates as dates).
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date
from urllib.parse import urlsplit

from timeline.dates.published import NotADate, parse_published
from timeline.lang import UnknownLanguage, available_languages, load_language

MAX_ARTICLE_BYTES = 10 * 1024 * 1024
MAX_TITLE_LENGTH = 500
MAX_URL_LENGTH = 2000
DEFAULT_LANG = "de"

# Characters that show nothing: white space, controls, format characters (U+200B zero width
# space, U+FEFF byte-order mark, U+00AD soft hyphen, bidi marks ...), and the fillers and
# blanks some fonts draw as nothing. A text of these alone is empty.
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})
_BLANK_LETTERS = frozenset("\u115f\u1160\u2800\u3164\uffa0")
# C0 and C1 controls (tab and newlines included) become one space in a one-line field.
_CONTROL_OR_SPACE = re.compile(r"[\x00-\x1f\x7f-\x9f\s]+")


class IntakeError(ValueError):
    """An article that cannot be taken as given: `message` is one line, `status` 400 or 422,
    and `reason` (e.g. "published.invalid") names the rule broken, so that a user interface
    can say it in its own language."""

    def __init__(self, message: str, status: int = 422, reason: str | None = None):
        super().__init__(message)
        self.message = message
        self.status = status
        self.reason = reason


def check_slug(slug: object) -> str:
    # the slug rule is the store's; imported here, not at the top, because importing the
    # store loads SQLAlchemy (0.3 s), which `timeline extract` (it stores nothing) never needs
    from timeline.store.records import SLUG_RULE, valid_slug

    if not valid_slug(slug):
        raise IntakeError(f"malformed story slug {str(slug)[:70]!r}: {SLUG_RULE}", 400)
    return slug


def check_text(text: object, where: str = "text") -> str:
    """The article's text: a string with something visible in it and no NUL character."""
    if text is None:
        raise IntakeError(f"{where} is missing", 400, "text.missing")
    if not isinstance(text, str):
        raise IntakeError(f"{where}: must be text, not {type(text).__name__}", 400)
    if not has_visible_text(text):
        raise IntakeError(f"{where} is empty: there is nothing visible to read", reason="text.empty")
    nul = text.find("\x00")
    if nul >= 0:
        raise IntakeError(f"{where}: contains a NUL character (at {nul}); binary data is not text")
    return text


def has_visible_text(text: str) -> bool:
    """True when `text` shows at least one character (stops at the first: a real text at once)."""
    for char in text:
        if not char.isspace() and char not in _BLANK_LETTERS \
                and unicodedata.category(char) not in _INVISIBLE_CATEGORIES:
            return True
    return False


def check_title(value: object, where: str = "title") -> str | None:
    """A title as one line (controls and whitespace runs become one space), at most 500 characters."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise IntakeError(f"{where}: must be text, not {type(value).__name__}", 400)
    value = _CONTROL_OR_SPACE.sub(" ", value).strip()
    if len(value) > MAX_TITLE_LENGTH:
        raise IntakeError(f"{where}: longer than {MAX_TITLE_LENGTH} characters")
    return value or None


def check_url(value: object, where: str = "url") -> str | None:
    """An absolute http(s) URL of at most 2,000 characters, or None."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise IntakeError(f"{where}: must be text, not {type(value).__name__}", 400)
    value = value.strip()
    if not value:
        return None
    if len(value) > MAX_URL_LENGTH:
        raise IntakeError(f"{where}: longer than {MAX_URL_LENGTH} characters")
    if not is_web_url(value):
        raise IntakeError(f"{where}: must be an absolute http(s) URL", reason="url.invalid")
    return value


def is_web_url(value: str | None) -> bool:
    """True for absolute http(s) URLs: the only ones the pages turn into links."""
    if not value or any(c.isspace() or ord(c) < 32 for c in value):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def check_published(value: object, where: str = "published") -> date:
    """The publication date (`timeline.dates.published`: ISO, or a human absolute form)."""
    if value is None or value == "":
        raise IntakeError(f"{where}: missing; give the publication date as YYYY-MM-DD", 400,
                          "published.missing")
    if not isinstance(value, (str, date)):
        raise IntakeError(f"{where}: must be text like 2022-01-27, not {type(value).__name__}", 400)
    try:
        return parse_published(value)
    except NotADate as error:
        raise IntakeError(f"{where}: {error}", reason="published.invalid") from None


def check_flag(value: object, where: str) -> bool:
    """JSON true/false; a form's checkbox sends "on" (and nothing when unticked)."""
    if isinstance(value, bool):
        return value
    if value in ("on", "1", "true"):
        return True
    if value in ("", "0", "false", None):
        return False
    raise IntakeError(f"{where}: must be true or false", 400)


def check_lang(value: object, where: str = "lang") -> str:
    if value is None or value == "":
        return DEFAULT_LANG
    if not isinstance(value, str):
        raise IntakeError(f"{where}: must be text, not {type(value).__name__}", 400)
    try:
        return load_language(value.strip()).code
    except UnknownLanguage:
        raise IntakeError(f"{where}: unknown language {value[:20]!r}; available: "
                          f"{', '.join(available_languages())}", reason="lang.unknown") from None
