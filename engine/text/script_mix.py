"""Script mix of a value (Cyrillic, Latin, both or none), measured after clean-up."""

from engine.text.cleanup import clean_text
from engine.text.scripts import count_scripts, script_of_counts


def script_mix(value: str) -> str:
    """Return "cyrillic", "latin", "mixed" or "none" for the letters of a cleaned value.

    Clean-up first repairs look-alike letters inside a word, so a Latin name with one Cyrillic
    о counts as Latin. "mixed" therefore means whole words in different scripts.
    """
    return script_of_counts(*count_scripts(clean_text(value)))
