"""Mapping page: which columns to compare and how, the output, and the config as JSON."""

import json

import streamlit as st

from engine.config import parse_config
from engine.errors import ConfigError
from engine.store import Upload, User
from ui.config_check import check_body
from ui.context import AppContext
from ui.failures import show_failure
from ui.i18n import t
from ui.mapping_draft import draft_text, load_draft, save_draft
from ui.mapping_state import (
    FUZZY_METHODS,
    MATCH_TYPES,
    MATCHING_TYPES,
    OUTPUT_FORMATS,
    config_body,
    default_options,
    new_row,
    rows_from_suggestions,
    state_from_body,
)
from ui.session import current_upload, go_to
from ui.suggest import suggest_pairs
from ui.uploads import column_samples, inspect_upload
from ui.widgets import bound, next_step

OPTION_PREFIX = "opt_"
# The draft text last written for this session's upload, so that a rerun without a change
# writes nothing.
SAVED_DRAFT_KEY = "mapping_saved_draft"


def render(ctx: AppContext, user: User) -> None:
    st.header(t("mapping.title"))
    upload = current_upload(ctx, user)
    if upload is None:
        next_step("mapping.no_upload")
        return
    reports = inspect_upload(upload)
    if not all(report.valid for report in reports):
        next_step("mapping.invalid_upload")
        return
    columns1, columns2 = (report.column_names for report in reports)
    suggestions = _ensure_state(upload, columns1, columns2)

    _suggestion_panel(suggestions)
    rows, options = st.session_state["mappings"], st.session_state["mapping_options"]
    for index, row in enumerate(rows):
        _mapping_editor(index, row, columns1, columns2)
    st.button(t("mapping.add"), key="mapping_add", on_click=_add_row, args=(columns1[0], columns2[0]))
    _options_editor(options, columns1, columns2)
    _save_draft(upload, rows, options)

    body = config_body(rows, options)
    config, problems = check_body(body, columns1, columns2)
    _show_check(problems)
    _save_and_load(config, columns1, columns2)
    if config is not None:
        st.button(t("mapping.next"), key="mapping_next", type="primary", on_click=go_to, args=("run",))


def validated_config(ctx: AppContext, user: User):
    """Return (upload, config) when the session has a valid upload and mapping, else (upload, None).

    After a reload the session has no mapping yet, so the upload's saved draft is used.
    """
    upload = current_upload(ctx, user)
    if upload is None:
        return upload, None
    reports = inspect_upload(upload)
    if not all(report.valid for report in reports):
        return upload, None
    columns1, columns2 = (report.column_names for report in reports)
    if st.session_state.get("mapping_upload_id") != upload.id and not _use_draft(upload, columns1, columns2):
        return upload, None
    body = config_body(st.session_state["mappings"], st.session_state["mapping_options"])
    config, _ = check_body(body, columns1, columns2)
    return upload, config


def _use_draft(upload: Upload, columns1: list[str], columns2: list[str]) -> bool:
    """Take the upload's saved draft as the session's mapping; False when there is none."""
    draft = load_draft(upload, columns1, columns2)
    if draft is None:
        return False
    _start_state(upload, draft, saved=True)
    return True


def _ensure_state(upload: Upload, columns1: list[str], columns2: list[str]):
    """Start the page's state for a newly chosen upload: its saved draft, else the suggestions."""
    samples1, samples2 = column_samples(upload)
    suggestions = suggest_pairs(samples1, samples2)
    if st.session_state.get("mapping_upload_id") != upload.id:
        draft = load_draft(upload, columns1, columns2)
        if draft is None:
            # Saved on this run too, so that after a reload the Run page finds the mapping that
            # this page showed, edited or not.
            suggested = rows_from_suggestions(suggestions), default_options(columns1, columns2)
            _start_state(upload, suggested, saved=False)
        else:
            _start_state(upload, draft, saved=True)
    return suggestions


def _start_state(upload: Upload, draft: tuple[list[dict], dict], saved: bool) -> None:
    """Make `draft` the page's state; `saved` tells whether the upload's draft file has it already."""
    _reset_state(*draft)
    st.session_state["mapping_upload_id"] = upload.id
    st.session_state[SAVED_DRAFT_KEY] = draft_text(*draft) if saved else None


