import os
import subprocess
import sys
from pathlib import Path

import pytest

from engine.store import Store

NO_TERMINAL = "no terminal to ask for the password; set MOSLIK_NEW_PASSWORD"


def _users(args: list[str], cwd: Path, module: str = "engine.cli", **env: str) -> subprocess.CompletedProcess:
    """Run `python -m <module> users ...` with no terminal on stdin and only the given MOSLIK_* settings."""
    clean = {key: value for key, value in os.environ.items() if not key.startswith("MOSLIK_")}
    return subprocess.run([sys.executable, "-m", module, "users", *args], cwd=cwd, env={**clean, **env},
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60, check=False)


@pytest.mark.parametrize("action", [["add", "bob"], ["passwd", "bob"]])
def test_password_without_terminal(tmp_path, action):
    Store.open(tmp_path).users.create("bob", "secret-1")
    result = _users(action, tmp_path, MOSLIK_DATA_DIR=str(tmp_path))
    assert result.returncode == 2, result.stderr
    assert f"moslik: {NO_TERMINAL}" in result.stderr
    assert "Traceback" not in result.stderr


def test_add_without_terminal_creates_nothing(tmp_path):
    data_dir = tmp_path / "data"
    result = _users(["add", "bob"], tmp_path, MOSLIK_DATA_DIR=str(data_dir))
    assert result.returncode == 2
    assert NO_TERMINAL in result.stderr
    assert not data_dir.exists()


def test_empty_password_variable(tmp_path):
    result = _users(["add", "bob"], tmp_path, MOSLIK_DATA_DIR=str(tmp_path), MOSLIK_NEW_PASSWORD="")
    assert result.returncode == 2
    assert "moslik: MOSLIK_NEW_PASSWORD is set but empty" in result.stderr
    assert "Traceback" not in result.stderr
    assert Store.open(tmp_path).users.get("bob") is None


@pytest.mark.parametrize("password, status", [("a", 1), ("1234567", 1), ("12345678", 0)])
def test_add_password_length(tmp_path, password, status):
    result = _users(["add", "bob"], tmp_path, MOSLIK_DATA_DIR=str(tmp_path), MOSLIK_NEW_PASSWORD=password)
    assert result.returncode == status, result.stderr
    assert (Store.open(tmp_path).users.get("bob") is not None) is (status == 0)
    if status:
        assert "8 characters" in result.stderr


def test_list_names_data_folder(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = _users(["list"], elsewhere)
    assert result.returncode == 0, result.stderr
    assert str(elsewhere / "var") in result.stderr
    assert "MOSLIK_DATA_DIR" in result.stderr
    assert "no users" in result.stderr
    assert result.stdout == ""
    assert not (elsewhere / "var").exists()


def test_list_empty_database(tmp_path):
    Store.open(tmp_path)
    result = _users(["list"], tmp_path, MOSLIK_DATA_DIR=str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [f"data folder: {tmp_path} (set MOSLIK_DATA_DIR to use another)", "no users"]


def test_disable_without_database(tmp_path):
    result = _users(["disable", "bob"], tmp_path, MOSLIK_DATA_DIR=str(tmp_path / "data"))
    assert result.returncode == 1
    assert "'bob' does not exist" in result.stderr
    assert not (tmp_path / "data").exists()


def test_module_entry_without_terminal(tmp_path):
    result = _users(["add", "bob"], tmp_path, module="engine.store.commands", MOSLIK_DATA_DIR=str(tmp_path))
    assert result.returncode == 2
    assert NO_TERMINAL in result.stderr
    assert "Traceback" not in result.stderr
