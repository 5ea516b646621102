"""Uzbek phonetic keys on canonical Latin: a scoring key that keeps vowel classes and a
blocking key that keeps consonants.

English codes (Soundex, Metaphone, NYSIIS) keep the first letter and read x as "ks", so they
split Xurshid, Khurshid and Hurshid. These keys fold the variation that Uzbek registries show:
Russian-style romanisation (Dzhuraev, Iusupov), dropped apostrophes, x/h/kh, q/k, gʻ/g/gh,
j/dj/dzh, ts/s, glides and doubled letters.
"""

import functools
import itertools
import re

from engine.text.apostrophes import OKINA, TUTUQ
from engine.text.casefold import fold_case_token
from engine.text.transliterate import latin_token

# Russian romanisation undone, longest first. "ch" is protected so the bare c can become s.
_ROMANISATION = (
    ("shch", "sh"), ("dzh", "j"), ("dj", "j"), ("zh", "j"), ("kh", "x"), ("ts", "s"),
    ("ch", "\x00"), ("c", "s"), ("\x00", "ch"), ("w", "v"), ("gh", "g"), ("ph", "f"),
)
_IOTATED_PAIR = re.compile(r"(^|[^aeiou])i([aou])")
_GLIDE = re.compile(r"y(?=[aeiou])")
_FINAL_IY = re.compile(r"iy$")
_FINAL_H = re.compile(r"(?<=[aeiou])h$")
_DOUBLED = re.compile(r"(.)\1+")
_NOT_LETTER = re.compile(r"[^a-z\u02bb\u02bc]+")
_VOWEL_CLASSES = str.maketrans({"o": "a", "e": "i", "y": "i"})
_VOWELS = frozenset("aiu")


def _fold_word(word: str) -> str:
    """Return the folded consonant and vowel string of one lower-case Latin word, before
    vowel classes: the common ground of both keys."""
    word = word.replace("o" + OKINA, "u").replace(OKINA, "").replace(TUTUQ, "")
    for old, new in _ROMANISATION:
        word = word.replace(old, new)

    # ICAO and GOST write ю я ё as iu ia io; at the start or after a consonant they are y+vowel.
    word = _IOTATED_PAIR.sub(r"\1y\2", word)
    word = word.replace("x", "h").replace("q", "k")
    word = _DOUBLED.sub(r"\1", word)

    # Glides: y before a vowel disappears (Aliyev = Aliev, Yusupov = Usupov, Gulyamov =
    # Gulamov); final -iy is -i (Navoiy = Navoi).
    word = _GLIDE.sub("", word)
    word = _FINAL_IY.sub("i", word)
    word = word.replace("tdin", "ddin")
    return _FINAL_H.sub("", word)


def _vowel_key(folded: str) -> str:
    return _DOUBLED.sub(r"\1", folded.translate(_VOWEL_CLASSES))


def _consonant_key(vkey: str) -> str:
    # A leading vowel becomes "a" so that oʻ typed as o (Otkir) and e typed as i (Ishan)
    # still block with their canonical spelling.
    head = "a" if vkey[0] in _VOWELS else vkey[0]
    tail = "".join(char for char in vkey[1:] if char not in _VOWELS)
    return _DOUBLED.sub(r"\1", head + tail)


def _words(token: str) -> list[str]:
    """Split a raw token into lower-case canonical Latin words; a hyphen joins its halves."""
    latin = fold_case_token(latin_token(token)).replace("-", "")
    return [word for word in _NOT_LETTER.split(latin) if word.strip(OKINA + TUTUQ)]


@functools.lru_cache(maxsize=1 << 18)
def vowel_keys(token: str) -> tuple[str, ...]:
    """Return the scoring key of each word in a raw token."""
    keys = (_word_vowel_key(word) for word in _words(token))
    return tuple(key for key in keys if key)


@functools.lru_cache(maxsize=1 << 18)
def _word_vowel_key(word: str) -> str:
    # Cached per word as well: distinct tokens such as emails share most of their words.
    return _vowel_key(_fold_word(word))


@functools.lru_cache(maxsize=1 << 18)
def consonant_keys(token: str) -> tuple[str, ...]:
    """Return the blocking key of each word in a raw token."""
    return tuple(_consonant_key(key) for key in vowel_keys(token))


@functools.lru_cache(maxsize=1 << 18)
def token_phonetic_key(token: str) -> str:
    """Return the scoring keys of a raw token's words joined by spaces."""
    return " ".join(vowel_keys(token))


def phonetic_key(value: str) -> str:
    """Return the scoring key of a value: each word keyed, joined by spaces."""
    return " ".join(filter(None, map(token_phonetic_key, value.split())))


def blocking_keys(value: str) -> list[str]:
    """Return the blocking key of each word of a value, first occurrence only."""
    keys = itertools.chain.from_iterable(map(consonant_keys, value.split()))
    return list(dict.fromkeys(keys))
