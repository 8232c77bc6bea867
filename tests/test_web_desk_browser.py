"""The desk end to end in headless Chromium: claim search with facets, the export file, deletion.

Same set-up as tests/test_web_browser.py (its server and browser helpers); screenshots go to
out/screenshots/desk-*.png. Without Chromium these tests skip, except in CI.
"""

from __future__ import annotations

import csv
import json
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.error import HTTPError
from urllib.parse import parse_qsl, urlencode, urlsplit
from urllib.request import urlopen

from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

from tests.conftest import DEMO_CORPUS
from tests.test_web_browser import (  # noqa: F401 - fixtures
    DEMO_FILES,
    browser,
    chromium,
    screenshot,
    server,
    wait,
)


def api(base: str, path: str, **params: Any) -> Any:
    with urlopen(f"{base}{path}?{urlencode(params)}" if params else base + path, timeout=30) as response:
        return json.loads(response.read())


def upload_demo(driver: WebDriver, base: str) -> None:
    driver.get(base + "/")
    upload = driver.find_element(By.ID, "files")
    upload.send_keys("\n".join(str(DEMO_CORPUS / name) for name in DEMO_FILES))
    upload.submit()
    # The job page refreshes itself: an element read as the page reloads is read again.
    done = WebDriverWait(driver, 120, poll_frequency=0.3, ignored_exceptions=(WebDriverException,))
    done.until(lambda d: d.find_element(By.TAG_NAME, "h1").text == "Analysis done", "the job never finished")


def downloaded(folder: Path, suffix: str, seconds: float = 30) -> Path:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        done = [path for path in folder.glob(f"*{suffix}") if path.stat().st_size]
        if done:
            return done[0]
        time.sleep(0.2)
    raise AssertionError(f"no {suffix} file downloaded into {folder}: {list(folder.iterdir())}")


def test_claim_search_with_facets_then_the_export_file(server: str, browser: WebDriver) -> None:  # noqa: F811
    upload_demo(browser, server)
    browser.find_element(By.LINK_TEXT, "Claims").click()
    wait(browser, lambda d: d.find_element(By.TAG_NAME, "h1").text == "Claims", "no claims page")
    every = api(server, "/api/claims")["total"]
    assert browser.find_element(By.ID, "results-title").text.startswith(f"{every} claims")
    screenshot(browser, "desk-claims.png")

    # A facet link narrows the view; its count is the number of claims the view then holds.
    facet = browser.find_element(By.CSS_SELECTOR, "#facet-ownership li a")
    value, count = facet.text, int(facet.find_element(By.XPATH, "../span[@class='count']").text)
    facet.click()
    wait(browser, lambda d: "ownership=" in d.current_url, "the facet link did not narrow the view")
    assert browser.find_element(By.ID, "results-title").text.startswith(f"{count} claim")
    assert value in browser.find_element(By.CLASS_NAME, "active-filters").text

    # Words typed in the form are highlighted in the claims found; the URL holds the whole view.
    first = browser.find_element(By.CSS_SELECTOR, ".claim-hit .claim-text").text
    word = max(first.split(), key=len).strip(".,;:«»\"'’").lower()
    browser.find_element(By.ID, "f-q").send_keys(word)
    browser.find_element(By.ID, "claim-search").click()
    wait(browser, lambda d: "q=" in d.current_url and "ownership=" in d.current_url, "the view was not kept")
    marks = browser.find_elements(By.CSS_SELECTOR, ".claim-text mark")
    assert marks and all(mark.text.lower() == word for mark in marks)
    screenshot(browser, "desk-claims-filtered.png")

    # The export is the view as shown: one row per stance of the claims it lists.
    folder = Path(tempfile.mkdtemp(prefix="filigrane-export-"))
    browser.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(folder)})
    browser.find_element(By.ID, "export-csv").click()
    with downloaded(folder, ".csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    query = dict(parse_qsl(urlsplit(browser.current_url).query))
    view = api(server, "/api/claims", limit=200, **query)
    assert len(rows) == sum(len(claim["stances"]) for claim in view["claims"]) > 0
    assert all(word in row["claim"].lower() for row in rows)
    assert {"outlet", "country", "ownership", "story_id", "claim_group_id", "quote"} <= set(rows[0])
    errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert not errors, errors  # nothing blocked by the CSP


def test_deleting_a_document_removes_its_claims_and_memberships(server: str, browser: WebDriver) -> None:  # noqa: F811
    stories = api(server, "/api/stories", limit=200)["items"]
    story = next(story for story in stories if len(story["documents"]) > 1)
    target = story["documents"][-1]
    claims = api(server, "/api/claims", limit=200)["claims"]
    assert any(claim["document_id"] == target for claim in claims)
    browser.get(f"{server}/documents/{target}")
    screenshot(browser, "desk-document.png")
    browser.find_element(By.CSS_SELECTOR, "#delete-document button").click()
    wait(browser, lambda d: "/documents?deleted=" in d.current_url, "no listing after the deletion")
    assert target in browser.find_element(By.CLASS_NAME, "notice").text
    try:
        urlopen(f"{server}/api/documents/{target}", timeout=30)
        raise AssertionError("the document is still served")
    except HTTPError as error:
        assert error.code == 404
    left = api(server, "/api/claims", limit=200)["claims"]
    assert left and all(claim["document_id"] != target for claim in left)
    for kept in api(server, "/api/stories", limit=200)["items"]:
        assert target not in kept["documents"]
    for group in api(server, "/api/claim-groups", limit=200)["items"]:
        assert all(pair[0] != target for pair in group["claims"])
    browser.find_element(By.LINK_TEXT, "Runs").click()
    assert browser.find_elements(By.CSS_SELECTOR, "form.danger button")
    screenshot(browser, "desk-runs.png")


def test_the_desk_reads_with_javascript_off(server: str) -> None:  # noqa: F811
    driver = chromium(javascript=False)
    try:
        driver.get(server + "/claims")
        driver.find_element(By.CSS_SELECTOR, "#f-polarity option[value='denies']").click()
        driver.find_element(By.ID, "claim-search").click()
        wait(driver, lambda d: "polarity=denies" in d.current_url, "the form did not submit as GET")
        for item in driver.find_elements(By.CSS_SELECTOR, ".claim-hit .stances"):
            assert "denies" in item.text
        driver.get(server + "/outlets?country=RU")
        rows = driver.find_elements(By.CSS_SELECTOR, "tbody tr")
        assert 3 < len(rows) < 60
        screenshot(driver, "desk-outlets-filtered.png")
        driver.get(server + "/documents")
        assert "Origin" in driver.find_element(By.TAG_NAME, "thead").text
        screenshot(driver, "desk-documents.png")
    finally:
        driver.quit()
