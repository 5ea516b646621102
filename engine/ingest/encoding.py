"""Text encoding detection and transcoding to UTF-8 before DuckDB reads a file."""

import codecs
import logging
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer
import numpy as np
import pyarrow as pa

from engine.errors import Message
from engine.ingest.report import FileRejected

logger = logging.getLogger(__name__)

CHUNK_BYTES = 1 << 20
# Bytes that Arrow checks at once in _is_utf8.
CHECK_CHUNK_BYTES = 16 << 20

# UTF-32 marks come first because the UTF-32 LE mark begins with the UTF-16 LE mark.
BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)


@dataclass(frozen=True)
class TextEncoding:
    """An encoding found for a file.

    `name` is the reported Python codec name; `codec` decodes the bytes and drops any byte
    order mark; `guessed` is True when charset-normalizer chose it.
    """

    name: str
    codec: str
    guessed: bool = False


UTF8 = TextEncoding("utf-8", "utf-8")

# C0 control bytes other than tab, line feed, vertical tab, form feed and carriage return.
CONTROL_BYTES = [bytes([code]) for code in range(32) if code not in (9, 10, 11, 12, 13)]


def detect_encoding(sample: bytes, file_name: str) -> TextEncoding:
    """Find the encoding of `sample`, the first bytes of a file.

    The order is: byte order mark, then strict UTF-8, then charset-normalizer. Raises
    FileRejected when the bytes are binary or no encoding decodes them.
    """
    for mark, name, codec in BYTE_ORDER_MARKS:
        if sample.startswith(mark):
            return TextEncoding(name, codec)

    if not _has_many_control_bytes(sample):
        failure = _utf8_failure(sample)
        if failure is None:
            return UTF8
        bad_offset, utf8_before = failure
        if utf8_before:
            raise FileRejected(_mixed_message(file_name, bad_offset))

    return _guess_encoding(sample, file_name)


