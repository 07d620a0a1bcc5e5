"""`audio --shard I/N` and `audio --assemble`: episodes made on several runners, shared through a local S3 cache."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from casecast.cli import main
from casecast.publish.shard import parse_shard, shard_of
from casecast.errors import ConfigError
from publish_support import s3_client

SHARDS = 2


def audio(config: Path, *args: str) -> int:
    return main(["--config", str(config), "-q", "audio", "--engine", "espeak", *args])


def copy_project(source: Path, target: Path) -> Path:
    """A fresh runner: the same checkout, no audio/ and no local caches."""
    shutil.copytree(source.parent, target, ignore=shutil.ignore_patterns("audio", ".cache", "site", "build"))
    return target / "mkdocs.yml"


def manifest_without_times(audio_dir: Path) -> dict:
    data = json.loads((audio_dir / "manifest.json").read_text(encoding="utf-8"))
    for entry in data["episodes"].values():
        entry.pop("made_at")  # when it was synthesised: differs between any two builds
    return data


def test_shards_and_assembly_equal_one_build_byte_for_byte_with_a_deterministic_engine(tmp_path, bucket, s3_env):
    """Library API, two cases (one per shard), the real espeak engine with each call in a fresh process (fresh_espeak.py)."""
    from casecast.audio import build_audio
    from casecast.config import load_config
    from casecast.loader import load_library
    from casecast.publish.shard import Shard, assemble_audio, build_audio_shard
    from publish_support import make_small_project
    from fresh_espeak import FreshProcessEspeak

    (tmp_path / "one").mkdir()
    reference = make_small_project(tmp_path / "one", keep=("fake-refund-call", "pension-investment-scam"))
    config = load_config(reference)
    library = load_library(config)[0]
    assert not build_audio(library, config, engine=FreshProcessEspeak(), jobs=1).warnings[1:]
    cache = f"s3://{bucket}/cache"
    owners = set()
    for index in (1, 2):
        runner = load_config(copy_project(reference, tmp_path / f"runner{index}"))
        report = build_audio_shard(load_library(runner)[0], runner, Shard(index, 2), cache=cache, engine=FreshProcessEspeak(), jobs=1)
        owners |= {(slug, index) for slug in report.made}
    assert {index for _, index in owners} == {1, 2} and len(owners) == 2, owners
    final = load_config(copy_project(reference, tmp_path / "final"))
    assemble_audio(load_library(final)[0], final, cache=cache)
    expected, got = config.audio_dir, final.audio_dir
    names = sorted(p.name for p in expected.iterdir() if p.is_file())
    assert names == sorted(p.name for p in got.iterdir() if p.is_file())
    for name in names:
        if name != "manifest.json":
            assert (got / name).read_bytes() == (expected / name).read_bytes(), name
    assert manifest_without_times(got) == manifest_without_times(expected)


@pytest.fixture(scope="module")
def unsharded(tmp_path_factory):
    """Three cases of the sample library built in one run, the reference for the sharded build."""
    from publish_support import make_small_project

    config = make_small_project(tmp_path_factory.mktemp("unsharded"))
    assert audio(config) == 0
    return config


def test_two_shards_sharing_an_s3_cache_make_the_same_audio_as_one_build(unsharded, tmp_path, bucket, s3_env):
    cache = f"s3://{bucket}/episodes-cache/"
    runners = [copy_project(unsharded, tmp_path / f"runner{i}") for i in range(1, SHARDS + 1)]
    for index, runner in enumerate(runners, start=1):
        assert audio(runner, "--shard", f"{index}/{SHARDS}", "--cache", cache) == 0
    made = [{p.stem for p in (r.parent / "audio").glob("*.mp3")} for r in runners]
    assert made[0] and made[1] and not made[0] & made[1], "each episode is made by exactly one shard"
    final = copy_project(unsharded, tmp_path / "assemble")
    assert main(["--config", str(final), "-q", "audio", "--assemble", "--cache", cache]) == 0
    expected, got = unsharded.parent / "audio", final.parent / "audio"
    names = sorted(p.name for p in expected.iterdir() if p.is_file())
    assert names == sorted(p.name for p in got.iterdir() if p.is_file())
    for name in names:
        if name != "manifest.json":
            assert (got / name).read_bytes() == (expected / name).read_bytes(), name
    assert manifest_without_times(got) == manifest_without_times(expected)


def test_a_rerun_shard_restores_its_episodes_from_the_cache_instead_of_synthesising(unsharded, tmp_path, bucket, s3_env, capsys):
    cache = f"s3://{bucket}/c"
    first = copy_project(unsharded, tmp_path / "first")
    assert audio(first, "--shard", "1/3", "--cache", cache) == 0
    again = copy_project(unsharded, tmp_path / "again")
    capsys.readouterr()
    assert main(["--config", str(again), "audio", "--engine", "espeak", "--shard", "1/3", "--cache", cache]) == 0
    err = capsys.readouterr().err
    assert "新生成 0 期" in err and "从缓存恢复 0 期" not in err


def test_assemble_refuses_when_a_shard_has_not_run_and_synthesises_nothing(unsharded, tmp_path, bucket, s3_env, capsys):
    cache = f"s3://{bucket}/c"
    assert audio(copy_project(unsharded, tmp_path / "one"), "--shard", "1/2", "--cache", cache) == 0
    final = copy_project(unsharded, tmp_path / "final")
    capsys.readouterr()
    assert main(["--config", str(final), "audio", "--assemble", "--cache", cache]) == 1
    err = capsys.readouterr().err
    assert "audio --shard" in err and "Traceback" not in err
    assert not (final.parent / "audio" / "feed.xml").exists()
    keys = [o["Key"] for o in s3_client(s3_env).list_objects_v2(Bucket=bucket).get("Contents", [])]
    assert any(k.startswith("c/blobs/") for k in keys) and any(k.startswith("c/episodes/") for k in keys)


def test_shard_assignment_is_stable_and_covers_every_slug():
    slugs = [p.stem for p in (Path(__file__).parents[2] / "content" / "cases").glob("*.md")]
    for count in (1, 2, 3, 5):
        shards = [shard_of(s, count) for s in slugs]
        assert all(1 <= i <= count for i in shards)
        assert shards == [shard_of(s, count) for s in slugs]
    assert shard_of("fake-refund-call", 4) == shard_of("fake-refund-call", 4)
    assert parse_shard("2/4").owns("x") == (shard_of("x", 4) == 2)
    for bad in ("0/2", "3/2", "a/b", "2"):
        with pytest.raises(ConfigError):
            parse_shard(bad)
