"""Similarity of two name parts (given names, surname stems, father's names) with a reason."""

import functools
import re

from rapidfuzz.distance import JaroWinkler

from engine.text.apostrophes import OKINA
from engine.text.name_data import GIVEN_NAMES_FEMALE, GIVEN_NAMES_MALE, VARIANT_GROUPS
from engine.text.phonetic import vowel_keys

SAME_KEY = 1.0
VARIANT = 0.97
APOSTROPHE_DROPPED = 0.95
SOFT_SUFFIX = 0.93
# Below this Jaro-Winkler similarity of phonetic keys, two names are not a typo apart, and
# their similarity is scaled by UNLIKE_SCALE.
TYPO_LEVEL = 0.8
UNLIKE_SCALE = 0.7
# Two different names from the known-name list never score above the cap, and their likeness
# is scaled down first. Dilshod and Alisher share letters by chance (0.68) but are two names.
# At the cap alone, a full name of two such names scored 50 against an unrelated person.
KNOWN_DIFFERENT_CAP = 0.5
KNOWN_DIFFERENT_SCALE = 0.5

_SOFT_SUFFIX = re.compile(r"(?<=[^aeiou\u02bb])(?:jon|oy)$")
_FEMALE_SURNAME = re.compile(r"(?<=ov|ev|in)a$")
_SURNAME_SUFFIXES = (re.compile(r"yev$"), re.compile(r"(?:ov|ev)$"))

def part_key(part: str) -> str:
    """Return the scoring key of a lower-case canonical Latin name part."""
    return "".join(vowel_keys(part))


def _apostrophe_blind_key(part: str) -> str:
    # oʻ typed without its apostrophe reads as o, which the key puts in another vowel class.
    return part_key(part.replace(OKINA, ""))


def _build_known() -> frozenset[str]:
    names = (GIVEN_NAMES_MALE + GIVEN_NAMES_FEMALE).split()
    names += [name for group in VARIANT_GROUPS for name in group]
    return frozenset(part_key(name.lower()) for name in names)


def _build_variants() -> dict[str, int]:
    return {part_key(name.lower()): number for number, group in enumerate(VARIANT_GROUPS) for name in group}


_KNOWN = _build_known()
_VARIANTS = _build_variants()


def is_known_name(part: str) -> bool:
    """Return whether a name part is one of the known given names, in any spelling."""
    return part_key(part) in _KNOWN


def known_surname_stem(surname: str) -> str:
    """Return the known given name a surname was formed from (Abdullayev: abdulla, Tursunboyev:
    tursunboy), or "" when there is none."""
    for suffix in _SURNAME_SUFFIXES:
        stem = suffix.sub("", surname)
        if stem != surname and is_known_name(stem):
            return stem
    return ""


@functools.lru_cache(maxsize=1 << 16)
def _part_keys(part: str) -> tuple[str, str, str]:
    """Return a part's scoring key, its key with oʻ read as o, and its key without -jon or -oy.

    Cached per part: a job compares each distinct name part with many others.
    """
    return part_key(part), _apostrophe_blind_key(part), part_key(_SOFT_SUFFIX.sub("", part))


@functools.lru_cache(maxsize=1 << 16)
def name_similarity(left: str, right: str) -> tuple[float, str]:
    """Score two lower-case canonical Latin name parts from 0 to 1 and return the reason."""
    (left_key, left_blind, left_soft), (right_key, right_blind, right_soft) = _part_keys(left), _part_keys(right)
    if not left_key or not right_key:
        return 0.0, "missing"
    if left_key == right_key:
        return SAME_KEY, "same phonetic key"
    if left_key in _VARIANTS and _VARIANTS.get(left_key) == _VARIANTS.get(right_key):
        return VARIANT, "spelling variants of one name"
    if left + "a" == right or right + "a" == left:
        # Aziz and Aziza, Valeriy and Valeriya: the male and female forms are two people.
        return KNOWN_DIFFERENT_CAP, "male and female forms of one name"
    if left_blind == right_blind:
        return APOSTROPHE_DROPPED, "same once oʻ is read as o"
    if left_soft == right_soft:
        return SOFT_SUFFIX, "same apart from -jon or -oy"

    score = JaroWinkler.similarity(left_key, right_key)
    if left_key in _KNOWN and right_key in _KNOWN:
        return min(score * KNOWN_DIFFERENT_SCALE, KNOWN_DIFFERENT_CAP), "two different known names"
    if score < TYPO_LEVEL:
        # Short keys of unrelated names share letters by chance (Anna and Olga score 0.75).
        # Only a typo-level likeness counts, so anything less is scaled down below agreement.
        return score * UNLIKE_SCALE, f"Jaro-Winkler {score:.2f} on phonetic keys: different names"
    return score, f"Jaro-Winkler {score:.2f} on phonetic keys"


def surname_similarity(left: str, right: str) -> tuple[float, str]:
    """Score two surnames from 0 to 1 and return the reason.

    The female ending is removed first, so Karimov and Karimova score as equal: gender is
    compared on its own. When both surnames are formed from known given names, those names are
    compared, so Ibragimov meets Ibrohimov and Normatov stays apart from Nurmatov.
    """
    (left, left_stem), (right, right_stem) = _surname_forms(left), _surname_forms(right)
    if left_stem and right_stem:
        score, reason = name_similarity(left_stem, right_stem)
        return score, f"surname stems: {reason}"
    return name_similarity(left, right)


@functools.lru_cache(maxsize=1 << 16)
def _surname_forms(surname: str) -> tuple[str, str]:
    """Return a surname without its female ending, and the known given name it was formed from."""
    surname = _FEMALE_SURNAME.sub("", surname)
    return surname, known_surname_stem(surname)
