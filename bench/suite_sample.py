"""The small sample pair of the API document's examples, end to end through the command line.

Speed work on large files must not slow the small case: this pair of 30 and 33 records should
still run in under a second, Python's start-up included.
"""

import statistics
from pathlib import Path

from bench import report
from bench.environment import REPO_ROOT
from bench.match_run import ENGINE_TIME, match_command, shown
from bench.peak_memory import run_measured

FILES = (Path("examples/data1.csv"), Path("examples/data2.json"))
CONFIG = Path("examples/basic_config.json")
RUNS = 5
GOAL_SECONDS = 1.0


def run(work: Path, timeout_s: float) -> report.Section:
    section = report.Section("Sample pair: end to end")
    out_dir = work / "runs" / "sample"
    command = match_command(*FILES, CONFIG, out_dir)
    runs = [run_measured(command, timeout_s=timeout_s, log_path=work / "runs" / "sample.log",
                         cwd=REPO_ROOT) for _ in range(RUNS)]
    failed = [measured for measured in runs if not measured.ok]
    if failed:
        reason = f"exit status {failed[0].returncode}: {failed[0].output_tail.strip()[-200:]}"
        section.lines = [f"Not measured: a run failed ({reason}).", ""]
        section.goals = [f"- sample pair end to end: not measured, a run failed ({reason})."]
        return section

    walls = [measured.wall_s for measured in runs]
    engines = [float(found.group(1)) for measured in runs
               if (found := ENGINE_TIME.search(measured.output_tail))]
    rows = [[str(k), report.seconds(wall), report.seconds(engine)]
            for k, (wall, engine) in enumerate(zip(walls, engines, strict=True), start=1)]
    section.goals = [report.goal_line("sample pair end to end, median wall time",
                                      statistics.median(walls), GOAL_SECONDS, "s")]
    data = (f"Data: `{FILES[0]}` and `{FILES[1]}`, the pair of the API document's examples. "
            f"Config: `{CONFIG}`. Command, run {RUNS} times; wall time is the whole command, "
            "Python's start-up included:")
    section.lines = [
        data, "",
        *report.code_block(shown(command)),
        *report.table(["run", "wall", "engine"], rows), *section.goals, ""]
    return section
