"""Invented name and place pools for the synthetic people, and Uzbek Latin to Cyrillic spelling.

Names are built from syllables, so the pools are large enough that a million people do not
collapse onto a few thousand names, and no real person's name list is copied. Every pool is
built in a fixed order, so the generator's output depends only on its seed.
"""

from itertools import product

import numpy as np

_GIVEN_STARTS = ("al", "an", "ben", "car", "dan", "el", "em", "fer", "gar", "hel", "ir", "jo",
                 "kar", "lau", "mar", "nic", "ol", "pat", "ro", "sam", "ter", "vic", "wil", "zo")
_GIVEN_ENDS_MALE = ("bert", "do", "mon", "ric", "tan", "vin", "ton", "rik", "las", "mund")
_GIVEN_ENDS_FEMALE = ("ina", "ella", "ise", "ora", "anne", "etta", "ia", "lyn", "ene", "issa")
_SURNAME_SYLLABLES = ("bar", "bel", "bro", "cal", "dor", "fen", "gil", "ham", "har", "kel",
                      "lan", "mer", "mor", "nor", "pen", "quin", "ros", "sal", "ter", "wal",
                      "ash", "ford", "ley", "ton", "wick", "by", "son", "well", "mont", "ridge")

_UZ_GIVEN_STARTS = ("ab", "ak", "al", "az", "bah", "dil", "er", "far", "gʻay", "ha", "il",
                    "jah", "kam", "lo", "mah", "nur", "oʻk", "ozo", "qah", "ra", "sar", "sha",
                    "tol", "ul", "xur", "yo", "zar", "shu", "cho", "sev")
_UZ_GIVEN_ENDS_MALE = ("bek", "jon", "mur", "zod", "dor", "boy", "ali", "im", "ur", "toy")
_UZ_GIVEN_ENDS_FEMALE = ("gul", "oy", "xon", "niso", "noza", "bonu", "ra", "shoda", "ziyo", "lola")
_UZ_SURNAME_STARTS = ("tosh", "qo", "ra", "yoʻl", "gʻo", "er", "so", "na", "mu", "xol", "sha",
                      "ab", "ka", "toʻx", "cho", "esh", "nor", "oʻ", "qur", "said", "ham", "dav",
                      "ja", "isr", "yu", "zu", "bo", "ul", "fay", "ol")
_UZ_SURNAME_ENDS = ("dir", "him", "dosh", "fur", "gash", "diq", "zar", "rod", "mat", "rof",
                    "du", "rim", "ta", "riy", "mat", "qul", "rin", "bon", "mur", "zo", "lat", "ich")

CITIES_LATIN = ("Toshkent", "Samarqand", "Buxoro", "Andijon", "Namangan", "Fargʻona", "Qarshi",
                "Nukus", "Xiva", "Urganch", "Termiz", "Jizzax", "Navoiy", "Guliston", "Angren",
                "Chirchiq", "Margʻilon", "Qoʻqon", "Olmaliq", "Denov", "Shahrisabz", "Kattaqoʻrgʻon",
                "Bekobod", "Zarafshon", "Chust", "Asaka", "Beruniy", "Kogon", "Gʻijduvon", "Yangiyoʻl")
EMAIL_DOMAINS = ("mail.uz", "inbox.uz", "post.example", "box.example", "webmail.example")

# Uzbek Latin letters (1995 alphabet) and their Cyrillic letters. Longer sequences are matched
# first, and `yoʻ` is `й` + `ў` (yoʻl, йўл), not `ё` followed by a stray apostrophe.
_SEQUENCES = {"yoʻ": "йў", "oʻ": "ў", "gʻ": "ғ", "sh": "ш", "ch": "ч", "yo": "ё", "yu": "ю",
              "ya": "я", "ye": "е"}
_LETTERS = dict(zip("abdefghijklmnopqrstuvxyz", "абдефгҳижклмнопқрстувхйз"))


def _join_all(*parts: tuple[str, ...]) -> list[str]:
    return sorted({"".join(combo) for combo in product(*parts)})


def given_names() -> tuple[np.ndarray, np.ndarray]:
    """Male and female given names, lower case."""
    return (np.array(_join_all(_GIVEN_STARTS, _GIVEN_ENDS_MALE), dtype=object),
            np.array(_join_all(_GIVEN_STARTS, _GIVEN_ENDS_FEMALE), dtype=object))


def surnames() -> np.ndarray:
    """Surnames of two or three syllables, lower case, the same for both genders."""
    two = _join_all(_SURNAME_SYLLABLES, _SURNAME_SYLLABLES)
    three = _join_all(_SURNAME_SYLLABLES[:20], _SURNAME_SYLLABLES[:20], _SURNAME_SYLLABLES[20:])
    return np.array(sorted(set(two) | set(three)), dtype=object)


def uzbek_given_names() -> tuple[np.ndarray, np.ndarray]:
    """Male and female Uzbek-sounding given names in Latin script, lower case."""
    return (np.array(_join_all(_UZ_GIVEN_STARTS, _UZ_GIVEN_ENDS_MALE), dtype=object),
            np.array(_join_all(_UZ_GIVEN_STARTS, _UZ_GIVEN_ENDS_FEMALE), dtype=object))


def uzbek_surnames() -> tuple[np.ndarray, np.ndarray]:
    """Male and female forms of the same surname roots: -ov/-ova, or -ev/-eva after sh, ch, y."""
    roots = _join_all(_UZ_SURNAME_STARTS, _UZ_SURNAME_ENDS)
    male = [root + ("ev" if root.endswith(("sh", "ch", "y")) else "ov") for root in roots]
    return np.array(male, dtype=object), np.array([name + "a" for name in male], dtype=object)


def to_cyrillic(latin: str) -> str:
    """Spell an Uzbek Latin word in Uzbek Cyrillic; `e` starting a word becomes `э`."""
    text = latin.lower()
    letters = []
    i = 0
    while i < len(text):
        sequence = next((s for s in (text[i:i + 3], text[i:i + 2]) if s in _SEQUENCES), None)
        if sequence:
            letters.append(_SEQUENCES[sequence])
            i += len(sequence)
            continue
        char = text[i]
        letters.append("э" if char == "e" and (i == 0 or not text[i - 1].isalpha())
                       else _LETTERS.get(char, char))
        i += 1
    return "".join(letters)
