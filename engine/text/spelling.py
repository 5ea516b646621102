"""Spelling standardisation: each known name variant is written as its group's first form.

Ibragim, Ibrohim and Ibraim become one spelling, and so do the surnames built on them
(Ibragimov, Ibrohimov), so that exact and fuzzy comparisons see one name.
"""

import functools
import re

from engine.text.casefold import fold_case
from engine.text.name_data import VARIANT_GROUPS
from engine.text.name_similarity import part_key

# A surname is a name stem plus one of these endings (Ibrohimov, Ibrohimova, Aliyev).
_SURNAME_ENDING = re.compile(r"(y?ev|ov)(a?)$")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
# A token with a digit or an @ is an ID, a username or an email, not a name.
_NOT_A_NAME = re.compile(r"[0-9@]")


def _build_canonical() -> dict[str, str]:
    canonical = {}
    for group in VARIANT_GROUPS:
        first = fold_case(group[0])
        for name in group:
            canonical.setdefault(part_key(fold_case(name)), first)
    return canonical


_CANONICAL = _build_canonical()


@functools.lru_cache(maxsize=200_000)
def standard_token(token: str) -> str:
    """Return the group's first spelling of a lower-case Latin name token, or the token unchanged."""
    if token.isascii() and _ASCII_LETTER.search(token) is None:
        # Dates, phones and IDs have no letter, so no name key: on the 20,000 passports of the
        # Uzbek synthetic files, keying them took 0.11 s.
        return token
    if _NOT_A_NAME.search(token):
        # The name key reads only letters, so "ibragim1990" was rewritten as "ibrohim" and
        # lost its digits. Skipping such tokens also spares the key of every email.
        return token
    return _standard_token(token)


def _standard_token(token: str) -> str:
    found = _CANONICAL.get(part_key(token))
    if found:
        return found
    match = _SURNAME_ENDING.search(token)
    if match:
        stem = _CANONICAL.get(part_key(token[:match.start()]))
        if stem:
            return stem + match.group(0)
    return token


def standardize_spelling(value: str) -> str:
    """Rewrite every known name variant of a lower-case Latin value in its standard spelling."""
    return " ".join(standard_token(token) for token in value.split())
