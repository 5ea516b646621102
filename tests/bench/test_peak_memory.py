import sys

from bench.peak_memory import run_measured, tree_memory

MIB = 1024 * 1024


def test_peak_sees_child_allocation(tmp_path):
    """Parent and child each hold 150 MiB at once, so the tree peak is their sum."""
    code = ("import subprocess, sys; held = bytearray(150 * 1024 * 1024); "
            "subprocess.run([sys.executable, '-c', "
            "'import time; b = bytearray(150 * 1024 * 1024); time.sleep(1.0)'], check=True)")
    measured = run_measured([sys.executable, "-c", code], timeout_s=60,
                            log_path=tmp_path / "run.log")
    assert measured.ok
    assert measured.peak_tree_rss > 300 * MIB
    assert 150 * MIB < measured.max_hwm < 300 * MIB
    assert measured.peak == measured.peak_tree_rss


def test_timeout_kills_run(tmp_path):
    measured = run_measured([sys.executable, "-c", "import time; time.sleep(30)"],
                            timeout_s=0.5, log_path=tmp_path / "run.log")
    assert measured.timed_out
    assert not measured.ok
    assert measured.wall_s < 10


def test_failure_keeps_output(tmp_path):
    measured = run_measured([sys.executable, "-c", "import sys; print('bad input'); sys.exit(3)"],
                            timeout_s=30, log_path=tmp_path / "run.log")
    assert measured.returncode == 3
    assert "bad input" in measured.output_tail


def test_tree_memory_of_gone_process():
    assert tree_memory(2 ** 22 + 12345) == (0, 0)


def test_hwm_not_inherited_from_parent(tmp_path):
    """A small child of a process that once held 300 MiB reports its own peak, not the parent's."""
    held = bytearray(300 * MIB)
    del held
    measured = run_measured([sys.executable, "-c", "import time; time.sleep(0.5)"],
                            timeout_s=30, log_path=tmp_path / "run.log")
    assert measured.ok
    assert 0 < measured.max_hwm < 100 * MIB
