"""API tokens: JWT signed with HS256 (python-jose), with `exp` required when read back."""

import time

from jose import JWTError, jwt

ALGORITHM = "HS256"


class TokenError(Exception):
    """A token is missing, malformed, expired, wrongly signed or uses another algorithm."""


def issue_token(secret: str, username: str, user_id: int, lifetime_s: int) -> tuple[str, int]:
    """Return a signed token for the user and its expiry as a Unix time."""
    now = int(time.time())
    expires_at = now + lifetime_s
    claims = {"sub": username, "uid": user_id, "iat": now, "exp": expires_at}
    return jwt.encode(claims, secret, algorithm=ALGORITHM), expires_at


def read_token(secret: str, token: str) -> dict:
    """Return the verified claims; raises TokenError for any token that fails a check.

    `algorithms` is given explicitly, so a token whose header names `none` or RS256 fails.
    """
    try:
        claims = jwt.decode(token, secret, algorithms=[ALGORITHM],
                            options={"require_exp": True, "require_sub": True, "require_iat": True})
    except JWTError as exc:
        raise TokenError(str(exc)) from None
    if not isinstance(claims.get("uid"), int):
        raise TokenError("the token has no user id")
    return claims
