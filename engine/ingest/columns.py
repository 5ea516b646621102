"""Column names: the header check and the renaming of empty and duplicate names."""

import re

ROW_ID = "_row_id"

# A header cell made only of digits and number, date or phone punctuation is a value.
VALUE_PATTERN = re.compile(r"^[\d\s.,:/+\-()]*\d[\d\s.,:/+\-()]*$")


def header_problem(header: list[str], file_name: str) -> str | None:
    """Return an error when the first row is empty or looks like data instead of column names.

    It looks like data when more than half of its non-empty cells are numbers, dates or phone
    numbers, so a header such as "region,2020,2021" is rejected too.
    """
    cells = [cell.strip() for cell in header]
    filled = [cell for cell in cells if cell]
    if not filled:
        return (f"{file_name} has no header: its first row is empty. Put the column names in the "
                "first row and try again.")

    values = [cell for cell in filled if VALUE_PATTERN.match(cell)]
    if len(values) * 2 > len(filled):
        examples = ", ".join(repr(cell) for cell in values[:3])
        return (f"{file_name} has no header: its first row contains values such as {examples} "
                "instead of column names. Add a first row that names each column and try again.")
    return None


def clean_column_names(raw_names: list[str], file_name: str) -> tuple[list[str], list[str]]:
    """Return usable, unique column names for `raw_names`, and a warning for each rename.

    Names are stripped of surrounding spaces. An empty name becomes `column_<position>`
    (1-based). A repeated name gets `_2`, `_3`, ... in order of appearance. DuckDB names are
    case-insensitive, so "Name" repeats "name". A column called `_row_id` is renamed the same
    way because load_table adds that column itself.
    """
    names: list[str] = []
    warnings: list[str] = []
    used_names = {ROW_ID}
    for position, raw in enumerate(raw_names, start=1):
        name = raw.strip()
        if not name:
            name = _unique(f"column_{position}", used_names)
            warnings.append(f"{file_name}: column {position} has no name in the header, so it is "
                            f"loaded as {name}. Name it in the header to choose another name.")
        elif name.casefold() == ROW_ID:
            name = _unique(name, used_names)
            warnings.append(f"{file_name}: column {position} is named {ROW_ID}, which ingest adds "
                            f"itself for the record number, so it is loaded as {name}.")
        elif name.casefold() in used_names:
            renamed = _unique(name, used_names)
            warnings.append(f"{file_name}: column {position} repeats the name {name!r}, so it is "
                            f"loaded as {renamed}. Give each column its own name in the header.")
            name = renamed
        used_names.add(name.casefold())
        names.append(name)
    return names, warnings


def _unique(name: str, used_names: set[str]) -> str:
    if name.casefold() not in used_names:
        return name
    suffix = 2
    while f"{name}_{suffix}".casefold() in used_names:
        suffix += 1
    return f"{name}_{suffix}"