def _has_many_control_bytes(sample: bytes) -> bool:
    # UTF-16 without a mark is often valid UTF-8 byte for byte: ASCII text gives NUL bytes and
    # Cyrillic gives 0x04 bytes. Real text has almost no such control bytes, so more than 1%
    # of them means another encoding. A stray NUL or two still counts as UTF-8.
    controls = sum(sample.count(byte) for byte in CONTROL_BYTES)
    return controls > max(2, len(sample) // 100)


def _utf8_failure(sample: bytes) -> tuple[int, bool] | None:
    """Return the offset of the first byte that is not UTF-8 and whether non-ASCII text precedes it."""
    # final=False lets a character cut in half at the end of the sample pass.
    decoder = codecs.getincrementaldecoder("utf-8")(errors="strict")
    try:
        decoder.decode(sample, final=False)
    except UnicodeDecodeError as exc:
        return exc.start, not sample[:exc.start].isascii()
    return None


def _mixed_message(file_name: str, bad_offset: int) -> Message:
    # Guessing another encoding would garble the UTF-8 text before the bad byte.
    return Message(f"{file_name} is not valid UTF-8: the byte at offset {bad_offset} cannot be decoded, "
                   "although the text before it is UTF-8. Save the whole file as UTF-8 and try again.", "input.mixed_utf8", {"name": file_name, "offset": bad_offset})


def _guess_encoding(sample: bytes, file_name: str) -> TextEncoding:
    if charset_normalizer.is_binary(sample):
        raise FileRejected(binary_message(sample, file_name))
    best = charset_normalizer.from_bytes(sample).best()
    if best is None:
        raise FileRejected(binary_message(sample, file_name))
    guess = "cp1251" if _cyrillic_read_as_latin(sample, best.encoding) else best.encoding
    return _guessed(_likeliest_cyrillic(sample, guess))


def _cyrillic_read_as_latin(sample: bytes, guess: str) -> bool:
    """Tell whether a single-byte Latin guess turns most letters into accented ones.

    On one or two lines of CP1251 text charset-normalizer may return CP1250, which reads
    "Алишер" as "Ŕëčřĺđ". Text in a Latin language has far fewer accented letters than plain
    ones, so when most are accented and CP1251 reads those bytes as Cyrillic, CP1251 is taken.
    """
    # Only the lines with non-ASCII bytes count: in a mostly ASCII file with one Cyrillic name,
    # the plain letters of the other lines hid that the name read as "Ŕëčřĺđ".
    sample = b"".join(line for line in sample.splitlines(keepends=True) if not line.isascii())
    try:
        text = sample.decode(guess)
    except (UnicodeDecodeError, LookupError):
        return False
    letters = [char for char in text if char.isalpha()]
    accented = sum(1 for char in letters if not char.isascii())
    if not letters or 2 * accented < len(letters):
        return False
    cyrillic = sum(1 for char in sample.decode("cp1251", errors="replace") if "\u0400" <= char <= "\u04ff")
    return cyrillic >= accented


# Single-byte Cyrillic code pages. On a short sample charset-normalizer often picks the wrong
# one (mac_cyrillic for CP1251 text, whose capitals then decode as symbols such as "»").
CYRILLIC_CODE_PAGES = ("cp1251", "koi8_r", "koi8_u", "cp866", "mac_cyrillic", "iso8859_5")


def _likeliest_cyrillic(sample: bytes, guess: str) -> str:
    """Within the Cyrillic code pages, keep the one that decodes the most bytes to letters.

    Ties go to CP1251, the code page of Windows in Uzbekistan and Russia.
    """
    if codecs.lookup(guess).name not in {codecs.lookup(c).name for c in CYRILLIC_CODE_PAGES}:
        return guess

    def letters(codec: str) -> int:
        text = sample.decode(codec, errors="replace")
        return sum(1 for char in text if not char.isascii() and char.isalpha())

    return max(CYRILLIC_CODE_PAGES, key=lambda codec: (letters(codec), codec == "cp1251"))


def _guessed(encoding: str) -> TextEncoding:
    # charset-normalizer names codecs like "utf_16_le"; report the canonical "utf-16-le".
    name = codecs.lookup(encoding).name
    return TextEncoding(name, name, guessed=True)


def binary_message(sample: bytes, file_name: str) -> Message:
    """Describe a file whose bytes are not text in any supported encoding."""
    offset = sample.find(b"\x00")
    if offset < 0:
        return Message(f"{file_name} contains binary data, not text, so it is not a CSV, TSV or JSON "
                       "file. Export the data as CSV (UTF-8), JSON, XLSX or Parquet and use that file.",
                       "input.binary", {"name": file_name})
    return Message(f"{file_name} contains binary data (byte 0x00 at offset {offset}), not text, so it is "
                   "not a CSV, TSV or JSON file. Export the data as CSV (UTF-8), JSON, XLSX or Parquet "
                   "and use that file.", "input.binary_at", {"name": file_name, "offset": offset})


def utf8_copy(path: Path, encoding: TextEncoding, work_dir: Path,
              file_name: str) -> tuple[Path, TextEncoding]:
    """Return a UTF-8 file DuckDB can read with the content of `path`, and the encoding used.

    A UTF-8 file is returned as it is, after a full check. When a file's sample was UTF-8 but a
    later byte is not, its non-ASCII lines are detected again, unless a byte order mark or UTF-8
    text comes before that byte, which raises FileRejected. Anything else is decoded in Python
    and written to a new file in `work_dir`, which the caller deletes.
    """
    if encoding.name in ("utf-8", "utf-8-sig"):
        failure = _first_invalid_utf8(path)
        if failure is None:
            return path, encoding

        # A UTF-8 byte order mark declares the encoding, so a bad byte is not a reason to guess.
        bad_offset, utf8_before = failure
        if encoding.name == "utf-8-sig" or utf8_before:
            raise FileRejected(_mixed_message(file_name, bad_offset))
        encoding = _guess_whole_file(path, file_name, bad_offset)

    return _transcode(path, encoding, work_dir, file_name), encoding


def _first_invalid_utf8(path: Path) -> tuple[int, bool] | None:
    """Return the offset of the first byte that is not UTF-8 in the file, as _utf8_failure does."""
    if _is_utf8(path):
        return None
    return _decoded_until_invalid(path)


def _is_utf8(path: Path) -> bool:
    """Tell whether the whole file is UTF-8, checked by Arrow without making Python strings.

    On a synthetic file of a million records (120 MB, some Cyrillic), reading and checking took
    0.08 s, where decoding in Python took 0.27 to 0.33 s and held the interpreter lock, which
    stalled the other file's load. Arrow does not report where a bad byte is, so a file that
    fails is decoded again by _decoded_until_invalid.
    """
    carried = b""
    with path.open("rb") as source:
        while chunk := source.read(CHECK_CHUNK_BYTES):
            data = carried + chunk if carried else chunk
            end = _complete_end(data)
            if not _valid_utf8(pa.py_buffer(data).slice(0, end)):
                return False
            # A character cut by the chunk's end is checked whole with the next chunk.
            carried = data[end:]
    return not carried


def _complete_end(data: bytes) -> int:
    """Return the length of `data` without a UTF-8 sequence cut short at its end."""
    for back in range(1, min(4, len(data)) + 1):
        byte = data[-back]
        if byte < 0x80:
            return len(data)
        if byte >= 0xC0:
            # A lead byte: 110xxxxx starts 2 bytes, 1110xxxx 3 and 11110xxx 4.
            needed = 2
            if byte >= 0xE0:
                needed = 3 if byte < 0xF0 else 4
            if needed > back:
                return len(data) - back
            return len(data)
    return len(data)


def _valid_utf8(buffer: pa.Buffer) -> bool:
    """Tell whether the bytes are UTF-8, by Arrow's full validation of a one-value string array."""
    offsets = pa.py_buffer(np.array([0, buffer.size], dtype=np.int64))
    text = pa.Array.from_buffers(pa.large_string(), 1, [None, offsets, buffer])
    try:
        text.validate(full=True)
    except pa.ArrowInvalid:
        return False
    return True


def _decoded_until_invalid(path: Path) -> tuple[int, bool] | None:
    """Decode the file in Python up to its first byte that is not UTF-8.

    Returns that byte's offset and whether non-ASCII UTF-8 comes before it, or None.
    """
    decoder = codecs.getincrementaldecoder("utf-8")(errors="strict")
    offset, utf8_before = 0, False
    with path.open("rb") as source:
        while chunk := source.read(CHUNK_BYTES):
            # An ASCII chunk is valid UTF-8 unless it follows an unfinished sequence, and
            # checking it is much cheaper than decoding it into a string.
            if chunk.isascii() and not decoder.getstate()[0]:
                offset += len(chunk)
                continue
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                return offset + exc.start, utf8_before or not chunk[:exc.start].isascii()
            offset += len(chunk)
            utf8_before = utf8_before or not chunk.isascii()
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return offset, utf8_before
    return None


def _guess_whole_file(path: Path, file_name: str, bad_offset: int) -> TextEncoding:
    lines = _non_ascii_lines(path)
    best = charset_normalizer.from_bytes(lines).best()
    if best is None or best.encoding in ("utf_8", "ascii"):
        raise FileRejected(Message(
            f"{file_name} is not valid UTF-8: the byte at offset {bad_offset} cannot be decoded, "
            "and no other encoding fits its non-ASCII lines. Save the file as UTF-8 and try "
            "again.", "input.unknown_encoding", {"name": file_name, "offset": bad_offset}))
    logger.debug("encoding guessed from the non-ASCII lines: %s", best.encoding)
    guess = "cp1251" if _cyrillic_read_as_latin(lines, best.encoding) else best.encoding
    return _guessed(_likeliest_cyrillic(lines, guess))


def _non_ascii_lines(path: Path) -> bytes:
    # Only lines with non-ASCII bytes tell encodings apart, and in a mostly ASCII file a sample
    # of the whole file would contain too few of them.
    picked, size = [], 0
    with path.open("rb") as source:
        for line in source:
            if not line.isascii():
                picked.append(line)
                size += len(line)
            if size >= CHUNK_BYTES:
                break
    return b"".join(picked)


def _transcode(path: Path, encoding: TextEncoding, work_dir: Path, file_name: str) -> Path:
    work_dir.mkdir(parents=True, exist_ok=True)
    handle, target_name = tempfile.mkstemp(dir=work_dir, suffix=".utf8.csv")
    target = Path(target_name)
    try:
        with path.open("r", encoding=encoding.codec, errors="strict", newline="") as source, \
                open(handle, "w", encoding="utf-8", newline="") as output:
            shutil.copyfileobj(source, output, CHUNK_BYTES)
    except UnicodeDecodeError as exc:
        target.unlink(missing_ok=True)
        raise FileRejected(Message(
            f"{file_name} cannot be read as {encoding.name}: it contains bytes that are not valid "
            f"in that encoding ({exc.reason}). Save the file as UTF-8 and try again.",
            "input.invalid_bytes", {"name": file_name, "encoding": encoding.name, "reason": exc.reason})) from exc
    return target
