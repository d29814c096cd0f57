"""Every internal link, asset and #anchor in the output resolves; hreflang targets exist."""

from tests.quality.checks import html_pages, link_problems


def test_every_internal_link_and_anchor_resolves(built_site):
    assert len(html_pages(built_site)) >= 10
    problems = link_problems(built_site)
    assert not problems, f"{len(problems)} broken link(s):\n" + "\n".join(problems)
