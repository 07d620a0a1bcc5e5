"""`python build.py wechat --push` against a local stand-in of the WeChat API (tests/publish/wechat_standin.py)."""

from __future__ import annotations

import os
import re
import threading
from pathlib import Path

import pytest
from PIL import Image

from casecast.cli import main
from publish_support import make_small_project
from wechat_standin import IMG_RE, WechatStandIn

APPID, SECRET = "wx0123456789abcdef", "wechat-secret-never-printed-91c2"


@pytest.fixture()
def standin(monkeypatch):
    server = WechatStandIn(APPID, SECRET)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("WECHAT_APPID", APPID)
    monkeypatch.setenv("WECHAT_APPSECRET", SECRET)
    monkeypatch.setenv("WECHAT_API_BASE", server.url)
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture()
def project(tmp_path):
    return make_small_project(tmp_path)


def push(config: Path, *args: str) -> int:
    return main(["--config", str(config), "wechat", "--push", *args])


def edit_case(config: Path, slug: str, old: str, new: str) -> None:
    path = config.parent / "content" / "cases" / f"{slug}.md"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_push_uploads_images_and_cover_then_adds_one_draft_per_case(project, standin):
    assert push(project) == 0
    assert len(standin.drafts) == 3
    assert standin.calls.count("stable_token") == 1, "the access token is fetched once and kept"
    titles = {d["title"] for d in standin.drafts.values()}
    assert "接到“客服退款”电话，王阿姨险些掉进连环套" in titles
    refund = next(d for d in standin.drafts.values() if "王阿姨" in d["title"])
    srcs = IMG_RE.findall(refund["content"])
    assert srcs and all(src in standin.images for src in srcs)
    assert all(d["thumb_media_id"] in standin.materials for d in standin.drafts.values())
    assert refund["content_source_url"].endswith("/cases/fake-refund-call/")
    cover = next(d for d in standin.drafts.values() if "李阿姨" in d["title"])["thumb_media_id"]
    assert standin.materials[cover].startswith(b"\xff\xd8\xff"), "the case's own JPG cover"


def test_second_push_updates_the_same_draft_and_reuses_unchanged_images(project, standin, capsys):
    assert push(project) == 0
    uploads = standin.calls.count("media/uploadimg") + standin.calls.count("material/add_material")
    assert push(project) == 0
    assert "未变 3 篇" in capsys.readouterr().err
    edit_case(project, "fake-refund-call", "## 消保提示\n", "## 消保提示\n\n挂断电话，拨打官方客服核实。\n")
    assert push(project) == 0
    assert len(standin.drafts) == 3, "a second push must update, not duplicate"
    assert standin.calls.count("draft/update") == 1
    assert standin.calls.count("media/uploadimg") + standin.calls.count("material/add_material") == uploads
    assert any("挂断电话，拨打官方客服核实。" in d["content"] for d in standin.drafts.values())


def test_a_draft_deleted_in_the_editor_is_added_again(project, standin, capsys):
    assert push(project, "fake-refund-call") == 0
    standin.drafts.clear()  # deleted (or published) in the 公众号 editor
    edit_case(project, "fake-refund-call", "## 消保提示\n", "## 消保提示\n\n先核实再操作。\n")
    assert push(project, "fake-refund-call") == 0
    assert len(standin.drafts) == 1 and "draft/update" in standin.calls and standin.calls[-1] == "draft/add"


def test_expired_token_is_refreshed_once(project, standin):
    standin.script["draft/add"] = [42001]
    assert push(project, "campus-loan-trap") == 0
    assert standin.calls.count("stable_token") == 2 and len(standin.drafts) == 1


def test_token_refused_twice_names_the_credentials(project, standin, capsys):
    standin.script["media/uploadimg"] = [40001, 40001]
    assert push(project, "fake-refund-call") == 1
    err = capsys.readouterr().err
    assert "40001" in err and "WECHAT_APPSECRET" in err and "Traceback" not in err


def test_ip_not_on_whitelist_says_what_to_do(project, standin, capsys):
    standin.whitelisted = False
    assert push(project, "campus-loan-trap") == 1
    err = capsys.readouterr().err
    assert "40164" in err and "203.0.113.7" in err and "IP白名单" in err


