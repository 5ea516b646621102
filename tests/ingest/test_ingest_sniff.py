"""sniff_format: the format, encoding and delimiter read from a file's first bytes."""

import codecs

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from engine.errors import InputError
from engine.ingest import sniff_format
from engine.ingest.encoding import detect_encoding
from tests.ingest.conftest import DATA, FEBRL4_DIR


@pytest.mark.parametrize("file_name, expected", [
    ("people_semicolon.csv", ("csv", "utf-8", ";")),
    ("people_pipe.csv", ("csv", "utf-8", "|")),
    ("people.tsv", ("csv", "utf-8", "\t")),
    ("quoted.csv", ("csv", "utf-8", ",")),
    ("cyrillic_cp1251.csv", ("csv", "cp1251", ";")),
    ("cyrillic_utf16_bom.csv", ("csv", "utf-16-le", ",")),
    ("people.json", ("json", "utf-8", None)),
    ("people.ndjson", ("json", "utf-8", None)),
    ("nested.json", ("json", "utf-8", None)),
])
def test_sniff_data_files(file_name, expected):
    assert sniff_format(DATA / file_name) == expected


def test_sniff_febrl():
    assert sniff_format(FEBRL4_DIR / "dataset4a.csv") == ("csv", "utf-8", ", ")


@pytest.mark.parametrize("content, expected", [
    (codecs.BOM_UTF16_BE + "id;name\n1;Ali\n".encode("utf-16-be"), ("csv", "utf-16-be", ";")),
    (codecs.BOM_UTF8 + b'[{"id": "1"}]', ("json", "utf-8-sig", None)),
    (b"name;amount\nAli;1,5\nVali;2,5\n", ("csv", "utf-8", ";")),
    (b"id,name\n1,Ali\n2,Vali\n", ("csv", "utf-8", ",")),
    (b"id\n1\n2\n", ("csv", "utf-8", ",")),
    (b"name\nKarimov, Botir\nAli\n", ("csv", "utf-8", ";")),
    (b"[id],[name]\n1,Ali\n", ("csv", "utf-8", ",")),
    (b'{"id": "1"}\n{"id": "2"}\n', ("json", "utf-8", None)),
    (b'\n  [\n  {"id": "1"}\n]', ("json", "utf-8", None)),
])
def test_sniff_content(tmp_path, content, expected):
    path = tmp_path / "upload.dat"
    path.write_bytes(content)

    assert sniff_format(path) == expected


def test_sniff_xlsx_by_content(tmp_path):
    path = tmp_path / "upload.bin"
    workbook = openpyxl.Workbook()
    workbook.active.append(["id"])
    workbook.save(path)

    assert sniff_format(path) == ("xlsx", None, None)


def test_sniff_parquet_by_content(tmp_path):
    path = tmp_path / "upload.csv"
    pq.write_table(pa.table({"id": ["1"]}), path)

    assert sniff_format(path) == ("parquet", None, None)


def test_sniff_reads_only_the_start(tmp_path):
    # Bytes past the sample are not valid UTF-8, but sniff_format does not read that far.
    path = tmp_path / "long.csv"
    path.write_bytes(b"id,name\n" + b"1,Ali\n" * 100_000 + b"2,\xff\xfe\n")

    assert sniff_format(path) == ("csv", "utf-8", ",")


@pytest.mark.parametrize("content, problem", [
    (b"", "upload.csv is empty"),
    (b"   \r\n", "upload.csv is empty"),
    (bytes(range(256)) * 10, "upload.csv contains binary data"),
])
def test_sniff_rejects(tmp_path, content, problem):
    path = tmp_path / "upload.csv"
    path.write_bytes(content)

    with pytest.raises(InputError) as caught:
        sniff_format(path)

    assert problem in str(caught.value)


@pytest.mark.parametrize("text", ["name\nАлишер Каримов\n", "ism\nДилшод\n", "name,city\nНодира Турсунова,Тошкент\n"])
def test_one_line_of_cp1251_read_as_cyrillic(text):
    assert detect_encoding(text.encode("cp1251"), "one.csv").name == "cp1251"


@pytest.mark.parametrize(("text", "encoding"), [
    ("jméno\nPříliš žluťoučký kůň úpěl ďábelské ódy\n", "cp1250"),
    ("Name\nJürgen Müller, Ärzte\n", "cp1252"),
])
def test_latin_code_pages_kept(text, encoding):
    decoded = text.encode(encoding).decode(detect_encoding(text.encode(encoding), "latin.csv").name)
    assert decoded == text
