"""Users of the API and the Streamlit app, with roles `admin` and `user`."""

import logging
import re
import sqlite3
from dataclasses import dataclass, field
from typing import Literal

from engine.store.database import Database, query, utc_now
from engine.store.errors import (
    DefaultAdminRejected,
    InvalidUsername,
    UserExists,
    UserNotFound,
)
from engine.store.passwords import hash_password, verify_password

logger = logging.getLogger(__name__)

Role = Literal["admin", "user"]
ROLES = ("admin", "user")
DEFAULT_ADMIN = ("admin", "admin123")
_USERNAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}")


@dataclass(frozen=True)
class User:
    id: int
    username: str
    role: Role
    disabled: bool
    created_at: str
    password_changed_at: int
    password_hash: str = field(repr=False)

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


def _user(row: sqlite3.Row | None) -> User | None:
    if row is None:
        return None
    return User(id=row["id"], username=row["username"], role=row["role"], disabled=bool(row["disabled"]),
                created_at=row["created_at"], password_changed_at=row["password_changed_at"],
                password_hash=row["password_hash"])


class UserStore:
    def __init__(self, db: Database):
        self.db = db

    def create(self, username: str, password: str, role: Role = "user") -> User:
        """Add a user; raises InvalidUsername, InvalidPassword or UserExists."""
        check_username(username)
        if role not in ROLES:
            raise InvalidUsername(f"role {role!r} is not allowed; use 'admin' or 'user'")
        password_hash = hash_password(password)
        try:
            with self.db.connect() as con:
                con.execute(query("users", "insert_user"), (username, password_hash, role, utc_now()))
        except sqlite3.IntegrityError:
            raise UserExists(f"user {username!r} already exists; choose another name") from None
        logger.info("created user %s with role %s", username, role)
        return self.get(username)

    def get(self, username: str) -> User | None:
        with self.db.connect() as con:
            return _user(con.execute(query("users", "user_by_name"), (username,)).fetchone())

    def get_by_id(self, user_id: int) -> User | None:
        with self.db.connect() as con:
            return _user(con.execute(query("users", "user_by_id"), (user_id,)).fetchone())

    def all(self) -> list[User]:
        with self.db.connect() as con:
            return [_user(row) for row in con.execute(query("users", "all_users"))]

    def count(self) -> int:
        with self.db.connect() as con:
            return con.execute(query("users", "count_users")).fetchone()[0]

    def authenticate(self, username: str, password: str) -> User | None:
        """Return the enabled user with this password, else None.

        Unknown, disabled and wrong-password cases take the same path and time, so a caller
        cannot tell which one happened.
        """
        user = self.get(username)
        matches = verify_password(password, user.password_hash if user else None)
        if user is None or not matches or user.disabled:
            return None
        return user

    def set_disabled(self, username: str, disabled: bool = True) -> User:
        self._update("set_disabled", int(disabled), username)
        logger.info("%s user %s", "disabled" if disabled else "enabled", username)
        return self.get(username)

    def set_password(self, username: str, password: str) -> User:
        self._update("set_password", hash_password(password), username)
        logger.info("reset the password of user %s", username)
        return self.get(username)

    def _update(self, name: str, value, username: str) -> None:
        with self.db.connect() as con:
            changed = con.execute(query("users", name), (value, username)).rowcount
        if not changed:
            raise UserNotFound(f"user {username!r} does not exist; list users to check the name")

    def ensure_default_admin(self, env: str) -> bool:
        """Create admin/admin123 when no user exists; returns whether it was created.

        In production this raises DefaultAdminRejected instead, and also when admin/admin123
        still logs in, because a public server must not run with a published password.
        """
        username, password = DEFAULT_ADMIN
        if env == "production":
            if self.count() == 0:
                raise DefaultAdminRejected(
                    "no user exists and MOSLIK_ENV=production rejects the default admin/admin123; "
                    "create an administrator first with `moslik users add NAME --role admin`")
            if self.authenticate(username, password) is not None:
                raise DefaultAdminRejected(
                    "user 'admin' still has the default password admin123 and MOSLIK_ENV=production "
                    "rejects it; change it with `moslik users passwd admin`")
            return False
        if self.count() > 0:
            return False
        try:
            self.create(username, password, role="admin")
        except UserExists:
            return False  # another process created it first
        logger.warning("created the default user admin/admin123; change its password before real use")
        return True


def check_username(username: str) -> None:
    """Raise InvalidUsername unless the name is 1-64 letters, digits, `_.@-`, starting alphanumeric."""
    if not isinstance(username, str) or not _USERNAME.fullmatch(username):
        raise InvalidUsername(
            f"username {username!r} is not allowed; use 1 to 64 letters, digits or _ . @ -, "
            "starting with a letter or digit")

