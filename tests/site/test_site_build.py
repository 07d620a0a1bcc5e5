"""build_site as a whole: the docs folder, the swap into site/, failures, settings, plain MkDocs."""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import sys

import pytest

from casecast.config import read_yaml_config
from casecast.errors import BuildError, ConfigError
from casecast.loader import load_library
from casecast.site import build_site, generate_docs, load_site_settings
from casecast.site.docs import MARKER
from casecast.swap import staging_folder, swap_in
from site_support import REPO, make_content, make_episode, make_project, parse_html, snapshot, write_case


@pytest.fixture
def small(tmp_path):
    """A project with three published cases and one draft."""
    content = make_content(tmp_path)
    write_case(content, "fake-refund", title="冒充客服退款", date="2024-03-15", tags=["冒充客服"])
    write_case(content, "campus-loan", title="校园贷陷阱", date="2024-04-01", category="lending", audiences=["students"], tags=["校园贷"])
    write_case(content, "pension-fraud", title="养老骗局", date="2024-05-10", category="illegal-fundraising", tags=["养老"])
    write_case(content, "draft-case", title="未完成的案例", date="2024-06-01", status="draft")
    config = make_project(tmp_path, content)
    library, problems = load_library(config)
    assert [p for p in problems if p.severity.value == "error"] == []
    return config, library


def test_build_writes_the_site_and_reports_what_it_made(small) -> None:
    config, library = small
    report = build_site(library, config)
    assert (config.site_dir / "index.html").is_file()
    assert sorted(p.parent.name for p in (config.site_dir / "cases").glob("*/index.html")) == ["campus-loan", "fake-refund", "pension-fraud"]
    assert (report.cases, report.drafts, report.episodes, report.warnings) == (3, 0, 0, ())
    assert report.pages == 1 + 3 + (1 + 7) + (1 + 4) + 2  # home, cases, categories, audiences, tags + episodes
    assert "3 个案例页" in report.summary


@pytest.mark.parametrize("failure", ["missing-mp3", "mkdocs-strict"])
def test_a_failing_build_leaves_the_previous_site_exactly_as_it_was(tmp_path, failure: str) -> None:
    content = make_content(tmp_path)
    write_case(content, "fake-refund", title="冒充客服退款")
    config = make_project(tmp_path, content, mkdocs_extra="strict: true\n")
    build_site(load_library(config)[0], config)
    before = snapshot(config.site_dir)
    episodes = None
    if failure == "missing-mp3":
        episodes = {"fake-refund": make_episode(config.audio_dir, "fake-refund")}
        (config.audio_dir / "fake-refund.mp3").unlink()
    else:  # a link to a page that does not exist: MkDocs warns, and strict mode fails the build
        write_case(content, "broken-link", body="## 案例经过\n\n见[另一案例](../missing.md)。\n\n## 风险分析\n\n无。\n\n## 消保提示\n\n无。\n")
    with pytest.raises(BuildError) as caught:
        build_site(load_library(config)[0], config, episodes=episodes)
    assert snapshot(config.site_dir) == before
    assert [p.name for p in config.site_dir.parent.iterdir() if p.name.startswith(".site")] == []
    assert ("fake-refund.mp3" if failure == "missing-mp3" else "failed") in str(caught.value)


def test_swap_replaces_the_whole_folder_and_keeps_it_readable(tmp_path) -> None:
    target = tmp_path / "site"
    target.mkdir()
    (target / "old.html").write_text("old")
    with staging_folder(target) as staging:
        (staging / "new.html").write_text("new")
        swap_in(staging, target)
    assert [p.name for p in target.iterdir()] == ["new.html"]
    assert oct(target.stat().st_mode & 0o777) == oct(0o755)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_staging_folder_is_removed_when_the_build_fails(tmp_path) -> None:
    target = tmp_path / "site"
    with pytest.raises(RuntimeError):
        with staging_folder(target) as staging:
            (staging / "half.html").write_text("half")
            raise RuntimeError("build failed")
    assert list(tmp_path.iterdir()) == []


