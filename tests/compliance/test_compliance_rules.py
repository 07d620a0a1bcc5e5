"""Rule packs as data: the shipped packs, project packs that extend or replace rules, overrides, errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from compliance_helpers import make_case

from casecast.compliance import check_case, load_rule_set, read_compliance_settings
from casecast.compliance.packs import shipped_pack_files
from casecast.compliance.ruleset import trie_pattern
from casecast.config import load_config
from casecast.errors import ConfigError


def project_config(tmp_path: Path, compliance: dict | None = None, packs: dict[str, str] | None = None):
    for name, text in (packs or {}).items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    extra = {"casecast": {"public_numbers": ["95574"], "compliance": compliance or {}}}
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump({"site_name": "t", "extra": extra}, allow_unicode=True), encoding="utf-8")
    return load_config(tmp_path / "mkdocs.yml")


def codes(diagnostics) -> list[tuple[str, str]]:
    return [(d.code, d.severity.value) for d in diagnostics]


def test_shipped_packs_define_categories_a_to_e_and_p_with_legal_basis(tmp_path):
    rules = load_rule_set(read_compliance_settings(project_config(tmp_path))).rules
    assert {r.category for r in rules.values()} == set("ABCDEP")
    assert all(re.fullmatch(r"[MP]\d{3}", code) for code in rules)
    assert all("《" in r.basis for r in rules.values())
    assert {p.name for p in shipped_pack_files()} >= {"a-absolute.yml", "context.yml", "p-personal-data.yml"}


def test_empty_compliance_block_uses_shipped_packs(tmp_path):
    found = check_case(make_case("本产品保本。"), project_config(tmp_path))
    assert ("M201", "error") in codes(found)


def test_project_pack_adds_a_rule(tmp_path):
    pack = "rules:\n  - code: M601\n    category: F\n    title: 本行禁用语\n    name: 内部用语\n    basis: 本行营销宣传管理办法\n    message: 本行规定不得使用\n    severity: warning\n    terms: [秒杀]\n"
    config = project_config(tmp_path, {"packs": ["house.yml"]}, {"house.yml": pack})
    found = check_case(make_case("限时秒杀理财。"), config)
    assert ("M601", "warning") in codes(found)
    assert "F类·本行禁用语" in next(d.message for d in found if d.code == "M601")


def test_project_pack_extends_a_shipped_rule_with_an_exception(tmp_path):
    pack = "rules:\n  - code: M103\n    exceptions: [首选]\n"
    config = project_config(tmp_path, {"packs": ["house.yml"]}, {"house.yml": pack})
    assert check_case(make_case("核实身份，首选到银行网点办理。"), config) == []
    assert ("M103", "error") in codes(check_case(make_case("本行是独家代理。"), config))


def test_project_pack_replaces_a_shipped_rule(tmp_path):
    pack = "rules:\n  - code: M103\n    replace: true\n    category: A\n    title: 绝对化用语\n    name: 独家\n    basis: 《广告法》第九条第三项\n    message: 独家\n    terms: [独家]\n"
    config = project_config(tmp_path, {"packs": ["house.yml"]}, {"house.yml": pack})
    assert check_case(make_case("首选、唯一。"), config) == []


def test_project_pack_extends_context_words(tmp_path):
    pack = "context:\n  before: [传言]\n"
    config = project_config(tmp_path, {"packs": ["house.yml"]}, {"house.yml": pack})
    assert codes(check_case(make_case("坊间传言这个产品保本。"), config)) == [("M201", "info")]


def test_disable_and_severity_overrides(tmp_path):
    config = project_config(tmp_path, {"disable": ["M201", "M501"], "severity": {"M301": "error"}})
    assert codes(check_case(make_case("本产品保本，高收益。"), config)) == [("M301", "error")]


def test_pack_edit_is_picked_up_without_restart(tmp_path):
    config = project_config(tmp_path, {"packs": ["house.yml"]}, {"house.yml": "rules: []\n"})
    assert check_case(make_case("保你发财。"), config) == []
    pack = "rules:\n  - {code: M206, category: B, title: 保本保收益承诺, name: 发财, basis: 《广告法》第二十五条, message: 承诺发财, terms: [保你发财]}\n"
    (tmp_path / "house.yml").write_text(pack + "# edited\n", encoding="utf-8")
    assert ("M206", "error") in codes(check_case(make_case("保你发财。"), config))


def test_rule_set_is_compiled_once(tmp_path):
    settings = read_compliance_settings(project_config(tmp_path))
    assert load_rule_set(settings) is load_rule_set(settings)


@pytest.mark.parametrize(
    "pack, message",
    [
        ("rules:\n  - code: X1\n    terms: [a]\n", "code 'X1'"),
        ("rules:\n  - code: M601\n    terms: [a]\n", "missing category, title, basis, name, message"),
        ("rules:\n  - code: M103\n    termz: [a]\n", "did you mean 'terms'"),
        ("rules:\n  - code: M103\n    patterns: ['(']\n", "not a valid regular expression"),
        ("rules:\n  - code: M103\n    severity: fatal\n", "severity 'fatal'"),
        ("rules:\n  - code: M103\n    terms: [保本]\n", "term '保本' is in both"),
        ("rules: [\n", "broken YAML"),
        ("- just a list\n", "must be a mapping"),
    ],
)
def test_bad_project_packs_raise_config_error_naming_the_file(tmp_path, pack, message):
    config = project_config(tmp_path, {"packs": ["house.yml"]}, {"house.yml": pack})
    with pytest.raises(ConfigError) as caught:
        check_case(make_case("正文"), config)
    assert "house.yml" in str(caught.value) and message in str(caught.value)


@pytest.mark.parametrize(
    "block, message",
    [
        ({"packs": ["missing.yml"]}, "rule pack not found"),
        ({"disable": ["not-a-code"]}, "is not a rule code"),
        ({"severity": {"M101": "loud"}}, "must be error, warning or info"),
        ({"pakcs": []}, "unknown setting 'pakcs'"),
    ],
)
def test_bad_compliance_settings_raise_config_error(tmp_path, block, message):
    with pytest.raises(ConfigError, match=re.escape(message)):
        check_case(make_case("正文"), project_config(tmp_path, block))


def test_trie_pattern_prefers_the_longest_term():
    pattern = re.compile(trie_pattern(["稳赚", "稳赚不赔", "保本", "保本金"]))
    assert pattern.findall("稳赚不赔，稳赚，保本金，保本") == ["稳赚不赔", "稳赚", "保本金", "保本"]
