"""Which language a text is written in, so that a text clearly not in the language asked
for is refused instead of being read with the wrong rules (English read as German finds
dates in nothing and makes no events, silently).

py3langid (a numpy port of langid.py; its 4 MB model ships inside the wheel, nothing is
downloaded) scores the text with normalized probabilities. "Clearly" means all of:
at least MIN_LETTERS letters (a headline alone is too short to judge), the best language
at least CONFIDENT sure, and the requested one at most UNLIKELY. Candidates are
CANDIDATES, so that short German texts are not taken for Luxembourgish or Afrikaans.
The caller may force the requested language (`force=True`).
"""
from __future__ import annotations

import threading
from functools import lru_cache

from timeline.intake.rules import IntakeError

MIN_LETTERS = 80
CONFIDENT = 0.99
UNLIKELY = 0.01
SAMPLE_CHARS = 20_000     # enough to judge; the cost stays bounded for long texts
CANDIDATES = ("de", "en", "fr", "es", "it", "nl", "pt", "pl", "cs", "sv", "da", "no", "fi",
              "hu", "ro", "tr", "ru", "uk", "el", "ar")

_LOCK = threading.Lock()


class LanguageMismatch(IntakeError):
    """The text is clearly in `detected`, not in `requested`; the message names both."""

    def __init__(self, detected: str, requested: str, probability: float):
        self.detected, self.requested, self.probability = detected, requested, probability
        super().__init__(
            f"the text is in {language_name(detected)} ({detected}), not in "
            f"{language_name(requested)} ({requested}) as requested (detected with "
            f"{probability:.0%} certainty); pass the right language, or force {requested!r} "
            f"(--force-lang / \"force_lang\": true)", reason="lang.mismatch")


def language_name(code: str) -> str:
    """The English name of a language code ("de" -> "German"), the code if unknown."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(code).english_name or code
    except (ValueError, UnknownLocaleError):
        return code


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(CANDIDATES))
    return identifier


def rank(text: str) -> list[tuple[str, float]]:
    """(language, probability) pairs, most likely first."""
    with _LOCK:  # the identifier keeps no state per call, but its loading must happen once
        identifier = _identifier()
    return [(code, float(p)) for code, p in identifier.rank(text[:SAMPLE_CHARS])]


def check_language(text: str, requested: str, *, force: bool = False) -> None:
    """Raise LanguageMismatch when `text` is clearly not in `requested` (and not forced)."""
    if force or sum(ch.isalpha() for ch in text[:SAMPLE_CHARS]) < MIN_LETTERS:
        return
    ranked = rank(text)
    best, probability = ranked[0]
    requested_probability = dict(ranked).get(requested, 0.0)
    if best != requested and probability >= CONFIDENT and requested_probability <= UNLIKELY:
        raise LanguageMismatch(best, requested, probability)
