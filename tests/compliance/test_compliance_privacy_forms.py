"""Personal data however it is written, found as errors, and never repeated in full in a message."""

from __future__ import annotations

import re

import pytest
from compliance_helpers import make_case, repo_config

from casecast.compliance import check_case, scan_channel_text
from casecast.compliance.messages import mask
from casecast.diagnostics import Severity

ISSUE_BODY = (
    "## 案例经过 {#p13812345678}\n\n"
    "骗子先后用 13812345678 2 次给王阿姨打电话，又用 13912345678 13712345678 发短信。\n\n"
    "号码写成 138\u200b1234\u200b5678 也一样。客户张建国、受害人李秀英都接到过电话。\n"
)


def errors(body: str, code: str | None = None):
    found = [d for d in check_case(make_case(body), repo_config()) if d.severity is Severity.ERROR]
    return [d for d in found if code is None or d.code == code]


def test_the_issues_unmasked_mobiles_are_all_errors_with_masked_messages():
    found = errors(ISSUE_BODY, "P201")
    assert len(found) == 5  # heading id, "… 2 次", two side by side, zero-width spaces
    for diagnostic in found:
        assert not re.search(r"1[3-9]\d{9}", diagnostic.message.replace("\u200b", ""))
        assert "****" in diagnostic.message


def test_the_issues_victims_names_are_errors_with_masked_messages():
    found = errors(ISSUE_BODY, "P207")
    assert [d.line for d in found] == [14, 14]
    assert all("张建国" not in d.message and "李秀英" not in d.message for d in found)


def test_channel_text_is_gated_for_the_same_data():
    case = make_case(ISSUE_BODY)
    spoken = scan_channel_text(case, "audio", "骗子的号码是一三八一二三四五六七八，受害人李秀英报了警。", repo_config())
    assert sorted(d.code for d in spoken if d.severity is Severity.ERROR) == ["P201", "P207"]


@pytest.mark.parametrize("value, shown", [
    ("13812345678", "138****5678"),
    ("010-62345678", "010****5678"),
    ("（021）54321234", "021****1234"),
    ("张建国", "张**"),
    ("京A12345", "京A*****"),
    ("E12345678", "E1*******"),
    ("licai_laoshi88", "li************"),
    ("wang@example.com", "wa***@example.com"),
])
def test_mask_never_shows_the_whole_datum(value, shown):
    assert mask(value) == shown


@pytest.mark.parametrize("body", [
    "客户张某、受害人李某某、王阿姨、李先生、小张、老王、赵大爷都接到过电话。",
    "王阿姨的手机号为138****5678，座机尾号1234，护照号E*******，车牌京A·1**45。",
    "请拨打95574、96110、12378，或400-820-8820。",
    "家住浙江省杭州市西湖区的王阿姨，平时很少用手机银行。",
])
def test_masked_and_public_forms_pass(body):
    assert errors(body) == []
