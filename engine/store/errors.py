"""Errors of the metadata store; each message names the value and the fix."""

from engine.errors import MoslikError


class StoreError(MoslikError):
    """A request to the user, upload or job store cannot be carried out."""


class InvalidPassword(StoreError):
    """A password breaks a rule: shorter than 8 characters, or longer than bcrypt's 72 bytes."""


class InvalidUsername(StoreError):
    """A new username has characters or a length that is not allowed."""


class UserExists(StoreError):
    """A user with that name is already in the store."""


class UserNotFound(StoreError):
    """No user has that name."""


class DefaultAdminRejected(StoreError):
    """A production start found no user, or found admin/admin123 still working."""


class PasswordSourceError(MoslikError):
    """A command cannot read a new password: no terminal to ask at, or an empty MOSLIK_NEW_PASSWORD.

    Not a StoreError, so `moslik` reports it as bad input (exit status 2).
    """
