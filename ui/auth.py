"""Login and logout with streamlit-authenticator, against the users of the shared store.

The credentials handed to the authenticator are the store's bcrypt hashes, read again on
every run, so a user added, disabled or given a new password through the command line or the
API is seen at once. Sessions time out twice over: the login cookie expires after
`MOSLIK_UI_SESSION_MAX_HOURS`, and an open session with no action for
`MOSLIK_UI_SESSION_IDLE_MINUTES` is logged out.
"""

import hashlib
import hmac
import logging
import time

import streamlit as st
import streamlit_authenticator as stauth

from engine.store import User
from ui.context import AppContext
from ui.i18n import t
from ui.settings import get_ui_settings

logger = logging.getLogger(__name__)

COOKIE_NAME = "moslik_ui_session"
LAST_ACTION_KEY = "last_action_at"
EXPIRED_KEY = "session_expired"
# Session keys that belong to one user's work and go away at logout.
USER_KEYS = ("upload_id", "job_id", "latest_job_id", "mapping_upload_id", "mappings", "mapping_saved_draft",
             "review_job_id")


def current_user(ctx: AppContext) -> User | None:
    """Show the login form until a user logs in; return the logged-in, enabled user or None."""
    authenticator = _authenticator(ctx)
    _expire_idle_session(authenticator)

    _login_form(authenticator, "login_form")
    status = st.session_state.get("authentication_status")
    if status is False:
        st.error(t("login.failed"))
    if not status:
        _login_hints()
        return None

    user = ctx.store.users.get(st.session_state.get("username") or "")
    if user is None or user.disabled:
        # The account was removed or disabled after the login.
        authenticator.logout(location="unrendered")
        _forget_user_state()
        st.error(t("login.account_gone"))
        return None

    st.session_state[LAST_ACTION_KEY] = time.monotonic()
    with st.sidebar:
        st.caption(t("login.signed_in_as", username=user.username))
        authenticator.logout(button_name=t("login.logout"), location="sidebar", key="logout_button",
                             callback=_forget_user_state)
    if not st.session_state.get("authentication_status"):
        # Logged out just now. The form is drawn in this same run instead of calling st.rerun,
        # because a rerun can drop the component that deletes the login cookie in the browser.
        _login_form(authenticator, "login_form")
        return None
    return user


def _login_form(authenticator: stauth.Authenticate, key: str) -> None:
    authenticator.login(location="main", key=key, fields={
        "Form name": t("login.title"), "Username": t("login.username"),
        "Password": t("login.password"), "Login": t("login.submit")})


def _authenticator(ctx: AppContext) -> stauth.Authenticate:
    credentials = {"usernames": {
        user.username: {"name": user.username, "email": "", "password": user.password_hash,
                        "roles": [user.role]}
        for user in ctx.store.users.all() if not user.disabled}}
    settings = get_ui_settings()
    return stauth.Authenticate(
        credentials, cookie_name=COOKIE_NAME, cookie_key=_cookie_key(ctx),
        cookie_expiry_days=settings.session_max_hours / 24, auto_hash=False, login_sleep_time=0.3)


def _cookie_key(ctx: AppContext) -> str:
    # Derived from the API's token secret, so the cookie key is stable across restarts and
    # differs from the key that signs API tokens.
    secret = ctx.settings.token_secret().encode("utf-8")
    return hmac.new(secret, b"moslik-ui-cookie", hashlib.sha256).hexdigest()


def _expire_idle_session(authenticator: stauth.Authenticate) -> None:
    last = st.session_state.get(LAST_ACTION_KEY)
    if not st.session_state.get("authentication_status") or last is None:
        return
    idle_s = time.monotonic() - last
    if idle_s > get_ui_settings().session_idle_minutes * 60:
        logger.info("logged out user %s after %.0f s without action", st.session_state.get("username"), idle_s)
        authenticator.logout(location="unrendered")
        _forget_user_state()
        st.session_state[EXPIRED_KEY] = True


def _forget_user_state(_event=None) -> None:
    for key in (*USER_KEYS, LAST_ACTION_KEY):
        st.session_state.pop(key, None)


def _login_hints() -> None:
    if st.session_state.pop(EXPIRED_KEY, False):
        st.warning(t("login.expired"))
    st.caption(t("login.hint"))
