"""Remembered findings: a case is checked again only when its file, the settings, the rules or the code change."""

from __future__ import annotations

import pytest

import casecast.compliance as compliance
from casecast.check import check_library
from casecast.config import load_config
from content_support import make_project


@pytest.fixture
def project(tmp_path):
    return make_project(tmp_path)


@pytest.fixture
def checked(monkeypatch):
    """Slugs the compliance check ran on (the memo calls compliance.check_case for each case it does not know)."""
    ran: list[str] = []
    real = compliance.check_case

    def counting(case, config):
        ran.append(case.slug)
        return real(case, config)

    monkeypatch.setattr(compliance, "check_case", counting)
    return ran


def test_unchanged_cases_are_not_checked_again_and_give_the_same_findings(project, checked):
    config = load_config(project)
    library, first = check_library(config)
    assert len(checked) == len(library.cases) > 5
    checked.clear()
    _, again = check_library(load_config(project))
    assert checked == [] and again == first


def test_an_edited_case_is_checked_again_and_its_new_findings_reported(project, checked):
    config = load_config(project)
    library, _ = check_library(config)
    case = library.cases[0]
    case.path.write_text(case.path.read_text(encoding="utf-8") + "\n本产品保本保息，稳赚不赔。\n", encoding="utf-8")
    checked.clear()
    _, findings = check_library(load_config(project))
    assert checked == [case.slug]
    assert any(f.path == case.display_path and f.code.startswith("M") and f.severity.value == "error" for f in findings)


def test_a_changed_setting_checks_every_case_again(project, checked):
    check_library(load_config(project))
    checked.clear()
    project.write_text(project.read_text(encoding="utf-8").replace("hotline:", "hotline: '95588' #", 1), encoding="utf-8")
    library, _ = check_library(load_config(project))
    assert sorted(checked) == sorted(c.slug for c in library.cases)
