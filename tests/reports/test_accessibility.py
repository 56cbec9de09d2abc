"""The HTML packs in Debian's Chromium: no serious or critical axe-core violation."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.reports.conftest import QUARTER, YEAR

AXE = Path(__file__).parent / "vendor" / "axe.min.js"

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def violations(page_file: Path) -> list[dict]:
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("Debian's chromium is not installed (scripts/install-system-packages)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True, args=["--no-sandbox"]
        )
        try:
            page = browser.new_page()
            page.goto(page_file.as_uri())
            page.add_script_tag(path=str(AXE))
            found = page.evaluate("async () => (await axe.run(document)).violations")
        finally:
            browser.close()
    return [v for v in found if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize(
    "name",
    [
        f"jsw-board-pack-{QUARTER}.html",
        f"jsw-board-pack-{QUARTER}-public.html",
        f"jsw-annual-report-{YEAR}.html",
    ],
)
def test_an_html_pack_has_no_serious_or_critical_accessibility_violation(packs, name):
    found = violations(packs / name)
    assert not found, [(v["id"], v["help"], len(v["nodes"])) for v in found]
