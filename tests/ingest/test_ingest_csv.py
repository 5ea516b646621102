"""CSV and TSV loading: dialects, encodings, exact values, and bad input."""

import codecs

import pytest

from engine.ingest import IngestError, load_table
from tests.ingest.conftest import DATA, FEBRL4_DIR

PEOPLE_COLUMNS = ["id", "surname", "given_name", "phone", "birth_date"]


@pytest.mark.parametrize("file_name, delimiter", [
    ("people_semicolon.csv", ";"),
    ("people_pipe.csv", "|"),
    ("people.tsv", "\t"),
])
def test_delimiter_detected(load, file_name, delimiter):
    report, records = load(DATA / file_name)

    assert report.valid
    assert report.file_type == "csv"
    assert report.delimiter == delimiter
    assert report.column_names == PEOPLE_COLUMNS
    assert report.rows == 3
    assert [record["surname"] for record in records] == ["Karimov", "Yo'ldosheva", "O'g'iloy"]


def test_values_kept_exactly(load):
    _report, records = load(DATA / "people_semicolon.csv")

    assert records[0]["id"] == "007"
    assert records[1]["id"] == "0042"
    assert records[0]["phone"] == "+998 90 123-45-67"
    assert records[0]["birth_date"] == "1990-01-05"
    assert records[1]["birth_date"] == "05.03.1985"


def test_empty_field_is_null(load):
    _report, records = load(DATA / "people_semicolon.csv")

    assert records[2]["phone"] is None


def test_columns_are_varchar(load, con):
    load(DATA / "people_semicolon.csv")

    types = dict(con.execute("SELECT column_name, data_type FROM information_schema.columns "
                             "WHERE table_name = 't' ORDER BY ordinal_position").fetchall())
    assert list(types) == ["_row_id", *PEOPLE_COLUMNS]
    assert types["_row_id"] == "BIGINT"
    assert {types[name] for name in PEOPLE_COLUMNS} == {"VARCHAR"}


def test_row_id_counts_records(load):
    _report, records = load(DATA / "quoted.csv")

    assert [record["_row_id"] for record in records] == [1, 2]


def test_row_id_follows_large_file(con, tmp_path, write):
    # About 20 MB, so that DuckDB reads the file on several threads.
    lines = [f'"{number}","name {number}, with a comma","{"x" * (number % 50)}"'
             for number in range(1, 250_001)]
    path = write("large.csv", "number,name,filler\n" + "\n".join(lines) + "\n")
    load_table(con, path, "t", work_dir=tmp_path / "work")

    rows, wrong = con.execute("SELECT count(*), count(*) FILTER (WHERE number <> _row_id::VARCHAR) "
                              "FROM t").fetchall()[0]
    assert rows == 250_000
    assert wrong == 0


def test_quoted_delimiters_and_newlines(load):
    report, records = load(DATA / "quoted.csv")

    assert report.rows == 2
    assert records[0]["name"] == "Karimov, Botir"
    assert records[0]["address"] == "Chilonzor 5,\nkv. 12"
    assert records[1]["name"] == 'Said "Aka" Aliyev'


def test_cp1251_cyrillic(load):
    report, records = load(DATA / "cyrillic_cp1251.csv")

    assert report.encoding == "cp1251"
    assert report.delimiter == ";"
    assert [record["familiya"] for record in records] == ["Иванов", "Каримов", "Юлдашева"]
    assert records[0]["ism"] == "Пётр"
    assert any("guessed as cp1251" in warning for warning in report.warnings)


def test_utf16_with_bom(load):
    report, records = load(DATA / "cyrillic_utf16_bom.csv")

    assert report.encoding == "utf-16-le"
    assert report.column_names == ["id", "familiya", "ism"]
    assert records[3]["ism"] == "Ўткир"
    assert report.warnings == []


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(load, write, encoding):
    # Mostly Cyrillic text: its UTF-16 bytes hold few NULs but many 0x04 bytes.
    text = "фамилия;имя\r\nИванов;Пётр\r\nКаримов;Ботир\r\nЮлдашева;Гулнора\r\n"
    report, records = load(write("no_bom.csv", text.encode(encoding)))

    assert report.encoding == encoding
    assert report.column_names == ["фамилия", "имя"]
    assert [record["фамилия"] for record in records] == ["Иванов", "Каримов", "Юлдашева"]


def test_stray_nul_is_utf8(load, write):
    report, records = load(write("nul.csv", b"id,name\n1,A\x00li\n2,Vali\n"))

    assert report.encoding == "utf-8"
    assert records[0]["name"] == "A\x00li"


def test_utf8_bom_stripped(load, write):
    report, records = load(write("bom.csv", codecs.BOM_UTF8 + b"id,name\n1,Ali\n"))

    assert report.encoding == "utf-8-sig"
    assert report.column_names == ["id", "name"]
    assert records[0]["name"] == "Ali"


