"""Script mix of a value (Cyrillic, Latin, both or none), measured after clean-up."""

import re

from engine.text.cleanup import clean_text
from engine.text.scripts import count_scripts, script_of_counts

_ASCII_LETTER = re.compile("[A-Za-z]")


def script_mix(value: str) -> str:
    """Return "cyrillic", "latin", "mixed" or "none" for the letters of a cleaned value.

    Clean-up first repairs look-alike letters inside a word, so a Latin name with one Cyrillic
    о counts as Latin. "mixed" therefore means whole words in different scripts. An ASCII
    value has Latin letters or none, so it skips the clean-up: a job reads up to 28,000 sample
    values to tell its columns' scripts, which took 0.16 s through the clean-up.
    """
    if value.isascii():
        return "latin" if _ASCII_LETTER.search(value) else "none"
    return script_of_counts(*count_scripts(clean_text(value)))
