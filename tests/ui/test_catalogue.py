"""The message catalogues: same keys and placeholders in both languages, no text outside them."""

import ast
import re
import string
from pathlib import Path

import pytest

from ui.i18n import LANGUAGES, catalogue, format_count

UI = Path(__file__).resolve().parents[2] / "ui"
SOURCES = sorted(UI.rglob("*.py"))

# Streamlit calls whose positional text or these keyword arguments reach the screen.
DISPLAY_CALLS = {
    "title", "header", "subheader", "markdown", "caption", "write", "text", "error", "warning",
    "info", "success", "toast", "button", "download_button", "link_button", "form_submit_button",
    "text_input", "text_area", "number_input", "selectbox", "multiselect", "radio", "checkbox",
    "toggle", "slider", "select_slider", "file_uploader", "expander", "metric", "tabs",
    "set_page_config", "progress", "spinner", "status",
}
DISPLAY_KEYWORDS = {"label", "help", "placeholder", "text", "page_title", "button_name"}


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _calls():
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                yield path, node


def _literal_text(node) -> str | None:
    """The words of a string literal or f-string, or None for anything else."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(part.value for part in node.values if isinstance(part, ast.Constant))
    return None


def _is_t_call(node) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "t"


def test_catalogues_same_keys():
    english, uzbek = catalogue("en"), catalogue("uz")
    assert sorted(set(english) - set(uzbek)) == [], "keys missing from uz.json"
    assert sorted(set(uzbek) - set(english)) == [], "keys missing from en.json"


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_values_filled(language):
    empty = [key for key, text in catalogue(language).items() if not text.strip()]
    assert empty == []


def test_catalogue_placeholders_agree():
    english, uzbek = catalogue("en"), catalogue("uz")
    differing = [key for key in english if _placeholders(english[key]) != _placeholders(uzbek[key])]
    assert differing == []


def test_uzbek_catalogue_latin_script():
    cyrillic = [key for key, text in catalogue("uz").items() if re.search("[\u0400-\u04ff]", text)]
    assert cyrillic == []


def test_code_keys_in_catalogue():
    known = set(catalogue("en"))
    missing = []
    for path, node in _calls():
        if not (_is_t_call(node) or _is_next_step(node)) or not node.args:
            continue
        key = node.args[0]
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            if key.value not in known:
                missing.append(f"{path.name}:{node.lineno} {key.value}")
        elif isinstance(key, ast.JoinedStr):
            prefix = _literal_text(ast.JoinedStr(values=key.values[:1])) or ""
            if not any(name.startswith(prefix) for name in known):
                missing.append(f"{path.name}:{node.lineno} {prefix}...")
    assert missing == []


def _is_next_step(node) -> bool:
    return isinstance(node.func, ast.Name) and node.func.id == "next_step"


def test_dynamic_keys_complete():
    """Keys built at run time from a fixed set of values exist for every value."""
    from ui.mapping_state import MATCH_TYPES, MATCHING_TYPES
    from ui.review_table import REASONS, RESULT_TYPES
    from ui.session import PAGES
    from ui.views.run import NOTE_TOPICS

    known = set(catalogue("en"))
    expected = ({f"nav.{page}" for page in PAGES} | {f"match_type.{v}" for v in MATCH_TYPES}
                | {f"matching_type.{v}" for v in MATCHING_TYPES} | {f"result.{v}" for v in RESULT_TYPES}
                | {f"reason.{v}" for v in REASONS} | {f"reason_detail.{v}" for v in REASONS}
                | {f"review.no_rows_{v}" for v in RESULT_TYPES}
                | {f"status.{v}" for v in ("starting", "processing", "completed", "failed", "cancelled")}
                | {f"review.decided_{v}" for v in ("accept", "reject", "none")}
                | {f"decision.{v}" for v in ("accept", "reject")}
                | {f"run.notes_topic.{v}" for v in (*NOTE_TOPICS, "other")})
    assert sorted(expected - known) == []


def test_no_text_outside_catalogue():
    found = []
    for path, node in _calls():
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        receiver = getattr(getattr(node.func, "value", None), "id", "")
        if name not in DISPLAY_CALLS or receiver in ("logger", "logging"):
            continue
        arguments = list(node.args) + [kw.value for kw in node.keywords if kw.arg in DISPLAY_KEYWORDS]
        for argument in arguments:
            text = _literal_text(argument)
            # Markup and punctuation around translated text are fine; words are not.
            if text is not None and re.search(r"[^\W\d_]{2,}", re.sub(r"<[^>]*>|\{[^}]*\}", "", text)):
                found.append(f"{path.relative_to(UI)}:{node.lineno} {text[:40]!r}")
    assert found == []


@pytest.mark.parametrize(("language", "written"), [("en", "50,398"), ("uz", "50\u00a0398")])
def test_counts_grouped_by_language(language, written):
    assert format_count(50_398, language) == written
    assert format_count(7, language) == "7"
