"""The main journeys in Debian's Chromium, by mouse and by keyboard, with axe-core on every
page: no serious or critical accessibility violation."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from jsw.analysis.models import Commentary, Target
from jsw.dashboard import uploads
from jsw.records.models import Return
from tests.conftest import EXAMPLE_SMALL
from tests.dashboard.conftest import PASSWORD, PERSONAS

AXE = Path(__file__).parent.parent / "reports" / "vendor" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (scripts/install-system-packages)")
    from playwright.sync_api import sync_playwright

    # Playwright's event loop shares the thread with Django's database calls.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield launched
        launched.close()


@pytest.fixture
def site(live_server: Any, people: Any, computed: None, monkeypatch: pytest.MonkeyPatch) -> str:
    # The live server's test database is not shared with a second thread: import in-request.
    real_start = uploads.start
    monkeypatch.setattr(
        uploads, "start", lambda *a, **k: real_start(*a, **{**k, "background": False})
    )
    return str(live_server.url)


def log_in(page: Any, site: str, role: str) -> None:
    page.goto(f"{site}/accounts/login/")
    page.get_by_label("User name").fill(PERSONAS[role])
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{site}/")


def serious_violations(page: Any) -> list[str]:
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("async () => (await axe.run(document)).violations")
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])})"
        for v in found
        if v["impact"] in ("serious", "critical")
    ]


def test_every_page_has_no_serious_accessibility_violation(browser: Any, site: str) -> None:
    # axe-core is injected as an inline script, which the pages' own policy rightly refuses.
    page = browser.new_context(bypass_csp=True).new_page()
    log_in(page, site, "administrator")
    for path in [
        "/",
        "/pi/cpo-seen-1-day/",
        "/pi/cpo-breach-outcomes/",
        "/framework/",
        "/reports/",
        "/targets/",
        "/data/",
        "/returns/",
        "/audit/",
    ]:
        page.goto(site + path)
        assert serious_violations(page) == [], path
    page.context.clear_cookies()
    page.goto(f"{site}/accounts/login/")
    assert serious_violations(page) == [], "login"


def test_a_manager_reads_the_scorecard_and_sets_a_target_and_commentary(
    browser: Any, site: str
) -> None:
    page = browser.new_page()
    log_in(page, site, "manager")
    assert "Scorecard" in page.locator("h1").inner_text()
    page.get_by_role(
        "link", name="Number (%) of new CPO individuals seen within one working day"
    ).click()
    assert "seen within one working day" in page.locator("h1").inner_text()
    page.locator("form", has_text="Set a target").get_by_label("Period").select_option("2023-24")
    page.locator("form", has_text="Set a target").get_by_label("Target").fill("80")
    page.get_by_role("button", name="Save target").click()
    assert "Target saved" in page.content()
    page.locator("form", has_text="Add commentary").get_by_label("Period").select_option(
        "2023-24-Q4"
    )
    page.get_by_label("Text").fill("Better than last quarter.")
    page.get_by_role("button", name="Save commentary").click()
    assert "Better than last quarter." in page.content()
    assert Target.objects.filter(indicator_id="cpo-seen-1-day").exists()
    assert Commentary.objects.filter(author="mo").exists()
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url(f"{site}/accounts/login/")


def test_an_analyst_enters_a_return_uploads_an_extract_and_downloads_a_pack(
    browser: Any, site: str, tmp_path: Path
) -> None:
    page = browser.new_page()
    log_in(page, site, "analyst")
    page.get_by_role("link", name="Returns").click()
    page.get_by_label("PI").select_option("mappa-clients")
    page.get_by_label("Period").select_option("2023-24")
    page.get_by_label("Value").fill("37")
    page.get_by_role("button", name="Save return").click()
    assert Return.objects.get(indicator_id="mappa-clients", period="2023-24").value == 37

    archive = tmp_path / "extract.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.write(EXAMPLE_SMALL / "people.csv", "people.csv")
    page.get_by_role("link", name="Data").click()
    page.get_by_label("Extract", exact=True).set_input_files(str(archive))
    page.get_by_role("button", name="Upload and import").click()
    assert "Every row was imported." in page.content()

    page.get_by_role("link", name="Reports").click()
    page.get_by_label("Period").select_option("2023-24-Q4")
    page.get_by_label("Format").select_option("xlsx")
    with page.expect_download() as download:
        page.get_by_role("button", name="Make and download").click()
    assert download.value.suggested_filename == "jsw-board-pack-2023-24-Q4.xlsx"


def test_a_board_member_logs_in_and_opens_a_pi_with_the_keyboard_only(
    browser: Any, site: str
) -> None:
    page = browser.new_page()
    page.goto(f"{site}/accounts/login/")
    page.keyboard.press("Tab")  # the skip link
    for _ in range(10):
        if page.evaluate("document.activeElement.id") == "id_username":
            break
        page.keyboard.press("Tab")
    page.keyboard.type(PERSONAS["board"])
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site}/")
    target = "Number of CPOs"
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == target:
            break
    else:
        pytest.fail("the PI link could not be reached with Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site}/pi/cpos-imposed/")
    assert page.locator("h1").inner_text() == target
