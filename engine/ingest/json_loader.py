"""JSON, NDJSON and columnar JSON read into records of text, with nested objects flattened."""

import json
from typing import Any

from engine.errors import Message
from engine.ingest.report import FileRejected

# Deeper objects are rejected: dotted names that long are of no use for matching.
MAX_NESTING = 32


class JsonFloat(float):
    """A JSON number with a fraction or exponent that remembers its text, so 1.50 stays "1.50"."""

    __slots__ = ("text",)

    def __new__(cls, text: str):
        number = super().__new__(cls, text)
        number.text = text
        return number


def read_json_records(text: str, file_name: str) -> tuple[list[dict[str, str | None]], list[str]]:
    """Parse `text` as JSON or NDJSON and return flat records and warnings.

    Accepted shapes: an array of objects, an object containing one array of objects, an object
    of equal-length arrays (one per column) and NDJSON (one object per line). Nested objects
    become dotted names such as `address.city`. Lists are kept as JSON text.
    """
    try:
        document = _parse(text, file_name)
        records, warnings = _records_of(document, file_name)
        # Replacing each record in place frees the parsed object as soon as it is flattened.
        for index, record in enumerate(records):
            records[index] = _flatten(record, index + 1, file_name)
        return records, warnings
    except RecursionError as exc:
        raise FileRejected(f"{file_name} is nested too deeply for the JSON parser. Store each "
                            f"record as an object at most {MAX_NESTING} levels deep.") from exc


def _parse(text: str, file_name: str) -> Any:
    try:
        return _loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":
            return _parse_lines(text, file_name)
        raise FileRejected(_syntax_message(file_name, exc)) from exc
    except ValueError as exc:
        raise FileRejected(f"{file_name} is not valid JSON: {exc}. Fix that value.") from exc


def _loads(text: str) -> Any:
    # Integers become Python int, which is exact. Other numbers, NaN and Infinity keep their text.
    return json.loads(text, parse_float=JsonFloat, parse_constant=str)


def _parse_lines(text: str, file_name: str) -> list:
    records = []
    for line_number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            records.append(_loads(line))
        except json.JSONDecodeError as exc:
            raise FileRejected(Message(
                f"{file_name}, line {line_number}: not valid JSON ({exc.msg}, column {exc.colno}). "
                "In NDJSON each line must hold one complete JSON object.", "input.ndjson_syntax",
                {"name": file_name, "line": line_number, "problem": exc.msg, "column": exc.colno})) from exc
    return records


def _syntax_message(file_name: str, exc: json.JSONDecodeError) -> Message:
    return Message(f"{file_name} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}. "
                   "Fix the JSON there and try again.", "input.json_syntax",
                   {"name": file_name, "problem": exc.msg, "line": exc.lineno, "column": exc.colno})


def _records_of(document: Any, file_name: str) -> tuple[list, list[str]]:
    warnings: list[str] = []
    if isinstance(document, dict):
        document, warnings = _unwrap_object(document, file_name)
    if not isinstance(document, list):
        raise FileRejected(Message(f"{file_name} contains a single JSON {_kind(document)}, not records. Use an "
                                   "array of objects, one object per record.",
                                   "input.json_single_value", {"name": file_name, "kind": _kind(document)}))
    if not document:
        raise FileRejected(Message(f"{file_name} contains an empty array: there are no records to load.",
                                   "input.json_empty_array", {"name": file_name}))

    for number, record in enumerate(document, start=1):
        if not isinstance(record, dict):
            raise FileRejected(Message(f"{file_name}: record {number} is a JSON {_kind(record)}, not an "
                                       "object. Every record must be an object of column names and values.",
                                       "input.json_record_not_object",
                                       {"name": file_name, "number": number, "kind": _kind(record)}))
    return document, warnings


def _unwrap_object(document: dict, file_name: str) -> tuple[Any, list[str]]:
    arrays = [key for key, value in document.items() if isinstance(value, list)]
    if arrays and len(arrays) == len(document) and not _holds_objects(document):
        return _columns_to_records(document, file_name), []
    if len(arrays) == 1:
        key = arrays[0]
        others = [name for name in document if name != key]
        if not others:
            return document[key], []
        warning = (f"{file_name}: records were read from the array {key!r}, and the other "
                   f"top-level keys ({', '.join(others)}) are ignored.")
        return document[key], [warning]
    if arrays:
        raise FileRejected(Message(f"{file_name} contains several arrays ({', '.join(arrays)}), so the records "
                                   "are ambiguous. Keep one array of objects, one object per record.",
                                   "input.json_several_arrays", {"name": file_name, "arrays": ", ".join(arrays)}))
    raise FileRejected(Message(f"{file_name} contains one JSON object and no array of records. Use an array "
                               "of objects, one object per record.", "input.json_no_array", {"name": file_name}))


def _holds_objects(document: dict) -> bool:
    return any(isinstance(item, dict) for values in document.values() for item in values)


def _columns_to_records(document: dict, file_name: str) -> list[dict]:
    lengths = {key: len(values) for key, values in document.items()}
    if len(set(lengths.values())) > 1:
        length_list = ", ".join(f"{key}: {length}" for key, length in lengths.items())
        raise FileRejected(Message(f"{file_name} contains one array per column, but the arrays differ in "
                                   f"length ({length_list}). Give every column the same number of values.",
                                   "input.json_column_lengths", {"name": file_name, "lengths": length_list}))
    return [dict(zip(document, row)) for row in zip(*document.values())]


def _kind(value: Any) -> str:
    kinds = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}
    return kinds.get(type(value), "number")


def _flatten(record: dict, number: int, file_name: str) -> dict[str, str | None]:
    flat: dict[str, str | None] = {}
    _flatten_into(flat, "", record, 1, number, file_name)
    return flat


def _flatten_into(flat: dict[str, str | None], prefix: str, record: dict, depth: int,
                  number: int, file_name: str) -> None:
    # Recursion stops at MAX_NESTING levels, far below Python's recursion limit.
    for key, value in record.items():
        column = prefix + key
        value_type = type(value)
        if value_type is str:
            flat[column] = value
        elif value_type is int:
            flat[column] = str(value)
        elif value_type is not dict:
            flat[column] = _cell_text(value)
        elif depth < MAX_NESTING:
            _flatten_into(flat, column + ".", value, depth + 1, number, file_name)
        else:
            raise FileRejected(f"{file_name}: record {number} nests objects more than {MAX_NESTING} "
                                f"levels deep (at {column[:80]}...). Flatten the record.")


def _cell_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, JsonFloat):
        return value.text
    if isinstance(value, list):
        # NOTE: numbers inside lists are written back by json.dumps, so 1.50 becomes 1.5 there.
        return json.dumps(value, ensure_ascii=False)
    return str(value)
