"""The error raised when a result cannot be written in the requested format."""

from engine.errors import MoslikError


class OutputError(MoslikError):
    """A result does not fit the requested output format, for example too many rows for xlsx."""
