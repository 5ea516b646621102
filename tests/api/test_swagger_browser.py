"""Swagger UI renders in a real browser (Debian's chromium) with every outside request blocked."""

from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def test_swagger_ui_without_internet(server, tmp_path):
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing; install Debian's chromium package")
    blocked: list[str] = []

    def only_local(route):
        if route.request.url.startswith(server.base):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page()
            page.route("**/*", only_local)
            page.goto(server.url("/api/v1/docs/"))
            page.locator(".opblock").first.wait_for(timeout=30_000)
            operations = page.locator(".opblock").count()
            authorize = page.locator("button.authorize").count()
        finally:
            browser.close()

    assert operations == 19
    assert authorize == 1
    assert blocked == []
