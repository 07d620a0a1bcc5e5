"""Pages taken from the previous build: only when nothing that shapes them changed, and always what a full build gives."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from casecast.config import Config
from casecast.loader import load_library
from casecast.site import build_site
from casecast.site.builder import SiteReport
from site_support import make_content, make_project, write_case


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _build(config: Config) -> SiteReport:
    library, problems = load_library(config)
    assert [p for p in problems if p.severity.value == "error"] == []
    return build_site(library, config)


def _full_build(tmp_path: Path, content: Path) -> dict[str, bytes]:
    """The same content built from nothing, in another project."""
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    shutil.copytree(content, fresh / "content")
    config = make_project(fresh, fresh / "content")
    _build(config)
    return _files(config.site_dir)


@pytest.fixture
def project(tmp_path: Path) -> tuple[Config, Path]:
    content = make_content(tmp_path)
    write_case(content, "fake-refund", title="冒充客服退款", tags=["冒充客服"])
    write_case(content, "campus-loan", title="校园贷陷阱", category="lending", audiences=["students"], tags=["校园贷"])
    write_case(content, "pension-fraud", title="养老骗局", category="illegal-fundraising", tags=["养老"])
    config = make_project(tmp_path, content)
    assert _build(config).reused == 0  # nothing to take pages from yet
    return config, content


def _edit(content: Path, slug: str, old: str, new: str) -> None:
    path = content / "cases" / f"{slug}.md"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_edited_body_rebuilds_its_page_and_takes_the_rest_with_the_same_bytes_as_a_full_build(project, tmp_path: Path) -> None:
    config, content = project
    before = _files(config.site_dir)
    _edit(content, "campus-loan", "## 消保提示\n\n", "## 消保提示\n\n- 新加的一条提示。\n\n")
    report = _build(config)
    after = _files(config.site_dir)
    assert report.reused == report.pages - 1 and "页未变" in report.summary
    assert [n for n in after if after[n] != before.get(n)] == ["cases/campus-loan/index.html", "search/search_index.js",
                                                              "search/search_index.json"]
    assert after == _full_build(tmp_path, content)


def test_a_new_title_rebuilds_every_page_that_lists_the_case_and_matches_a_full_build(project, tmp_path: Path) -> None:
    config, content = project
    _edit(content, "pension-fraud", "title: 养老骗局", "title: 养老投资骗局")
    report = _build(config)
    assert 0 < report.reused < report.pages - 1  # the home page, its category, audience and tag pages list it
    assert _files(config.site_dir) == _full_build(tmp_path, content)


def test_a_new_case_or_changed_mkdocs_yml_renders_every_page_again(project, tmp_path: Path) -> None:
    config, content = project
    write_case(content, "phishing-sms", title="钓鱼短信", tags=["钓鱼短信"])
    report = _build(config)
    assert report.reused == 0  # a new file in the docs folder: links may resolve differently
    assert _files(config.site_dir) == _full_build(tmp_path, content)
    config.config_file.write_text(config.config_file.read_text(encoding="utf-8") + "\ncopyright: 示例银行\n", encoding="utf-8")
    _edit(content, "fake-refund", "## 消保提示\n\n", "## 消保提示\n\n- 新加的一条提示。\n\n")
    assert _build(config).reused == 0
    assert "示例银行" in (config.site_dir / "cases" / "campus-loan" / "index.html").read_text(encoding="utf-8")


def test_a_page_altered_in_site_since_the_last_build_is_rendered_again(project) -> None:
    config, content = project
    page = config.site_dir / "cases" / "fake-refund" / "index.html"
    good = page.read_bytes()
    page.write_bytes(good.replace(b"</body>", b"<script>alert(1)</script></body>"))
    _edit(content, "campus-loan", "## 消保提示\n\n", "## 消保提示\n\n- 新加的一条提示。\n\n")
    report = _build(config)
    assert report.reused == report.pages - 2
    assert page.read_bytes() == good


def test_nothing_is_taken_from_a_build_that_had_mkdocs_warnings(project) -> None:
    config, content = project
    write_case(content, "broken-link", body="## 案例经过\n\n见[另一案例](../missing.md)。\n\n## 风险分析\n\n无。\n\n## 消保提示\n\n无。\n")
    assert _build(config).warnings  # MkDocs warns about the link; each page's warnings are its own
    _edit(content, "campus-loan", "## 消保提示\n\n", "## 消保提示\n\n- 新加的一条提示。\n\n")
    report = _build(config)
    assert report.reused == 0 and report.warnings


def test_edits_one_after_another_rebuild_only_their_page_leave_the_rest_untouched_and_match_a_full_build(project, tmp_path: Path) -> None:
    """Dirty builds one after another in one process (MkDocs keeps its plugins between them)."""
    config, content = project
    _edit(content, "campus-loan", "## 消保提示\n\n", "## 消保提示\n\n- 新加的一条提示。\n\n")
    _build(config)
    inodes = {p.relative_to(config.site_dir).as_posix(): p.stat().st_ino for p in config.site_dir.rglob("*") if p.is_file()}
    _edit(content, "fake-refund", "## 消保提示\n\n", "## 消保提示\n\n- 又一条提示。\n\n")
    report = _build(config)
    assert report.reused == report.pages - 1
    changed = sorted(n for n, ino in inodes.items() if (config.site_dir / n).stat().st_ino != ino)
    assert changed == ["cases/fake-refund/index.html", "search/search_index.js", "search/search_index.json"]
    assert _files(config.site_dir) == _full_build(tmp_path, content)


def test_a_dirty_build_starts_from_links_to_the_current_site_and_never_writes_into_it(project) -> None:
    from casecast.site.builder import stage_site

    config, content = project
    state = lambda: {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in config.site_dir.rglob("*") if p.is_file()}  # noqa: E731
    before = state()
    _edit(content, "campus-loan", "## 消保提示\n\n", "## 消保提示\n\n- 新加的一条提示。\n\n")
    library, _ = load_library(config)
    staged = stage_site(library, config)
    try:
        assert staged.report.reused == staged.report.pages - 1
        assert state() == before  # the sitemap, the search index and the page were written as new files
        page = "cases/fake-refund/index.html"
        assert (staged.staged.path / page).stat().st_ino == (config.site_dir / page).stat().st_ino
    finally:
        staged.discard()
