"""Moslik's Streamlit app: log in, upload two files, map columns, run, review and download.

Start it with `scripts/run-ui.sh` (or `streamlit run ui/app.py`). It reads and writes the same
data directory (MOSLIK_DATA_DIR) as the API, so users, uploads and jobs are shared.
"""

import logging
import sys
from pathlib import Path

import streamlit as st

# `streamlit run ui/app.py` puts ui/ on sys.path, not the repository root that contains the
# `engine` and `ui` packages.
ROOT = str(Path(__file__).resolve().parent.parent)
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from engine.store.errors import StoreError
from ui.auth import current_user
from ui.context import app_context
from ui.i18n import LANGUAGE_KEY, LANGUAGES, catalogue, t
from ui.session import PAGE_KEY, PAGES
from ui.views import jobs, mapping, review, run, upload
from ui.widgets import translated_choice

RENDERERS = {"upload": upload.render, "mapping": mapping.render, "run": run.render,
             "review": review.render, "jobs": jobs.render}
STYLE = "<style>mark.moslik-diff{background:#ffd54f;padding:0 1px}table.moslik-details td{vertical-align:top}</style>"


def main() -> None:
    st.set_page_config(page_title=t("app.title"), layout="wide")
    _language_picker()
    st.markdown(STYLE, unsafe_allow_html=True)
    try:
        ctx = app_context()
    except StoreError as exc:
        st.error(t("app.no_admin", detail=str(exc)))
        return

    user = current_user(ctx)
    if user is None:
        return
    st.session_state.setdefault(PAGE_KEY, PAGES[0])
    with st.sidebar:
        translated_choice(st.radio, PAGE_KEY, t("nav.title"), PAGES, format_func=lambda page: t(f"nav.{page}"))
    RENDERERS[st.session_state[PAGE_KEY]](ctx, user)


def _language_picker() -> None:
    st.session_state.setdefault(LANGUAGE_KEY, "en")
    with st.sidebar:
        st.title(t("app.title"))
        st.selectbox(t("app.language"), LANGUAGES, key=LANGUAGE_KEY,
                     format_func=lambda code: catalogue(code)["language.name"])


# Streamlit runs this script as `__main__`. A job's `spawn`ed worker process also executes the
# parent's `__main__` file, as `__mp_main__`, to rebuild that module. The guard keeps the
# worker from drawing the page (a `missing ScriptRunContext` warning per st.* call) and from
# opening a second store and job runner.
if __name__ == "__main__":
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    main()
