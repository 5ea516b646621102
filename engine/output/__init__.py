"""Output writers: a DuckDB result relation written to a json, csv, xlsx or parquet file."""

from engine.output.errors import OutputError
from engine.output.formats import EXTENSIONS, FORMATS, MEDIA_TYPES
from engine.output.writer import Target, write_relation, write_relations

__all__ = ["EXTENSIONS", "FORMATS", "MEDIA_TYPES", "OutputError", "Target", "write_relation",
           "write_relations"]