@pytest.mark.parametrize("errcode, words", [(45009, "quota"), (40007, "media id"), (45166, "invalid content")])
def test_documented_errors_are_explained(project, standin, capsys, errcode, words):
    standin.script["draft/add"] = [errcode]
    assert push(project, "campus-loan-trap") == 1
    err = capsys.readouterr().err
    assert str(errcode) in err and words in err


def test_a_gif_body_image_is_converted_and_an_oversized_one_is_refused_with_its_line(project, standin, capsys):
    images = project.parent / "content" / "images"
    Image.new("RGB", (64, 48), "red").save(images / "chart.gif")
    Image.frombytes("RGB", (1400, 1400), os.urandom(1400 * 1400 * 3)).save(images / "noise.bmp")
    edit_case(project, "campus-loan-trap", "## 消保提示\n", "## 消保提示\n\n![图表](../images/chart.gif)\n")
    assert push(project, "campus-loan-trap") == 0
    draft = next(iter(standin.drafts.values()))
    assert IMG_RE.findall(draft["content"])[0] in standin.images
    edit_case(project, "campus-loan-trap", "![图表](../images/chart.gif)", "![图表](../images/chart.gif)\n\n![噪点](../images/noise.bmp)")
    assert push(project, "campus-loan-trap") == 1
    out = capsys.readouterr().out
    assert re.search(r"campus-loan-trap\.md:\d+:1: error WX401 body image 'noise\.bmp'", out), out


def test_dry_run_prints_the_payload_summary_without_calling_the_api(project, standin, capsys, monkeypatch):
    monkeypatch.delenv("WECHAT_APPSECRET")
    assert push(project, "--dry-run") == 0
    out = capsys.readouterr().out
    assert "fake-refund-call：新建草稿" in out and "正文图片 1 张（需上传 1 张）" in out
    assert standin.calls == []


def test_only_published_cases_can_be_pushed(project, standin, capsys):
    edit_case(project, "campus-loan-trap", "\nstatus: published\n", "\nstatus: review\n")
    assert push(project, "campus-loan-trap") == 1
    assert push(project, "--drafts") == 1
    assert standin.calls == []


def test_api_base_comes_from_mkdocs_yml_unless_the_environment_overrides_it(project, standin, monkeypatch):
    text = project.read_text(encoding="utf-8")
    project.write_text(text.replace("\n  casecast:\n", f"\n  casecast:\n    wechat: {{api_base: '{standin.url}'}}\n", 1)
                       if "\n    wechat:" not in text else text.replace("\n    wechat:\n", f"\n    wechat:\n      api_base: {standin.url}\n", 1),
                       encoding="utf-8")
    monkeypatch.delenv("WECHAT_API_BASE")
    assert push(project, "campus-loan-trap") == 0 and len(standin.drafts) == 1
    monkeypatch.setenv("WECHAT_API_BASE", "http://127.0.0.1:9")
    edit_case(project, "campus-loan-trap", "## 消保提示\n", "## 消保提示\n\n先核实。\n")
    assert push(project, "campus-loan-trap") == 1


def test_secrets_and_tokens_never_appear_in_output(project, standin, capsys):
    assert push(project, "-v") == 0
    standin.script["draft/update"] = [40001, 40001]
    edit_case(project, "fake-refund-call", "## 消保提示\n", "## 消保提示\n\n先核实。\n")
    assert push(project, "-v") == 1
    captured = capsys.readouterr()
    text = captured.out + captured.err
    assert SECRET not in text and APPID[-8:] not in text
    assert not any(token in text for token in standin.tokens)


def test_the_stable_token_is_kept_until_shortly_before_it_expires(standin):
    from casecast.publish.wechat_api import Credentials, WechatClient

    now = [1000.0]
    client = WechatClient(standin.url, Credentials(APPID, SECRET), clock=lambda: now[0])
    first = client.access_token()
    now[0] += 7200 - 301
    assert client.access_token() == first and client.token_requests == 1
    now[0] += 2
    client.access_token()
    assert client.token_requests == 2
