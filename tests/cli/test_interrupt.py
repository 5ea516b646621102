import signal
import subprocess
import sys
from pathlib import Path

CONFIG = Path(__file__).parents[2] / "bench" / "configs" / "febrl4.json"


def _interrupt(tmp_path, febrl4) -> tuple[int, str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "engine.cli", "match", *map(str, febrl4), "--config", str(CONFIG),
         "--out", str(tmp_path)], stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    seen = []
    for line in process.stderr:
        seen.append(line)
        if "blocking" in line or "scoring" in line:
            process.send_signal(signal.SIGINT)
            break
    _, rest = process.communicate(timeout=120)
    return process.returncode, "".join(seen) + rest


def test_ctrl_c_exits_130_and_keeps_nothing(tmp_path, febrl4):
    returncode, stderr = _interrupt(tmp_path, febrl4)

    assert returncode == 130, stderr
    assert "interrupted; this run wrote no result" in stderr
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith(".")] == []
    assert not (tmp_path / ".moslik" / "job.duckdb").exists()


def test_ctrl_c_names_earlier_results_after(tmp_path, febrl4):
    (tmp_path / "matched.csv").write_text("from an earlier run\n", encoding="utf-8")

    returncode, stderr = _interrupt(tmp_path, febrl4)

    assert returncode == 130, stderr
    lines = [line for line in stderr.splitlines() if line.startswith("moslik:")]
    assert lines == ["moslik: interrupted; this run wrote no result",
                     f"moslik: matched.csv in {tmp_path} is from an earlier run"]
    assert (tmp_path / "matched.csv").read_text(encoding="utf-8") == "from an earlier run\n"