def test_cp1251_after_ascii_sample(load, write):
    # The first 256 KiB are ASCII, so only the whole-file check finds the CP1251 bytes.
    ascii_rows = "".join(f"{number},Ali\n" for number in range(40_000))
    cyrillic_rows = "40000,Иванов\n40001,Каримов\n40002,Юлдашева\n"
    content = ("id,name\n" + ascii_rows + cyrillic_rows).encode("cp1251")
    report, records = load(write("late.csv", content))

    assert report.encoding == "cp1251"
    assert report.rows == 40_003
    assert records[-1]["name"] == "Юлдашева"


@pytest.mark.parametrize("ascii_count", [200, 40_000])
def test_cp1251_name_among_ascii_rows(load, write, ascii_count):
    # One Cyrillic name among many ASCII rows, in the sample or after it.
    ascii_rows = "".join(f"{number},Ali,Tashkent\n" for number in range(ascii_count))
    content = ("id,name,city\n" + ascii_rows + "x,Каримов Алишер,Тошкент\n").encode("cp1251")
    report, records = load(write("mostly_ascii.csv", content))

    assert report.encoding == "cp1251"
    assert records[-1]["name"] == "Каримов Алишер"


def test_febrl_comma_space(load):
    report, records = load(FEBRL4_DIR / "dataset4a.csv")

    assert report.delimiter == ", "
    assert report.rows == 5000
    assert report.columns == 11
    assert report.column_names[:3] == ["rec_id", "given_name", "surname"]
    assert all(not name.startswith(" ") for name in report.column_names)
    assert records[0]["rec_id"] == "rec-1070-org"
    assert records[0]["given_name"] == "michaela"
    assert records[0]["street_number"] == "8"


def test_comma_space_empty_field(load, write):
    report, records = load(write("febrl_like.csv", "id, name, city\n1, , Toshkent\n2, Ali, \n"))

    assert report.delimiter == ", "
    assert records[0]["name"] is None
    assert records[0]["city"] == "Toshkent"
    assert records[1]["city"] is None


def test_single_column(load, write):
    report, records = load(write("one.csv", "name\nKarimov, Botir\nVali\n"))

    assert report.column_names == ["name"]
    assert [record["name"] for record in records] == ["Karimov, Botir", "Vali"]


def test_crlf_line_endings(load, write):
    _report, records = load(write("crlf.csv", "id,name\r\n1,Ali\r\n2,Vali\r\n"))

    assert [record["name"] for record in records] == ["Ali", "Vali"]


def test_no_final_newline(load, write):
    report, records = load(write("no_newline.csv", "id,name\n1,Ali"))

    assert report.rows == 1
    assert records[0]["name"] == "Ali"


def test_empty_file(load, write):
    with pytest.raises(IngestError) as caught:
        load(write("empty.csv", b""))

    assert "empty.csv is empty" in str(caught.value)
    assert caught.value.report.valid is False


def test_blank_lines_only(load, write):
    with pytest.raises(IngestError) as caught:
        load(write("blank.csv", "\n\n  \n"))

    assert "blank.csv is empty" in str(caught.value)


def test_header_only(load, write, con):
    with pytest.raises(IngestError) as caught:
        load(write("header.csv", "id,name\n"))

    assert "has a header but no records" in str(caught.value)
    assert caught.value.report.column_names == ["id", "name"]
    assert con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 't'").fetchone() == (0,)


def test_missing_header(load, write):
    with pytest.raises(IngestError) as caught:
        load(write("values.csv", "1,+998 90 123-45-67,1990-01-05\n2,+998 91 765-43-21,1985-03-05\n"))

    message = str(caught.value)
    assert "values.csv has no header" in message
    assert "'1'" in message
    assert "Add a first row" in message


def test_binary_named_csv(load, write):
    content = bytes(range(256)) * 40
    with pytest.raises(IngestError) as caught:
        load(write("photo.csv", content))

    assert "photo.csv contains binary data" in str(caught.value)
    assert caught.value.report.file_type == "unknown"


@pytest.mark.parametrize("content, problem", [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "legacy Excel .xls"),
    (b"\x1f\x8b\x08\x00" + bytes(500), "gzip-compressed"),
    (b"%PDF-1.7\n" + bytes(500), "PDF document"),
])
def test_other_binary_formats(load, write, content, problem):
    with pytest.raises(IngestError) as caught:
        load(write("upload.csv", content))

    assert problem in str(caught.value)


def test_ragged_rows(load, write, con):
    with pytest.raises(IngestError) as caught:
        load(write("ragged.csv", "id,name,city\n1,Ali,Toshkent\n2,Vali\n3,Gani,Buxoro,extra\n"))

    errors = caught.value.report.errors
    assert len(errors) == 2
    assert errors[0].startswith("ragged.csv, line 3: the row has 2 fields where the header has 3.")
    assert errors[1].startswith("ragged.csv, line 4: the row has 4 fields where the header has 3.")
    assert "Expected Number" not in " ".join(errors)
    assert con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 't'").fetchone() == (0,)


