"""Suggesting column pairs to match, from the column names and from the values themselves.

Each column gets a profile: the kind of value most of its samples look like (email, phone,
date, number, person name, free text) and its set of normalised values. Two columns are
suggested as a pair when their names are alike, after mapping common English, Uzbek and
Russian synonyms. They are also suggested when their values are of the same kind or overlap,
so a column of emails finds the other file's column of emails whatever its name.
"""

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

KIND_SHARE = 0.6  # share of samples that must look like a kind for the column to be that kind
MIN_SCORE = 0.55
# Names of columns that usually number a registry's own rows. Two registries number theirs
# apart, so such a pair is suggested only when some sampled values agree.
RECORD_KEY_NAMES = ("id", "rec_id", "record_id", "row_id", "row", "no", "nr", "n", "index", "key",
                    "uid", "uuid", "tartib_raqam", "№", "#")
# A column of distinct whole numbers spread over at most this many times their count is a row
# counter (1, 2, 3, ...). Both files' counters run over the same numbers, so their values agree
# without saying anything about the records: such columns are never suggested.
COUNTER_SPREAD = 1.5

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[\d\s().-]{7,20}$")
_DATE = re.compile(r"^(\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4})$")
_NUMBER = re.compile(r"^[+-]?\d+([.,]\d+)?$")
_NAME = re.compile(r"^[^\W\d_][^\W\d_'ʻʼ`’.-]*([\s-][^\W\d_][^\W\d_'ʻʼ`’.-]*){1,3}$")

SYNONYMS = {
    "name": ("name", "full_name", "fullname", "fio", "ism", "ismi", "familiya", "person", "fish", "фио", "имя"),
    "email": ("email", "e_mail", "mail", "email_address", "pochta", "почта"),
    "phone": ("phone", "tel", "telephone", "mobile", "telefon", "phone_number", "телефон"),
    "city": ("city", "town", "shahar", "tuman", "viloyat", "region", "город"),
    "birth": ("dob", "birth_date", "date_of_birth", "birthdate", "tugilgan", "tugilgan_sana", "дата_рождения"),
    "id": ("id", "passport", "pinfl", "jshshir", "inn", "stir", "document"),
}


def _is_phone(value: str) -> bool:
    # Phone numbers have 9 to 15 digits (E.164); shorter digit runs are ordinary numbers.
    return bool(_PHONE.match(value)) and 9 <= sum(c.isdigit() for c in value) <= 15


KIND_TESTS = (("email", _EMAIL.match), ("date", _DATE.match), ("phone", _is_phone),
              ("number", _NUMBER.match), ("name", _NAME.match))

# Suggested match type per kind: identifiers compare exactly, names fuzzily by tokens. Phones
# compare by characters, because one registry often writes the country code and the other
# not: as digits, 903456789 and 998903456789 score 86 with ratio and 0 as exact.
# Names written in Cyrillic in one file and in Latin in the other compare role by role in
# Latin with the Uzbek name comparison.
KIND_MATCH = {"email": ("exact", None), "phone": ("fuzzy", "ratio"), "date": ("exact", None),
              "cross_script_name": ("uzbek_name", None),
              "number": ("exact", None), "name": ("fuzzy", "token_sort_ratio"),
              "text": ("fuzzy", "token_sort_ratio")}


@dataclass(frozen=True)
class Suggestion:
    file1_col: str
    file2_col: str
    score: float
    reason: str  # "name", "synonym" or "values"
    kind: str

    @property
    def match_type(self) -> str:
        return KIND_MATCH[self.kind][0]

    @property
    def fuzzy_method(self) -> str:
        return KIND_MATCH[self.kind][1] or "token_sort_ratio"


def suggest_pairs(samples1: dict[str, list[str]], samples2: dict[str, list[str]]) -> list[Suggestion]:
    """Return the best column pairs, each column used once, best first."""
    profiles1 = {name: _profile(values) for name, values in samples1.items()}
    profiles2 = {name: _profile(values) for name, values in samples2.items()}
    counters = {name for name, values in [*samples1.items(), *samples2.items()] if _is_counter(values)}
    candidates = []
    for name1, (kind1, set1) in profiles1.items():
        for name2, (kind2, set2) in profiles2.items():
            if name1 in counters or name2 in counters or _own_row_numbers(name1, set1, name2, set2):
                continue
            by_name = _name_similarity(name1, name2)
            by_values = _value_similarity(kind1, set1, kind2, set2)
            score = max(by_name, by_values)
            if score >= MIN_SCORE:
                kind = _pair_kind(kind1, set1, kind2, set2)
                candidates.append(Suggestion(name1, name2, round(score, 2),
                                             _reason(name1, name2, by_name, by_values), kind))
    return _one_each(candidates)


