"""`moslik users ...`: manage the users of the API and the Streamlit app from a shell.

`engine.cli` calls `register(subparsers)`; each action sets `handler(args)`, which returns the
exit status. A new password is read with getpass, or from MOSLIK_NEW_PASSWORD for scripts that
have no terminal.
"""

import argparse
import getpass
import os
import sys
from functools import partial
from pathlib import Path

from engine.store import DATABASE_NAME, Store
from engine.store.errors import PasswordSourceError, StoreError
from engine.store.users import ROLES

PASSWORD_VARIABLE = "MOSLIK_NEW_PASSWORD"


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `users` command with `add`, `list`, `disable`, `enable` and `passwd`."""
    users = subparsers.add_parser("users", help="manage API and app users")
    actions = users.add_subparsers(dest="users_action", required=True)

    add = actions.add_parser("add", help="create a user (password from getpass or MOSLIK_NEW_PASSWORD)")
    add.add_argument("name")
    add.add_argument("--role", choices=ROLES, default="user", help="role of the new user (default: user)")
    add.set_defaults(handler=partial(_run_action, _add))

    actions.add_parser("list", help="list users with role and state").set_defaults(handler=partial(_run_action, _list))

    for action, handler, text in (("disable", _disable, "stop a user from logging in"),
                                  ("enable", _enable, "let a disabled user log in again"),
                                  ("passwd", _passwd, "set a new password for a user")):
        parser = actions.add_parser(action, help=text)
        parser.add_argument("name")
        parser.set_defaults(handler=partial(_run_action, handler))


def _run_action(action, args: argparse.Namespace) -> int:
    """Run one `users` action on the store; returns the exit status and prints errors to stderr.

    The data folder is printed first, because a relative MOSLIK_DATA_DIR (default ./var)
    depends on the current folder. Only `add` creates the database when it is missing.
    """
    # Imported here: pydantic-settings loads asyncio, which took 60 ms of every command's start.
    from engine.settings import get_settings

    data_dir = get_settings().data_dir.resolve()
    print(f"data folder: {data_dir} (set MOSLIK_DATA_DIR to use another)", file=sys.stderr)
    if action is not _add and not (data_dir / DATABASE_NAME).is_file():
        return _no_database(action, args, data_dir)

    try:
        # The password comes first, so that a command without one leaves no new database behind.
        if action in (_add, _passwd):
            args.password = _new_password()
        action(Store.open(data_dir), args)
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


def _no_database(action, args: argparse.Namespace, data_dir: Path) -> int:
    if action is _list:
        print("no users: the data folder has no user database yet", file=sys.stderr)
        return 0
    print(f"error: user {args.name!r} does not exist because {data_dir} has no user database; "
          "check MOSLIK_DATA_DIR or create a user with `moslik users add`", file=sys.stderr)
    return 1


def _add(store: Store, args) -> None:
    user = store.users.create(args.name, args.password, role=args.role)
    print(f"created user {user.username} with role {user.role}")


def _list(store: Store, args) -> None:
    users = store.users.all()
    if not users:
        print("no users", file=sys.stderr)
    for user in users:
        state = "disabled" if user.disabled else "active"
        print(f"{user.username}\t{user.role}\t{state}\t{user.created_at}")


def _disable(store: Store, args) -> None:
    store.users.set_disabled(args.name, True)
    print(f"disabled user {args.name}")


def _enable(store: Store, args) -> None:
    store.users.set_disabled(args.name, False)
    print(f"enabled user {args.name}")


def _passwd(store: Store, args) -> None:
    store.users.set_password(args.name, args.password)
    print(f"set a new password for user {args.name}")


def _new_password() -> str:
    """Return the new password from MOSLIK_NEW_PASSWORD, or ask for it twice at the terminal."""
    if PASSWORD_VARIABLE in os.environ:
        from_environment = os.environ[PASSWORD_VARIABLE]
        if not from_environment:
            raise PasswordSourceError(f"{PASSWORD_VARIABLE} is set but empty; set it to the new password, "
                                      "or unset it to be asked at a terminal")
        return from_environment

    # Without this check getpass falls back to reading stdin, with a warning, and fails on EOF.
    if not sys.stdin.isatty():
        raise PasswordSourceError(f"no terminal to ask for the password; set {PASSWORD_VARIABLE}")
    try:
        first = getpass.getpass("New password: ")
        repeated = getpass.getpass("Repeat it: ")
    except EOFError:
        raise PasswordSourceError(f"no password was entered; run the command again or set {PASSWORD_VARIABLE}") from None
    if repeated != first:
        raise StoreError("the two passwords differ; run the command again")
    return first


def main(argv: list[str] | None = None) -> int:
    """Run `moslik users ...` through the main CLI, which turns MoslikErrors into exit status 2."""
    from engine.cli import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main())
