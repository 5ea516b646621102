"""The mapping page's state and the processing config body it stands for.

The state is a list of mapping rows plus a dict of options, kept in plain session keys so it
survives moving to another page (Streamlit drops the state of widgets that are not drawn).
`config_body` turns it into exactly the body of `POST /processing/start`, and `state_from_body`
reads such a body back.
"""

import uuid

from engine.config import Mapping, ProcessingConfig, UzbekSpecific
from ui.suggest import Suggestion

MATCH_TYPES = ("exact", "fuzzy", "phonetic", "uzbek_name")
FUZZY_METHODS = ("token_sort_ratio", "token_set_ratio", "ratio", "partial_ratio", "WRatio",
                 "QRatio", "jaro_winkler", "levenshtein", "date")
MATCHING_TYPES = ("one-to-one", "one-to-many", "many-to-many")
OUTPUT_FORMATS = ("csv", "json", "xlsx", "parquet")
EXTRA_FIELDS = {"uzbek_processing", "text_processing", "performance"}
# The missing_value_score the page offers first: halfway, neither agreement nor disagreement.
NEUTRAL_MISSING_SCORE = 50.0

_MAPPING_DEFAULTS = Mapping(file1_col="a", file2_col="b")
_UZBEK_DEFAULTS = UzbekSpecific()
_CONFIG_DEFAULTS = ProcessingConfig(mappings=[_MAPPING_DEFAULTS])


def new_row(file1_col: str, file2_col: str, match_type: str = "fuzzy",
            fuzzy_method: str = "token_sort_ratio") -> dict:
    """Return a mapping row with the engine's defaults; `id` keys its widgets."""
    return {
        "id": uuid.uuid4().hex[:12], "file1_col": file1_col, "file2_col": file2_col,
        "match_type": match_type, "fuzzy_method": fuzzy_method,
        "use_normalization": _MAPPING_DEFAULTS.use_normalization,
        "case_sensitive": _MAPPING_DEFAULTS.case_sensitive,
        "weight": _MAPPING_DEFAULTS.weight, "fuzzy_threshold": 0.0, "uzbek": False,
        "script_conversion": _UZBEK_DEFAULTS.script_conversion,
        "phonetic_rules": _UZBEK_DEFAULTS.phonetic_rules,
        "common_variations": _UZBEK_DEFAULTS.common_variations,
    }


def rows_from_suggestions(suggestions: list[Suggestion]) -> list[dict]:
    return [new_row(s.file1_col, s.file2_col, s.match_type, s.fuzzy_method) for s in suggestions]


def default_options(columns1: list[str], columns2: list[str]) -> dict:
    return {
        "output_cols1": list(columns1), "output_cols2": list(columns2),
        "matching_type": _CONFIG_DEFAULTS.matching_type, "output_format": "csv",
        "threshold": float(_CONFIG_DEFAULTS.threshold), "custom_low": False,
        "low_confidence_threshold": max(0.0, float(_CONFIG_DEFAULTS.threshold) - 10),
        "generate_unmatched": True, "include_confidence_scores": True,
        "auto_weights": _CONFIG_DEFAULTS.auto_weights, "output_path": _CONFIG_DEFAULTS.output_path,
        "custom_missing": False, "missing_value_score": NEUTRAL_MISSING_SCORE,
    }


def config_body(rows: list[dict], options: dict) -> dict:
    """Return the `POST /processing/start` body for the page's state (not yet validated)."""
    body = {
        "mappings": [_mapping_body(row) for row in rows],
        "output_cols1": list(options["output_cols1"]),
        "output_cols2": list(options["output_cols2"]),
        "output_format": options["output_format"],
        "output_path": options["output_path"],
        "threshold": float(options["threshold"]),
        "matching_type": options["matching_type"],
        "generate_unmatched": bool(options["generate_unmatched"]),
        "include_confidence_scores": bool(options["include_confidence_scores"]),
    }
    if options.get("auto_weights"):
        body["auto_weights"] = True
    if options.get("custom_low"):
        body["low_confidence_threshold"] = float(options["low_confidence_threshold"])
    if options.get("custom_missing"):
        body["missing_value_score"] = float(options["missing_value_score"])
    body.update(options.get("extra", {}))
    return body


def _mapping_body(row: dict) -> dict:
    mapping = {
        "file1_col": row["file1_col"], "file2_col": row["file2_col"],
        "match_type": row["match_type"], "fuzzy_method": row["fuzzy_method"],
        "use_normalization": bool(row["use_normalization"]),
        "case_sensitive": bool(row["case_sensitive"]), "weight": float(row["weight"]),
    }
    if row["fuzzy_threshold"]:
        mapping["fuzzy_threshold"] = float(row["fuzzy_threshold"])
    if row["uzbek"]:
        mapping["uzbek_specific"] = {name: bool(row[name]) for name in
                                     ("script_conversion", "phonetic_rules", "common_variations")}
    return mapping


def state_from_body(config: ProcessingConfig) -> tuple[list[dict], dict]:
    """Read a validated config back into mapping rows and options."""
    rows = []
    for mapping in config.mappings:
        row = new_row(mapping.file1_col, mapping.file2_col, mapping.match_type, mapping.fuzzy_method)
        row.update(use_normalization=mapping.use_normalization, case_sensitive=mapping.case_sensitive,
                   weight=mapping.weight, fuzzy_threshold=mapping.fuzzy_threshold or 0.0,
                   uzbek=mapping.uzbek_specific is not None)
        if mapping.uzbek_specific is not None:
            row.update(mapping.uzbek_specific.model_dump())
        rows.append(row)

    options = {
        "output_cols1": list(config.output_cols1 or []), "output_cols2": list(config.output_cols2 or []),
        "matching_type": config.matching_type, "output_format": config.output_format,
        "threshold": float(config.threshold), "custom_low": config.low_confidence_threshold is not None,
        "low_confidence_threshold": float(config.low_threshold),
        "generate_unmatched": config.generate_unmatched,
        "include_confidence_scores": config.include_confidence_scores,
        "auto_weights": config.auto_weights,
        "output_path": config.output_path,
        "custom_missing": config.missing_value_score is not None,
        "missing_value_score": (NEUTRAL_MISSING_SCORE if config.missing_value_score is None
                                else float(config.missing_value_score)),
        # Settings the page has no widget for are kept, so that saving gives the loaded body back.
        "extra": config.model_dump(mode="json", include=EXTRA_FIELDS, exclude_none=True),
    }
    return rows, options
