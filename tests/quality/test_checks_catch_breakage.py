"""Each check fails on a real page broken on purpose, naming the page and the cause."""

from tests.quality.checks import link_problems, page_weights, vnu_problems, weight_problems
from tests.quality.conftest import BROKEN
from tests.quality.test_html_valid import java  # noqa: F401  (fixture)


def test_dead_link_and_missing_anchor_are_named(broken_site):
    problems = link_problems(broken_site)
    assert any(p.startswith("/index.html: dead link href=\"/tidak-ada/\"") for p in problems), problems
    assert any(p.startswith("/index.html:") and "missing anchor #tidak-ada in /tentang/index.html" in p for p in problems), problems


def test_wrong_hreflang_target_is_named(broken_site):
    page = broken_site / "tentang" / "index.html"
    text = page.read_text(encoding="utf-8").replace('hreflang="en" href="/en/tentang/"', 'hreflang="en" href="/tentang/"', 1)
    page.write_text(text, encoding="utf-8")
    try:
        problems = link_problems(broken_site)
    finally:
        page.write_text(text.replace('hreflang="en" href="/tentang/"', 'hreflang="en" href="/en/tentang/"', 1), encoding="utf-8")
    assert any(p.startswith("/tentang/index.html: hreflang=\"en\"") and 'lang="id"' in p for p in problems), problems


def test_inline_blob_over_budget_is_named_with_the_heaviest_pages(broken_site):
    problems = weight_problems(page_weights(broken_site))
    page = "/" + BROKEN["inline_blob"]
    assert any(p.startswith(f"{page}: HTML + CSS is") and "over the 14 KB budget" in p for p in problems), problems
    assert "Heaviest pages:" in problems
    assert problems[problems.index("Heaviest pages:") + 1].strip().startswith(page)


def test_img_without_alt_is_a_validation_error(broken_site, java):  # noqa: F811
    problems = vnu_problems(broken_site, java)
    page = "/" + BROKEN["img_without_alt"]
    assert any(p.startswith(page + ":") and "alt" in p for p in problems), problems


def test_only_the_broken_page_goes_over_budget(broken_site):
    """The blob, not the page itself, is what goes over (guards the test above)."""
    problems = [p for p in weight_problems(page_weights(broken_site)) if not p.startswith(" ") and p != "Heaviest pages:"]
    assert all(p.startswith("/" + BROKEN["inline_blob"]) for p in problems), problems
