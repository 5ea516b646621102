"""Uzbek and Russian-style Cyrillic to the 1995 Uzbek Latin alphabet, per word.

Follows the spelling rules of Cabinet of Ministers Resolution 339 (24 August 1995) and its
appendix on the letters е ё ю я ц ь ъ щ ы. The 2026 letters ö ğ ş ç and the draft letters are
folded to oʻ gʻ sh ch, so every value is compared in one alphabet.
"""

import functools

from engine.text.apostrophes import OKINA, TUTUQ, canonical_apostrophes
from engine.text.cleanup import PLAIN_TOKEN, clean_token

_LETTERS = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ж": "j", "з": "z", "и": "i",
    "й": "y", "к": "k", "қ": "q", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "x", "ҳ": "h", "ч": "ch",
    "ш": "sh", "щ": "sh", "ы": "i", "э": "e", "ў": "o" + OKINA, "ғ": "g" + OKINA,
    # For personal names yo, yu, ya is the right default: the appendix leaves the
    # softening-only readings (budjet, stajor) to the dictionary, handled by _EXCEPTIONS.
    "ё": "yo", "ю": "yu", "я": "ya",
    # Letters of neighbouring Cyrillic alphabets that turn up in Uzbek registries.
    "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ә": "a", "ө": "o" + OKINA, "ү": "u",
    "ұ": "u", "ң": "ng", "һ": "h", "ҷ": "j", "ӣ": "i", "ӯ": "u",
}
_CYRILLIC_VOWELS = frozenset("аеёиоуэюяўы")
_IOTATED = frozenset("еёюя")

# Words the context rules get wrong: Russian loanwords where ё ю я only soften the consonant
# (the spelling dictionary's job), and the Korean surname Цой, written Tsoy in registries.
_EXCEPTIONS = {
    "январь": "yanvar", "февраль": "fevral", "апрель": "aprel", "июнь": "iyun",
    "июль": "iyul", "сентябрь": "sentabr", "октябрь": "oktabr", "ноябрь": "noyabr",
    "декабрь": "dekabr", "бюджет": "budjet", "стажёр": "stajor", "фляга": "flaga",
    "цой": "tsoy",
}

_NEW_LETTERS = {"ö": "o" + OKINA, "ğ": "g" + OKINA, "ş": "sh", "ç": "ch"}
_NEW_CAPITALS = {"Ö": "O" + OKINA, "Ğ": "G" + OKINA, "Ş": "Sh", "Ç": "Ch"}


def _is_letter(char: str) -> bool:
    return char.isalpha() or char in (OKINA, TUTUQ)


def _latin_letter(word: str, index: int) -> str:
    """Return the Latin spelling of the lower-case Cyrillic letter word[index]."""
    char = word[index]
    before = word[index - 1] if index else ""
    after = word[index + 1] if index + 1 < len(word) else ""

    if char == "е":
        # ye at the start of a word or syllable: after a vowel, and after ь or ъ.
        return "ye" if not before or before in _CYRILLIC_VOWELS or before in "ьъ" else "e"
    if char == "ц":
        # ts only after a vowel inside the stem.
        # NOTE: the prefix boundary (antisiklon) needs a dictionary, so a ц after a prefix
        # ending in a vowel is written ts here.
        return "ts" if before in _CYRILLIC_VOWELS and after else "s"
    if char == "ь":
        return "y" if after in ("о", "у", "и") else ""
    if char == "ъ":
        # Russian loanwords drop it before е ё ю я (obyekt), and it is dropped after ў
        # (moʻjiza). Arabic and Persian words keep it as the tutuq (maʼno, sanʼat).
        if after in _IOTATED or before == "ў" or not after:
            return ""
        return TUTUQ
    if char == "с" and after == "ҳ":
        # с+ҳ is two sounds, written with a tutuq so it does not read as sh (Isʼhoq).
        return "s" + TUTUQ
    return _LETTERS.get(char, char)


def _apply_case(source: str, latin: str, all_caps: bool) -> str:
    if not source.isupper() or not latin:
        return latin
    if all_caps:
        return latin.upper()
    return latin[0].upper() + latin[1:]


def _word_case_pattern(word: str) -> tuple[bool, bool]:
    """Return (all capitals with more than one letter, first letter capital)."""
    letters = [c for c in word if c.isalpha()]
    all_caps = len(letters) > 1 and all(c.isupper() for c in letters)
    return all_caps, bool(letters) and letters[0].isupper()


def _cyrillic_word_to_latin(word: str) -> str:
    lower = word.lower()
    all_caps, title = _word_case_pattern(word)
    if lower in _EXCEPTIONS:
        latin = _EXCEPTIONS[lower]
        if all_caps:
            return latin.upper()
        if title:
            return latin.capitalize()
        return latin

    parts = []
    for index, char in enumerate(word):
        parts.append(_apply_case(char, _latin_letter(lower, index), all_caps))
    return "".join(parts)


def _fold_new_letters(word: str) -> str:
    all_caps, _ = _word_case_pattern(word)
    parts = []
    for char in word:
        if char in _NEW_LETTERS:
            parts.append(_NEW_LETTERS[char])
        elif char in _NEW_CAPITALS:
            latin = _NEW_CAPITALS[char]
            parts.append(latin.upper() if all_caps else latin)
        else:
            parts.append(char)
    return "".join(parts)


def _split_words(token: str) -> list[str]:
    """Split a token into runs of letters and runs of other characters, keeping all of them."""
    runs: list[str] = []
    for char in token:
        if runs and _is_letter(char) == _is_letter(runs[-1][-1]):
            runs[-1] += char
        else:
            runs.append(char)
    return runs


def _convert_once(token: str) -> str:
    token = clean_token(token)
    if token.isascii():
        return token

    words = []
    for word in _split_words(token):
        if any("\u0400" <= char <= "\u052f" for char in word):
            word = _cyrillic_word_to_latin(word)
        words.append(_fold_new_letters(word))

    # A new letter or ў next to a typed apostrophe (ö') now ends in oʻ followed by a tutuq.
    return canonical_apostrophes("".join(words))


@functools.lru_cache(maxsize=1 << 18)
def latin_token(token: str) -> str:
    """Clean one token and write it in the 1995 Latin alphabet."""
    if PLAIN_TOKEN.fullmatch(token):
        # Printable ASCII without apostrophes is already clean Latin: emails, phones and IDs
        # of a million records would otherwise each pass through the loop below.
        return token
    # Converting can leave text that cleans differently: a combining mark that followed
    # a folded letter now composes with a Latin one (с + U+0327 becomes ş). The loop repeats
    # until nothing changes, at most four passes; the idempotence property test checks this.
    for _ in range(4):
        converted = _convert_once(token)
        if converted == token:
            break
        token = converted
    return token


def to_latin(value: str) -> str:
    """Clean a value and write it in the 1995 Uzbek Latin alphabet, keeping its case."""
    return " ".join(filter(None, map(latin_token, value.split())))
