"""The shipped sample library quotes scam pitches: the gate reports info on it, never an error or warning."""

from __future__ import annotations

import pytest
from compliance_helpers import REPO, repo_config

from casecast.compliance import check_cases, scan_channel_text
from casecast.diagnostics import Severity, format_text


@pytest.fixture(scope="module")
def library():
    from casecast.loader import load_library

    if not (REPO / "content" / "cases").is_dir():
        pytest.skip("no sample content in content/cases yet")
    library, _ = load_library(repo_config())
    if not library.cases:
        pytest.skip("no sample case loads yet")
    return library


def test_sample_content_has_no_compliance_error_or_warning(library):
    found = check_cases(library.cases, repo_config())
    problems = [d for d in found if d.severity is not Severity.INFO]
    assert problems == [], format_text(problems)


def test_sample_content_quotes_scam_wording_reported_as_info(library):
    found = check_cases(library.cases, repo_config())
    assert any(d.code.startswith("M") and d.severity is Severity.INFO for d in found)


def test_sample_feed_descriptions_pass_as_channel_text(library):
    config = repo_config()
    for case in library.cases:
        found = scan_channel_text(case, "feed", case.summary, config)
        assert [d for d in found if d.severity is not Severity.INFO] == [], format_text(found)
