"""The web app end to end in a real headless Chromium (Debian's chromium and chromium-driver).

A uvicorn server runs the app on a free localhost port; the browser pastes a seed, submits with
the keyboard, reads the highlighted claims, opens the corpus page and takes screenshots (kept in
out/screenshots/ for the closing note), each checked to be a real picture, not a blank page.
Without Chromium these tests skip, except in CI (`CI` set), where they fail.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from io import BytesIO
from pathlib import Path

import pytest
import uvicorn
from PIL import Image
from selenium import webdriver
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

from filigrane.web.app import create_app
from tests.conftest import DEMO_CORPUS, REPO, require_shared

DEMO_FILES = (
    "01_valmont-fuite-chimique.txt",
    "03_valmont-repost-blog.txt",
    "06_montcerf-legionellose.txt",
    "10_montcerf-repost-blog.txt",
)
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
SCREENSHOTS = REPO / "out" / "screenshots"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1366,900",
)


def require_chromium() -> None:
    missing = [path for path in (CHROMIUM, CHROMEDRIVER) if not shutil.which(path)]
    if missing:
        message = f"{', '.join(missing)} not found: apt-get install chromium chromium-driver (as .ci/run does)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app under uvicorn in a thread, on its own store; yields its base URL."""
    require_chromium()
    port = free_port()
    app = create_app(tmp_path_factory.mktemp("browser") / "web.db")
    instance = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 120  # the French model loads before the server listens
    while not instance.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.1)
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(timeout=30)


def chromium(javascript: bool = True) -> WebDriver:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tempfile.mkdtemp(prefix='filigrane-chromium-')}")
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=CHROMEDRIVER))
    driver.set_page_load_timeout(60)
    return driver


@pytest.fixture()
def browser() -> Iterator[WebDriver]:
    driver = chromium()
    yield driver
    driver.quit()


