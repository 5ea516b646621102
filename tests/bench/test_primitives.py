from bench import suite_primitives


def test_primitives_rows_and_goal(tmp_path):
    section = suite_primitives.run(tmp_path, 2_000, seed=5)

    rows = [line for line in section.lines if line.startswith("| ") and "->" in line]
    assert [row.split(" | ")[0].lstrip("| ") for row in rows] == [
        "given_name -> given_name", "surname -> surname", "phone -> phone", "passport -> passport"]
    for row in rows:
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        record_pairs, distinct = (int(cells[k].replace(",", "")) for k in (2, 3))
        assert 0 < distinct <= record_pairs
    assert section.goals and "slowest mapping" in section.goals[0]
