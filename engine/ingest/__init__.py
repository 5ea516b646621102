"""Ingest: detect a file's format and encoding, load it into DuckDB as text, and validate it.

Every column is VARCHAR with the exact text of the file. Decisions a caller may rely on:

- CSV: an empty field, quoted or not, becomes NULL.
- JSON: numbers keep their JSON text, so 25 gives "25" and 1.50 gives "1.50". true and false
  give "true" and "false", and null gives NULL. Nested objects give dotted column names such
  as `address.city`. Lists are kept as JSON text, in which Python's json writes 1.50 as 1.5.
- Empty or repeated column names are renamed (`column_3`, `name_2`) with a warning instead of
  rejecting the file.
- A header with no records is an error, because there is nothing to match.
"""

from engine.ingest.load import csv_columns, inspect_file, load_table
from engine.ingest.report import IngestError, IngestReport
from engine.ingest.sniff import sniff_format

__all__ = ["IngestError", "IngestReport", "csv_columns", "inspect_file", "load_table", "sniff_format"]