def screenshot(driver: WebDriver, name: str) -> Path:
    """Save a full-window screenshot and check it is a real picture: many colours, not one flat fill."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / name
    png = driver.get_screenshot_as_png()
    path.write_bytes(png)
    image = Image.open(BytesIO(png)).convert("RGB")
    assert image.size[0] >= 800 and image.size[1] >= 600, image.size
    colours = image.getcolors(maxcolors=1 << 24) or []
    assert len(colours) >= 50, f"{path}: only {len(colours)} colours, the page looks blank"
    assert max(count for count, _ in colours) < 0.95 * image.size[0] * image.size[1], f"{path} is almost one colour"
    return path


def wait(driver: WebDriver, condition: Callable[[WebDriver], bool], failure: str, seconds: float = 60) -> None:
    """Poll `condition` (pages in the middle of loading or refreshing are polled again)."""
    ignored = (NoSuchElementException, StaleElementReferenceException)
    WebDriverWait(driver, seconds, poll_frequency=0.2, ignored_exceptions=ignored).until(condition, failure)


def tab_until(driver: WebDriver, element_id: str, most: int = 40) -> list[str]:
    """Press Tab from the top of the page until `element_id` has the focus; the ids passed on the way."""
    driver.find_element(By.TAG_NAME, "body").click()
    visited = []
    for _ in range(most):
        driver.switch_to.active_element.send_keys(Keys.TAB)
        focused = driver.switch_to.active_element
        visited.append(focused.get_attribute("id") or focused.tag_name)
        if visited[-1] == element_id:
            return visited
    raise AssertionError(f"Tab never reached #{element_id}; it went {visited}")


def test_paste_a_seed_read_its_claims_upload_files_and_open_the_corpus(server: str, browser: WebDriver) -> None:
    seed = sorted(require_shared("corpus", "seeds").glob("*.txt"))[0].read_text(encoding="utf-8")
    browser.get(server + "/")
    assert browser.title == "Analyse · Filigrane"
    screenshot(browser, "app-home.png")
    # The field is filled by script (typing a whole article key by key is slow), then the keyboard takes over.
    textarea = browser.find_element(By.ID, "text")
    browser.execute_script("arguments[0].value = arguments[1];", textarea, seed)
    visited = tab_until(browser, "analyze-text")
    assert visited.index("text") < visited.index("source") < visited.index("page-url") < visited.index("analyze-text")
    browser.switch_to.active_element.send_keys(Keys.ENTER)

    wait(browser, lambda d: "/documents/" in d.current_url, "no document page after submitting the text")
    claims = browser.find_elements(By.CSS_SELECTOR, ".text .hl.claim")
    holders = browser.find_elements(By.CSS_SELECTOR, ".text .hl.holder")
    assert len(claims) >= 3 and holders
    assert claims[0].is_displayed() and claims[0].value_of_css_property("text-decoration-line") == "underline"
    assert browser.find_elements(By.CSS_SELECTOR, ".claim-list .claim-item")
    assert not browser.find_element(By.ID, "controls").get_attribute("hidden")  # the report's script ran
    screenshot(browser, "app-document.png")

    # A batch of files: the job page shows the progress, refreshing itself, then links to the corpus.
    browser.find_element(By.LINK_TEXT, "Analyse").click()
    upload = browser.find_element(By.ID, "files")
    upload.send_keys("\n".join(str(DEMO_CORPUS / name) for name in DEMO_FILES))
    upload.submit()
    wait(browser, lambda d: "/jobs/" in d.current_url, "no job page after uploading the files")
    wait(browser, lambda d: d.find_element(By.TAG_NAME, "h1").text == "Analysis done", "the job never finished", 120)
    assert f"{len(DEMO_FILES)} documents analysed, 0 rejected" in browser.find_element(By.CLASS_NAME, "lead").text
    browser.find_element(By.LINK_TEXT, "Open the corpus page").click()
    wait(browser, lambda d: d.current_url == server + "/corpus", "the link did not open the corpus page")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Corpus"
    assert re.search(r"\d+ documents in the store", browser.find_element(By.CLASS_NAME, "lead").text)
    stories = browser.find_element(By.ID, "stories").find_element(By.XPATH, "..")
    assert "Montcerf" in stories.text and "Valmont" in stories.text
    reposts = browser.find_element(By.ID, "reposts").find_element(By.XPATH, "..")
    assert reposts.find_elements(By.CSS_SELECTOR, "a[href^='/documents/']")
    screenshot(browser, "app-corpus.png")
    browser.execute_script("arguments[0].scrollIntoView();", stories)
    screenshot(browser, "app-corpus-stories.png")
    errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert not errors, errors  # nothing blocked by the CSP, no missing file


def test_the_reading_works_with_javascript_off(server: str) -> None:
    driver = chromium(javascript=False)
    try:
        driver.get(server + "/")
        driver.find_element(By.ID, "text").send_keys("Le maire a affirmé que l'usine serait fermée lundi.")
        driver.find_element(By.ID, "analyze-text").click()
        wait(driver, lambda d: "/documents/" in d.current_url, "no document page after submitting the text")
        assert driver.find_elements(By.CSS_SELECTOR, ".text .hl.claim")
        assert driver.find_element(By.ID, "controls").get_attribute("hidden")  # toggles need the script
        driver.find_element(By.LINK_TEXT, "Analyse").click()
        driver.find_element(By.ID, "files").send_keys(str(DEMO_CORPUS / "07_tempete-ombeline.txt"))
        driver.find_element(By.ID, "files").submit()
        # The job page refreshes itself without script (meta refresh) until the analysis is done.
        wait(driver, lambda d: d.find_element(By.TAG_NAME, "h1").text == "Analysis done", "the job never finished", 120)
        driver.find_element(By.PARTIAL_LINK_TEXT, "Tempête Ombeline").click()
        wait(driver, lambda d: "/documents/" in d.current_url, "the job page does not link to the document")
        driver.find_element(By.LINK_TEXT, "Outlets").click()
        assert len(driver.find_elements(By.CSS_SELECTOR, "tbody tr")) >= 200
    finally:
        driver.quit()