def test_regenerating_rewrites_only_changed_files_and_removes_stale_ones(small) -> None:
    config, library = small
    generate_docs(library, config)
    assert generate_docs(library, config)[2] == 0
    page = config.docs_dir / "categories" / "lending" / "index.md"  # lists campus-loan only: unaffected
    mtime = page.stat().st_mtime_ns
    write_case(config.content_dir, "fake-refund", title="冒充客服退款（修订）", date="2024-03-15")
    (config.content_dir / "cases" / "pension-fraud.md").unlink()
    _, _, changed = generate_docs(load_library(config)[0], config)
    assert not (config.docs_dir / "cases" / "pension-fraud").exists()
    assert "冒充客服退款（修订）" in (config.docs_dir / "cases" / "fake-refund" / "index.md").read_text(encoding="utf-8")
    assert page.stat().st_mtime_ns == mtime
    assert changed >= 2


def test_a_docs_folder_with_files_casecast_did_not_write_is_refused(small) -> None:
    config, library = small
    config.docs_dir.mkdir(parents=True)
    (config.docs_dir / "notes.md").write_text("mine")
    with pytest.raises(BuildError, match="did not generate"):
        generate_docs(library, config)
    assert (config.docs_dir / "notes.md").read_text() == "mine"


def test_docs_dir_pointing_at_the_content_folder_is_refused(small) -> None:
    config, library = small
    with pytest.raises(BuildError, match="overwrite your files"):
        generate_docs(library, dataclasses.replace(config, docs_dir=config.content_dir))


def test_drafts_are_generated_only_when_asked(small) -> None:
    config, library = small
    generate_docs(library, config)
    assert not (config.docs_dir / "cases" / "draft-case").exists()
    generate_docs(library, config, drafts=True)
    assert "草稿预览" in (config.docs_dir / "cases" / "draft-case" / "index.md").read_text(encoding="utf-8")


def test_generated_pages_build_with_plain_mkdocs_and_no_casecast_code(small) -> None:
    """Case pages need no custom MkDocs plugin: `mkdocs build` alone renders the generated folder."""
    config, library = small
    generate_docs(library, config)
    out = config.root / "plain-site"
    env = {**os.environ, "PYTHONPATH": ""}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config.config_file), "-d", str(out)],
        cwd=config.root, capture_output=True, text=True, env=env, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    root = parse_html(out / "cases" / "campus-loan" / "index.html")
    assert root.xpath("//h1")[0].text_content() == "校园贷陷阱"
    settings = read_yaml_config(REPO / "mkdocs.yml")
    assert settings["plugins"] == ["search", "offline"] and "hooks" not in settings  # Material's own plugins only


def test_site_settings_have_defaults_and_reject_unknown_keys(small) -> None:
    config, _ = small
    settings = load_site_settings(config)
    assert settings.latest == 6 and settings.intro == config.site_description
    bad = dataclasses.replace(config, extra={**config.extra, "site": {"latset": 3}})
    with pytest.raises(ConfigError, match="unknown setting 'latset'"):
        load_site_settings(bad)
    with pytest.raises(ConfigError, match="'latest' must be at least 1"):
        load_site_settings(dataclasses.replace(config, extra={**config.extra, "site": {"latest": 0}}))


def test_home_page_lists_as_many_latest_cases_as_configured(small) -> None:
    config, library = small
    configured = dataclasses.replace(config, extra={**config.extra, "site": {"latest": 2, "intro": "欢迎来到教育专区。"}})
    generate_docs(library, configured)
    home = (config.docs_dir / "index.md").read_text(encoding="utf-8")
    assert "欢迎来到教育专区。" in home
    latest = home.split("## 最新案例")[1].split("## ")[0]
    assert latest.count("cc-case__title") == 2 and "pension-fraud" in latest and "fake-refund" not in latest


