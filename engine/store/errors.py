"""Errors of the metadata store; each message names the value and the fix."""

from engine.errors import MoslikError


class StoreError(MoslikError):
    """A request to the user, upload or job store cannot be carried out."""


class InvalidPassword(StoreError):
    """A new password breaks a rule (empty, or longer than bcrypt's 72 bytes)."""


class InvalidUsername(StoreError):
    """A new username has characters or a length that is not allowed."""


class UserExists(StoreError):
    """A user with that name is already in the store."""


class UserNotFound(StoreError):
    """No user has that name."""


class DefaultAdminRejected(StoreError):
    """A production start found no user, or found admin/admin123 still working."""
