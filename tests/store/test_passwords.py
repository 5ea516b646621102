from engine.store import passwords


def _cost(password_hash: str) -> str:
    return password_hash.split("$")[2]


def test_dummy_hash_costs_as_new_hashes():
    assert _cost(passwords._DUMMY_HASH) == _cost(passwords.hash_password("correct horse"))


def test_unknown_user_never_verifies():
    assert not passwords.verify_password("no such user", None)
