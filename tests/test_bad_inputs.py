"""Every bad input is a clear error: exit 1, ``path:line:col: error CODE``, never a traceback."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from content_support import FIXTURES, REPO, make_content

VALID = (FIXTURES / "cases" / "case_valid.md").read_text(encoding="utf-8")


def run_build_py(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(REPO / "build.py"), *args], cwd=cwd, capture_output=True, text=True, timeout=300)


def check_case(tmp_path: Path, text: str, *extra: str) -> subprocess.CompletedProcess:
    content = make_content(tmp_path)
    (content / "cases" / "bad-case.md").write_text(text, encoding="utf-8")
    return run_build_py("check", "--content", str(content), *extra)


def assert_clear_failure(result: subprocess.CompletedProcess, where: str) -> None:
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert where in output, output
    assert "Traceback" not in output


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        ("title: 冒充客服退款骗局", "title: 冒充客服\u202e退款骗局", "bad-case.md:2:1: error E114"),
        ("title: 冒充客服退款骗局", 'title: "冒充客服\\0退款"', "bad-case.md:2:1: error E114"),
        ("summary: 王阿姨", "summary: 王\u200b阿姨", "bad-case.md:7:1: error E114"),
        ("tags: [冒充客服]", "tags: [冒充\u2066客服]", "bad-case.md:6:"),
        ("骗子冒充客服", "骗子\u202e冒充客服", "bad-case.md:18:3: error E207"),
        ("骗子冒充客服", "骗子\x00冒充客服", "bad-case.md:18:3: error E207"),
        ("episode: 1", "episode: 1000000000000000000000000000000", "bad-case.md:9:1: error E111"),
        ("episode: 1", "episode: 0", "bad-case.md:9:1: error E111"),
    ],
)
def test_invisible_characters_and_unbounded_numbers_are_refused_at_their_line(tmp_path, old, new, where):
    assert old in VALID
    result = check_case(tmp_path, VALID.replace(old, new))
    assert_clear_failure(result, where)
    if "E114" in where or "E207" in where:
        assert "U+" in result.stdout


def test_lists_nested_hundreds_of_levels_are_refused_before_markdown_recurses(tmp_path):
    nested = "\n".join("  " * i + "- 层" for i in range(250))
    result = check_case(tmp_path, VALID.replace("骗子冒充客服，诱导转账。", nested))
    assert_clear_failure(result, "bad-case.md:38:1: error E208")


def test_raw_html_nested_thousands_deep_is_refused(tmp_path):
    nested = "<div markdown>\n" * 2000 + "层\n" + "</div>\n" * 2000
    result = check_case(tmp_path, VALID.replace("骗子冒充客服，诱导转账。", nested))
    assert_clear_failure(result, "bad-case.md:48:1: error E208")


def test_a_case_linked_from_outside_the_content_folder_is_refused(tmp_path):
    content = make_content(tmp_path)
    outside = tmp_path / "elsewhere.md"
    outside.write_text(VALID, encoding="utf-8")
    (content / "cases" / "linked-case.md").symlink_to(outside)
    assert_clear_failure(run_build_py("check", "--content", str(content)), "linked-case.md:1:1: error E012")


def without_root_powers() -> list[str]:
    """A command prefix that runs a command as root does, but without the power to read any file.

    Root reads a file of mode 000 anyway (CAP_DAC_OVERRIDE), so as root (CI runs as root) the command runs
    in a user namespace of its own: still the owner of every file, but with no capabilities.
    """
    if os.geteuid() != 0:
        return []
    unshare = shutil.which("unshare")
    if unshare is None or subprocess.run([unshare, "--user", "true"], capture_output=True).returncode != 0:
        if os.environ.get("CI"):
            pytest.fail("unshare --user is needed to test unreadable files as root (util-linux)")
        pytest.skip("root reads any file, and unshare --user is not available here")
    return [unshare, "--user", "--map-user=65534", "--map-group=65534"]


def test_an_unreadable_case_file_is_an_error_not_a_traceback(tmp_path):
    content = make_content(tmp_path)
    case = content / "cases" / "locked-case.md"
    case.write_text(VALID, encoding="utf-8")
    case.chmod(0)
    result = subprocess.run([*without_root_powers(), sys.executable, str(REPO / "build.py"), "check", "--content", str(content)],
                            cwd=REPO, capture_output=True, text=True, timeout=300)
    assert_clear_failure(result, "locked-case.md:1:1: error E013")


@pytest.mark.parametrize("jobs", ["0", "-3", "1000"])
def test_jobs_on_the_command_line_are_bounded_like_the_config_value(tmp_path, jobs):
    result = run_build_py("audio", "--engine", "espeak", "--jobs", jobs, "--content", str(make_content(tmp_path)))
    assert_clear_failure(result, f"--jobs {jobs}")


def make_config(tmp_path: Path, old: str, new: str) -> Path:
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert old in text
    config = tmp_path / "mkdocs.yml"
    config.write_text(text.replace(old, new), encoding="utf-8")
    (tmp_path / "templates").symlink_to(REPO / "templates")
    return config


def test_a_bitrate_beyond_mp3s_range_is_refused(tmp_path):
    content = make_content(tmp_path)
    (content / "cases" / "valid-case.md").write_text(VALID, encoding="utf-8")
    config = make_config(tmp_path, "bitrate: 48", "bitrate: 100000")
    result = run_build_py("--config", str(config), "--content", str(content), "audio", "--engine", "espeak")
    assert_clear_failure(result, "'bitrate' must be between 8 and 320")


def test_a_missing_site_url_warns_and_fails_under_strict(tmp_path):
    content = make_content(tmp_path)
    (content / "cases" / "valid-case.md").write_text(VALID, encoding="utf-8")
    config = make_config(tmp_path, "site_url: https://edu.example-bank.cn/\n", "")
    relaxed = run_build_py("--config", str(config), "check", "--content", str(content))
    assert relaxed.returncode == 0 and "mkdocs.yml:1:1: warning W002" in relaxed.stdout
    assert_clear_failure(run_build_py("--config", str(config), "--strict", "check", "--content", str(content)), "warning W002")


@pytest.mark.parametrize("name", ["taxonomy.yml", "lexicon.yml"])
def test_a_folder_where_a_content_file_belongs_is_an_error(tmp_path, name):
    content = make_content(tmp_path)
    (content / "cases" / "valid-case.md").write_text(VALID, encoding="utf-8")
    target = content / name
    if target.exists():
        target.unlink()
    target.mkdir()
    command = ("check",) if name == "taxonomy.yml" else ("audio", "--engine", "espeak")
    assert_clear_failure(run_build_py(*command, "--content", str(content)), name)


def test_a_folder_where_the_config_file_belongs_is_an_error(tmp_path):
    (tmp_path / "mkdocs.yml").mkdir()
    assert_clear_failure(run_build_py("--config", str(tmp_path / "mkdocs.yml"), "check"), "mkdocs.yml")
