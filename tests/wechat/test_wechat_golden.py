"""Golden files: the rendered articles and their JSON, compared byte for byte.

After an intended change to the renderer or templates/wechat/, regenerate them and review the diff:

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/wechat/test_wechat_golden.py
"""

from __future__ import annotations

import json
import os

import pytest

from casecast.wechat import render_article
from casecast.wechat.article_set import draft_fields
from wechat_helpers import GOLDEN, fixture_case, fixture_config

CASES = ["case-with-links-table-and-image", "case-with-deep-nested-list"]
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def compare(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"{path} is missing; create it with UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/wechat"
    assert actual == path.read_text(encoding="utf-8"), f"{name} changed; if intended: UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/wechat"


@pytest.mark.parametrize("slug", CASES)
def test_article_matches_golden_file(slug: str) -> None:
    config = fixture_config()
    compare(f"{slug}.html", render_article(fixture_case(slug, config), config).html)


@pytest.mark.parametrize("slug", CASES)
def test_draft_json_matches_golden_file(slug: str) -> None:
    config = fixture_config()
    fields = draft_fields(render_article(fixture_case(slug, config), config))
    compare(f"{slug}.json", json.dumps(fields, ensure_ascii=False, indent=2) + "\n")
