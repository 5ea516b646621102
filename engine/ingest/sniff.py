"""File format detection from the first bytes of a file and its extension."""

import codecs
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from engine.errors import Message
from engine.ingest.dialect import detect_delimiter
from engine.ingest.encoding import TextEncoding, binary_message, detect_encoding
from engine.ingest.report import FileRejected

SAMPLE_BYTES = 256 * 1024
JSON_EXTENSIONS = (".json", ".jsonl", ".ndjson")

# JSON records start with "{" (an object or NDJSON) or with "[" and then an object, an array,
# a string or the closing "]". A CSV header such as "[id],[name]" does not match.
JSON_START = re.compile(r'\s*(\{|\[\s*([\[{"\]]|$))')

# Signatures of binary formats that users upload by mistake, with the message key and the fix.
OTHER_SIGNATURES = (
    (b"\xd0\xcf\x11\xe0", "input.legacy_xls",
     "is a legacy Excel .xls (OLE2) file. Open it in Excel and save it as .xlsx or CSV (UTF-8)"),
    (b"\x1f\x8b", "input.gzip", "is gzip-compressed. Decompress it and use the file inside"),
    (b"%PDF", "input.pdf", "is a PDF document. Export the table from its source as CSV (UTF-8) or XLSX"),
)


@dataclass(frozen=True)
class DetectedFormat:
    """The format found in a file's first bytes; `text` is the decoded sample of a text format."""

    file_type: str
    encoding: TextEncoding | None = None
    delimiter: str | None = None
    text: str = ""


def sniff_format(path: Path) -> tuple[str, str | None, str | None]:
    """Return (file_type, encoding, delimiter) for `path`, read from its first bytes.

    file_type is "csv" (CSV or TSV), "json", "xlsx" or "parquet"; the encoding is given for
    text formats and the delimiter for CSV. Only the first 256 KiB are read, plus the ZIP
    directory of a possible XLSX file. Raises InputError naming the file when it is empty,
    binary or none of those formats.
    """
    detected = detect_format(path, path.name)
    encoding = detected.encoding.name if detected.encoding else None
    return detected.file_type, encoding, detected.delimiter


def detect_format(path: Path, file_name: str) -> DetectedFormat:
    """Detect the format of `path`; `file_name` is the name used in messages."""
    with path.open("rb") as source:
        sample = source.read(SAMPLE_BYTES)
        complete = not source.read(1)
    if not sample.strip():
        raise FileRejected(_empty_message(file_name))

    binary_type = _binary_format(path, sample, file_name)
    if binary_type:
        return DetectedFormat(binary_type)

    encoding = detect_encoding(sample, file_name)
    text = _decode_sample(sample, encoding, complete)
    if not text.strip():
        raise FileRejected(_empty_message(file_name))
    if _is_binary_text(text):
        raise FileRejected(binary_message(sample, file_name))

    if path.suffix.lower() in JSON_EXTENSIONS or JSON_START.match(text):
        return DetectedFormat("json", encoding, None, text)
    return DetectedFormat("csv", encoding, detect_delimiter(text), text)


def _empty_message(file_name: str) -> Message:
    return Message(f"{file_name} is empty: it has no header and no records. Use a file whose first "
                   "row names the columns, followed by at least one record.",
                   "input.empty_file", {"name": file_name})


def _binary_format(path: Path, sample: bytes, file_name: str) -> str | None:
    if sample.startswith(b"PAR1"):
        return "parquet"
    if sample.startswith(b"PK\x03\x04"):
        return _zip_format(path, file_name)
    for signature, key, problem in OTHER_SIGNATURES:
        if sample.startswith(signature):
            raise FileRejected(Message(f"{file_name} {problem}.", key, {"name": file_name}))
    return None


def _zip_format(path: Path, file_name: str) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile as exc:
        raise FileRejected(Message(f"{file_name} starts like a ZIP archive (as XLSX files do) but cannot "
                                   f"be opened: {exc}. Save the workbook again and use that copy.",
                                   "input.bad_zip", {"name": file_name, "reason": str(exc)})) from exc
    if "xl/workbook.xml" in names:
        return "xlsx"
    raise FileRejected(Message(f"{file_name} is a ZIP archive, not an XLSX workbook. Extract the CSV, "
                               "JSON, XLSX or Parquet file inside it and use that file.",
                               "input.zip_not_xlsx", {"name": file_name}))


def _decode_sample(sample: bytes, encoding: TextEncoding, complete: bool) -> str:
    decoder = codecs.getincrementaldecoder(encoding.codec)(errors="replace")
    text = decoder.decode(sample, final=complete)
    if complete:
        return text

    # The sample may end inside a record, so its last partial line is left out.
    cut = max(text.rfind("\n"), text.rfind("\r"))
    return text[:cut + 1] if cut >= 0 else text


def _is_binary_text(text: str) -> bool:
    # Real CSV or JSON text has almost no control characters other than whitespace.
    controls = sum(1 for char in text if char < " " and char not in "\t\n\r\f\v")
    return controls > max(2, len(text) // 100)
