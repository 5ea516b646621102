"""Password hashing with the `bcrypt` package.

bcrypt reads at most 72 bytes of a password. bcrypt 5 raises on longer ones instead of silently
cutting them, so the length is checked first, with a message that names the fix. New passwords
also need at least 8 characters, the length of the default admin123.
"""

import bcrypt

from engine.store.errors import InvalidPassword

MIN_PASSWORD_CHARS = 8
MAX_PASSWORD_BYTES = 72

# Checked against when a username is unknown, so that a failed login takes the same time
# whether or not the user exists. It has the cost of bcrypt.gensalt()'s default (12), as new
# hashes do, and is written out because hashing it on import took 0.24 s of every command.
_DUMMY_HASH = "$2b$12$ux/E20cnigEwN6wPHbSuy.zz5MB78hfoP69JfZfzegnUQiPyalUKu"


def check_password_rules(password: str) -> None:
    """Raise InvalidPassword unless a new `password` has 8 characters to 72 bytes in UTF-8."""
    if len(password) < MIN_PASSWORD_CHARS:
        raise InvalidPassword(
            f"the password is shorter than {MIN_PASSWORD_CHARS} characters; choose one of "
            f"{MIN_PASSWORD_CHARS} characters to {MAX_PASSWORD_BYTES} bytes in UTF-8")
    check_password_size(password)


def check_password_size(password: str) -> None:
    """Raise InvalidPassword when `password` is longer than bcrypt's 72 bytes in UTF-8.

    Login checks only this rule, so users whose passwords predate the minimum length can still
    log in and a failed login does not reveal the rules.
    """
    size = len(password.encode("utf-8"))
    if size > MAX_PASSWORD_BYTES:
        raise InvalidPassword(
            f"the password is {size} bytes long in UTF-8; bcrypt uses at most {MAX_PASSWORD_BYTES}, "
            "so choose a shorter one")


def hash_password(password: str) -> str:
    """Check the rules, then return a bcrypt hash as text."""
    check_password_rules(password)
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt()).decode("ascii")


def verify_password(password: str, password_hash: str | None) -> bool:
    """Return whether `password` matches; `None` compares against a dummy hash and fails."""
    check_password_size(password)
    candidate = password.encode("utf-8")
    if password_hash is None:
        bcrypt.checkpw(candidate, _DUMMY_HASH.encode("ascii"))
        return False
    return bcrypt.checkpw(candidate, password_hash.encode("ascii"))