def _reason(name1: str, name2: str, by_name: float, by_values: float) -> str:
    if by_values > by_name:
        return "values"
    same_word = _name_key(name1) == _name_key(name2)
    return "synonym" if by_name == 1.0 and not same_word else "name"


def _pair_kind(kind1: str, set1: set[str], kind2: str, set2: set[str]) -> str:
    if kind1 != kind2:
        return "text"
    if kind1 == "name" and {_script(set1), _script(set2)} == {"cyrillic", "latin"}:
        return "cross_script_name"
    return kind1


def _script(values: set[str]) -> str:
    """Return "cyrillic" or "latin" for the script of most letters in `values`."""
    letters = [char for value in values for char in value if char.isalpha()]
    cyrillic = sum(1 for char in letters if "\u0400" <= char <= "\u04ff")
    return "cyrillic" if 2 * cyrillic > len(letters) else "latin"


def _own_row_numbers(name1: str, set1: set[str], name2: str, set2: set[str]) -> bool:
    """Tell whether a column is named like a registry's row numbers and no sampled value agrees."""
    named = _name_key(name1) in RECORD_KEY_NAMES or _name_key(name2) in RECORD_KEY_NAMES
    return named and not set1 & set2


def _is_counter(values: list[str]) -> bool:
    """Tell whether sampled values are a row counter: distinct whole numbers, close together.

    Ages or years repeat, so they are not counters however close together they lie.
    """
    cleaned = [str(value).strip() for value in values if str(value).strip()]
    if len(cleaned) < 2 or not all(value.isdigit() for value in cleaned):
        return False
    numbers = {int(value) for value in cleaned}
    if len(numbers) < len(cleaned):
        return False
    return max(numbers) - min(numbers) + 1 <= COUNTER_SPREAD * len(numbers)


def column_kind(values: list[str]) -> str:
    return _profile(values)[0]


def _one_each(candidates: list[Suggestion]) -> list[Suggestion]:
    chosen, used1, used2 = [], set(), set()
    for item in sorted(candidates, key=lambda s: (-s.score, s.file1_col, s.file2_col)):
        if item.file1_col not in used1 and item.file2_col not in used2:
            chosen.append(item)
            used1.add(item.file1_col)
            used2.add(item.file2_col)
    return chosen


def _profile(values: list[str]) -> tuple[str, set[str]]:
    cleaned = [str(v).strip() for v in values if str(v).strip()]
    normalised = {_normalise_value(v) for v in cleaned}
    if not cleaned:
        return "text", normalised
    for kind, looks_like in KIND_TESTS:
        if sum(1 for v in cleaned if looks_like(v)) >= KIND_SHARE * len(cleaned):
            return kind, normalised
    return "text", normalised


def _normalise_value(value: str) -> str:
    return re.sub(r"[\s().-]+", "", value.casefold())


def _name_key(name: str) -> str:
    """Return the name in lower case with runs of other characters as "_"; "#" and "№" stay."""
    return re.sub(r"[^\w#№]+", "_", name.casefold()).strip("_")


def _canonical(name: str) -> str:
    key = _name_key(name)
    for canonical, names in SYNONYMS.items():
        if key in names:
            return canonical
    return key


def _name_similarity(name1: str, name2: str) -> float:
    a, b = _canonical(name1), _canonical(name2)
    if a == b:
        return 1.0
    return fuzz.ratio(a, b) / 100 * 0.9


def _value_similarity(kind1: str, set1: set[str], kind2: str, set2: set[str]) -> float:
    if not set1 or not set2:
        return 0.0
    overlap = len(set1 & set2) / min(len(set1), len(set2))
    if kind1 == kind2 and kind1 != "text" and kind1 != "number":
        # Two columns of emails (or phones, dates, names) are likely the same field even when
        # the sampled rows hold different people.
        return 0.75 + 0.25 * overlap
    return overlap * 0.9
