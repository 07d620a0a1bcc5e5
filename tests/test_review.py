"""casecast.review: the check and every channel's gate in forked workers, the same findings as in this process."""

from __future__ import annotations


import pytest

import casecast.review as review_module
from casecast.compliance import check_case
from casecast.config import load_config
from casecast.errors import ConfigError
from casecast.loader import load_library
from casecast.review import Review, gate_text
from content_support import make_project

PHONE = "王阿姨的手机号是13812345678。本产品保本保息。\n\n## 风险分析"


@pytest.fixture
def project(tmp_path):
    config_file = make_project(tmp_path)
    case = config_file.parent / "content" / "cases" / "fake-refund-call.md"
    case.write_text(case.read_text(encoding="utf-8").replace("## 风险分析", PHONE, 1), encoding="utf-8")
    return config_file


@pytest.fixture
def forks(monkeypatch):
    """The shares of the workers each Review forks."""
    shares = []
    real = Review._fork

    def counting(self, share):
        shares.append(share)
        return real(self, share)

    monkeypatch.setattr(Review, "_fork", counting)
    return shares


def texts(library):
    pages = {c.slug: f"# {c.title}\n\n{c.summary}\n\n{c.body}" for c in library.public()}
    articles = {c.slug: f"{c.title}\n{c.body}" for c in library.public()}
    return pages, articles


def test_workers_find_what_this_process_finds(project, forks):
    config = load_config(project)
    library, _ = load_library(config)
    pages, articles = texts(library)
    result = Review(library, config, workers=2).finish(pages, articles)
    assert len(forks) == 2
    assert result.checked == [d for c in library.cases for d in check_case(c, config)]
    expected_site = [d for c in library.public() for d in gate_text(c, "site", pages[c.slug], config)]
    assert result.gated["site"] == expected_site and any(d.code == "P201" for d in expected_site)
    assert result.gated["wechat"] == [d for c in library.public() for d in gate_text(c, "wechat", articles[c.slug], config)]
    assert any(d.code == "P201" for d in result.gated["audio"])  # the spoken script reads the number too


def test_a_second_review_of_the_same_content_forks_no_worker_and_finds_the_same(project, forks):
    config = load_config(project)
    library, _ = load_library(config)
    pages, articles = texts(library)
    first = Review(library, config).finish(pages, articles)
    forks.clear()
    again = Review(load_library(config)[0], config).finish(pages, articles)
    assert forks == [] and again == first


def test_one_edited_case_is_all_a_worker_reviews(project, forks):
    config = load_config(project)
    library, _ = load_library(config)
    Review(library, config).finish(*texts(library))
    case = project.parent / "content" / "cases" / "campus-loan-trap.md"
    case.write_text(case.read_text(encoding="utf-8") + "\n又一句话。\n", encoding="utf-8")
    forks.clear()
    library, _ = load_library(config)
    Review(library, config).finish(*texts(library))
    assert [(s.check, s.scripts) for s in forks] == [(("campus-loan-trap",), ("campus-loan-trap",))]


def test_an_error_in_a_worker_is_raised_in_the_build_process(project, monkeypatch):
    config = load_config(project)
    library, _ = load_library(config)

    def broken(case, config):
        raise ConfigError("mkdocs.yml: extra.casecast.compliance: broken rule pack")

    monkeypatch.setattr("casecast.compliance.check_case", broken)
    review = Review(library, config)
    with pytest.raises(ConfigError, match="broken rule pack"):
        review.finish(*texts(library))


def test_shares_are_dealt_round_robin():
    assert review_module.deal(list(range(7)), 3) == [(0, 3, 6), (1, 4), (2, 5)]
