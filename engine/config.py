"""The processing config: the body of `POST /processing/start`, validated as a whole.

Every field of the API document is accepted, plus `fuzzy_method` per mapping and
`low_confidence_threshold`. Problems are collected and raised together as one `ConfigError`,
so an analyst fixes a config in one pass instead of one error at a time.
"""

import difflib
import json
import re
from typing import Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    ValidationError,
    field_validator,
    model_validator,
)

from engine.errors import ConfigError, Message

# output_path names a folder inside the user's result folder, never a path.
OUTPUT_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,99}")
OUTPUT_NAME_RULE = ("use 1 to 100 letters, digits, '_', '-' or '.', starting with a letter or "
                    "digit, without '..'")


def is_output_name(name: object) -> bool:
    """Tell whether `name` is a plain folder name that output_path allows."""
    return isinstance(name, str) and bool(OUTPUT_NAME.fullmatch(name)) and ".." not in name

MatchType = Literal["exact", "fuzzy", "phonetic", "uzbek_name"]
FuzzyMethod = Literal[
    "ratio", "partial_ratio", "token_sort_ratio", "token_set_ratio", "WRatio", "QRatio",
    "jaro_winkler", "levenshtein", "date",
]
MatchingType = Literal["one-to-one", "one-to-many", "many-to-many"]
OutputFormat = Literal["json", "csv", "xlsx", "parquet"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class UzbekSpecific(Strict):
    script_conversion: bool = True
    phonetic_rules: bool = True
    common_variations: bool = True


class Mapping(Strict):
    file1_col: str = Field(min_length=1)
    file2_col: str = Field(min_length=1)
    match_type: MatchType = "fuzzy"
    fuzzy_method: FuzzyMethod = "token_sort_ratio"
    use_normalization: bool = True
    case_sensitive: bool = False
    weight: float = Field(default=1.0, gt=0)
    fuzzy_threshold: float | None = Field(default=None, ge=0, le=100)
    uzbek_specific: UzbekSpecific | None = None

    @property
    def label(self) -> str:
        return f"{self.file1_col} -> {self.file2_col}"


class UzbekProcessing(Strict):
    enabled: bool = False
    script_conversion: bool | None = None
    phonetic_matching: bool = False


class UzbekNormalization(Strict):
    enabled: bool = False
    cyrillic_to_latin: bool | None = None
    remove_diacritics: bool = True
    standardize_spelling: bool = False


class TextProcessing(Strict):
    uzbek_normalization: UzbekNormalization = UzbekNormalization()


class Performance(Strict):
    parallel_processing: bool = True
    max_workers: int = Field(default=2, ge=1, le=64)
    chunk_size: int = Field(default=100_000, ge=100)
    # 768 MiB keeps a million-record job under 1.5 GB in all (BENCHMARKS.md). More spills to disk.
    memory_limit_mb: int = Field(default=768, ge=256)
    max_candidate_pairs: int = Field(default=50_000_000, ge=1)

    @property
    def threads(self) -> int:
        return self.max_workers if self.parallel_processing else 1


class ProcessingConfig(Strict):
    mappings: list[Mapping] = Field(min_length=1)
    output_cols1: list[str] | None = None
    output_cols2: list[str] | None = None
    output_format: OutputFormat = "json"
    output_path: str = "matched_results"
    threshold: float = Field(default=80, ge=0, le=100)
    low_confidence_threshold: float | None = Field(default=None, ge=0, le=100)
    matching_type: MatchingType = "one-to-one"
    generate_unmatched: bool = True
    include_confidence_scores: bool = False
    # The score a mapping counts with when its value is missing on either side. None leaves
    # the mapping out of the weighted mean, so agreement on the present ones alone can reach
    # 100. Not used with auto_weights, where a missing value is no evidence either way.
    missing_value_score: float | None = Field(default=None, ge=0, le=100)
    # Fit a Fellegi-Sunter model by EM on the candidate pairs. The score becomes the match
    # probability, and each mapping's weight multiplies its fitted evidence.
    auto_weights: StrictBool = False
    uzbek_processing: UzbekProcessing | None = None
    text_processing: TextProcessing | None = None
    performance: Performance = Performance()

    @field_validator("output_path")
    @classmethod
    def _plain_folder_name(cls, name: str) -> str:
        # Checked with the other fields, so one request lists every problem of the config.
        if not is_output_name(name):
            raise ValueError("not a plain folder name: it names a folder inside your result "
                             f"folder, not a path, so {OUTPUT_NAME_RULE}")
        return name

    @model_validator(mode="after")
    def _low_below_threshold(self):
        if self.low_confidence_threshold is not None and self.low_confidence_threshold > self.threshold:
            raise ValueError(
                f"low_confidence_threshold {self.low_confidence_threshold:g} is above threshold "
                f"{self.threshold:g}; set it at or below the threshold")
        return self

    @property
    def low_threshold(self) -> float:
        """Lower edge of the low-confidence band: the setting, or threshold - 10."""
        if self.low_confidence_threshold is not None:
            return self.low_confidence_threshold
        return max(0.0, self.threshold - 10)


def parse_config(body: dict) -> ProcessingConfig:
    """Validate a config body, raising one `ConfigError` that lists every problem."""
    if not isinstance(body, dict):
        raise ConfigError([f"the config must be a JSON object, got {type(body).__name__}"])
    try:
        return ProcessingConfig.model_validate(body)
    except ValidationError as exc:
        raise ConfigError([_describe(error) for error in exc.errors()]) from None


def check_columns(config: ProcessingConfig, columns1: list[str], columns2: list[str]) -> None:
    """Check every column the config names against the files' columns, before any SQL runs."""
    problems = body_column_problems(config.model_dump(include={"mappings", "output_cols1", "output_cols2"}),
                                    columns1, columns2)
    if problems:
        raise ConfigError(problems)


def parse_config_for(body: dict, columns1: list[str], columns2: list[str]) -> ProcessingConfig:
    """Validate a config body and its column names together, raising one ConfigError for all.

    A body with other problems still has its column names checked, so that a misspelt column
    is reported in the same error as a threshold of 150.
    """
    try:
        config = parse_config(body)
    except ConfigError as exc:
        flagged = {str(problem).split(":", 1)[0] for problem in exc.problems}
        extra = [problem for problem in body_column_problems(body, columns1, columns2)
                 if problem.params["field"] not in flagged]
        raise ConfigError([*exc.problems, *extra]) from None
    check_columns(config, columns1, columns2)
    return config


def body_column_problems(body: dict, columns1: list[str], columns2: list[str]) -> list[Message]:
    """Return the column names in a config body that the files lack; values of a wrong type are skipped."""
    problems = []
    mappings = body.get("mappings") if isinstance(body, dict) else None
    for i, mapping in enumerate(mappings if isinstance(mappings, list) else []):
        if not isinstance(mapping, dict):
            continue
        for slot, columns in ((1, columns1), (2, columns2)):
            name = mapping.get(f"file{slot}_col")
            if isinstance(name, str):
                problems += _missing(f"mappings[{i}].file{slot}_col", [name], columns, slot)
    for slot, columns in ((1, columns1), (2, columns2)):
        names = body.get(f"output_cols{slot}") if isinstance(body, dict) else None
        if isinstance(names, list):
            problems += _missing(f"output_cols{slot}", [n for n in names if isinstance(n, str)], columns, slot)
    return problems


def _missing(field: str, names: list[str], columns: list[str], slot: int) -> list[Message]:
    known = ", ".join(repr(c) for c in columns)
    return [Message(f"{field}: column {name!r} is not in file {slot}; its columns are {known}",
                    "config.missing_column", {"field": field, "column": name, "slot": slot, "columns": known})
            for name in names if name not in columns]


# Pydantic's number bounds: the context key of the limit, what the value is, what to give.
_BOUNDS = {
    "less_than_equal": ("le", "above", "of at most"),
    "less_than": ("lt", "not below", "below"),
    "greater_than_equal": ("ge", "below", "of at least"),
    "greater_than": ("gt", "not above", "above"),
}


def _describe(error: dict) -> str:
    """Turn one pydantic error into 'field: problem (got value)'."""
    field = _location(error["loc"])
    kind = error["type"]
    value = error.get("input")
    if kind == "extra_forbidden":
        return f"{field}: unknown field; {_spelling_hint(error['loc'][-1])}"
    if kind == "missing":
        return f"{field}: required field is missing"
    if kind == "literal_error":
        allowed = error.get("ctx", {}).get("expected", "")
        return f"{field}: {value!r} is not allowed; use one of {allowed}"
    if kind == "too_short" and field == "mappings":
        return "mappings: at least one mapping is required"
    bound = _BOUNDS.get(kind)
    if bound is not None:
        limit = error.get("ctx", {}).get(bound[0])
        limit_text = f"{limit:g}" if isinstance(limit, int | float) else str(limit)
        return (f"{field}: {value!r} is {bound[1]} {limit_text}; "
                f"give a value {bound[2]} {limit_text}")
    if kind in ("bool_type", "bool_parsing"):
        return f"{field}: {json.dumps(value, default=str)} is not true or false; write true or false without quotes"
    message = error["msg"].removeprefix("Value error, ")
    if field:
        return f"{field}: {message} (got {value!r})"
    return message


def _spelling_hint(name) -> str:
    """Suggest the config field that `name` looks like a misspelling of, if any."""
    known = {field for model in Strict.__subclasses__() for field in model.model_fields}
    close = difflib.get_close_matches(str(name), sorted(known), n=1, cutoff=0.8)
    if close:
        return f"did you mean {close[0]!r}? Otherwise remove it"
    return "remove it or check its spelling"


def _location(loc: tuple) -> str:
    parts = []
    for item in loc:
        if isinstance(item, int):
            parts[-1] += f"[{item}]"
        else:
            parts.append(str(item))
    return ".".join(parts)
