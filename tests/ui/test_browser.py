"""End to end in a real browser: Debian's chromium, driven by Playwright, against real servers.

The app (scripts/run-ui.sh) and the API (scripts/run-api.sh) run on free 127.0.0.1 ports with
one temporary data dir. Screenshots of each step go to test-artifacts/ui/.
"""

import csv
import io
import re
import shutil
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Page, expect, sync_playwright

from tests.api.server import free_port
from tests.ui.servers import ROOT, start_server

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = ROOT / "test-artifacts" / "ui"
SAMPLE = ROOT / "examples"
STEP_TIMEOUT_MS = 60_000
expect.set_options(timeout=30_000)


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing; install it with scripts/ensure-chromium.sh (make test does)")
    work = tmp_path_factory.mktemp("browser")
    env = {"MOSLIK_DATA_DIR": str(work / "data"), "MOSLIK_ENV": "test"}
    ui_port, api_port = free_port(), free_port()
    app = start_server("ui", "run-ui.sh", {**env, "MOSLIK_UI_PORT": str(ui_port)}, "/_stcore/health", ui_port, work)
    try:
        api = start_server("api", "run-api.sh", {**env, "MOSLIK_API_PORT": str(api_port)}, "/health", api_port, work)
    except BaseException:
        app.stop()
        raise
    yield app, api
    app.stop()
    api.stop()


@pytest.fixture(scope="module")
def page(servers, tmp_path_factory):
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    ARTIFACTS.mkdir(parents=True)
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True,
            viewport={"width": 1400, "height": 2000}, accept_downloads=True)
        context.set_default_timeout(STEP_TIMEOUT_MS)
        try:
            yield context.pages[0] if context.pages else context.new_page()
        finally:
            context.close()


def _shot(page: Page, name: str) -> None:
    page.wait_for_timeout(500)  # let the last rerun paint
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def _metric(page: Page, label: str):
    label_element = page.get_by_test_id("stMetricLabel").get_by_text(label, exact=True)
    return page.get_by_test_id("stMetric").filter(has=label_element).get_by_test_id("stMetricValue")


def _nav(page: Page, label: str) -> None:
    page.get_by_test_id("stSidebar").get_by_text(label, exact=True).click()


def _tick_first_row(page: Page, grid, shown: str = "Highlighted characters differ") -> None:
    """Tick the first row of a table, which the browser draws on a canvas after it appears.

    `shown` is a text that appears once the row is selected.
    """
    details = page.get_by_text(shown)
    for _ in range(10):
        box = grid.bounding_box()
        if box is None:  # the table is being redrawn by a rerun
            page.wait_for_timeout(500)
            continue
        page.mouse.click(box["x"] + 18, box["y"] + 35 + 17)  # the tick box of the first row
        try:
            expect(details).to_be_visible(timeout=5_000)
            return
        except AssertionError:
            continue
    expect(details).to_be_visible()


def _shot_on_failure(page: Page, name: str, steps) -> None:
    """Run `steps()`, saving a screenshot as `name` in the artifacts folder when they fail."""
    try:
        steps()
    except BaseException:
        page.screenshot(path=str(ARTIFACTS / name), full_page=True)
        raise


def _log_in(app, page: Page, shot: str | None = None) -> None:
    """Log in as admin and wait for the upload page; `shot` names a screenshot of the form."""
    page.goto(app.base)
    page.get_by_role("textbox", name="Username").fill("admin")
    page.get_by_role("textbox", name="Password").fill("admin123")
    if shot:
        _shot(page, shot)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text("Upload two files to match")).to_be_visible()
    # The login cookie is set by a component whose reply triggers one more rerun. A file chosen
    # before that rerun ends is dropped with the redrawn uploader.
    page.wait_for_timeout(2000)


def test_browser_walkthrough(servers, page: Page):
    _shot_on_failure(page, "failure.png", lambda: _walk_through(servers, page))


