"""The README is the editors' and operators' manual: it must stay true to the code."""

from __future__ import annotations

import re

from casecast.cli import COMMANDS
from casecast.schema import FIELDS
from content_support import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_readme_documents_every_front_matter_field():
    documented = set(re.findall(r"^\| `([a-z]+)` \|", README, flags=re.MULTILINE))
    assert {f.name for f in FIELDS} <= documented


def test_readme_documents_every_command():
    for command in COMMANDS:
        if command.name != "build":
            assert f"python build.py {command.name}" in README, command.name


def test_readme_documents_every_check_code():
    codes = set()
    for path in (REPO / "casecast").glob("*.py"):
        codes |= set(re.findall(r'"([EW][0-9]{3})"', path.read_text(encoding="utf-8")))
    missing = {c for c in codes if c not in README}
    assert not missing, f"codes missing from the README's table: {sorted(missing)}"


def test_quick_start_is_two_commands():
    quick = README.split("## 快速开始", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    assert [line.split("#")[0].strip() for line in quick.strip().splitlines()] == ["make build", "make test"]
