"""Drive the browser CMS the way an editor does: `invoke edit`, then forms in Chromium.

Fields are found by their label (the schema's Indonesian label); in a
bilingual entry the Indonesian form is on the left (pane 0) and the English
one on the right (pane 1). Values are typed, picked from lists or, for the
browser's own date and time pickers, set as the picker would set them.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from selenium.common.exceptions import StaleElementReferenceException, TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from tests.conftest import ROOT, require_tool

READY_RE = re.compile(r"http://127\.0\.0\.1:(\d+)/admin/")
STARTUP_SECONDS = 400  # the first run installs the npm packages


@dataclass
class EditSession:
    """A running `invoke edit` on a copy of the content."""

    process: subprocess.Popen
    url: str
    content: Path
    output: Path
    log: list = field(default_factory=list)

    def text(self) -> str:
        return "".join(self.log)

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)  # what Ctrl+C sends
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode


def start_edit(workdir: Path) -> EditSession:
    """`invoke edit` on a copy of content/ in ``workdir``; returns once it prints its address."""
    require_tool("node")
    require_tool("npm")
    content = workdir / "content"
    shutil.copytree(ROOT / "content", content)
    output = workdir / "output"
    command = [sys.executable, "-m", "invoke", "edit", "--port", "0", "--content", str(content), "--output", str(output)]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env={**os.environ, "PYTHONUNBUFFERED": "1"})
    log: list[str] = []
    ready = threading.Event()
    found: list[str] = []

    def read():
        for line in iter(process.stdout.readline, ""):
            log.append(line)
            match = READY_RE.search(line)
            if match and not found:
                found.append(f"http://127.0.0.1:{match.group(1)}")
                ready.set()
        ready.set()

    threading.Thread(target=read, daemon=True).start()
    ready.wait(STARTUP_SECONDS)
    if not found:
        process.kill()
        raise AssertionError("invoke edit did not start:\n" + "".join(log))
    return EditSession(process, found[0], content, output, log)


def wait(driver, condition, seconds: float = 30):
    """Poll ``condition``; elements React re-rendered meanwhile are looked up again."""
    return WebDriverWait(driver, seconds, poll_frequency=0.2,
                         ignored_exceptions=(StaleElementReferenceException,)).until(condition)


def open_admin(driver, url: str, route: str = "") -> None:
    """Load /admin/ fresh (a new page, so no state of the previous entry is left) and log in if asked."""
    driver.get("about:blank")
    driver.get(f"{url}/admin/#/{route}")
    wait(driver, lambda d: d.find_elements(By.XPATH, "//button[normalize-space()='Masuk']")
         or d.find_elements(By.XPATH, "//label | //h1 | //a[contains(@href, '#/collections/')]"))
    login = driver.find_elements(By.XPATH, "//button[normalize-space()='Masuk']")
    if login:
        login[0].click()
        wait(driver, lambda d: not d.find_elements(By.XPATH, "//button[normalize-space()='Masuk']"))
    if route:
        driver.get(f"{url}/admin/#/{route}")


def control(driver, label: str, pane: int = 0, seconds: float = 30):
    """The input of the field labelled ``label`` ("Judul", "Mulai"...) in the Indonesian (0) or English (1) form."""

    def find(d):
        found = []
        for element in d.find_elements(By.TAG_NAME, "label"):
            text = " ".join((element.get_attribute("textContent") or "").split())
            if re.fullmatch(re.escape(label) + r"( \(boleh kosong\))?", text, re.IGNORECASE) and element.get_attribute("for"):
                target = d.find_elements(By.ID, element.get_attribute("for"))
                if target:
                    found.append(target[0])
        return found[pane] if len(found) > pane else False

    return wait(driver, find, seconds)


def type_into(driver, label: str, text: str, pane: int = 0, clear: bool = False) -> None:
    """Type ``text`` into a text field (after what is there, or instead of it with ``clear``)."""
    element = control(driver, label, pane)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    target = text if clear else (element.get_attribute("value") or "") + text
    if clear:
        element.send_keys(Keys.CONTROL, "a")
        element.send_keys(Keys.DELETE)
    element.send_keys(text)
    for _ in range(3):
        try:
            wait(driver, lambda d: element.get_attribute("value") == target, 3)
            return
        except TimeoutException:  # a key sent while React re-rendered the form was lost: type it all again
            element.send_keys(Keys.CONTROL, "a")
            element.send_keys(Keys.DELETE)
            element.send_keys(target)
    raise AssertionError(f"{label}: typed {target!r}, the field shows {element.get_attribute('value')!r}")


def set_native(driver, element, value: str) -> None:
    """Set an <input type=date|time> as its picker does (React listens to the input event)."""
    driver.execute_script(
        "const input = arguments[0];"
        "const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;"
        "setter.call(input, arguments[1]);"
        "input.dispatchEvent(new Event('input', {bubbles: true}));",
        element, value)


def set_time(driver, label: str, date: str, time_of_day: str = "", pane: int = 0) -> None:
    """Fill our date + time (WIB) widget."""
    date_input = control(driver, label, pane)
    set_native(driver, date_input, date)
    if time_of_day:
        time_input = date_input.find_element(By.XPATH, "following-sibling::input[@data-ktan-part='time']")
        set_native(driver, time_input, time_of_day)


def choose(driver, label: str, text: str, pane: int = 0, option: str | None = None) -> None:
    """Pick ``option`` (default: ``text``) in a select or relation list, after typing ``text`` to filter it."""
    element = control(driver, label, pane)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()
    element.send_keys(text)
    wanted = option or text
    choice = wait(driver, lambda d: [o for o in d.find_elements(By.XPATH, "//*[contains(@id, '-option-')]")
                                     if o.text.strip() == wanted] or False)
    choice[0].click()


def add_list_item(driver, list_label: str, pane: int = 0) -> None:
    buttons = [b for b in driver.find_elements(By.TAG_NAME, "button")
               if " ".join((b.get_attribute("textContent") or "").split()).lower() == f"tambah {list_label.lower()}"]
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", buttons[pane])
    buttons[pane].click()


def publish(driver) -> None:
    """Simpan -> Simpan sekarang (Decap's Publish), then wait until it says the entry is saved."""
    button = wait(driver, lambda d: [b for b in d.find_elements(By.XPATH, "//span[normalize-space()='Simpan']/..")
                                     if b.is_displayed()] or False)
    button[0].click()
    wait(driver, lambda d: d.find_elements(By.XPATH, "//*[normalize-space()='Simpan sekarang']"))[0].click()
    wait(driver, lambda d: d.find_elements(By.XPATH, "//*[contains(text(), 'Entri tersimpan')]"), 60)
    for close in driver.find_elements(By.XPATH, "//*[contains(text(), 'Entri tersimpan')]/following::button[1]"):
        try:
            close.click()
        except Exception:  # noqa: BLE001 - the toast may have gone by itself
            pass


def wait_for_rebuild(session: EditSession, since: int, seconds: float = 120) -> str:
    """Wait for a good rebuild of the preview after log line ``since``.

    Decap writes the two files of an entry one after the other: the preview
    may rebuild (and fail) in between, then rebuilds again with both.
    """
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for line in session.log[since:]:
            if "Pratinjau diperbarui" in line:
                return line
        time.sleep(0.2)
    raise AssertionError("the preview did not rebuild:\n" + session.text())


def screenshot(driver, name: str) -> None:
    """Save a screenshot for the editors' guide when KTAN_SCREENSHOTS names a folder (``invoke editor-screenshots``)."""
    folder = os.environ.get("KTAN_SCREENSHOTS")
    if not folder:
        return
    target = Path(folder) / f"{name}.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(target))
    try:  # a 64-colour palette keeps the committed images small; the plain screenshot otherwise
        from PIL import Image
    except ImportError:
        return
    with Image.open(target) as image:
        image.convert("RGB").quantize(64).save(target, optimize=True)
