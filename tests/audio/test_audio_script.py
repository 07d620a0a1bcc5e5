"""The spoken script: what is read, how numbers sound, and what is never read."""

from __future__ import annotations

import re

import pytest
from audio_helpers import make_case, make_project

from casecast.audio import spoken_script
from casecast.audio.speech.markdown_text import markdown_utterances

EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", {"toc": {"permalink": False}}]

RICH_STORY = """\
2024年3月15日，王阿姨接到自称客服的电话 📞，对方说：“**保本保息**，月息2分！”😀

详见 <https://evil.example.com/refund> 或 [官网](https://www.example-bank.cn/help)，也可访问 www.example.com 查询。

![骗局流程图](../images/flow.png)

> 骗子说：“只要先交1000元保证金，就能退款。”

| 项目 | 金额 |
| --- | --- |
| 损失 | 3.8万元 |
| 年化利率 | 36% |

1. 第一层
    - 第二层
        - 第三层
2. 最后一条

!!! warning "注意"
    不要转账给陌生人。

```
print("code is never read")
```

转账12,600元后，骗子拉黑了她。
"""


@pytest.fixture
def script(project):
    return spoken_script(make_case(project, sections={"story": RICH_STORY}), project)


def test_intro_names_series_episode_and_title(script):
    assert script.parts[0].sentences[0].spoken == "以案说险，第一期：冒充客服退款骗局。"
    assert script.parts[0].sentences[0].written == "以案说险，第1期：冒充客服退款骗局"


def test_intro_without_episode_number(project):
    script = spoken_script(make_case(project, episode=None), project)
    assert script.parts[0].sentences[0].written == "以案说险：冒充客服退款骗局"


def test_parts_are_intro_three_sections_and_outro(script):
    assert [p.title for p in script.parts] == ["片头", "案例经过", "风险分析", "消保提示", "片尾"]
    assert script.parts[1].sentences[0].spoken == "案例经过。"


def test_hotline_is_read_digit_by_digit(script):
    assert "九五五七四" in script.text
    assert "九万" not in script.text


def test_amounts_percentages_and_dates_are_read_as_words(script):
    assert "三点八万元" in script.text
    assert "百分之三十六" in script.text
    assert "二零二四年三月十五日" in script.text
    assert "一万二千六百元" in script.text


def test_emergency_numbers_in_outro(script):
    outro = script.parts[-1]
    assert outro.title == "片尾"
    assert "幺幺零" in outro.spoken_text


def test_no_url_markdown_mark_or_emoji_survives(script):
    for text in (script.text, script.written_text):
        assert not re.search(r"https?:|www\.|example|\.png|\*\*|!\[|\]\(|^#|\||```|!!!", text, re.M)
        assert not re.search("[\U0001F300-\U0001FAFF\u2600-\u27BF]", text)
    assert not re.search(r"[A-Za-z0-9]", script.text)


def test_code_blocks_and_images_are_not_read(script):
    assert "code is never read" not in script.written_text
    assert "骗局流程图" not in script.written_text


def test_table_is_read_row_by_row_with_column_names(script):
    assert "项目：损失，金额：三点八万元。" in script.text
    assert "项目：年化利率，金额：百分之三十六。" in script.text


def test_nested_list_is_read_in_order_at_every_level(script):
    written = script.written_text
    assert written.index("1、第一层") < written.index("第二层") < written.index("第三层") < written.index("2、最后一条")


def test_quotes_blockquotes_and_admonitions_are_read(script):
    assert "保本保息" in script.text
    assert "只要先交一千元保证金" in script.text
    assert "注意" in script.written_text and "不要转账给陌生人" in script.text


def test_transcript_text_keeps_written_numbers(script):
    tips = script.parts[3]
    assert any("95574" in s.written and "九五五七四" in s.spoken for s in tips.sentences)


def test_link_text_is_read_but_not_its_address():
    utterances = markdown_utterances("请访问[公安部网站](https://www.mps.gov.cn/)了解。", EXTENSIONS)
    assert utterances == ["请访问公安部网站了解。"]


def test_raw_html_is_read_as_its_words_only():
    utterances = markdown_utterances('请<span style="color:red">立即挂断</span>电话。', EXTENSIONS)
    assert utterances == ["请立即挂断电话。"]


def test_headerless_cells_and_soft_line_breaks():
    assert markdown_utterances("王阿姨\n接到电话。", EXTENSIONS) == ["王阿姨接到电话。"]


def test_markdown_is_parsed_with_the_configured_extensions(tmp_path):
    tips = {"tips": '!!! tip "提示"\n    先核实。'}
    with_admonition = make_project(tmp_path / "a")
    assert "!!!" not in spoken_script(make_case(with_admonition, sections=tips), with_admonition).written_text
    plain = make_project(tmp_path / "b", extensions=["tables"])
    assert 'tip "提示"' in spoken_script(make_case(plain, sections=tips), plain).written_text  # as the site shows it


def test_outro_fills_in_organisation_and_hotline(tmp_path):
    config = make_project(tmp_path, {"outro": "欢迎拨打{organisation}客服热线{hotline}。"})
    script = spoken_script(make_case(config), config)
    assert script.parts[-1].spoken_text == "欢迎拨打示例银行客服热线九五五七四。"


def test_empty_outro_leaves_it_out(tmp_path):
    config = make_project(tmp_path, {"outro": ""})
    assert spoken_script(make_case(config), config).parts[-1].title == "消保提示"


def test_script_digest_changes_with_the_text(project):
    first = spoken_script(make_case(project), project).digest()
    second = spoken_script(make_case(project, sections={"story": "另一个故事。"}), project).digest()
    assert first != second and first == spoken_script(make_case(project), project).digest()
