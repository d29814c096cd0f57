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


def test_pages_with_photos_are_valid_html_and_their_links_resolve(tmp_path, java):
    """The <picture> markup, the listing card's photo and og:image pass the checker; srcsets resolve."""
    from tests.conftest import build_site
    from tests.photos import photo_content
    from tests.quality.checks import link_problems

    site = build_site(tmp_path / "out", PATH=str(photo_content(tmp_path / "content", size=(1600, 1200))),
                      KTAN_IMAGES_CACHE=str(tmp_path / "cache"))
    problems = vnu_problems(site, java)
    assert not problems, "\n".join(problems)
    # (The fixture has no /tentang/ etc., so the menu's links are dead there; photos must not be.)
    dead_photos = [problem for problem in link_problems(site) if "/images/" in problem]
    assert not dead_photos, dead_photos
