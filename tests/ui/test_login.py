"""Login and logout against the shared user store, and session time-outs."""

from tests.ui.conftest import new_app, texts


def _submit(at, username, password):
    at.text_input[0].input(username)
    at.text_input[1].input(password)
    at.button[0].click()
    return at.run()


def test_login_wrong_password(store):
    at = new_app()
    at.run()
    _submit(at, "admin", "not-the-password")
    assert not at.exception
    assert "username or password is wrong" in texts(at)
    assert not at.session_state["authentication_status"]


def test_login_store_user(store):
    store.users.create("dilnoza", "s3cret-pass")
    at = new_app()
    at.run()
    _submit(at, "dilnoza", "s3cret-pass")
    assert not at.exception
    assert at.session_state["authentication_status"] is True
    assert "Logged in as dilnoza" in texts(at)
    assert at.header[0].value == "Upload two files to match"


def test_login_disabled_user(store):
    store.users.create("bekzod", "s3cret-pass")
    store.users.set_disabled("bekzod")
    at = new_app()
    at.run()
    _submit(at, "bekzod", "s3cret-pass")
    assert not at.session_state["authentication_status"]
    assert "Upload two files" not in texts(at)


def test_logout_shows_login(store):
    at = new_app()
    at.run()
    _submit(at, "admin", "admin123")
    at.button(key="logout_button").click()
    at.run()
    assert not at.session_state["authentication_status"]
    assert [item.label for item in at.text_input] == ["Username", "Password"]

    # The form drawn right after logging out works at once.
    _submit(at, "admin", "admin123")
    assert at.session_state["authentication_status"] is True


def test_idle_session_expires(store, monkeypatch):
    monkeypatch.setenv("MOSLIK_UI_SESSION_IDLE_MINUTES", "0.0001")
    from ui.settings import get_ui_settings
    get_ui_settings.cache_clear()
    try:
        at = new_app()
        at.run()
        _submit(at, "admin", "admin123")
        at.run()  # the next action comes after more than 6 ms without one
        assert not at.session_state["authentication_status"]
        assert "session ended" in texts(at)
    finally:
        get_ui_settings.cache_clear()
