"""The main journeys in Debian's Chromium, by mouse and by keyboard, with axe-core on every
page: no serious or critical accessibility violation."""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from jsw.analysis.models import Commentary, Target
from jsw.dashboard import worker
from jsw.records.models import ImportBatch, Return
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
def site(live_server: Any, people: Any, computed: None) -> str:
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
    page.locator("form", has_text="Set a target").get_by_label("Period", exact=True).select_option(
        "2023-24"
    )
    page.locator("form", has_text="Set a target").get_by_label("Target").fill("80")
    page.get_by_role("button", name="Save target").click()
    assert "Target saved" in page.content()
    page.locator("form", has_text="Add commentary").get_by_label(
        "Period", exact=True
    ).select_option("2023-24-Q4")
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
    page.get_by_label("Period", exact=True).select_option("2023-24")
    page.get_by_label("Value").fill("37")
    page.get_by_role("button", name="Save return").click()
    assert Return.objects.get(indicator_id="mappa-clients", period="2023-24").value == 37

    archive = tmp_path / "extract.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.write(EXAMPLE_SMALL / "people.csv", "people.csv")
    page.get_by_role("link", name="Data").click()
    page.get_by_label("Extract", exact=True).set_input_files(str(archive))
    page.get_by_role("button", name="Upload and import").click()
    assert "Waiting" in page.content()
    worker.drain()  # what `jsw worker` does, here in the test's process
    page.get_by_text("Every row was imported.").wait_for()  # the page refreshes itself

    page.get_by_role("link", name="Reports").click()
    page.get_by_label("Period", exact=True).select_option("2023-24-Q4")
    page.get_by_label("Format").select_option("xlsx")
    page.get_by_role("button", name="Make and download").click()
    assert "Waiting to be made" in page.content()
    worker.drain()
    page.get_by_text("Ready.").wait_for()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download jsw-board-pack-2023-24-Q4.xlsx").click()
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


# Every page each role may open (the PI and import pages by example).
ROLE_PAGES = {
    "board": ["/", "/pi/cpo-seen-1-day/", "/pi/cpo-breach-outcomes/", "/framework/", "/reports/"],
    "manager": ["/", "/pi/cpo-seen-1-day/", "/framework/", "/reports/", "/targets/"],
    "analyst": [
        "/",
        "/pi/cpo-breach-outcomes/",
        "/framework/",
        "/reports/",
        "/targets/",
        "/data/",
        "/data/imports/{batch}/",
        "/returns/",
    ],
    "administrator": ["/", "/framework/", "/reports/", "/targets/", "/data/", "/audit/"],
}
MENU = {
    "board": ["Scorecard", "Framework", "Reports"],
    "manager": ["Scorecard", "Framework", "Reports", "Targets"],
    "analyst": ["Scorecard", "Framework", "Reports", "Targets", "Data", "Returns"],
    "administrator": [
        "Scorecard",
        "Framework",
        "Reports",
        "Targets",
        "Data",
        "Returns",
        "Audit",
        "Admin",
    ],
}
SHOTS = os.environ.get("JSW_SCREENSHOTS")  # a folder: keep a picture of every page looked at


def wider_than_the_screen(page: Any) -> list[str]:
    """Elements that stick out of the viewport, outside any box that scrolls by itself."""
    return page.evaluate(
        """() => {
        const width = document.documentElement.clientWidth;
        const out = [];
        for (const el of document.body.querySelectorAll('*')) {
            if (el.closest('.jsw-table-box')) continue;
            const box = el.getBoundingClientRect();
            if (box.width && box.right > width + 1) out.push(el.tagName + '.' + el.className);
        }
        return out.slice(0, 5);
    }"""
    )


@pytest.mark.parametrize("width", [390, 1366])
@pytest.mark.parametrize("role", list(ROLE_PAGES))
def test_every_page_fits_the_screen_and_the_menu_reaches_every_page(
    browser: Any, site: str, role: str, width: int
) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})
    log_in(page, site, role)
    batch = ImportBatch.objects.get().pk
    for path in ROLE_PAGES[role]:
        path = path.format(batch=batch)
        page.goto(site + path)
        if SHOTS:
            name = f"{role}-{width}-{path.strip('/').replace('/', '_') or 'scorecard'}.png"
            page.screenshot(path=str(Path(SHOTS) / name), full_page=True)
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= width, (path, scroll, wider_than_the_screen(page))
        assert wider_than_the_screen(page) == [], path
    if width < 768:  # the design system's breakpoint for its mobile menu
        assert not page.get_by_role("link", name="Framework", exact=True).is_visible()
        page.get_by_role("button", name="Menu").click()
    for words in MENU[role]:
        assert page.get_by_role("link", name=words, exact=True).is_visible(), words
    logout = page.get_by_role("button", name="Log out")
    assert logout.is_visible()
    box = logout.bounding_box()
    assert box is not None and box["x"] + box["width"] <= width
    logout.click()
    page.wait_for_url(f"{site}/accounts/login/")
    assert "You have logged out." in page.content()
    page.close()


def test_a_refused_target_and_commentary_look_like_errors_and_keep_the_text(
    browser: Any, site: str
) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 800})
    log_in(page, site, "manager")
    page.goto(f"{site}/pi/cpo-seen-1-day/")
    form = page.locator("#set-target")
    form.get_by_label("Period", exact=True).select_option("2023-24")
    form.get_by_label("Target", exact=True).fill("75%")
    form.get_by_role("button", name="Save target").click()
    _comes_into_view(page, "#set-target")
    summary = page.locator("#set-target [role=alert]")
    assert "There is a problem" in summary.inner_text() and "75%" in summary.inner_text()
    assert summary.is_visible() and _in_view(page, summary), summary.bounding_box()
    field = page.locator("#set-target").get_by_label("Target", exact=True)
    assert field.get_attribute("aria-invalid") == "true" and field.input_value() == "75%"
    colour = summary.evaluate("e => getComputedStyle(e).borderTopColor")
    assert colour == "rgb(211, 34, 5)"  # the design system's error red, not a green panel
    if SHOTS:
        page.screenshot(path=str(Path(SHOTS) / "manager-390-target-refused.png"))

    text = "Breaches rose after the court backlog cleared;\nwe expect a fall next quarter."
    commentary = page.locator("#add-commentary")
    commentary.get_by_label("Text").fill(text)
    commentary.get_by_label("Period", exact=True).select_option("")
    commentary.get_by_role("button", name="Save commentary").click()
    _comes_into_view(page, "#add-commentary")
    box = page.locator("#add-commentary")
    assert _in_view(page, box.locator("[role=alert]"))
    assert box.get_by_label("Text").input_value() == text
    assert box.get_by_label("Period", exact=True).get_attribute("aria-invalid") == "true"
    assert not Commentary.objects.exists()
    if SHOTS:
        page.screenshot(path=str(Path(SHOTS) / "manager-390-commentary-refused.png"))


def _comes_into_view(page: Any, selector: str) -> None:
    """The browser goes to the form the error is about (its address ends with the form's id)."""
    for _ in range(50):
        box = page.locator(selector).bounding_box()
        if box is not None and 0 <= box["y"] < page.viewport_size["height"] / 2:
            return
        page.wait_for_timeout(100)
    pytest.fail(f"{selector} is not in view: {box}")


def _in_view(page: Any, locator: Any) -> bool:
    box = locator.bounding_box()
    height = page.viewport_size["height"]
    return box is not None and 0 <= box["y"] < height
