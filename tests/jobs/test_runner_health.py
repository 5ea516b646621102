from engine.jobs.runner import JobRunner
from engine.store import Store


def test_runner_healthy_until_shutdown(tmp_path):
    runner = JobRunner(Store.open(tmp_path))
    assert runner.healthy()
    runner.shutdown()
    assert not runner.healthy()
