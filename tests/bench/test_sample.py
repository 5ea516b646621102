from bench import suite_sample


def test_sample_section_real_runs(tmp_path, monkeypatch):
    monkeypatch.setattr(suite_sample, "RUNS", 2)

    section = suite_sample.run(tmp_path, timeout_s=60)

    assert len(section.goals) == 1
    assert section.goals[0].startswith("- sample pair end to end, median wall time: ")
    assert "| 2 |" in "\n".join(section.lines)
    assert list((tmp_path / "runs" / "sample").glob("matched.*"))
