"""Script of letters (Latin or Cyrillic) and repair of look-alike letters inside one word."""

LATIN = "latin"
CYRILLIC = "cyrillic"
MIXED = "mixed"
NONE = "none"

# Letters drawn the same in both scripts. Data typed on two keyboards mixes them inside one
# word ("Mehrinisо" with a Cyrillic о), which breaks equality and transliteration.
_LATIN_TO_CYRILLIC = dict(zip("aeopcyxAEOPCYXBKMHT", "аеорсухАЕОРСУХВКМНТ"))
_CYRILLIC_TO_LATIN = {cyr: lat for lat, cyr in _LATIN_TO_CYRILLIC.items()}
_TO_CYRILLIC = str.maketrans(_LATIN_TO_CYRILLIC)
_TO_LATIN = str.maketrans(_CYRILLIC_TO_LATIN)


def letter_script(char: str) -> str:
    """Return LATIN, CYRILLIC or NONE for one character."""
    code = ord(char)
    if 0x0400 <= code <= 0x052F:
        return CYRILLIC
    if char.isalpha() and (code < 0x0250 or 0x1E00 <= code <= 0x1EFF):
        return LATIN
    return NONE


def count_scripts(text: str) -> tuple[int, int]:
    """Return the number of Latin and of Cyrillic letters in text."""
    latin = cyrillic = 0
    for char in text:
        script = letter_script(char)
        if script is LATIN:
            latin += 1
        elif script is CYRILLIC:
            cyrillic += 1
    return latin, cyrillic


def repair_homoglyphs(word: str) -> str:
    """Rewrite the minority script's look-alike letters of a mixed word in its majority script.

    A tie leaves the word unchanged, because there is no majority to follow.
    """
    latin, cyrillic = count_scripts(word)
    if not latin or not cyrillic or latin == cyrillic:
        return word
    if latin > cyrillic:
        return word.translate(_TO_LATIN)
    return word.translate(_TO_CYRILLIC)


def script_of_counts(latin: int, cyrillic: int) -> str:
    """Name the script mix for the given letter counts."""
    if latin and cyrillic:
        return MIXED
    if latin:
        return LATIN
    if cyrillic:
        return CYRILLIC
    return NONE