def test_a_broken_site_template_is_a_build_error_naming_the_template(tmp_path) -> None:
    content = make_content(tmp_path)
    write_case(content, "fake-refund")
    config = make_project(tmp_path, content, copy_templates=True)
    (config.templates_dir / "site" / "case.md.j2").write_text("{% if %}\n", encoding="utf-8")
    with pytest.raises(BuildError, match="case.md.j2:1"):
        build_site(load_library(config)[0], config)
    assert not config.site_dir.exists()


def test_the_docs_folder_is_marked_as_generated(small) -> None:
    config, library = small
    generate_docs(library, config)
    assert (config.docs_dir / MARKER).is_file()


def test_site_publishes_episodes_made_by_the_audio_build(tmp_path) -> None:
    """The contract with the audio area: read_episodes() feeds build_site(); every feed link resolves in site/."""
    from lxml import etree

    from casecast.audio import build_audio, read_episodes

    content = make_content(tmp_path)
    write_case(content, "fake-refund", title="冒充客服退款", episode=1)
    write_case(content, "campus-loan", title="校园贷陷阱", date="2024-04-01", episode=2)
    config = make_project(tmp_path, content)
    library = load_library(config)[0]
    build_audio(library, config, engine="espeak", only=("fake-refund",))
    episodes = read_episodes(config)
    report = build_site(library, config, episodes=episodes)
    assert report.episodes == 1
    page = parse_html(config.site_dir / "cases" / "fake-refund" / "index.html")
    assert page.xpath("//audio/@src") == ["../../audio/fake-refund.mp3"]
    assert parse_html(config.site_dir / "cases" / "campus-loan" / "index.html").xpath("//audio") == []
    feed = etree.parse(str(config.site_dir / "audio" / "feed.xml"))
    links = [u for u in feed.xpath("//@url | //@href | //enclosure/@url") if u.startswith(config.site_url)]
    assert any(u.endswith("fake-refund.mp3") for u in links)
    for url in links:
        assert (config.site_dir / url.removeprefix(config.site_url)).is_file(), url


def test_case_markdown_keeps_its_structure_inside_the_page(tmp_path) -> None:
    """Tables, H3s, quotes, images and a 3-level list survive; the list stays nested inside the tips box."""
    content = make_content(tmp_path)
    shutil.copyfile(REPO / "tests" / "fixtures" / "content" / "images" / "flow.png", content / "images" / "flow.png")
    body = (
        "## 案例经过\n\n> 骗子说：“保本保息。”\n\n![流程](../images/flow.png)\n\n| 项目 | 金额 |\n|---|---|\n| 本金 | 3.8万元 |\n\n"
        "## 风险分析\n\n### 为什么会上当\n\n高收益诱惑。\n\n"
        "## 消保提示\n\n- 看资质\n    - 查牌照\n        - 国家金融监督管理总局官网\n- 拨打 96110\n"
    )
    write_case(content, "nested", body=body)
    config = make_project(tmp_path, content)
    build_site(load_library(config)[0], config)
    page = parse_html(config.site_dir / "cases" / "nested" / "index.html")
    tips = page.xpath("//div[contains(@class, 'cc-tips')]")[0]
    assert [" ".join(li.text_content().split()) for li in tips.xpath("./ul/li/ul/li/ul/li")] == ["国家金融监督管理总局官网"]
    assert page.xpath("//h2[@id='story']/following-sibling::table//td/text()") == ["本金", "3.8万元"]
    assert page.xpath("//h2[@id='analysis']/following-sibling::h3/text()") == ["为什么会上当"]
    assert page.xpath("//blockquote/p/text()") == ["骗子说：“保本保息。”"]
    assert page.xpath("//img[@alt='流程']/@src") == ["../images/flow.png"]
    assert (config.site_dir / "cases" / "images" / "flow.png").read_bytes() == (content / "images" / "flow.png").read_bytes()
