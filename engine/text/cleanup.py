"""Clean-up of registry text: Unicode form, invisible characters, confusable letters, apostrophes.

The work is done per whitespace-separated token and cached, because a column of names repeats
the same few thousand tokens many times.
"""

import functools
import re
import unicodedata

from engine.text.apostrophes import canonical_apostrophes
from engine.text.scripts import repair_homoglyphs

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"

# Letters folded before anything else. Legacy 8-bit Uzbek fonts turn Ҳ Қ Ғ Ў into the
# Macedonian and Serbian letters Ќ Љ Ђ Њ after conversion. Turkish keyboards give İ and ı.
# Romanian layouts give ș with a comma below for ş. The 2019-2023 alphabet drafts and older
# tools wrote õ ō ó for ö and ǧ ḡ ǵ for ğ.
_CONFUSABLES = {
    "Ќ": "Ҳ", "ќ": "ҳ", "Љ": "Қ", "љ": "қ", "Ђ": "Ғ", "ђ": "ғ", "Њ": "Ў", "њ": "ў",
    "İ": "I", "ı": "i",
    "Ș": "Ş", "ș": "ş",
    "Õ": "Ö", "õ": "ö", "Ō": "Ö", "ō": "ö", "Ó": "Ö", "ó": "ö",
    "Ǧ": "Ğ", "ǧ": "ğ", "Ḡ": "Ğ", "ḡ": "ğ", "Ǵ": "Ğ", "ǵ": "ğ",
}

_COMBINING_DOT_ABOVE = "\u0307"

# Printable ASCII but the apostrophes ' and ` (a regex class). A token of these characters is
# its own clean form, and its own Latin form, since their work on ASCII is on apostrophes and
# control characters (tests/text/test_arrow_steps.py checks both).
PLAIN_CHARACTERS = "!-&(-_a-~"
PLAIN_TOKEN = re.compile(f"[{PLAIN_CHARACTERS}]+")

# Planes that contain control (Cc) and format (Cf) characters: the Basic Multilingual Plane,
# the Supplementary Multilingual Plane and the tags block of plane 14. Scanning only these
# keeps the import fast.
_CONTROL_AND_FORMAT_PLANES = ((0x0000, 0x20000), (0xE0000, 0xE1000))


@functools.cache
def _table() -> dict[int, str | None]:
    """Return the translation table of the clean-up, built on first use.

    Finding the control and format characters took 17 to 29 ms, which a job with no text
    to clean (every value plain ASCII) or the command line's start-up need not pay.
    """
    table: dict[int, str | None] = {ord(k): v for k, v in _CONFUSABLES.items()}
    table.update({ord(dash): "-" for dash in _DASHES})

    # Control and format characters (zero-width space and joiners, soft hyphen, BOM,
    # direction marks) carry no letters. Whitespace among them never reaches this table
    # because tokens are split on whitespace first.
    for first, last in _CONTROL_AND_FORMAT_PLANES:
        for code in range(first, last):
            if unicodedata.category(chr(code)) in ("Cc", "Cf"):
                table[code] = None
    return table


def _clean_once(token: str) -> str:
    token = unicodedata.normalize("NFC", token).translate(_table())

    # Python's "İ".lower() leaves i + U+0307; the dot is noise on i and I.
    if _COMBINING_DOT_ABOVE in token:
        token = token.replace("i" + _COMBINING_DOT_ABOVE, "i").replace("I" + _COMBINING_DOT_ABOVE, "I")
    token = repair_homoglyphs(token)
    return canonical_apostrophes(token)


@functools.lru_cache(maxsize=1 << 18)
def clean_token(token: str) -> str:
    """Clean one whitespace-free token; keep its script and case."""
    if PLAIN_TOKEN.fullmatch(token):
        return token
    # One step can enable another: removing a control character or swapping a look-alike
    # letter puts a combining mark after a new base letter that NFC then composes. The loop
    # repeats until nothing changes, at most four passes; the idempotence property test checks this.
    for _ in range(4):
        cleaned = _clean_once(token)
        if cleaned == token:
            break
        token = cleaned
    return token


def clean_text(value: str) -> str:
    """Clean a whole value: NFC, invisible characters, spaces, dashes, confusables, apostrophes.

    Keeps script and case. Runs of whitespace of any kind become one space, and leading or
    trailing whitespace is dropped.
    """
    return " ".join(filter(None, map(clean_token, value.split())))
