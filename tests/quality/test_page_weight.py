"""Every page within the budgets: HTML + CSS <= 14 KB, all but photos <= 50 KB, our JS <= 10 KB (gzip)."""

from tests.quality.checks import page_weights, weight_problems


def test_every_page_within_the_weight_budgets(built_site):
    weights = page_weights(built_site)
    assert weights
    problems = weight_problems(weights)
    assert not problems, "\n".join(problems)