def _walk_through(servers, page: Page) -> None:
    app, api = servers

    _log_in(app, page, shot="01-login")

    # Upload the sample pair.
    for label, name in (("File 1", "data1.csv"), ("File 2", "data2.json")):
        uploader = page.get_by_test_id("stFileUploader").filter(has_text=label)
        uploader.locator("input[type=file]").set_input_files(str(SAMPLE / name))
        expect(uploader.get_by_text(name)).to_be_visible()
    page.get_by_role("button", name="Upload and check").click()
    expect(page.get_by_text("Uploaded data1.csv and data2.json")).to_be_visible()
    expect(_metric(page, "Rows").first).to_have_text("30")
    _shot(page, "02-upload")

    # Keep only the mapping name -> full_name.
    page.get_by_role("button", name="Next: map the columns").click()
    expect(page.get_by_text("Map the columns to compare")).to_be_visible()
    remove_buttons = page.get_by_role("button", name="Remove this mapping")
    expect(remove_buttons).to_have_count(4)
    for pair in ("city ↔ city", "email ↔ email", "phone ↔ phone"):
        count = remove_buttons.count()
        mapping = page.get_by_test_id("stExpander").filter(has_text=pair).filter(has=remove_buttons)
        mapping.get_by_role("button", name="Remove this mapping").click()
        expect(remove_buttons).to_have_count(count - 1)
    expect(page.get_by_text("Mapping 1: name ↔ full_name")).to_be_visible()
    # During a rerun Streamlit can show the old message beside the new one for a moment.
    expect(page.get_by_text("The mapping is valid").first).to_be_visible()
    _shot(page, "03-mapping")

    # Run.
    page.get_by_role("button", name="Next: run the match").click()
    page.get_by_role("button", name="Start matching").click()
    expect(page.get_by_text("Finished:")).to_be_visible()
    # The caption above the button, outside the polling panel, follows the job's end too.
    expect(page.get_by_text("ran as job")).to_be_visible()
    _shot(page, "04-run")

    # Review: move the threshold to 100 and see the counts change.
    page.get_by_role("button", name="Review the results").click()
    matched = _metric(page, "Matched")
    expect(matched).to_have_text("27")
    slider = page.get_by_role("slider").first
    slider.focus()
    slider.press("End")
    expect(matched).to_have_text("21")
    expect(_metric(page, "To review")).to_have_text("6")
    _shot(page, "05-threshold")

    # Search.
    search = page.get_by_role("textbox", name="Search")
    search.fill("Karimov")
    search.press("Enter")
    expect(page.get_by_text("Page 1 of 1, 1 row", exact=True)).to_be_visible()
    _shot(page, "06-search")
    search.fill("")
    search.press("Enter")

    # Accept one low-confidence pair: tick the first row of the table, then accept.
    page.get_by_test_id("stRadio").filter(has_text="To review").get_by_text("To review").click()
    expect(page.get_by_text("Page 1 of 1, 6 rows")).to_be_visible()
    grid = page.get_by_test_id("stDataFrame").first
    expect(grid).to_be_visible()
    _tick_first_row(page, grid)
    expect(page.locator("table.moslik-details mark.moslik-diff").first).to_be_visible()
    _shot(page, "07-pair-details")
    page.get_by_role("button", name="Accept selected as matches").click()
    expect(page.get_by_text("Accepted 1 pair(s)")).to_be_visible()
    expect(matched).to_have_text("22")
    _shot(page, "08-decision")

    # Download the matched CSV and check its rows.
    _nav(page, "Jobs and downloads")
    with page.expect_download() as download_info:
        page.locator(".st-key-jobs_download_matched button").click()
    data = Path(download_info.value.path()).read_bytes()
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == 22
    assert {"f1_name", "f2_full_name", "confidence_score"} <= set(rows[0])
    _shot(page, "09-download")

    # A job started through the API shows in the app's history.
    token = httpx.post(api.base + "/api/v1/auth/login", json={"username": "admin", "password": "admin123"}).json()
    headers = {"Authorization": f"Bearer {token['access_token']}"}
    listed = httpx.get(api.base + "/api/v1/processing/jobs", headers=headers, timeout=30)
    assert listed.status_code == 200, listed.text
    assert [item["status"] for item in listed.json()] == ["completed"]  # the app's job
    with (SAMPLE / "data1.csv").open("rb") as one, (SAMPLE / "data2.json").open("rb") as two:
        uploaded = httpx.post(api.base + "/api/v1/files/upload", headers=headers,
                              files={"file1": one, "file2": two}, timeout=30)
    assert uploaded.status_code == 200, uploaded.text
    started = httpx.post(api.base + "/api/v1/processing/start", headers=headers, timeout=30, json={
        "mappings": [{"file1_col": "name", "file2_col": "full_name"}], "output_path": "from_api"})
    assert started.status_code == 200, started.text
    page.reload()
    _nav(page, "Jobs and downloads")
    expect(page.get_by_test_id("stDataFrame").first).to_be_visible()
    history = page.get_by_test_id("stDataFrame").first
    expect(history).to_contain_text(started.json()["operation_id"][:8])

    # Switch to Uzbek.
    page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").click()
    page.get_by_role("option", name="Oʻzbekcha").click()
    expect(page.get_by_role("heading", name="Vazifalar va yuklab olish")).to_be_visible()
    expect(page.get_by_test_id("stSidebar").get_by_text("1. Fayllarni yuklash")).to_be_visible()
    expect(page.get_by_role("radio", name="Vazifalar va yuklab olish")).to_be_checked()
    expect(page.get_by_role("heading", name="Natijalarni yuklab olish")).to_be_visible()
    _shot(page, "10-uzbek")
    _uzbek_tour(page)

    # Log out: a reload then shows the login form, because the login cookie is gone.
    page.get_by_role("button", name="Chiqish", exact=True).click()
    expect(page.get_by_role("button", name="Kirish", exact=True)).to_be_visible()
    _shot(page, "15-uz-login")
    page.wait_for_timeout(1000)  # the cookie is deleted by a component after the form appears
    page.reload()
    expect(page.get_by_role("textbox", name="Username")).to_be_visible()

    # A job's worker process must not run the app script again: that run printed a
    # `missing ScriptRunContext` warning for every st.* call into the server's log.
    log = app.log.read_text(encoding="utf-8", errors="replace")
    assert "missing ScriptRunContext" not in log
    assert "to view a Streamlit app" not in log
    assert "No runtime found" not in log


