import sqlite3
import subprocess
import sys

import bcrypt
import pytest

from engine.store import Store
from engine.store.errors import (
    DefaultAdminRejected,
    InvalidPassword,
    InvalidUsername,
    UserExists,
    UserNotFound,
)


@pytest.fixture
def store(tmp_path):
    return Store.open(tmp_path)


def test_database_uses_wal(store):
    assert store.db.journal_mode() == "wal"


def test_password_stored_as_bcrypt(store):
    store.users.create("dilnoza", "secret-1")
    raw = sqlite3.connect(store.db.path).execute("SELECT password_hash FROM users").fetchone()[0]
    assert raw.startswith("$2b$")
    assert "secret-1" not in raw


@pytest.mark.parametrize("username, password, expected", [
    ("dilnoza", "secret-1", True),
    ("dilnoza", "secret-2", False),
    ("nobody", "secret-1", False),
    ("DILNOZA", "secret-1", False),
])
def test_authenticate_cases(store, username, password, expected):
    store.users.create("dilnoza", "secret-1")
    assert (store.users.authenticate(username, password) is not None) is expected


def test_disabled_user_cannot_log_in(store):
    store.users.create("dilnoza", "secret-1")
    store.users.set_disabled("dilnoza")
    assert store.users.authenticate("dilnoza", "secret-1") is None
    store.users.set_disabled("dilnoza", False)
    assert store.users.authenticate("dilnoza", "secret-1") is not None


def test_password_reset(store):
    store.users.create("dilnoza", "secret-1")
    store.users.set_password("dilnoza", "secret-2")
    assert store.users.authenticate("dilnoza", "secret-1") is None
    assert store.users.authenticate("dilnoza", "secret-2") is not None


@pytest.mark.parametrize("password", ["a" * 73, "ы" * 37, ""])
def test_password_rules(store, password):
    with pytest.raises(InvalidPassword) as caught:
        store.users.create("dilnoza", password)
    assert "password" in str(caught.value)


def test_password_of_72_bytes_accepted(store):
    store.users.create("dilnoza", "a" * 72)
    assert store.users.authenticate("dilnoza", "a" * 72) is not None


@pytest.mark.parametrize("username", ["", "../x", "a b", "-lead", "x" * 65])
def test_username_rules(store, username):
    with pytest.raises(InvalidUsername):
        store.users.create(username, "secret-1")


def test_duplicate_user(store):
    store.users.create("dilnoza", "secret-1")
    with pytest.raises(UserExists):
        store.users.create("dilnoza", "secret-2")


def test_unknown_user_update(store):
    with pytest.raises(UserNotFound):
        store.users.set_disabled("nobody")


def test_default_admin_only_when_empty(store):
    assert store.users.ensure_default_admin("development") is True
    assert store.users.get("admin").role == "admin"
    assert store.users.ensure_default_admin("development") is False

    other = Store.open(store.db.path.parent / "second")
    other.users.create("dilnoza", "secret-1")
    assert other.users.ensure_default_admin("development") is False
    assert other.users.get("admin") is None


def test_default_admin_rejected_in_production(store):
    with pytest.raises(DefaultAdminRejected):
        store.users.ensure_default_admin("production")
    assert store.users.count() == 0

    store.users.create("admin", "admin123", role="admin")
    with pytest.raises(DefaultAdminRejected):
        store.users.ensure_default_admin("production")

    store.users.set_password("admin", "a-real-password")
    assert store.users.ensure_default_admin("production") is False


def test_users_command(tmp_path):
    env = {"MOSLIK_DATA_DIR": str(tmp_path), "MOSLIK_NEW_PASSWORD": "secret-1", "PATH": "/usr/bin:/bin"}
    command = [sys.executable, "-m", "engine.cli", "users"]

    added = subprocess.run(command + ["add", "aziz", "--role", "admin"], env=env, capture_output=True, text=True, check=False)
    assert added.returncode == 0, added.stderr
    listed = subprocess.run(command + ["list"], env=env, capture_output=True, text=True, check=False)
    assert listed.stdout.split("\t")[:3] == ["aziz", "admin", "active"]
    again = subprocess.run(command + ["add", "aziz"], env=env, capture_output=True, text=True, check=False)
    assert again.returncode == 1
    assert "already exists" in again.stderr

    assert Store.open(tmp_path).users.authenticate("aziz", "secret-1") is not None

    changed = subprocess.run(command + ["passwd", "aziz"], env={**env, "MOSLIK_NEW_PASSWORD": "secret-2"},
                             capture_output=True, text=True, check=False)
    assert changed.returncode == 0, changed.stderr
    assert Store.open(tmp_path).users.authenticate("aziz", "secret-2") is not None
    disabled = subprocess.run(command + ["disable", "aziz"], env=env, capture_output=True, text=True, check=False)
    assert disabled.returncode == 0, disabled.stderr
    assert Store.open(tmp_path).users.get("aziz").disabled is True


def test_old_database_gains_columns(tmp_path):
    old = sqlite3.connect(tmp_path / "metadata.sqlite3")
    old.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, username TEXT NOT NULL UNIQUE, password_hash TEXT NOT NULL, "
                "role TEXT NOT NULL, disabled INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL)")
    old.commit()
    old.close()

    store = Store.open(tmp_path)
    store.users.create("dilnoza", "secret-1")
    assert store.users.get("dilnoza").password_changed_at == 0
    store.users.set_password("dilnoza", "secret-2")
    assert store.users.get("dilnoza").password_changed_at > 0


@pytest.mark.parametrize("password, allowed", [
    ("a", False),
    ("1234567", False),
    ("ёёёёёёё", False),
    ("admin123", True),
    ("ёёёёёёёё", True),
])
def test_password_min_length(store, password, allowed):
    if allowed:
        store.users.create("dilnoza", password)
        assert store.users.authenticate("dilnoza", password) is not None
        return
    with pytest.raises(InvalidPassword) as caught:
        store.users.create("dilnoza", password)
    assert "8 characters" in str(caught.value)


def test_old_short_password_logs_in(store):
    """A password set before the minimum length existed still logs in."""
    store.users.create("dilnoza", "secret-1")
    old_hash = bcrypt.hashpw(b"abc", bcrypt.gensalt()).decode("ascii")
    con = sqlite3.connect(store.db.path)
    con.execute("UPDATE users SET password_hash = ? WHERE username = 'dilnoza'", (old_hash,))
    con.commit()
    con.close()
    assert store.users.authenticate("dilnoza", "abc") is not None
    assert store.users.authenticate("dilnoza", "ab") is None
