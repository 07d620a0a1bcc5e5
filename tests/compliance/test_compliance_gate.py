"""The gate's API: positions, severities, allowances, channel texts and messages."""

from __future__ import annotations

import yaml
from compliance_helpers import make_case, repo_config

from casecast.compliance import check_case, check_cases, scan_channel_text
from casecast.config import load_config
from casecast.diagnostics import Severity, format_text

CASE_FILE = """---
title: 警惕“保本高息”骗局
date: 2024-03-15
category: investment
summary: 本产品保本。
tags:
  - 防骗
  - 稳赚不赔
allow:
  - term: 大额存单保本
    reason: 存款受存款保险保障
  - term: 从未出现的词
    reason: 过时的放行
---

## 案例经过

平安无事，大额存单保本。
骗子说：“保本保息。” 本行承诺保收益，电话13912345678。
"""


def file_case(tmp_path):
    """The case as the loader gives it; the file itself is never written: the gate reads only the model."""
    path = tmp_path / "fake-case.md"
    lines = {"title": 2, "date": 3, "category": 4, "summary": 5, "tags": 6, "allow": 9}
    body = CASE_FILE.split("---\n", 2)[2]
    return make_case(body, path=path, title="警惕“保本高息”骗局", summary="本产品保本。", tags=("防骗", "稳赚不赔"),
                     allow=(("大额存单保本", "存款受存款保险保障"), ("从未出现的词", "过时的放行")),
                     body_line=15, field_lines=lines, head_lines=tuple(CASE_FILE.splitlines()[:14]))


def test_findings_carry_real_file_lines_and_columns(tmp_path):
    found = {(d.code, d.line, d.col, d.severity.value) for d in check_case(file_case(tmp_path), repo_config())}
    assert {
        ("M201", 2, 11, "info"),  # title: 警惕“保本高息”骗局, in quotes
        ("M201", 5, 13, "error"),  # summary: 本产品保本。
        ("M202", 8, 5, "error"),  # a tag is the case's own wording
        ("M201", 18, 10, "info"),  # body: allowed 大额存单保本
        ("M201", 19, 6, "info"),  # body: inside “”
        ("M202", 19, 17, "error"),  # body: 本行承诺保收益
        ("P201", 19, 23, "error"),
    } <= found


def test_unused_allowance_is_a_warning_at_its_line(tmp_path):
    found = [d for d in check_case(file_case(tmp_path), repo_config()) if d.code == "M900"]
    assert [(d.line, d.severity) for d in found] == [(12, Severity.WARNING)]
    assert "从未出现的词" in found[0].message and "过时的放行" in found[0].message


def test_allowed_term_is_info_with_its_reason():
    case = make_case("大额存单保本，起存20万元。", allow=(("大额存单保本", "存款受存款保险保障"),))
    (finding,) = check_case(case, repo_config())
    assert (finding.code, finding.severity) == ("M201", Severity.INFO)
    assert "allow" in finding.message and "存款受存款保险保障" in finding.message


def test_allowance_also_covers_personal_data():
    case = make_case("投诉邮箱 xiaobao@bank.cn", allow=(("xiaobao@bank.cn", "本行公开的投诉邮箱"),))
    assert [(d.code, d.severity) for d in check_case(case, repo_config())] == [("P206", Severity.INFO)]


def test_messages_name_category_and_legal_basis():
    (absolute,) = check_case(make_case("我行服务最佳。"), repo_config())
    assert "A类·绝对化用语" in absolute.message and "《广告法》第九条第三项" in absolute.message
    found = check_case(make_case("本产品保本。"), repo_config())
    assert any("B类" in d.message and "第二十五条第一项" in d.message for d in found)
    assert any(d.code == "M501" and "风险提示" in d.message for d in found)


def test_personal_data_is_masked_in_messages():
    found = check_case(make_case("电话13912345678，身份证11010519491231002X，卡6222021234567890128"), repo_config())
    text = format_text(found)
    for secret in ("13912345678", "11010519491231002X", "6222021234567890128"):
        assert secret not in text
    assert "139****5678" in text


