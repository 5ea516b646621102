"""All text forms of a value in one pass: clean, Latin, scoring key and blocking keys."""

import functools
from typing import NamedTuple

from engine.text.cleanup import clean_token
from engine.text.phonetic import consonant_keys, token_phonetic_key
from engine.text.transliterate import latin_token


class TextForms(NamedTuple):
    """The forms of one value that matching uses, each as its own function returns it."""

    clean: str
    latin: str
    phonetic_key: str
    blocking_keys: list[str]


@functools.lru_cache(maxsize=1 << 18)
def _token_forms(token: str) -> tuple[str, str, str, tuple[str, ...]]:
    return clean_token(token), latin_token(token), token_phonetic_key(token), consonant_keys(token)


def text_forms(value: str) -> TextForms:
    """Return clean_text, to_latin, phonetic_key and blocking_keys of a value at once.

    Splits the value once and looks each token up in one cache, which is several times
    faster than calling the four functions.
    """
    forms = list(map(_token_forms, value.split()))
    if not forms:
        return TextForms("", "", "", [])
    cleans, latins, vowel_keys, consonant_keys_ = zip(*forms)
    return TextForms(
        " ".join(filter(None, cleans)),
        " ".join(filter(None, latins)),
        " ".join(filter(None, vowel_keys)),
        list(dict.fromkeys(key for keys in consonant_keys_ for key in keys)),
    )
