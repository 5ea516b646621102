"""Password hashing with the `bcrypt` package.

bcrypt reads at most 72 bytes of a password. bcrypt 5 raises on longer ones instead of silently
cutting them, so the length is checked first, with a message that names the fix.
"""

import bcrypt

from engine.store.errors import InvalidPassword

MAX_PASSWORD_BYTES = 72

# Checked against when a username is unknown, so that a failed login takes the same time
# whether or not the user exists.
_DUMMY_HASH = bcrypt.hashpw(b"no such user", bcrypt.gensalt()).decode("ascii")


def check_password_rules(password: str) -> None:
    """Raise InvalidPassword when `password` is empty or longer than 72 bytes in UTF-8."""
    if not password:
        raise InvalidPassword("the password is empty; choose one of 1 to 72 bytes")
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
    check_password_rules(password)
    candidate = password.encode("utf-8")
    if password_hash is None:
        bcrypt.checkpw(candidate, _DUMMY_HASH.encode("ascii"))
        return False
    return bcrypt.checkpw(candidate, password_hash.encode("ascii"))
