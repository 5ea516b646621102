"""Parse an Uzbek person name into surname, given name, patronymic, initials and gender.

Accepts either order (official "Familiya Ism Otasining ismi" or Russian-style given name
first), both patronymic forms (Shavkatovich, "Shavkat oʻgʻli") and digraph initials (A.Sh.).
Every part is returned in lower-case canonical 1995 Latin.
"""

import functools
import re
from dataclasses import dataclass, field

from engine.text.casefold import fold_case
from engine.text.name_data import DAUGHTER_MARKERS, SON_MARKERS, SUFFIXLESS_SURNAMES
from engine.text.script_mix import script_mix
from engine.text.transliterate import to_latin

MALE = "male"
FEMALE = "female"

# Father's name + -ovich/-evich/-yevich (son) or -ovna/-evna/-yevna (daughter). The endings
# also accept one-letter slips seen in typed data (Rustamovih, Anvarvich, Zafarovan).
_PATRONYMIC_MALE = re.compile(r"^(.{2,}?)(?:y?ev|ov|v)(?:ich|ic|ih|ch)$")
_PATRONYMIC_FEMALE = re.compile(r"^(.{2,}?)(?:y?ev|ov|v)(?:na|an)$")
_PATRONYMIC_ICH = re.compile(r"^(.{3,}?)(ichna|ich)$")

_SURNAME_MALE = re.compile(r"(?:ov|ev|skiy|skij)$")
_SURNAME_FEMALE = re.compile(r"(?:ova|eva|skaya)$")
_SURNAME_NEUTRAL = re.compile(r"(?:zoda|zade|enko)$")
_SURNAME_WEAK = re.compile(r"(?:in|ina|iy)$")

# Single letters of the Uzbek alphabet written with two or three characters, and the Russian
# romanisations of single Cyrillic letters, all valid as one initial.
_DIGRAPH_INITIALS = frozenset(
    ("sh", "ch", "oʻ", "gʻ", "yo", "yu", "ya", "ye", "kh", "zh", "ts", "dj", "dzh", "ng")
)
_TOKEN = re.compile(r"[^\s.,;]+\.?")
# Remarks in brackets (an ID, a former surname) and tokens without letters are not name parts.
_BRACKETED = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_PUNCTUATION = "()[]{}\"«»“”„!?:/\\"
# A Latin c outside ch: the 2023 draft's ch or the 1993 alphabet's ts, so it is left as typed.
_BARE_C = re.compile(r"c(?!h)")


@dataclass(frozen=True)
class ParsedName:
    """One person name split into roles; empty strings for roles the value does not have."""

    original: str
    latin: str
    surname: str = ""
    given: str = ""
    patronymic: str = ""
    patronymic_form: str = ""
    initials: tuple[str, ...] = ()
    gender: str = ""
    order_guessed: bool = False
    script: str = ""
    notes: tuple[str, ...] = field(default=())

    @property
    def given_initial(self) -> str:
        return self.initials[0] if self.initials and not self.given else ""

    @property
    def patronymic_initial(self) -> str:
        if self.patronymic:
            return ""
        if self.given:
            return self.initials[0] if self.initials else ""
        return self.initials[1] if len(self.initials) > 1 else ""


@dataclass
class _Parts:
    words: list[str]
    initials: list[str]
    patronymic: str = ""
    patronymic_form: str = ""
    patronymic_gender: str = ""


def _is_initial(token: str) -> bool:
    letters = token.rstrip(".")
    if not letters or letters in SUFFIXLESS_SURNAMES:
        return False
    return len(letters) == 1 or letters in _DIGRAPH_INITIALS


def _split_tokens(latin: str) -> _Parts:
    words, initials = [], []
    text = _BRACKETED.sub(" ", latin).replace("-", "")
    for token in _TOKEN.findall(text):
        token = token.strip(_PUNCTUATION)
        if not any(char.isalpha() for char in token) or any(char.isdigit() for char in token):
            continue
        if _is_initial(token):
            initials.append(token.rstrip("."))
        elif token.rstrip("."):
            words.append(token.rstrip("."))
    return _Parts(words=words, initials=initials)