def _clipped_labels(page: Page, selector: str) -> list[str]:
    """Return the texts inside `selector` elements that are wider than the box showing them."""
    return page.eval_on_selector_all(selector, """elements => elements.flatMap(element =>
        [element, ...element.querySelectorAll('*')]
            .filter(node => node.scrollWidth > node.clientWidth + 1 && node.clientWidth > 0)
            .map(node => node.textContent))""")


def _uzbek_tour(page: Page) -> None:
    """Visit every page in Uzbek, take a screenshot of each, and check for leftover English."""
    sidebar = page.get_by_test_id("stSidebar")

    # Jobs: pick the app's finished job (the API's job is the latest), whose download labels
    # must fit their buttons.
    page.get_by_role("combobox", name="Vazifa").click()
    page.get_by_role("option", name=re.compile("tugagan")).first.click()
    download = page.locator(".st-key-jobs_download_unmatched_1 button")
    expect(download).to_contain_text("1-faylda mos kelmaganlar")
    expect(page.get_by_test_id("stDataFrame").first).to_contain_text("Tugadi")
    assert _clipped_labels(page, "[data-testid=stDownloadButton]") == []

    # Upload: the uploader's own English texts are hidden and its button label is translated.
    sidebar.get_by_text("1. Fayllarni yuklash", exact=True).click()
    expect(page.get_by_role("heading", name="Solishtirish uchun ikkita fayl yuklang")).to_be_visible()
    # The button's "upload" icon ligature is drawn as an icon, so the label is matched exactly.
    for text in (re.compile("per file"), "Upload"):
        found = page.get_by_test_id("stFileUploaderDropzone").get_by_text(text, exact=True)
        for index in range(found.count()):
            expect(found.nth(index)).to_be_hidden()
    label = page.get_by_test_id("stFileUploaderDropzone").first.locator("button").evaluate(
        "button => getComputedStyle(button, '::after').content")
    assert label == '"Fayl tanlash"'
    _shot(page, "11-uz-upload")

    sidebar.get_by_text("2. Ustunlarni bogʻlash", exact=True).click()
    expect(page.get_by_role("heading", name="Solishtiriladigan ustunlarni bogʻlang")).to_be_visible()
    _shot(page, "12-uz-mapping")
    page.get_by_test_id("stMain").hover()
    page.mouse.wheel(0, 5000)  # the main area scrolls inside its own box, not the page
    _shot(page, "12b-uz-mapping-end")

    sidebar.get_by_text("3. Ishga tushirish", exact=True).click()
    expect(page.get_by_role("heading", name="Solishtirishni ishga tushirish")).to_be_visible()
    _shot(page, "13-uz-run")

    # Review: the unmatched records of file 1, with the best candidate's values from file 2.
    sidebar.get_by_text("4. Natijalarni koʻrib chiqish", exact=True).click()
    expect(page.get_by_role("heading", name="Natijalarni koʻrib chiqish")).to_be_visible()
    expect(page.get_by_text("Past ishonch chegarasi chegaradan yuqori boʻla olmaydi")).to_be_visible()
    page.get_by_test_id("stRadio").filter(has_text="1-faylda mos kelmaganlar").get_by_text(
        "1-faylda mos kelmaganlar").click()
    grid = page.get_by_test_id("stDataFrame").first
    expect(grid).to_be_visible()
    _tick_first_row(page, grid, "Ajratib koʻrsatilgan belgilar ikki faylda farq qiladi.")
    expect(page.get_by_text("Nomzod (2-fayl,")).to_be_visible()
    _shot(page, "14-uz-review-unmatched")


