import signal
import subprocess
import sys
from pathlib import Path

CONFIG = Path(__file__).parents[2] / "bench" / "configs" / "febrl4.json"


def test_ctrl_c_exits_130_and_keeps_nothing(tmp_path, febrl4):
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
    stderr = "".join(seen) + rest

    assert process.returncode == 130, stderr
    assert "interrupted; no result was kept" in stderr
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith(".")] == []
    assert not (tmp_path / ".moslik" / "job.duckdb").exists()
