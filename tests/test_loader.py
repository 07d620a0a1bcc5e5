"""The loader and the check: every bad input is reported with its file, line and a fix."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from casecast.check import require_checked_library
from casecast.config import load_config
from casecast.errors import ContentError
from casecast.loader import load_library
from content_support import FIXTURES, REPO, make_content


def load(tmp_path, *names):
    config = load_config(REPO / "mkdocs.yml", content_dir=make_content(tmp_path, *names))
    return load_library(config)


def only_finding(tmp_path, name):
    library, problems = load(tmp_path, name)
    assert len(problems) == 1, problems
    return problems[0]


REJECTIONS = [
    # fixture, code, line, words the message must contain
    ("case_with_broken_yaml.md", "E005", 7, "broken YAML"),
    ("case_with_list_front_matter.md", "E006", 2, "front matter must be fields"),
    ("case_without_front_matter.md", "E003", 1, "no front matter"),
    ("case_with_unclosed_front_matter.md", "E004", 1, "not closed"),
    ("case_empty.md", "E002", 1, "empty file"),
    ("case_not_utf8.md", "E001", 2, "not UTF-8"),
    ("case_with_impossible_date.md", "E104", 3, "impossible date '2024-02-30'"),
    ("case_with_unknown_category.md", "E105", 4, "did you mean 'telecom-fraud'"),
    ("case_with_unknown_audience.md", "E106", 5, "did you mean 'students'"),
    ("case_with_unknown_status.md", "E107", 8, "did you mean 'published'"),
    ("case_with_sections_out_of_order.md", "E202", 16, "must come before '风险分析'"),
    ("case_with_missing_image.md", "E301", 18, "does not exist"),
    ("case_with_image_outside_content.md", "E302", 18, "outside content/"),
    ("case_with_remote_image.md", "E303", 18, "not a local file"),
    ("case_with_script_tag.md", "E401", 18, "<script>"),
    ("case_with_iframe.md", "E401", 18, "<iframe>"),
    ("case_with_event_handler.md", "E402", 18, "onerror="),
    ("case_with_javascript_link.md", "E403", 18, "javascript:"),
    ("case_with_alias_bomb.md", "E007", 2, "anchors and aliases"),
    ("case_with_duplicate_key.md", "E008", 10, "given twice"),
    ("case_with_text_before_sections.md", "E205", 12, "before the first section"),
]


@pytest.mark.parametrize(("fixture", "code", "line", "words"), REJECTIONS, ids=[r[0] for r in REJECTIONS])
def test_bad_input_is_reported_with_code_line_and_message(tmp_path, fixture, code, line, words):
    finding = only_finding(tmp_path, fixture)
    assert (finding.code, finding.line, finding.severity.value) == (code, line, "error")
    assert words in finding.message
    assert finding.path.endswith(fixture.replace("_", "-"))


def test_unknown_field_is_named_with_a_suggestion_and_the_missing_field_too(tmp_path):
    _, problems = load(tmp_path, "case_with_unknown_field.md")
    assert {(p.code, p.line) for p in problems} == {("E101", 7), ("E102", 1)}
    assert "did you mean 'summary'" in next(p for p in problems if p.code == "E101").message


def test_wrong_types_are_reported_per_field(tmp_path):
    _, problems = load(tmp_path, "case_with_wrong_types.md")
    assert [(p.code, p.line) for p in problems] == [("E103", 5), ("E103", 9)]
    assert "'audiences' must be a list" in problems[0].message
    assert "'episode' must be a whole number" in problems[1].message


def test_missing_section_names_the_section(tmp_path):
    finding = only_finding(tmp_path, "case_with_missing_section.md")
    assert finding.code == "E201" and "风险分析" in finding.message


def test_unknown_section_suggests_the_standard_heading(tmp_path):
    _, problems = load(tmp_path, "case_with_unknown_section.md")
    unknown = next(p for p in problems if p.code == "E203")
    assert unknown.line == 20 and "did you mean '消保提示'" in unknown.message


def test_duplicate_episode_names_both_files(tmp_path):
    _, problems = load(tmp_path, "case_valid.md", "case_with_duplicate_episode_b.md")
    assert len(problems) == 1
    assert problems[0].code == "E110"
    assert "case-valid.md" in problems[0].message and problems[0].path.endswith("case-with-duplicate-episode-b.md")


@pytest.mark.parametrize(("name", "suggestion"), [("Bad_Slug.md", "bad-slug.md"), ("养老骗局.md", "yang-lao-pian-ju.md")])
def test_invalid_slug_suggests_a_valid_one(tmp_path, name, suggestion):
    content = make_content(tmp_path)
    shutil.copyfile(FIXTURES / "cases" / name, content / "cases" / name)
    _, problems = load_library(load_config(REPO / "mkdocs.yml", content_dir=content))
    assert [p.code for p in problems] == ["E010"]
    assert f"rename it to '{suggestion}'" in problems[0].message


def test_long_title_is_a_warning_not_an_error(tmp_path):
    library, problems = load(tmp_path, "case_with_long_title.md")
    assert [(p.code, p.severity.value) for p in problems] == [("W109", "warning")]
    assert len(library.cases) == 1


def test_valid_case_loads_into_the_model(tmp_path):
    library, problems = load(tmp_path, "case_valid.md")
    assert problems == []
    case = library.cases[0]
    assert case.slug == "case-valid" and case.date == dt.date(2024, 3, 15)
    assert case.audiences == ("elderly",) and case.episode == 1 and case.published
    assert [s.heading for s in case.sections] == ["案例经过", "风险分析", "消保提示"]
    assert case.sections[2].markdown.strip() == "- 核实请拨打官方客服热线 95574。"
    assert case.field_lines["category"] == 4
    assert case.author == "示例银行消费者权益保护部"


def test_bom_and_crlf_are_accepted(tmp_path):
    library, problems = load(tmp_path, "case_with_bom_and_crlf.md")
    assert problems == []
    assert "\r" not in library.cases[0].body and library.cases[0].title == "冒充客服退款骗局"


def test_section_aliases_map_to_standard_sections(tmp_path):
    library, problems = load(tmp_path, "case_with_section_aliases.md")
    assert problems == []
    story, _, tips = library.cases[0].sections
    assert (story.heading, story.written_heading) == ("案例经过", "案情回顾")
    assert (tips.heading, tips.written_heading) == ("消保提示", "温馨提示")


def test_local_image_is_resolved_in_the_model(tmp_path):
    library, problems = load(tmp_path, "case_with_local_image.md")
    assert problems == []
    case = library.cases[0]
    assert [ref.path.name for ref in case.images] == ["flow.png"]
    ref = case.images[0]
    lines = case.path.read_text(encoding="utf-8").splitlines()
    assert lines[ref.line - 1][ref.column - 1:].startswith(ref.target)  # where the body refers to it, for messages


def test_a_case_carries_its_front_matter_lines_so_nobody_reads_the_file_again(tmp_path):
    library, problems = load(tmp_path, "case_with_local_image.md")
    case = library.cases[0]
    lines = case.path.read_text(encoding="utf-8").splitlines()
    assert case.head_lines == tuple(lines[: case.body_line - 1]) and case.head_lines[0] == "---"
    assert case.head_lines[case.field_lines["title"] - 1].startswith("title:")


def test_script_inside_inline_code_is_text_not_html(tmp_path):
    _, problems = load(tmp_path, "case_with_script_in_code_span.md")
    assert problems == []


def test_every_problem_in_every_file_is_reported_in_one_run(tmp_path):
    names = [n for n, *_ in REJECTIONS]
    _, problems = load(tmp_path, *names)
    assert {p.path.rsplit("/", 1)[-1] for p in problems} == {n.replace("_", "-") for n in names}


def test_check_gate_raises_with_every_finding(tmp_path):
    config = load_config(REPO / "mkdocs.yml", content_dir=make_content(tmp_path, "case_with_unknown_category.md"))
    with pytest.raises(ContentError) as raised:
        require_checked_library(config)
    assert [d.code for d in raised.value.diagnostics] == ["E105"]


def test_strict_gate_fails_on_warnings(tmp_path):
    config = load_config(REPO / "mkdocs.yml", content_dir=make_content(tmp_path, "case_with_long_title.md"))
    require_checked_library(config)
    with pytest.raises(ContentError):
        require_checked_library(config, strict=True)


def test_front_matter_reads_the_same_with_libyaml_as_with_pure_python():
    """The fast loader (libyaml) must give the same values and positions; broken YAML raises in both."""
    import yaml

    from casecast import frontmatter

    def parse(front, loader):
        try:
            return frontmatter._parse(front, "case.md", loader)
        except yaml.YAMLError:
            return "broken"

    files = sorted((FIXTURES / "cases").glob("*.md")) + sorted((REPO / "content" / "cases").glob("*.md"))
    compared = 0
    for path in files:
        text, _ = frontmatter.decode_case_file(path.read_bytes(), path.name)
        doc, _ = frontmatter.split_document(text, path.name) if text else (None, [])
        if doc is not None:
            assert parse(doc.front_matter, frontmatter.FastCaseYamlLoader) == parse(doc.front_matter, frontmatter.CaseYamlLoader), path.name
            compared += 1
    assert compared >= 40


def test_a_case_cache_loads_again_only_saved_files_and_everything_when_the_taxonomy_changes(tmp_path):
    from casecast.loader import CaseCache

    config = load_config(REPO / "mkdocs.yml", content_dir=make_content(tmp_path, "case_valid.md", "case_with_local_image.md"))
    cache = CaseCache()
    first, _ = load_library(config, cache=cache)
    again, _ = load_library(config, cache=cache)
    assert all(a is b for a, b in zip(first.cases, again.cases))
    edited = config.content_dir / "cases" / "case-valid.md"
    edited.write_text(edited.read_text(encoding="utf-8").replace("## 消保提示", "## 消保提示\n\n新加一句。", 1), encoding="utf-8")
    third, _ = load_library(config, cache=cache)
    fresh = {c.slug: c for c in third.cases}
    old = {c.slug: c for c in first.cases}
    assert fresh["case-valid"] is not old["case-valid"] and "新加一句" in fresh["case-valid"].body
    assert fresh["case-with-local-image"] is old["case-with-local-image"]
    taxonomy = config.content_dir / "taxonomy.yml"
    taxonomy.write_text(taxonomy.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    fourth, _ = load_library(config, cache=cache)
    assert not any(a is b for a, b in zip(third.cases, fourth.cases))


def test_a_cached_case_whose_image_is_gone_is_loaded_again_and_reported(tmp_path):
    from casecast.loader import CaseCache

    config = load_config(REPO / "mkdocs.yml", content_dir=make_content(tmp_path, "case_with_local_image.md"))
    cache = CaseCache()
    library, _ = load_library(config, cache=cache)
    (image,) = [ref.path for ref in library.cases[0].images]
    image.unlink()
    library, problems = load_library(config, cache=cache)
    assert library.cases == () and [p.code for p in problems] == ["E301"]