def test_short_row_reported_once(load, write):
    header = "a,b,c,d,e,f,g\r\n"
    rows = "".join(f"{n},x,y,z,u,v,w\r\n" for n in range(5)) + "5,x,y\r\n6,x,y,z,u,v,w\r\n"
    with pytest.raises(IngestError) as caught:
        load(write("short.csv", header + rows))

    errors = caught.value.report.errors
    assert len(errors) == 1
    assert errors[0].startswith("short.csv, line 7: the row has 3 fields where the header has 7.")


def test_ragged_rows_capped(load, write):
    rows = "".join(f"{number},x,y\n" for number in range(20))
    with pytest.raises(IngestError) as caught:
        load(write("wide.csv", "id,name\n" + rows))

    errors = caught.value.report.errors
    assert len(errors) == 6
    assert errors[-1] == "wide.csv: 15 more rows have the same kinds of problems."


def test_unclosed_quote(load, write):
    with pytest.raises(IngestError) as caught:
        load(write("quote.csv", 'id,name\n1,Ali\n2,"Vali\n'))

    message = str(caught.value)
    assert "quote.csv, line 3" in message
    assert "quote is not closed" in message


def test_duplicate_and_empty_headers(load, write):
    report, records = load(write("names.csv", "name,Name,,name,_row_id\nAli,Vali,x,Gani,9\n"))

    assert report.column_names == ["name", "Name_2", "column_3", "name_3", "_row_id_2"]
    assert records[0]["Name_2"] == "Vali"
    assert records[0]["column_3"] == "x"
    assert records[0]["_row_id_2"] == "9"
    assert records[0]["_row_id"] == 1
    assert len(report.warnings) == 4
    assert "column 2 repeats the name 'Name'" in report.warnings[0]
    assert "column 3 has no name" in report.warnings[1]


def test_header_names_stripped(load, write):
    report, records = load(write("spaces.csv", " id ,name \n1, Ali \n"))

    assert report.column_names == ["id", "name"]
    assert records[0]["name"] == " Ali "


def test_empty_and_mostly_null_columns(load, write):
    rows = "".join(f"{number},,{'x' if number == 0 else ''}\n" for number in range(20))
    report, _records = load(write("sparse.csv", "id,blank,rare\n" + rows))

    assert report.valid
    assert "column 'blank' is empty in every record" in report.warnings[0]
    assert "column 'rare' is empty in 19 of 20 records" in report.warnings[1]
    assert len(report.warnings) == 2


def test_display_name_in_messages(load, write):
    with pytest.raises(IngestError) as caught:
        load(write("3f2a9c.bin", b""), display_name="clients.csv")

    assert caught.value.report.file_name == "clients.csv"
    assert "clients.csv is empty" in str(caught.value)


def test_transcoded_copy_removed(load, tmp_path):
    load(DATA / "cyrillic_cp1251.csv")

    assert list((tmp_path / "work").iterdir()) == []


def test_line_too_long(load, write):
    with pytest.raises(IngestError) as caught:
        load(write("long.csv", b"id,name\n1," + b"x" * 2_100_000 + b"\n"))

    message = str(caught.value)
    assert message.startswith("long.csv, line 2: the line is too long")
    assert "split the long value" in message


def test_mixed_utf8_and_cp1251(load, write):
    content = "id,name\n1,Иванов\n".encode() + "2,Каримов\n".encode("cp1251")
    with pytest.raises(IngestError) as caught:
        load(write("mixed.csv", content))

    message = str(caught.value)
    assert message.startswith("mixed.csv is not valid UTF-8: the byte at offset 25")
    assert "Save the whole file as UTF-8" in message


def test_mixed_after_ascii_sample(load, write):
    # Valid UTF-8 Cyrillic past the 256 KiB sample, then a CP1251 byte.
    ascii_rows = "".join(f"{number},Ali\n" for number in range(40_000))
    content = ("id,name\n" + ascii_rows + "40000,Иванов\n").encode() + "40001,Пётр\n".encode("cp1251")
    with pytest.raises(IngestError) as caught:
        load(write("late_mixed.csv", content))

    assert "although the text before it is UTF-8" in str(caught.value)


def test_bom_utf8_then_invalid(load, write):
    content = codecs.BOM_UTF8 + b"id,name\n1,Ali\n" + b"2,\xff\n"
    with pytest.raises(IngestError) as caught:
        load(write("bom_bad.csv", content))

    assert str(caught.value).startswith("bom_bad.csv is not valid UTF-8: the byte at offset 19")


def test_lone_carriage_return(load, write):
    with pytest.raises(IngestError) as caught:
        load(write("breaks.csv", b"id;name\nx;y\n\r\x16t;z\n"))

    message = str(caught.value)
    assert message.startswith("breaks.csv could not be read as CSV:")
    assert "one kind of line break" in message


def test_mixed_line_breaks_in_plain_words(load, write):
    with pytest.raises(IngestError) as caught:
        load(write("mixed.csv", b"id,name\r\n1,a\r\n2,b\n3,c\n"))

    message = str(caught.value)
    assert "do not keep to one CSV layout" in message
    assert "Error:" not in message