def _save_draft(upload: Upload, rows: list[dict], options: dict) -> None:
    text = draft_text(rows, options)
    if st.session_state.get(SAVED_DRAFT_KEY) != text:
        save_draft(upload, text)
        st.session_state[SAVED_DRAFT_KEY] = text


def _reset_state(rows: list[dict], options: dict) -> None:
    for key in [key for key in st.session_state if str(key).startswith(OPTION_PREFIX)]:
        del st.session_state[key]
    st.session_state["mappings"] = rows
    st.session_state["mapping_options"] = options


def _suggestion_panel(suggestions) -> None:
    with st.expander(t("mapping.suggestions", count=len(suggestions)), expanded=False):
        if not suggestions:
            st.caption(t("mapping.no_suggestions"))
        for item in suggestions:
            st.write(t(f"mapping.suggested_by_{item.reason}", file1_col=item.file1_col,
                       file2_col=item.file2_col, score=round(item.score * 100)))
        st.button(t("mapping.use_suggestions"), key="mapping_use_suggestions",
                  on_click=_use_suggestions, args=(suggestions,))


def _use_suggestions(suggestions) -> None:
    st.session_state["mappings"] = rows_from_suggestions(suggestions)


def _add_row(column1: str, column2: str) -> None:
    st.session_state["mappings"].append(new_row(column1, column2))


def _remove_row(row_id: str) -> None:
    st.session_state["mappings"] = [row for row in st.session_state["mappings"] if row["id"] != row_id]


def _mapping_editor(index: int, row: dict, columns1: list[str], columns2: list[str]) -> None:
    key = f"{OPTION_PREFIX}m_{row['id']}_"
    title = t("mapping.item", number=index + 1, file1_col=row["file1_col"], file2_col=row["file2_col"])
    with st.expander(title, expanded=True):
        left, right, kind = st.columns(3)
        with left:
            bound(st.selectbox, key + "file1_col", row, "file1_col", t("mapping.file1_col"), columns1)
        with right:
            bound(st.selectbox, key + "file2_col", row, "file2_col", t("mapping.file2_col"), columns2)
        with kind:
            bound(st.selectbox, key + "match_type", row, "match_type", t("mapping.match_type"), MATCH_TYPES,
                  format_func=lambda value: t(f"match_type.{value}"))
        _mapping_details(key, row)
        st.button(t("mapping.remove"), key=key + "remove", on_click=_remove_row, args=(row["id"],))


def _mapping_details(key: str, row: dict) -> None:
    first, second, third = st.columns(3)
    with first:
        bound(st.selectbox, key + "fuzzy_method", row, "fuzzy_method", t("mapping.fuzzy_method"), FUZZY_METHODS,
              disabled=row["match_type"] != "fuzzy", help=t("mapping.fuzzy_method_help"),
              format_func=lambda value: t(f"fuzzy_method.{value}"))
        bound(st.number_input, key + "weight", row, "weight", t("mapping.weight"), min_value=0.01,
              step=0.5, help=t("mapping.weight_help"))
    with second:
        bound(st.checkbox, key + "use_normalization", row, "use_normalization", t("mapping.normalisation"),
              help=t("mapping.normalisation_help"))
        bound(st.checkbox, key + "case_sensitive", row, "case_sensitive", t("mapping.case_sensitive"))
        bound(st.number_input, key + "fuzzy_threshold", row, "fuzzy_threshold", t("mapping.fuzzy_threshold"),
              min_value=0.0, max_value=100.0, step=5.0, help=t("mapping.fuzzy_threshold_help"))
    with third:
        uzbek = bound(st.checkbox, key + "uzbek", row, "uzbek", t("mapping.uzbek"), help=t("mapping.uzbek_help"))
        # Shown only while they apply: greyed-out ticks read as "on" to analysts. The row keeps
        # their values, so switching the Uzbek options back on restores them.
        if uzbek:
            for name in ("script_conversion", "phonetic_rules", "common_variations"):
                bound(st.checkbox, key + name, row, name, t(f"mapping.uzbek_{name}"))


