"""`python build.py publish` against a local S3-compatible server (moto) through the real boto3 client."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from casecast.cli import main
from publish_support import s3_client
from s3_support import TEST_ENV, bucket_objects, missing_links


def publish(config: Path, *args: str) -> int:
    return main(["--config", str(config), "publish", *args])


def set_publish_settings(config: Path, settings: str) -> None:
    """Add ``extra.casecast.publish`` (YAML flow mapping) to the project's mkdocs.yml."""
    text = config.read_text(encoding="utf-8")
    assert "\n  casecast:\n" in text
    config.write_text(text.replace("\n  casecast:\n", f"\n  casecast:\n    publish: {settings}\n", 1), encoding="utf-8")


def rebuild(config: Path) -> None:
    assert main(["--config", str(config), "-q", "build", "--engine", "espeak"]) == 0


def uploaded_paths(capsys) -> set[str]:
    out = capsys.readouterr().out
    return {m.split("（")[0] for m in re.findall(r"^上传 (\S+)", out, flags=re.MULTILINE)}


def test_first_publish_uploads_everything_with_types_and_cache_headers(project, bucket, s3_env):
    site = project.parent / "site"
    assert publish(project, f"s3://{bucket}/yian") == 0
    objects = bucket_objects(s3_client(s3_env), bucket)
    local = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()} - {".casecast-build.json"}
    assert set(objects) == {f"yian/{p}" for p in local}
    assert objects["yian/index.html"]["ContentType"] == "text/html; charset=utf-8"
    assert objects["yian/index.html"]["CacheControl"] == "public, max-age=300"
    assert objects["yian/audio/fake-refund-call.vtt"]["ContentType"] == "text/vtt; charset=utf-8"
    assert objects["yian/audio/fake-refund-call.mp3"]["ContentType"] == "audio/mpeg"
    assert "max-age=2592000" in objects["yian/audio/fake-refund-call.mp3"]["CacheControl"]
    assert objects["yian/audio/feed.xml"]["ContentType"] == "application/rss+xml; charset=utf-8"
    assert objects["yian/audio/feed.xml"]["CacheControl"] == "public, max-age=300"
    assert objects["yian/audio/fake-refund-call.chapters.json"]["ContentType"] == "application/json; charset=utf-8"
    assert objects["yian/cases/images/pension-investment-scam-cover.jpg"]["ContentType"] == "image/jpeg"
    hashed = next(k for k in objects if re.search(r"bundle\.[0-9a-f]{8}\.min\.js$", k))
    assert objects[hashed]["CacheControl"] == "public, max-age=31536000, immutable"
    assert missing_links(s3_client(s3_env), bucket, "yian/") == []


def test_second_publish_with_nothing_changed_uploads_nothing(project, bucket, s3_env, capsys):
    assert publish(project, f"s3://{bucket}/") == 0
    capsys.readouterr()
    assert publish(project, f"s3://{bucket}/", "-v") == 0
    captured = capsys.readouterr()
    assert uploaded_paths_from(captured.out) == set()
    assert "上传 0 个文件" in captured.err


def uploaded_paths_from(out: str) -> set[str]:
    return {m for m in re.findall(r"^上传 (\S+?)（", out, flags=re.MULTILINE)}


def test_after_editing_one_case_only_its_page_indexes_episode_and_feed_are_uploaded(project, bucket, s3_env, capsys):
    assert publish(project, f"s3://{bucket}/") == 0
    case = project.parent / "content" / "cases" / "campus-loan-trap.md"
    case.write_text(case.read_text(encoding="utf-8").replace("## 消保提示\n", "## 消保提示\n\n遇到催收威胁，请及时报警。\n", 1), encoding="utf-8")
    rebuild(project)
    capsys.readouterr()
    assert publish(project, f"s3://{bucket}/", "-v") == 0
    uploaded = uploaded_paths_from(capsys.readouterr().out)
    assert {"cases/campus-loan-trap/index.html", "audio/campus-loan-trap.mp3", "audio/feed.xml"} <= uploaded
    others = {"fake-refund-call", "pension-investment-scam"}
    assert not {p for p in uploaded if any(o in p for o in others)}, uploaded
    allowed = re.compile(r"^(cases/campus-loan-trap/|audio/campus-loan-trap\.|audio/feed\.xml$|search/|sitemap|index\.html$"
                         r"|episodes\.html$|categories/|audiences/|tags/|404\.html$)")
    assert all(allowed.match(p) for p in uploaded), uploaded


def test_delete_removes_a_withdrawn_case_only_with_the_flag(project, bucket, s3_env):
    assert publish(project, f"s3://{bucket}/") == 0
    case = project.parent / "content" / "cases" / "campus-loan-trap.md"
    case.write_text(case.read_text(encoding="utf-8").replace("\nstatus: published\n", "\nstatus: draft\n", 1), encoding="utf-8")
    rebuild(project)
    client = s3_client(s3_env)
    assert publish(project, f"s3://{bucket}/") == 0
    assert "cases/campus-loan-trap/index.html" in bucket_objects(client, bucket)
    assert publish(project, f"s3://{bucket}/", "--delete") == 0
    keys = set(bucket_objects(client, bucket))
    assert not {k for k in keys if "campus-loan-trap" in k}
    assert "cases/fake-refund-call/index.html" in keys
    assert missing_links(client, bucket) == []


def test_dry_run_lists_actions_and_changes_nothing(project, bucket, s3_env, capsys):
    assert publish(project, f"s3://{bucket}/", "--dry-run") == 0
    out = capsys.readouterr()
    assert "上传 index.html（" in out.out and "演练" in out.err
    assert bucket_objects(s3_client(s3_env), bucket) == {}


