"""The command line, through the real entry point: exit codes, messages, help, `new`."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from casecast.cli import COMMANDS, build_parser, main
from content_support import REPO, make_content


def run_build_py(*args: str, cwd=REPO) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(REPO / "build.py"), *args], cwd=cwd, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("name", [c.name for c in COMMANDS])
def test_every_command_has_help_with_an_example(name, capsys):
    with pytest.raises(SystemExit) as exited:
        build_parser().parse_args([name, "--help"])
    assert exited.value.code == 0
    text = capsys.readouterr().out
    assert "示例" in text and f"python build.py {name}" in text.replace("python build.py\n", "python build.py build\n")


def test_top_level_help_lists_every_command(capsys):
    with pytest.raises(SystemExit):
        build_parser().parse_args(["--help"])
    text = capsys.readouterr().out
    assert all(c.name in text for c in COMMANDS)


@pytest.mark.parametrize(
    ("fixture", "where"),
    [
        ("case_with_broken_yaml.md", "case-with-broken-yaml.md:7:8: error E005"),
        ("case_not_utf8.md", "case-not-utf8.md:2:10: error E001"),
        ("case_with_alias_bomb.md", "case-with-alias-bomb.md:2:5: error E007"),
        ("case_with_unknown_category.md", "case-with-unknown-category.md:4:1: error E105"),
    ],
)
def test_bad_input_exits_1_with_path_line_message_and_no_traceback(tmp_path, fixture, where):
    result = run_build_py("check", "--content", str(make_content(tmp_path, fixture)))
    assert result.returncode == 1
    assert where in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_check_on_clean_content_exits_0(tmp_path, capsys):
    assert main(["check", "--content", str(make_content(tmp_path, "case_valid.md"))]) == 0
    assert "0 个错误" in capsys.readouterr().err


def test_warnings_fail_only_with_strict(tmp_path):
    content = str(make_content(tmp_path, "case_with_long_title.md"))
    assert main(["check", "--content", content]) == 0
    assert main(["check", "--strict", "--content", content]) == 1
    assert main(["--strict", "check", "--content", content]) == 1


def test_check_json_format_is_machine_readable(tmp_path, capsys):
    main(["check", "--format", "json", "--content", str(make_content(tmp_path, "case_with_unknown_status.md"))])
    rows = json.loads(capsys.readouterr().out)
    assert [(r["code"], r["line"], r["severity"]) for r in rows] == [("E107", 8, "error")]


def test_check_github_format_writes_annotations(tmp_path, capsys):
    main(["check", "--format", "github", "--content", str(make_content(tmp_path, "case_with_unknown_status.md"))])
    out = capsys.readouterr().out
    assert out.startswith("::error file=") and ",line=8," in out and "title=E107::" in out


def test_missing_content_folder_is_a_clear_error(tmp_path, capsys):
    assert main(["check", "--content", str(tmp_path / "nowhere")]) == 1
    assert "no such content folder" in capsys.readouterr().err


def test_new_writes_a_draft_that_passes_check(tmp_path, capsys):
    content = make_content(tmp_path)
    assert main(["new", "my-case", "--content", str(content)]) == 0
    text = (content / "cases" / "my-case.md").read_text(encoding="utf-8")
    assert "status: draft" in text and "## 案例经过" in text and "## 消保提示" in text
    assert main(["check", "--strict", "--content", str(content)]) == 0


def test_new_refuses_an_existing_case_and_a_bad_slug(tmp_path, capsys):
    content = str(make_content(tmp_path))
    assert main(["new", "my-case", "--content", content]) == 0
    assert main(["new", "my-case", "--content", content]) == 1
    assert "already exists" in capsys.readouterr().err
    assert main(["new", "养老 骗局", "--content", content]) == 1
    assert "yang-lao-pian-ju" in capsys.readouterr().err


def test_unknown_command_is_a_usage_error():
    result = run_build_py("publish-everything")
    assert result.returncode == 2 and "invalid choice" in result.stderr
