"""Upload page: send two files, or pick an earlier upload, and see what each file holds."""

import logging

import streamlit as st

from engine.store import User
from engine.store.errors import (
    EmptyUpload,
    UnsupportedUpload,
    UploadRejected,
    UploadTooLarge,
)
from engine.store.intake import IncomingFile, store_pair
from ui.context import AppContext
from ui.failures import show_failure
from ui.i18n import t
from ui.session import current_upload, go_to
from ui.uploads import inspect_upload
from ui.widgets import file_report, next_step

logger = logging.getLogger(__name__)

# The failure of the last "Upload and check", kept until an upload succeeds or an earlier one
# is picked, so that the reports of the previous upload do not show under it.
REJECTED_KEY = "upload_rejected"


def render(ctx: AppContext, user: User) -> None:
    st.header(t("upload.title"))
    st.caption(t("upload.help", limit=ctx.settings.max_upload_mb))

    left, right = st.columns(2)
    file1 = left.file_uploader(t("upload.file1"), key="upload_file1")
    file2 = right.file_uploader(t("upload.file2"), key="upload_file2")
    if st.button(t("upload.submit"), key="upload_submit", type="primary", disabled=not (file1 and file2)):
        _save(ctx, user, file1, file2)
    if rejected := st.session_state.get(REJECTED_KEY):
        _show_rejected(rejected)
    _earlier_uploads(ctx, user)
    if rejected:
        next_step("upload.rejected_next")
        return

    upload = current_upload(ctx, user)
    if upload is None:
        next_step("upload.empty")
        return
    reports = inspect_upload(upload)
    left, right = st.columns(2)
    for column, report, slot in zip((left, right), reports, (1, 2), strict=True):
        with column:
            file_report(report, t("upload.report_heading", slot=slot))

    if all(report.valid for report in reports):
        st.button(t("upload.next"), key="upload_next", type="primary", on_click=go_to, args=("mapping",))
    else:
        st.error(t("upload.invalid_pair"))


def _save(ctx: AppContext, user: User, file1, file2) -> None:
    for item in (file1, file2):
        item.seek(0)
    files = [IncomingFile(item.name, item) for item in (file1, file2)]
    try:
        upload = store_pair(ctx.store, user.id, files, ctx.settings.max_upload_bytes)
    except UploadRejected as exc:
        logger.info("user %s: upload rejected, file %s is %s", user.id, exc.slot, exc.reason)
        st.session_state[REJECTED_KEY] = exc
        return
    st.session_state.pop(REJECTED_KEY, None)
    st.session_state["upload_id"] = upload.id
    st.success(t("upload.saved", name1=file1.name, name2=file2.name))


def _show_rejected(exc: UploadRejected) -> None:
    if isinstance(exc, UploadTooLarge):
        show_failure(t("upload.too_large", slot=exc.slot, name=exc.original_name, limit=exc.limit_mb))
    else:
        # The detail is the ingest error of an unsupported file, or the rejection of an empty one.
        detail = exc.problem if isinstance(exc, UnsupportedUpload) else exc
        summary = "upload.empty_file" if isinstance(exc, EmptyUpload) else "upload.unsupported"
        show_failure(t(summary, slot=exc.slot, name=exc.original_name), detail)


def _earlier_uploads(ctx: AppContext, user: User) -> None:
    uploads = ctx.store.uploads.list_for(user.id)
    if len(uploads) < 2:
        return
    labels = {item.id: t("upload.earlier_label", created=item.created_at[:19].replace("T", " "),
                         name1=item.files[0].original_name, name2=item.files[1].original_name)
              for item in uploads}
    current = st.session_state.get("upload_id")
    if current in labels:
        st.session_state["upload_pick"] = current
    st.selectbox(t("upload.earlier"), list(labels), format_func=labels.get, key="upload_pick",
                 on_change=_pick_upload)


def _pick_upload() -> None:
    st.session_state.pop(REJECTED_KEY, None)
    st.session_state["upload_id"] = st.session_state["upload_pick"]
