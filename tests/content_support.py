"""Helpers for tests that need a content folder: copy fixtures into a temporary project."""

from __future__ import annotations

import shutil
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).parent.parent


def make_content(tmp_path: Path, *fixture_names: str) -> Path:
    """A content folder holding the test taxonomy, images and the named fixture cases.

    Fixture files are named after what they test (``case_with_broken_yaml.md``); they are copied
    under a valid slug (``case-with-broken-yaml.md``) so only the problem under test is reported.
    """
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "content", content)
    cases = content / "cases"
    cases.mkdir()
    for name in fixture_names:
        shutil.copyfile(FIXTURES / "cases" / name, cases / name.replace("_", "-"))
    return content


def make_project(tmp_path: Path) -> Path:
    """A copy of the repository's project (mkdocs.yml, content/, templates/) to build into; returns its mkdocs.yml."""
    project = tmp_path / "project"
    project.mkdir()
    shutil.copyfile(REPO / "mkdocs.yml", project / "mkdocs.yml")
    for folder in ("content", "templates"):
        shutil.copytree(REPO / folder, project / folder)
    return project / "mkdocs.yml"
