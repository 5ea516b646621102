"""Canonical apostrophes: U+02BB in the letters oʻ and gʻ, U+02BC for the tutuq belgisi."""

import re

OKINA = "\u02bb"  # ʻ, part of the letters oʻ and gʻ in the 1995 alphabet
TUTUQ = "\u02bc"  # ʼ, the tutuq belgisi (glottal stop or long vowel mark)

# Characters typed for the Uzbek apostrophes in registry data: ASCII quote, grave accent,
# typographic quotes, prime, fullwidth quote, acute accent and modifier letters.
APOSTROPHE_LIKE = "'`\u00b4\u02b9\u02bb\u02bc\u02bd\u02be\u02bf\u02c8\u2018\u2019\u201b\u2032\uff07"

_RUN = re.compile(f"[{APOSTROPHE_LIKE}]+")
_LEADING = re.compile(f"^[{APOSTROPHE_LIKE}]+")
_TRAILING_TUTUQ = re.compile(f"(?<![oOgG])[{APOSTROPHE_LIKE}]+$")


def canonical_apostrophes(token: str) -> str:
    """Rewrite every apostrophe-like character of a token in canonical form.

    After o or g a run of them becomes one ʻ (U+02BB), anywhere else one ʼ (U+02BC). A genuine
    tutuq after o or g is misread as ʻ, which is rare in names. Apostrophes that open a token,
    and those that close it after another letter, are quotation marks: a tutuq never ends a
    word, so they are dropped.
    """
    if not _RUN.search(token):
        return token
    token = _LEADING.sub("", token)
    token = _TRAILING_TUTUQ.sub("", token)
    return _RUN.sub(lambda match: _canonical_for(token, match.start()), token)


def _canonical_for(token: str, start: int) -> str:
    return OKINA if start > 0 and token[start - 1] in "oOgG" else TUTUQ