def test_uploader_remove_button_clean(servers, page: Page):
    """The remove button beside a chosen file shows only its icon, in English and in Uzbek."""
    app, _ = servers
    _shot_on_failure(page, "failure-remove-button.png", lambda: _check_remove_button(app, page))


def _check_remove_button(app, page: Page) -> None:
    _log_in(app, page)

    # Located by widget key, because the labels change with the language.
    uploader = page.locator(".st-key-upload_file1")
    uploader.locator("input[type=file]").set_input_files(str(SAMPLE / "data1.csv"))
    chip = uploader.get_by_test_id("stFileChip")
    expect(chip).to_contain_text("data1.csv")
    remove = chip.get_by_test_id("stFileChipDeleteBtn").locator("button")
    browse = page.locator(".st-key-upload_file2").get_by_test_id("stFileUploaderDropzone").locator("button")

    for language, label in (("en", '"Choose a file"'), ("uz", '"Fayl tanlash"')):
        if language == "uz":
            page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").click()
            page.get_by_role("option", name="Oʻzbekcha").click()
            expect(page.get_by_role("heading", name="Solishtirish uchun ikkita fayl yuklang")).to_be_visible()
        expect(chip).to_contain_text("data1.csv")
        page.wait_for_timeout(500)  # let the language's style rule apply
        uploader.screenshot(path=str(ARTIFACTS / f"16-remove-button-{language}.png"))

        # Every button in the box with a file, the remove and the add-files button, shows no label.
        buttons = uploader.get_by_test_id("stFileUploaderDropzone").locator("button")
        for index in range(buttons.count()):
            added = buttons.nth(index).evaluate("button => getComputedStyle(button, '::after').content")
            assert added == "none", f"{language}: button {index} beside the file shows {added}"
        assert _clipped_labels(page, "[data-testid=stFileChip]") == []
        # The empty uploader's button still shows the translated label.
        assert browse.evaluate("button => getComputedStyle(button, '::after').content") == label

    remove.click()
    expect(chip).to_have_count(0)
    expect(uploader.get_by_test_id("stFileUploaderDropzone").locator("button")).to_have_count(1)
