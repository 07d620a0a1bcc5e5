"""Helpers for the quiz tests: a library holding the fixture case with a two-question quiz."""

from __future__ import annotations

from casecast.config import Config, load_config
from casecast.loader import load_library
from casecast.model import Case
from content_support import REPO, make_content


def quiz_case(tmp_path) -> tuple[Case, Config]:
    config = load_config(REPO / "mkdocs.yml", content_dir=make_content(tmp_path, "case_with_quiz.md"))
    library, problems = load_library(config)
    assert not problems, problems
    return library.cases[0], config
