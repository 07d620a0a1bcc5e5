"""The shipped sample library: it must pass the strict check and cover what the other outputs render."""

from __future__ import annotations

from casecast.check import check_library
from casecast.config import load_config
from content_support import REPO


def load_sample():
    return check_library(load_config(REPO / "mkdocs.yml"))


def test_sample_library_passes_the_strict_check():
    library, problems = load_sample()
    assert [p for p in problems if p.severity.value in ("error", "warning")] == []
    assert len(library.cases) >= 8


def test_sample_library_covers_categories_and_every_audience():
    library, _ = load_sample()
    assert len({c.category for c in library.cases}) >= 5
    assert {a for c in library.cases for a in c.audiences} == set(library.taxonomy.audiences)


def test_sample_library_shows_every_content_feature():
    library, _ = load_sample()
    bodies = "\n".join(c.body for c in library.cases)
    assert any(c.images for c in library.cases), "an image"
    assert "|---" in bodies.replace(" ", "") or "| ---" in bodies, "a table"
    assert "\n        - " in bodies or "\n    - " in bodies, "a nested list"
    assert "> " in bodies and "“" in bodies, "a quoted scam pitch"
    for number in ("95574", "110", "96110", "万元", "%", "年"):
        assert number in bodies, number
    assert any(not c.published for c in library.cases), "a draft"
