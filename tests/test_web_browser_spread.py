"""The desk's pictures and aids in a real headless Chromium, with JavaScript off: a job's progress bar,
a story's SVG timeline and graph (one node per document), the corpus at a glance, a highlight's
details shown by keyboard focus, and the same pictures inside the self-contained report.
Screenshots go to out/screenshots/. Without Chromium these tests skip, except in CI."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver

import filigrane
from filigrane.report.html import render_report
from tests.conftest import DEMO_CORPUS
from tests.test_web_browser import chromium, screenshot, wait
from tests.test_web_browser import server as server  # the app under uvicorn (a module fixture)

VALMONT = (
    "01_valmont-fuite-chimique.txt",
    "02_valmont-version-contestee.txt",
    "03_valmont-repost-blog.txt",
    "09_valmont-english.txt",
)


@pytest.fixture()
def no_script() -> Iterator[WebDriver]:
    driver = chromium(javascript=False)
    yield driver
    driver.quit()


def upload(driver: WebDriver, base: str, paths: list[Path]) -> None:
    driver.get(base + "/")
    field = driver.find_element(By.ID, "files")
    field.send_keys("\n".join(str(path) for path in paths))
    field.submit()
    wait(driver, lambda d: "/jobs/" in d.current_url, "no job page after uploading the files")


def test_a_running_job_shows_its_progress_then_a_story_page_draws_its_spread(
    server: str,
    no_script: WebDriver,
    tmp_path: Path,
) -> None:
    batch = tmp_path / "batch.jsonl"
    records = (
        {"id": f"batch-{n}", "text": f"Le maire de Ville{n} a affirmé lundi que l'usine serait fermée.\n\n"
         f"Selon la préfecture, {n} riverains auraient été évacués, a déclaré un porte-parole."}
        for n in range(150)
    )  # fmt: skip
    batch.write_text("".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records), encoding="utf-8")
    upload(no_script, server, [batch])
    bar = no_script.find_element(By.ID, "job-progress")
    assert no_script.find_element(By.TAG_NAME, "h1").text in ("Analysis running", "Analysis queued")
    assert bar.is_displayed() and bar.get_attribute("max") in ("150", None)
    assert "of 150" in no_script.find_element(By.CLASS_NAME, "progress-box").text or bar.get_attribute("max") is None
    screenshot(no_script, "app-job-progress.png")
    wait(no_script, lambda d: d.find_element(By.TAG_NAME, "h1").text == "Analysis done", "the batch never ended", 240)
    assert not no_script.find_elements(By.ID, "job-progress")

    upload(no_script, server, [DEMO_CORPUS / name for name in VALMONT])
    wait(no_script, lambda d: d.find_element(By.TAG_NAME, "h1").text == "Analysis done", "the job never finished", 120)
    no_script.get(server + "/corpus")
    glance = no_script.find_element(By.ID, "glance").find_element(By.XPATH, "..")
    assert len(glance.find_elements(By.CSS_SELECTOR, "svg.bars")) == 4
    no_script.execute_script("arguments[0].scrollIntoView();", glance)
    screenshot(no_script, "app-corpus-glance.png")
    stories = no_script.find_element(By.ID, "stories").find_element(By.XPATH, "..")
    story_row = next(row for row in stories.find_elements(By.CSS_SELECTOR, "tbody tr") if "Valmont" in row.text)
    story_row.find_element(By.LINK_TEXT, "timeline and graph").click()
    wait(no_script, lambda d: "/stories/" in d.current_url, "the link did not open the story page")

    graph = no_script.find_element(By.CSS_SELECTOR, "svg.graph")
    timeline = no_script.find_element(By.CSS_SELECTOR, "svg.timeline")
    assert graph.is_displayed() and timeline.is_displayed()
    nodes = graph.find_elements(By.CSS_SELECTOR, "a.node")
    documents = int(no_script.find_element(By.XPATH, "//dt[text()='Documents']/following-sibling::dd").text)
    assert len(nodes) == documents == len(VALMONT)
    table = graph.find_element(By.XPATH, "ancestor::div[@class='figure-body']//table")
    assert len(table.find_elements(By.CSS_SELECTOR, "tbody tr")) == len(VALMONT)  # the same, in words
    assert graph.find_elements(By.CSS_SELECTOR, "a.node.origin") and timeline.find_elements(By.CSS_SELECTOR, "g.dot")
    assert nodes[0].size["width"] > 10  # drawn, not collapsed
    screenshot(no_script, "app-story-spread.png")
    no_script.get(server + "/corpus")
    no_script.find_element(By.CSS_SELECTOR, "a.spread-link[href^='/claim-groups/']").click()
    wait(no_script, lambda d: "/claim-groups/" in d.current_url, "no claim group page")
    assert no_script.find_elements(By.CSS_SELECTOR, "svg.graph a.node")
    screenshot(no_script, "app-claim-group-spread.png")


def test_keyboard_focus_reveals_a_highlights_details(server: str, no_script: WebDriver) -> None:
    upload(no_script, server, [DEMO_CORPUS / VALMONT[0]])
    wait(no_script, lambda d: d.find_element(By.TAG_NAME, "h1").text == "Analysis done", "the job never finished", 120)
    no_script.find_element(By.CSS_SELECTOR, "ul a[href^='/documents/']").click()
    wait(no_script, lambda d: "/documents/" in d.current_url, "no document page")
    no_script.find_element(By.TAG_NAME, "body").click()
    for _ in range(80):  # Tab through the page until a highlight in the text has the focus
        no_script.switch_to.active_element.send_keys(Keys.TAB)
        focused = no_script.switch_to.active_element
        if "hl" in (focused.get_attribute("class") or "").split():
            break
    else:
        raise AssertionError("Tab never reached a highlight")
    title = focused.get_attribute("title") or ""
    assert title and ("claim" in title or "holder" in title or "marker" in title)
    after = no_script.execute_script(
        "const s = getComputedStyle(arguments[0], '::after'); return [s.content, s.position, s.display];", focused
    )
    assert after[0].strip('"') == title and after[1] == "fixed" and after[2] != "none"
    screenshot(no_script, "app-highlight-focus.png")
    focused.send_keys(Keys.TAB)  # the panel follows the focus: nothing left shown for the previous one
    gone = no_script.execute_script("return getComputedStyle(arguments[0], '::after').content;", focused)
    assert gone in ("none", "normal")


def test_the_report_draws_the_same_spread_under_its_policy(
    no_script: WebDriver, demo_result: filigrane.Result, tmp_path: Path
) -> None:
    path = tmp_path / "report.html"
    path.write_text(render_report(demo_result.to_dict()), encoding="utf-8")
    no_script.get(path.as_uri())
    boxes = no_script.find_elements(By.CSS_SELECTOR, "details.spread-box")
    assert boxes
    boxes[0].find_element(By.TAG_NAME, "summary").click()
    graph = boxes[0].find_element(By.CSS_SELECTOR, "svg.graph")
    assert graph.is_displayed() and graph.find_elements(By.CSS_SELECTOR, "a.node")
    assert graph.find_element(By.CSS_SELECTOR, "a.node circle").value_of_css_property("fill") != "rgb(0, 0, 0)"
    no_script.execute_script("arguments[0].scrollIntoView();", boxes[0])
    screenshot(no_script, "report-story-spread.png")


def test_the_language_switch_turns_every_page_french_and_back(server: str, no_script: WebDriver) -> None:
    no_script.get(server + "/outlets")
    assert no_script.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    no_script.find_element(By.ID, "lang-fr").click()
    wait(no_script, lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "fr", "still English")
    assert no_script.current_url == server + "/outlets"  # back on the same page
    assert no_script.find_element(By.TAG_NAME, "h1").text == "Médias"
    no_script.find_element(By.LINK_TEXT, "Analyser").click()  # the choice holds on the next page
    assert no_script.find_element(By.TAG_NAME, "h1").text == "Analyser des articles"
    assert (
        no_script.find_element(By.CSS_SELECTOR, "label[for=text]").text
        == "Texte de l'article (le titre en première ligne)"
    )
    screenshot(no_script, "app-home-french.png")
    no_script.find_element(By.ID, "lang-en").click()
    wait(no_script, lambda d: d.find_element(By.TAG_NAME, "h1").text == "Analyse articles", "still French")