def test_personal_data_in_quotes_or_blockquotes_stays_an_error():
    found = check_case(make_case("> 骗子说：“加我微信，电话13912345678”"), repo_config())
    assert [(d.code, d.severity) for d in found] == [("P201", Severity.ERROR)]


def test_public_numbers_come_from_the_config(tmp_path):
    extra = {"casecast": {"public_numbers": ["13800000000"], "hotline": "95574"}}
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump({"site_name": "t", "extra": extra}), encoding="utf-8")
    config = load_config(tmp_path / "mkdocs.yml")
    assert check_case(make_case("公开的短信服务号 13800000000。"), config) == []
    assert [d.code for d in check_case(make_case("客户电话13800000001。"), config)] == ["P201"]


def test_checksum_invalid_id_is_a_warning_and_non_luhn_card_is_a_warning():
    found = check_case(make_case("身份证号110105194912310020，卡号6222021234567890129。"), repo_config())
    assert [(d.code, d.severity) for d in found] == [("P203", Severity.WARNING), ("P205", Severity.WARNING)]


def test_check_cases_equals_check_case_for_each():
    cases = [make_case("本产品保本。", slug="a"), make_case("电话13912345678", slug="b"), make_case("平安无事。", slug="c")]
    config = repo_config()
    assert check_cases(cases, config) == [d for c in cases for d in check_case(c, config)]


def test_channel_findings_name_the_channel_and_point_at_the_case_line():
    case = make_case("正文")
    (finding,) = scan_channel_text(case, "wechat", "第一段\n欢迎来电 13912345678", repo_config())
    assert (finding.path, finding.line, finding.col, finding.code) == ("content/cases/sample-case.md", 2, 1, "P201")  # not in the file: title line
    (in_body,) = scan_channel_text(make_case("第一行\n请拨 13912345678 联系"), "audio", "请拨 13912345678 联系", repo_config())
    assert (in_body.line, in_body.col) == (11, 4)
    assert finding.message.startswith("[wechat] ") and "第2行第6列" in finding.message


def test_channel_text_inherits_the_blockquote_of_the_case_body():
    case = make_case("王阿姨接到电话：\n\n> 本平台产品**保本保息**，欢迎加入！\n\n她信以为真。投资有风险。")
    spoken = "王阿姨接到电话：本平台产品保本保息，欢迎加入！她信以为真。投资有风险。"
    found = scan_channel_text(case, "audio", spoken, repo_config())
    assert [(d.code, d.severity) for d in found] == [("M201", Severity.INFO), ("M201", Severity.INFO)]
    assert all("引用块" in d.message for d in found)


def test_channel_text_in_the_banks_voice_is_judged_on_its_own():
    case = make_case("正文。投资有风险。")
    found = scan_channel_text(case, "feed", "本产品保本。", repo_config())
    assert [(d.code, d.severity) for d in found] == [("M201", Severity.ERROR), ("M501", Severity.ERROR)]
    assert all(d.message.startswith("[feed] ") for d in found)


def test_derived_channel_text_has_no_unused_allowance_warning():
    case = make_case("正文", allow=(("保本", "理由"),))
    assert scan_channel_text(case, "site", "平安。", repo_config()) == []


def test_public_emails_come_from_the_compliance_settings(tmp_path):
    extra = {"casecast": {"compliance": {"public_emails": ["XiaoBao@bank.cn"]}}}
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump({"site_name": "t", "extra": extra}), encoding="utf-8")
    config = load_config(tmp_path / "mkdocs.yml")
    assert check_case(make_case("投诉邮箱 xiaobao@bank.cn"), config) == []
    assert [d.code for d in check_case(make_case("客户邮箱 wang@bank.cn"), config)] == ["P206"]


def test_allowance_term_inside_a_pattern_match_and_single_characters_allow_nothing():
    config = repo_config()
    case = make_case("本存款年化利率稳定在2%。", allow=(("年化利率", "定期存款的挂牌利率"),))
    assert [(d.code, d.severity) for d in check_case(case, config)] == [("M204", Severity.INFO)]
    case = make_case("本产品保本。投资有风险。", allow=(("保", "太短"),))
    assert ("M201", Severity.ERROR) in [(d.code, d.severity) for d in check_case(case, config)]
