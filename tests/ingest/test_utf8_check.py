"""The whole-file UTF-8 check agrees with Python's strict decoder, wherever chunks are cut."""

from hypothesis import given, settings
from hypothesis import strategies as st

from engine.ingest import encoding

# Valid characters of one to four bytes, and byte runs that are not UTF-8: a lone continuation
# byte, 0xFF, an overlong "/", a surrogate, a code point above U+10FFFF, and cut sequences.
PIECES = [b"a", "б".encode(), "€".encode(), "😀".encode(), b"\x80", b"\xff", b"\xc0\xaf",
          b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xe2\x82", b"\xf0\x9f"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14), st.integers(1, 9))
def test_check_agrees_with_python(tmp_path_factory, pieces, chunk_bytes):
    data = b"".join(pieces)
    path = tmp_path_factory.mktemp("utf8") / "file.csv"
    path.write_bytes(data)
    try:
        data.decode("utf-8")
        valid = True
    except UnicodeDecodeError:
        valid = False

    original = encoding.CHECK_CHUNK_BYTES
    encoding.CHECK_CHUNK_BYTES = chunk_bytes
    try:
        assert encoding._is_utf8(path) == valid
        assert (encoding._first_invalid_utf8(path) is None) == valid
    finally:
        encoding.CHECK_CHUNK_BYTES = original
