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

from engine.settings import get_settings
from engine.store import Store
from engine.store.errors import StoreError
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
    """Run one `users` action on the store; returns the exit status and prints errors to stderr."""
    store = Store.open(get_settings().data_dir)
    try:
        action(store, args)
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


def _add(store: Store, args) -> None:
    user = store.users.create(args.name, _new_password(), role=args.role)
    print(f"created user {user.username} with role {user.role}")


def _list(store: Store, args) -> None:
    for user in store.users.all():
        state = "disabled" if user.disabled else "active"
        print(f"{user.username}\t{user.role}\t{state}\t{user.created_at}")


def _disable(store: Store, args) -> None:
    store.users.set_disabled(args.name, True)
    print(f"disabled user {args.name}")


def _enable(store: Store, args) -> None:
    store.users.set_disabled(args.name, False)
    print(f"enabled user {args.name}")


def _passwd(store: Store, args) -> None:
    store.users.set_password(args.name, _new_password())
    print(f"set a new password for user {args.name}")


def _new_password() -> str:
    from_environment = os.environ.get(PASSWORD_VARIABLE)
    if from_environment:
        return from_environment
    first = getpass.getpass("New password: ")
    if getpass.getpass("Repeat it: ") != first:
        raise StoreError("the two passwords differ; run the command again")
    return first


def main(argv: list[str] | None = None) -> int:
    """Run `users ...` alone, for `python -m engine.store.commands` until the main CLI wires it."""
    parser = argparse.ArgumentParser(prog="moslik")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
