"""The shipped GitHub Actions workflows: valid against GitHub's schema (check-jsonschema's vendored copy),
clean under zizmor's security audit, and doing what the README says."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).parents[2]
WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent


def run_tool(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=120)


def load(name: str) -> dict:
    return yaml.safe_load((REPO / ".github" / "workflows" / name).read_text(encoding="utf-8"))


def test_workflows_match_githubs_workflow_schema():
    assert WORKFLOWS
    result = run_tool(sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", *WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflows_pass_zizmors_security_audit():
    result = run_tool(BIN / "zizmor", "--offline", "--no-progress", *WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_catches_an_unsafe_workflow(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("on: pull_request_target\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
                   "      - uses: actions/checkout@v4\n        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n"
                   "      - run: echo ${{ github.event.pull_request.title }}\n", encoding="utf-8")
    assert run_tool(BIN / "zizmor", "--offline", "--no-progress", bad).returncode != 0


def test_pull_requests_are_checked_with_github_annotations():
    workflow = load("pull-request.yml")
    assert "pull_request" in workflow[True]  # YAML 1.1 reads the key `on` as True
    steps = " ".join(s.get("run", "") for s in workflow["jobs"]["check"]["steps"])
    assert "python build.py check --strict --format github" in steps


def test_main_makes_audio_in_a_shard_matrix_then_assembles_and_publishes():
    workflow = load("main.yml")
    audio, publish = workflow["jobs"]["audio"], workflow["jobs"]["publish"]
    shards = audio["strategy"]["matrix"]["shard"]
    assert shards == list(range(1, int(workflow["env"]["SHARDS"]) + 1))
    audio_steps = " ".join(s.get("run", "") for s in audio["steps"])
    assert '--engine edge --shard "$SHARD/$SHARDS"' in audio_steps
    steps = publish["steps"]
    runs = [s.get("run", "") for s in steps]
    order = [next(i for i, r in enumerate(runs) if word in r) for word in ("audio --assemble", "build.py site", "build.py publish")]
    assert order == sorted(order)
    assert publish["needs"] == "audio"
    cache_steps = [s for s in steps if "actions/cache" in s.get("uses", "")]
    assert "audio/manifest.json" in cache_steps[-1]["with"]["key"]
    for job in (audio, publish):
        assert job["env"]["AWS_SECRET_ACCESS_KEY"] == "${{ secrets.AWS_SECRET_ACCESS_KEY }}"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit(path):
    import re

    uses = re.findall(r"uses:\s*(\S+)", path.read_text(encoding="utf-8"))
    assert uses and all(re.search(r"@[0-9a-f]{40}$", u) for u in uses), uses
