"""events.js: events that ended after the build move to the past list; the filter works."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from tests.browser.conftest import serve_directory
from tests.events_site import build_events_site


@pytest.fixture(scope="module")
def events_server(tmp_path_factory):
    # Built "on" 1 Jan 2025: the school outreach of 1 Mar 2025 is upcoming in the HTML,
    # but over in the browser's real time; the 2099 screening is upcoming in both.
    site = build_events_site(tmp_path_factory.mktemp("events-browser") / "output")
    with serve_directory(site) as url:
        yield url


def slugs(chrome, selector):
    links = chrome.find_elements(By.CSS_SELECTOR, f"{selector} .kt-event-card__title a")
    return [link.get_attribute("href").rstrip("/").rsplit("/", 1)[-1] for link in links]


def test_script_moves_ended_events_to_the_past_list(chrome, events_server):
    chrome.get(events_server + "/kegiatan/")
    upcoming = slugs(chrome, '[data-events-list="upcoming"]')
    past = slugs(chrome, '[data-events-list="past"]')
    assert "sosialisasi-sekolah" not in upcoming
    assert upcoming == ["tes-urine-2099"]
    # newest first, the moved events in their place among the ones the build already put there
    assert past == ["sosialisasi-sekolah", "konseling-kaliwates", "pelatihan-malam-tahun-baru", "rapat-oktober", "rapat-2023"]
    assert not chrome.find_element(By.CSS_SELECTOR, "[data-events-none]").is_displayed()


def test_over_banner_appears_on_an_event_that_ended_after_the_build(chrome, events_server):
    chrome.get(events_server + "/en/kegiatan/sosialisasi-sekolah/")
    banner = chrome.find_element(By.CSS_SELECTOR, "[data-event-over]")
    assert banner.is_displayed() and "This event is over." in banner.text
    chrome.get(events_server + "/en/kegiatan/tes-urine-2099/")
    assert not chrome.find_element(By.CSS_SELECTOR, "[data-event-over]").is_displayed()


def test_filter_by_kecamatan_and_type(chrome, events_server):
    chrome.get(events_server + "/kegiatan/")
    assert not chrome.find_element(By.CSS_SELECTOR, "[data-events-groups]").is_displayed()
    Select(chrome.find_element(By.ID, "kt-filter-kecamatan")).select_by_value("patrang")
    visible = [c for c in chrome.find_elements(By.CSS_SELECTOR, "[data-events-list] .kt-event-card") if c.is_displayed()]
    assert {c.get_attribute("data-kecamatan") for c in visible} == {"patrang"}
    assert len(visible) == 2
    Select(chrome.find_element(By.ID, "kt-filter-type")).select_by_value("sosialisasi")
    visible = [c for c in chrome.find_elements(By.CSS_SELECTOR, "[data-events-list] .kt-event-card") if c.is_displayed()]
    assert [c.get_attribute("data-type") for c in visible] == ["sosialisasi"]
    assert chrome.find_element(By.CSS_SELECTOR, "[data-events-status]").text.endswith("1")
    errors = [e for e in chrome.get_log("browser") if e["level"] == "SEVERE"]
    assert not errors, errors


@pytest.mark.parametrize("path", ["/kegiatan/", "/en/kegiatan/konseling-kaliwates/"])
def test_events_pages_with_upcoming_events_have_no_axe_violations(chrome, events_server, path):
    from tests.browser.test_quality_axe import AXE, axe_violations
    from tests.conftest import require_tool

    if not AXE.is_file():
        require_tool(str(AXE))
    violations = axe_violations(chrome, events_server + path, AXE.read_text(encoding="utf-8"))
    assert not violations, "\n".join(violations)
