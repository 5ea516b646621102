"""The app's page frame: language picker, login, navigation and the current page.

`ui/app.py` calls `main()` on every Streamlit run.
"""

import json
import logging

import streamlit as st

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
# (the upload page states the limit in its own caption, and a mapping JSON file is small) and
# the button label, replaced here by the catalogue's. NOTE: the "Drag and drop a file here" overlay, shown only while a file is
# dragged over the box, has no test id to hide it by and stays English.
# The label goes only on the button that has a text label (":has"). Once a file is chosen, the
# box also contains icon-only buttons (remove the file, add files), and in Streamlit 1.67 a
# label on every button was drawn over the remove button's icon and clipped.
UPLOADER_STYLE = """<style>
[data-testid="stFileUploaderDropzoneInstructions"]{display:none}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"]{display:none}
[data-testid="stFileUploaderDropzone"] button:has([data-testid="stMarkdownContainer"])::after{content:%s}
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
        # Labels made during the run: AppTest formats options outside it, in the default language.
        labels = {page: t(f"nav.{page}") for page in PAGES}
        translated_choice(st.radio, PAGE_KEY, t("nav.title"), PAGES, format_func=labels.get)
    RENDERERS[st.session_state[PAGE_KEY]](ctx, user)


def _language_picker() -> None:
    st.session_state.setdefault(LANGUAGE_KEY, "en")
    with st.sidebar:
        st.title(t("app.title"))
        st.selectbox(t("app.language"), LANGUAGES, key=LANGUAGE_KEY,
                     format_func=lambda code: catalogue(code)["language.name"])