def _take_uzbek_patronymic(parts: _Parts) -> None:
    """Take "<father> oʻgʻli" or "<father> qizi" out of the words."""
    for index in range(1, len(parts.words)):
        word = parts.words[index]
        if word in SON_MARKERS or word in DAUGHTER_MARKERS:
            parts.patronymic = parts.words[index - 1]
            parts.patronymic_form = "uzbek"
            parts.patronymic_gender = MALE if word in SON_MARKERS else FEMALE
            del parts.words[index - 1 : index + 1]
            return


def _take_russian_patronymic(parts: _Parts) -> None:
    """Take the last word with a patronymic ending out of the words, keeping its stem."""
    patterns = ((_PATRONYMIC_MALE, MALE), (_PATRONYMIC_FEMALE, FEMALE), (_PATRONYMIC_ICH, ""))
    for index in reversed(range(len(parts.words))):
        for pattern, gender in patterns:
            match = pattern.match(parts.words[index])
            if match and len(parts.words) > 1:
                parts.patronymic = match.group(1)
                parts.patronymic_form = "russian"
                parts.patronymic_gender = gender or (FEMALE if match.group(2) == "ichna" else MALE)
                parts.words.pop(index)
                return


def _surname_strength(word: str) -> int:
    """Rank how surely a word is a surname: 2 by suffix or list, 1 by a weak suffix, else 0."""
    if word in SUFFIXLESS_SURNAMES or _SURNAME_NEUTRAL.search(word):
        return 2
    if _SURNAME_MALE.search(word) or _SURNAME_FEMALE.search(word):
        return 2
    return 1 if _SURNAME_WEAK.search(word) else 0


def _surname_gender(surname: str) -> str:
    if _SURNAME_FEMALE.search(surname) or surname.endswith("ina"):
        return FEMALE
    if _SURNAME_MALE.search(surname) or surname.endswith("in"):
        return MALE
    return ""


def _pick_surname(words: list[str], has_initials: bool) -> tuple[int, bool]:
    """Return the index of the surname among the words (-1 for none) and whether the choice
    was made by position alone."""
    strengths = [_surname_strength(word) for word in words]
    best = max(strengths, default=0)
    if best:
        candidates = [i for i, strength in enumerate(strengths) if strength == best]
        # Two candidates: the official order puts the surname first, Russian lists put it last.
        index = candidates[0] if candidates[0] == 0 or len(candidates) == 1 else candidates[-1]
        return index, best < 2 or len(candidates) > 1
    if len(words) >= 2 or (words and has_initials):
        return 0, True
    return -1, False


def _gender(surname: str, parts: _Parts) -> tuple[str, str]:
    """Return the gender and a note when surname and patronymic disagree."""
    by_surname = _surname_gender(surname) if surname not in SUFFIXLESS_SURNAMES else ""
    by_patronymic = parts.patronymic_gender
    if by_surname and by_patronymic and by_surname != by_patronymic:
        return "", f"surname {surname!r} and patronymic disagree on gender"
    return by_patronymic or by_surname, ""


@functools.lru_cache(maxsize=1 << 16)
def parse_name(value: str) -> ParsedName:
    """Parse a person name in any script, alphabet or order into its roles."""
    latin = to_latin(value)
    folded = fold_case(latin)
    parts = _split_tokens(folded)
    _take_uzbek_patronymic(parts)
    _take_russian_patronymic(parts)

    index, guessed = _pick_surname(parts.words, bool(parts.initials))
    surname = parts.words.pop(index) if index >= 0 else ""
    gender, gender_note = _gender(surname, parts)
    notes = [gender_note] if gender_note else []
    if _BARE_C.search(folded):
        notes.append("bare Latin c: the 2023 draft's ch or the 1993 alphabet's ts, left as typed")
    return ParsedName(
        original=value,
        latin=latin,
        surname=surname,
        given="".join(parts.words),
        patronymic=parts.patronymic,
        patronymic_form=parts.patronymic_form,
        initials=tuple(parts.initials),
        gender=gender,
        order_guessed=guessed,
        script=script_mix(value),
        notes=tuple(notes),
    )
