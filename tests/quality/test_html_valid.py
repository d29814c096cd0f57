"""The Nu HTML Checker (vnu.jar from tests/tools) finds no error in any page or stylesheet."""

import pytest

from tests.conftest import require_tool
from tests.quality.checks import VNU_JAR, vnu_problems


@pytest.fixture(scope="session")
def java():
    tool = require_tool("java")
    if not VNU_JAR.is_file():
        require_tool(str(VNU_JAR))  # skips on a laptop, fails under CI=true
    return tool


def test_every_page_is_valid_html(built_site, java):
    problems = vnu_problems(built_site, java)
    assert not problems, f"{len(problems)} Nu HTML Checker error(s):\n" + "\n".join(problems)
