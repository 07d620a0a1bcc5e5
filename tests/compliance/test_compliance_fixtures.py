"""Full-length compliant case write-ups, written as a bank's 消保 editor writes them (narrated
scam pitches, advice naming legitimate institutions, hotlines, masked numbers, 张某/王阿姨): the
gate must not raise a single error or warning on any of them. Cases 18–22 were held out while
the rules were tuned."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from compliance_helpers import REPO, repo_config

from casecast.compliance import check_case, scan_channel_text
from casecast.diagnostics import Severity, format_text
from casecast.loader import load_case
from casecast.taxonomy import load_taxonomy

FIXTURES = sorted((Path(__file__).parent / "fixtures" / "cases").glob("*.md"))


def test_there_are_at_least_twenty_full_length_fixtures():
    assert len(FIXTURES) >= 20
    assert all(len(path.read_text(encoding="utf-8")) >= 500 for path in FIXTURES)


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_full_length_compliant_fixture_has_no_error_or_warning(path):
    # The fixtures' folder is their content folder: casecast publishes no case from outside it (E012).
    config = dataclasses.replace(repo_config(), content_dir=path.parent.parent)
    case, problems = load_case(path, config, load_taxonomy(REPO / "content"))
    assert case is not None, format_text(problems)
    found = [d for d in check_case(case, config) if d.severity is not Severity.INFO]
    assert found == [], format_text(found)
    spoken = [d for d in scan_channel_text(case, "audio", case.body, config) if d.severity is not Severity.INFO]
    assert spoken == [], format_text(spoken)
