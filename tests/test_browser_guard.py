"""The browser guard: without Chromium, browser tests skip on a developer's machine and fail in CI."""

from __future__ import annotations

from pathlib import Path

import pytest

import browser_support


@pytest.mark.parametrize(("ci", "outcome"), [("true", pytest.fail.Exception), ("", pytest.skip.Exception), ("0", pytest.skip.Exception)])
def test_missing_chromium_fails_in_ci_and_skips_elsewhere(monkeypatch, tmp_path: Path, ci: str, outcome: type) -> None:  # noqa: ANN001
    monkeypatch.setattr(browser_support, "CHROMIUM", tmp_path / "no-chromium")
    monkeypatch.setenv("CI", ci)
    with pytest.raises(outcome, match="chromium"):
        browser_support.require_browser()


def test_missing_axe_core_fails_in_ci(monkeypatch, tmp_path: Path) -> None:  # noqa: ANN001
    monkeypatch.setattr(browser_support, "AXE_SCRIPT", tmp_path / "axe.min.js")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="make browser-tools"):
        browser_support.axe_source()


def test_browser_modules_check_the_guard_before_each_test_not_with_skipif() -> None:
    marks = {m.name for m in browser_support.BROWSER}
    assert marks == {"browser", "usefixtures"} and "skipif" not in marks