def test_upload_order_puts_assets_before_pages_and_the_feed_last(project):
    from casecast.publish.site_files import list_site_files

    order = [f.path for f in list_site_files(project.parent / "site")]
    assert order[-1] == "audio/feed.xml"
    assert order.index("audio/fake-refund-call.mp3") < order.index("cases/fake-refund-call/index.html") < order.index("index.html")
    assert max(i for i, p in enumerate(order) if not p.endswith(".html") and not p.startswith("search/")
               and p != "audio/feed.xml" and not p.startswith("sitemap")) < min(i for i, p in enumerate(order) if p.endswith(".html"))


def test_publish_refuses_a_drafts_build(project, bucket, s3_env, capsys):
    assert main(["--config", str(project), "-q", "site", "--drafts"]) == 0
    assert publish(project, f"s3://{bucket}/") == 1
    assert "--drafts" in capsys.readouterr().err
    assert bucket_objects(s3_client(s3_env), bucket) == {}


def test_injected_failure_mid_way_then_rerun_leaves_a_complete_consistent_bucket(project, bucket, s3_env, fault_proxy, monkeypatch, capsys):
    client = s3_client(s3_env)
    assert publish(project, f"s3://{bucket}/") == 0
    case = project.parent / "content" / "cases" / "fake-refund-call.md"
    text = case.read_text(encoding="utf-8").replace("## 消保提示\n", "## 消保提示\n\n![流程图](../images/series-artwork.png)\n\n遇到自称客服的退款电话，先挂断再核实。\n\n", 1)
    case.write_text(text, encoding="utf-8")
    rebuild(project)
    set_publish_settings(project, "{retries: 0}")  # fail fast: the retries are tested below
    monkeypatch.setenv("AWS_ENDPOINT_URL", fault_proxy.url)
    fault_proxy.fail_puts_after = 3
    capsys.readouterr()
    assert publish(project, f"s3://{bucket}/", "--delete") == 1
    assert fault_proxy.puts == 3
    err = capsys.readouterr().err
    assert "run the same command again" in err
    assert missing_links(client, bucket) == [], "the interrupted publish left a page linking to a missing file"
    fault_proxy.fail_puts_after = None
    assert publish(project, f"s3://{bucket}/", "--delete") == 0
    site = project.parent / "site"
    objects = bucket_objects(client, bucket)
    local = {p.relative_to(site).as_posix(): p for p in site.rglob("*") if p.is_file() and p.name != ".casecast-build.json"}
    assert set(objects) == set(local)
    for key, path in local.items():
        assert client.get_object(Bucket=bucket, Key=key)["Body"].read() == path.read_bytes(), key
    assert missing_links(client, bucket) == []


def test_network_errors_are_retried_with_backoff(project, bucket, s3_env, fault_proxy, monkeypatch):
    monkeypatch.setenv("AWS_ENDPOINT_URL", fault_proxy.url)
    fault_proxy.flaky = 4  # the first PUT of four objects fails with 503
    assert publish(project, f"s3://{bucket}/") == 0
    assert len(fault_proxy.seen) == 4
    site = project.parent / "site"
    assert len(bucket_objects(s3_client(s3_env), bucket)) == sum(1 for p in site.rglob("*") if p.is_file()) - 1


def test_the_secret_key_never_appears_in_output(project, bucket, s3_env, fault_proxy, monkeypatch, capsys):
    set_publish_settings(project, "{retries: 0}")
    monkeypatch.setenv("AWS_ENDPOINT_URL", fault_proxy.url)
    fault_proxy.fail_puts_after = 0
    assert publish(project, f"s3://{bucket}/", "-v") == 1
    fault_proxy.fail_puts_after = None
    assert publish(project, f"s3://{bucket}/", "-v", "--dry-run") == 0
    captured = capsys.readouterr()
    assert TEST_ENV["AWS_SECRET_ACCESS_KEY"] not in captured.out + captured.err


def test_missing_credentials_give_a_clear_message(project, bucket, s3_env, monkeypatch, capsys):
    monkeypatch.delenv("AWS_ACCESS_KEY_ID")
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    assert publish(project, f"s3://{bucket}/") == 1
    err = capsys.readouterr().err
    assert "AWS_ACCESS_KEY_ID" in err and "Traceback" not in err


def test_target_comes_from_mkdocs_yml_when_not_given(project, bucket, s3_env):
    set_publish_settings(project, f"{{s3: {{bucket: {bucket}, prefix: www}}}}")
    assert publish(project) == 0
    assert "www/index.html" in bucket_objects(s3_client(s3_env), bucket)


def test_uploads_run_together_only_within_a_group_and_groups_keep_the_order(project):
    from casecast.publish.s3_sync import upload_groups
    from casecast.publish.site_files import list_site_files

    groups = upload_groups(list_site_files(project.parent / "site"))
    flat = [f.path for g in groups for f in g]
    assert groups[-1][0].path == "audio/feed.xml" and len(groups[-1]) == 1
    assert flat.index("cases/fake-refund-call/index.html") < flat.index("categories/telecom-fraud/index.html") < flat.index("index.html")
    group_of = {f.path: i for i, g in enumerate(groups) for f in g}
    assert group_of["audio/fake-refund-call.mp3"] < group_of["cases/fake-refund-call/index.html"] < group_of["index.html"]


def test_a_missing_bucket_is_named_with_what_to_do(project, s3_env, capsys):
    assert publish(project, "s3://no-such-bucket-casecast/") == 1
    err = capsys.readouterr().err
    assert "NoSuchBucket" in err and "create the bucket" in err
