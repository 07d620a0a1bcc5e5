"""Helpers for the publishing tests (imported by name: every test folder has its own conftest)."""

from __future__ import annotations

from pathlib import Path

import boto3

from content_support import make_project
from s3_support import TEST_ENV

KEEP_CASES = ("fake-refund-call", "pension-investment-scam", "campus-loan-trap")


def s3_client(endpoint: str):
    return boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
                        aws_access_key_id=TEST_ENV["AWS_ACCESS_KEY_ID"], aws_secret_access_key=TEST_ENV["AWS_SECRET_ACCESS_KEY"])


def make_small_project(tmp_path: Path, keep=KEEP_CASES) -> Path:
    """The sample project with only ``keep`` cases; returns its mkdocs.yml."""
    config = make_project(tmp_path)
    for case in (config.parent / "content" / "cases").glob("*.md"):
        if case.stem not in keep:
            case.unlink()
    return config