def _options_editor(options: dict, columns1: list[str], columns2: list[str]) -> None:
    st.subheader(t("mapping.options"))
    p = OPTION_PREFIX
    left, right = st.columns(2)
    with left:
        bound(st.multiselect, p + "output_cols1", options, "output_cols1", t("mapping.output_cols1"), columns1)
        bound(st.selectbox, p + "matching_type", options, "matching_type", t("mapping.matching_type"),
              MATCHING_TYPES, format_func=lambda value: t(f"matching_type.{value}"))
        bound(st.slider, p + "threshold", options, "threshold", t("mapping.threshold"), 0.0, 100.0, step=1.0,
              help=t("mapping.threshold_help"))
        bound(st.checkbox, p + "custom_low", options, "custom_low", t("mapping.custom_low"))
        if not options["custom_low"]:
            # The greyed-out slider shows the value the job will use: the threshold less 10.
            options["low_confidence_threshold"] = max(0.0, float(options["threshold"]) - 10)
            st.session_state[p + "low_confidence_threshold"] = options["low_confidence_threshold"]
        bound(st.slider, p + "low_confidence_threshold", options, "low_confidence_threshold",
              t("mapping.low_threshold"), 0.0, 100.0, step=1.0, disabled=not options["custom_low"],
              help=t("mapping.low_threshold_help"))
    with right:
        bound(st.multiselect, p + "output_cols2", options, "output_cols2", t("mapping.output_cols2"), columns2)
        bound(st.selectbox, p + "output_format", options, "output_format", t("mapping.output_format"), OUTPUT_FORMATS)
        bound(st.text_input, p + "output_path", options, "output_path", t("mapping.output_name"),
              help=t("mapping.output_name_help"))
        bound(st.checkbox, p + "generate_unmatched", options, "generate_unmatched", t("mapping.generate_unmatched"))
        bound(st.checkbox, p + "include_confidence_scores", options, "include_confidence_scores",
              t("mapping.include_scores"))
        bound(st.checkbox, p + "auto_weights", options, "auto_weights", t("mapping.auto_weights"),
              help=t("mapping.auto_weights_help"))
        bound(st.checkbox, p + "custom_missing", options, "custom_missing", t("mapping.custom_missing"),
              help=t("mapping.missing_score_help"))
        bound(st.slider, p + "missing_value_score", options, "missing_value_score",
              t("mapping.missing_score"), 0.0, 100.0, step=1.0, disabled=not options["custom_missing"])


def _show_check(problems: list[str]) -> None:
    if not problems:
        st.success(t("mapping.valid"))
        return
    show_failure(t("mapping.invalid", count=len(problems)), problems)


def _save_and_load(config, columns1: list[str], columns2: list[str]) -> None:
    st.subheader(t("mapping.save_load"))
    left, right = st.columns(2)
    with left:
        if config is None:
            st.caption(t("mapping.save_needs_valid"))
        else:
            body = config.model_dump(mode="json", exclude_none=True)
            st.download_button(t("mapping.save"), json.dumps(body, indent=2, ensure_ascii=False),
                               file_name="moslik-mapping.json", mime="application/json", key="mapping_save")
            with st.expander(t("mapping.show_json")):
                st.code(json.dumps(body, indent=2, ensure_ascii=False), language="json")
    with right:
        loaded = st.file_uploader(t("mapping.load"), type=["json"], key="mapping_load")
        if loaded is not None and st.button(t("mapping.load_apply"), key="mapping_load_apply"):
            _load(loaded.getvalue(), columns1, columns2)


def _load(data: bytes, columns1: list[str], columns2: list[str]) -> None:
    try:
        body = json.loads(data.decode("utf-8-sig"))
        if isinstance(body, dict):
            body.pop("upload_id", None)  # a start request may carry it; the page uses its own upload
        config = parse_config(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        show_failure(t("mapping.load_not_json"), str(exc))
        return
    except ConfigError as exc:
        show_failure(t("mapping.load_invalid", count=len(exc.problems)), list(exc.problems))
        return
    _, problems = check_body(config.model_dump(mode="json", exclude_none=True), columns1, columns2)
    if problems:
        show_failure(t("mapping.load_invalid", count=len(problems)), problems)
        return
    rows, options = state_from_body(config)
    options["output_cols1"] = options["output_cols1"] or list(columns1)
    options["output_cols2"] = options["output_cols2"] or list(columns2)
    _reset_state(rows, options)
    st.rerun()
