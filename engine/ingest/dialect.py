"""CSV dialect detection: the delimiter, and the header row read with it."""

import csv
import io
from collections import Counter

DELIMITERS = (",", ";", "\t", "|")
QUOTE = '"'
SAMPLE_RECORDS = 200


def detect_delimiter(text: str) -> str:
    """Return the delimiter that splits the sampled records into the most consistent columns.

    Each candidate parses the sample with the csv module. The winner gives the same field count
    (more than one) on the largest share of records, then the most fields. A delimiter always
    followed by a space, as in FEBRL's ", ", is returned with that space, so values and names
    come out without it. A file with one column gets the first candidate that splits no record.
    """
    lines = _lines(text)
    scores = {delimiter: _consistency(lines, delimiter) for delimiter in DELIMITERS}

    # A delimiter that never occurs splits every record into one field, perfectly consistent.
    best = max(DELIMITERS, key=lambda delimiter: (scores[delimiter][1] >= 2, scores[delimiter]))
    if scores[best][1] < 2:
        return _single_column_delimiter(scores)
    if _always_followed_by_space(lines, best):
        return best + " "
    return best


def _single_column_delimiter(scores: dict[str, tuple[float, int]]) -> str:
    # With one column, a comma inside a value must not split it, so a candidate that splits no
    # record is preferred.
    for delimiter in DELIMITERS:
        if scores[delimiter] == (1.0, 1):
            return delimiter
    return ","


def read_header(text: str, delimiter: str) -> list[str]:
    """Return the first record of `text` split with `delimiter`, or [] when there is none."""
    reader = _reader(_lines(text), delimiter)
    try:
        return next(reader, [])
    except csv.Error:
        return []


def _lines(text: str) -> list[str]:
    # str.splitlines also breaks at form feeds and other separators; CSV lines end only at
    # \n, \r or \r\n, as a StringIO with newline="" splits them.
    return list(io.StringIO(text, newline=""))


def _reader(lines: list[str], delimiter: str):
    # csv takes one character; a trailing space in the delimiter becomes skipinitialspace.
    return csv.reader(lines, delimiter=delimiter[0], quotechar=QUOTE, doublequote=True,
                      skipinitialspace=len(delimiter) > 1)


def _records(lines: list[str], delimiter: str) -> list[list[str]]:
    records = []
    try:
        for record in _reader(lines, delimiter):
            if record:
                records.append(record)
            if len(records) >= SAMPLE_RECORDS:
                break
    except csv.Error:
        return []
    return records


def _consistency(lines: list[str], delimiter: str) -> tuple[float, int]:
    counts = [len(record) for record in _records(lines, delimiter)]
    if not counts:
        return 0.0, 0
    field_count, agreeing = Counter(counts).most_common(1)[0]
    return agreeing / len(counts), field_count


def _always_followed_by_space(lines: list[str], delimiter: str) -> bool:
    later_fields = [field for record in _records(lines, delimiter) for field in record[1:]]
    return bool(later_fields) and all(field.startswith(" ") for field in later_fields)
