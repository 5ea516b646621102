"""Message catalogues: every string the app shows comes from `messages/<language>.json`.

`t(key, **values)` looks the key up in the language of the current session and fills its
`{placeholders}` with `str.format`. A missing key raises KeyError, so a typo fails loudly in
tests instead of showing a raw key to a user.
"""

import json
from functools import cache
from pathlib import Path

import streamlit as st

MESSAGES_DIR = Path(__file__).resolve().parent / "messages"
LANGUAGES = ("en", "uz")
DEFAULT_LANGUAGE = "en"
LANGUAGE_KEY = "lang"
# Digit groups of counts: English writes 50,398 and Uzbek 50 398, with a no-break space so
# that a number never wraps.
GROUP_SEPARATORS = {"en": ",", "uz": "\u00a0"}


@cache
def catalogue(language: str) -> dict[str, str]:
    """Return the messages of `language` ('en' or 'uz') as a flat key -> text dict."""
    if language not in LANGUAGES:
        raise KeyError(f"language {language!r} has no catalogue; use one of {', '.join(LANGUAGES)}")
    return json.loads((MESSAGES_DIR / f"{language}.json").read_text(encoding="utf-8"))


def current_language() -> str:
    language = st.session_state.get(LANGUAGE_KEY, DEFAULT_LANGUAGE)
    return language if language in LANGUAGES else DEFAULT_LANGUAGE


def t(key: str, **values) -> str:
    """Return the message `key` in the session's language, with `values` filled in."""
    text = catalogue(current_language())[key]
    return text.format(**values) if values else text


def format_count(value: int, language: str) -> str:
    """Write a count with the digit groups of `language`: 50,398 or 50 398."""
    return f"{value:,}".replace(",", GROUP_SEPARATORS[language])


def count(value: int) -> str:
    """Write a count with the digit groups of the session's language."""
    return format_count(value, current_language())
