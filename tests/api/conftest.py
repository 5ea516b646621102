import pytest

from tests.api.server import start_server


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """One server per test module, with the default settings (rate limits on)."""
    running = start_server(tmp_path_factory.mktemp("api") / "data")
    yield running
    running.stop()


@pytest.fixture
def user(server):
    """A fresh user and its token, so per-user rate limits never carry over between tests."""
    return server.new_user()


@pytest.fixture
def client(server, user):
    with server.client(user[1]) as http:
        yield http
