"""The report file in a real headless Chromium: the CSP lets our script and style run, and nothing else.

Hashes computed in Python could still disagree with the browser's; only a browser can tell. Without
Chromium these tests skip, except in CI (`CI` set), where they fail.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import Select

import filigrane
from filigrane.report.html import render_report, report_js
from tests.test_web_browser import CHROMEDRIVER, CHROMIUM, require_chromium, screenshot


@pytest.fixture(scope="module")
def driver() -> Iterator[WebDriver]:
    require_chromium()
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1366,900"):
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tempfile.mkdtemp(prefix='filigrane-report-')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    browser = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=CHROMEDRIVER))
    browser.set_page_load_timeout(60)
    yield browser
    browser.quit()


@pytest.fixture(scope="module", params=["fr", "en"])
def page(demo_result: filigrane.Result, request: pytest.FixtureRequest) -> str:
    """The report in each of its languages: the policy, the script, print and contrast hold in both."""
    return render_report(demo_result.to_dict(), lang=request.param)


def _open(driver: WebDriver, html: str, folder: Path) -> list[str]:
    """Loads the page from a file; returns the console messages about the security policy."""
    path = folder / "report.html"
    path.write_text(html, encoding="utf-8")
    driver.get(path.as_uri())
    return [entry["message"] for entry in driver.get_log("browser") if "Content Security Policy" in entry["message"]]


def test_script_and_style_run_under_the_policy(driver: WebDriver, page: str, tmp_path: Path) -> None:
    assert _open(driver, page, tmp_path) == []  # no violation reported
    controls = driver.find_element(By.ID, "controls")
    assert controls.is_displayed()  # the script ran: it un-hides the controls
    assert not driver.find_element(By.CSS_SELECTOR, ".print-only").is_displayed()  # the stylesheet applies
    # Layer toggles and the holder filter work.
    driver.find_element(By.CSS_SELECTOR, 'input[data-layer="holder"]').click()
    assert "hide-holder" in (driver.find_element(By.TAG_NAME, "body").get_attribute("class") or "")
    Select(driver.find_element(By.ID, "holder-filter")).select_by_value("anonymous_source")
    items = driver.find_elements(By.CSS_SELECTOR, ".claim-item")
    shown = [item for item in items if item.is_displayed()]
    assert items and 0 < len(shown) < len(items)
    assert all("anonymous_source" in (item.get_attribute("data-kinds") or "") for item in shown)


def test_a_script_other_than_ours_is_blocked(driver: WebDriver, page: str, tmp_path: Path) -> None:
    tampered = page.replace(report_js(), report_js().replace("use strict", "use  strict"))
    violations = _open(driver, tampered, tmp_path)
    assert violations  # the browser refused it, and said why
    assert not driver.find_element(By.ID, "controls").is_displayed()  # the page still reads, without it
    assert driver.find_element(By.CSS_SELECTOR, "article.document .text").is_displayed()


def test_print_shows_folded_content(driver: WebDriver, page: str, tmp_path: Path) -> None:
    _open(driver, page, tmp_path)
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert driver.find_element(By.CSS_SELECTOR, ".removed.print-only").is_displayed()
        assert not driver.find_element(By.CSS_SELECTOR, "details.removed").is_displayed()
        assert not driver.find_element(By.ID, "controls").is_displayed()
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


# WCAG relative luminance and contrast of each element's own text against the first opaque background
# behind it (every background in the style sheet is opaque or absent).
_CONTRAST = """
function lum(c) {
  const [r, g, b] = c.match(/[\\d.]+/g).slice(0, 3).map(Number).map(v => v / 255)
    .map(v => v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function background(el) {
  for (; el; el = el.parentElement) {
    const bg = getComputedStyle(el).backgroundColor;
    if (!/rgba\\(.*, 0\\)$/.test(bg) && bg !== "transparent") return bg;
  }
  return "rgb(255, 255, 255)";
}
const low = [];
for (const el of document.querySelectorAll(arguments[0])) {
  const a = lum(getComputedStyle(el).color), b = lum(background(el));
  const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  if (ratio < 4.5) low.push(el.className + " " + ratio.toFixed(2));
}
return low;
"""


def test_text_contrast_meets_wcag_aa(driver: WebDriver, page: str, tmp_path: Path) -> None:
    _open(driver, page, tmp_path)
    selector = ".badge, .hl, .muted, .reason, a, summary, .claim-text, .holder-name, .own, .label, dt, th, td, p"
    low = driver.execute_script(_CONTRAST, selector)
    assert low == [], low[:10]


def test_print_shows_details_a_reader_closed(driver: WebDriver, page: str, tmp_path: Path) -> None:
    """Claim groups fold their claims; printing shows them even after the reader folded one."""
    _open(driver, page, tmp_path)
    group = driver.find_element(By.CSS_SELECTOR, ".group details")
    group.find_element(By.TAG_NAME, "summary").click()
    claim = group.find_element(By.CSS_SELECTOR, "ul a.claim-id")
    shown = "return arguments[0].checkVisibility() && arguments[0].getClientRects().length > 0"
    assert not driver.execute_script(shown, claim)  # folded on screen
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert driver.execute_script(shown, claim)
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def test_the_french_report_reads_in_french_under_the_policy(
    driver: WebDriver, demo_result: filigrane.Result, tmp_path: Path
) -> None:
    """The report in French (the default): its script still runs under the policy, the controls,
    the legend and a highlight's details shown by keyboard focus are in French."""
    page = render_report(demo_result.to_dict(), lang="fr")
    assert _open(driver, page, tmp_path) == []
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "fr"
    assert driver.find_element(By.ID, "legend").text == "Comment lire les textes"
    controls = driver.find_element(By.ID, "controls")
    assert controls.is_displayed() and "Afficher les surlignages" in controls.text
    kinds = [option.text for option in Select(driver.find_element(By.ID, "holder-filter")).options]
    assert "source anonyme" in kinds and "anonymous source" not in kinds
    holder = driver.find_element(By.CSS_SELECTOR, ".text .hl.holder[tabindex]")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", holder)
    driver.execute_script("arguments[0].focus();", holder)  # as the Tab key would
    shown = driver.execute_script("return getComputedStyle(arguments[0], '::after').content;", holder)
    assert shown.startswith('"porteur de l’affirmation') or shown.startswith("\"porteur de l'affirmation"), shown
    screenshot(driver, "report-french-focus.png")
    driver.execute_script("window.scrollTo(0, 0);")
    screenshot(driver, "report-french.png")
    driver.execute_script("arguments[0].scrollIntoView();", driver.find_element(By.ID, "glance"))
    screenshot(driver, "report-french-glance.png")
