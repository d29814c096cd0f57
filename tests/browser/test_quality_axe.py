"""axe-core (WCAG 2.2 A and AA rules) finds no violation on the key pages of both languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import drain_logs
from tests.conftest import require_tool
from tests.quality.sections import KEY_PAGES, key_page_url

AXE = Path(__file__).resolve().parents[1] / "tools" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
RUN_AXE = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
  .then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at ' +
                  v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))))
  .catch(e => done(['axe failed: ' + e]));
"""


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.is_file():
        require_tool(str(AXE))
    return AXE.read_text(encoding="utf-8")


def axe_violations(chrome, url: str, axe_source: str) -> list[str]:
    chrome.get(url)
    chrome.execute_script(axe_source + "\n;window.axe = axe;")
    chrome.set_script_timeout(60)
    return chrome.execute_async_script(RUN_AXE, WCAG_TAGS)


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("name", list(KEY_PAGES))
def test_key_page_has_no_axe_violations(chrome, site_server, built_site, axe_source, name, lang):
    try:
        path = key_page_url(built_site, lang, name)
    except LookupError as missing:
        pytest.fail(f"{name} ({lang}): {missing}", pytrace=False)
    drain_logs(chrome)
    violations = axe_violations(chrome, site_server + path, axe_source)
    assert not violations, f"{path}: {len(violations)} axe violation(s):\n" + "\n".join(violations)
