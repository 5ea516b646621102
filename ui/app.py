"""Moslik's Streamlit app: log in, upload two files, map columns, run, review and download.

Start it with `scripts/run-ui.sh` (or `streamlit run ui/app.py`). It reads and writes the same
data directory (MOSLIK_DATA_DIR) as the API, so users, uploads and jobs are shared.
"""

import json
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
from ui.failures import show_failure
from ui.i18n import LANGUAGE_KEY, LANGUAGES, catalogue, t
from ui.session import PAGE_KEY, PAGES
from ui.views import jobs, mapping, review, run, upload
from ui.widgets import translated_choice

logger = logging.getLogger(__name__)

RENDERERS = {"upload": upload.render, "mapping": mapping.render, "run": run.render,
             "review": review.render, "jobs": jobs.render}
STYLE = "<style>mark.moslik-diff{background:#ffd54f;padding:0 1px}table.moslik-details td{vertical-align:top}</style>"
# Streamlit's file uploader has English texts of its own: the size limit under the button
# (each page gives the limit in its own caption) and the button label, replaced here by the
# catalogue's. NOTE: the "Drag and drop a file here" overlay, shown only while a file is
# dragged over the box, has no test id to hide it by and stays English.
UPLOADER_STYLE = """<style>
[data-testid="stFileUploaderDropzoneInstructions"]{display:none}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"]{display:none}
[data-testid="stFileUploaderDropzone"] button::after{content:%s}
</style>"""


def main() -> None:
    st.set_page_config(page_title=t("app.title"), layout="wide")
    _language_picker()
    st.markdown(STYLE, unsafe_allow_html=True)
    # json.dumps gives a double-quoted string with quotes and backslashes escaped, as CSS reads it.
    st.markdown(UPLOADER_STYLE % json.dumps(t("upload.browse"), ensure_ascii=False), unsafe_allow_html=True)
    try:
        ctx = app_context()
    except StoreError as exc:
        logger.error("opening the store failed: %s", exc)
        show_failure(t("app.no_admin"), str(exc))
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
