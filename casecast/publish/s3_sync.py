"""``python build.py publish [s3://BUCKET/PREFIX]``: upload what changed in ``site/``, in a safe order.

Changed files are found by comparing each file's MD5 with the ETag the bucket lists for its key
(single-part uploads, so the ETag is the MD5). New assets go up before the pages that link to them
and the feed last; ``--delete`` removes stale objects only after everything else is in place. An
interrupted run therefore leaves the previous site consistent, and the next run finishes the job.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence

from ..config import Config
from ..console import ProgressCallback
from ..errors import PublishError
from .marker import BUILD_MARKER, require_public_build
from .s3_target import S3Location, S3Settings, describe_error, make_client, parse_s3_settings, parse_s3_url
from .site_files import SiteFile, list_site_files


@dataclass
class SyncPlan:
    location: S3Location
    uploads: list[SiteFile] = field(default_factory=list)
    deletes: list[str] = field(default_factory=list)  #: keys
    unchanged: int = 0


@dataclass
class SyncReport:
    plan: SyncPlan
    uploaded: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    dry_run: bool = False

    def summary(self) -> str:
        if self.dry_run:
            return (f"发布（演练，未上传）：{self.plan.location} 将上传 {len(self.plan.uploads)} 个文件，"
                    f"删除 {len(self.plan.deletes)} 个，{self.plan.unchanged} 个未变")
        return (f"发布：{self.plan.location} 上传 {len(self.uploaded)} 个文件，删除 {len(self.deleted)} 个，"
                f"{self.plan.unchanged} 个未变")

    def lines(self) -> list[str]:
        """One line per planned action (for ``--dry-run`` and ``-v``)."""
        ups = [f"上传 {f.path}（{f.size} 字节，{f.content_type}，{f.cache_control}）" for f in self.plan.uploads]
        return ups + [f"删除 {key}" for key in self.plan.deletes]


def resolve_location(target: str | None, settings: S3Settings, config: Config) -> S3Location:
    if target:
        return parse_s3_url(target, "publish")
    if settings.location is None:
        raise PublishError(f"publish: no target; pass s3://BUCKET/PREFIX or set extra.casecast.publish.s3.bucket in {config.config_file}")
    return settings.location


def list_remote(client: Any, location: S3Location) -> dict[str, str]:
    """Key → ETag (without quotes) of every object under the prefix."""
    found: dict[str, str] = {}
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=location.bucket, Prefix=location.prefix):
        for item in page.get("Contents", []):
            found[item["Key"]] = item.get("ETag", "").strip('"')
    return found


def plan_sync(files: Sequence[SiteFile], remote: dict[str, str], location: S3Location, *, delete: bool) -> SyncPlan:
    plan = SyncPlan(location)
    for item in files:
        if remote.get(location.key(item.path)) == item.md5:
            plan.unchanged += 1
        else:
            plan.uploads.append(item)
    if delete:
        wanted = {location.key(f.path) for f in files} | {location.key(BUILD_MARKER)}
        plan.deletes = sorted(k for k in remote if k not in wanted)
    return plan


def upload_file(client: Any, location: S3Location, item: SiteFile) -> None:
    with item.source.open("rb") as body:
        client.put_object(Bucket=location.bucket, Key=location.key(item.path), Body=body, ContentType=item.content_type,
                          CacheControl=item.cache_control, ContentMD5=_base64_md5(item.md5))


def _base64_md5(hex_digest: str) -> str:
    import base64

    return base64.b64encode(bytes.fromhex(hex_digest)).decode()


def delete_keys(client: Any, location: S3Location, keys: Sequence[str]) -> None:
    for start in range(0, len(keys), 1000):
        batch = [{"Key": k} for k in keys[start:start + 1000]]
        answer = client.delete_objects(Bucket=location.bucket, Delete={"Objects": batch, "Quiet": True})
        if answer.get("Errors"):
            first = answer["Errors"][0]
            raise PublishError(f"publish --delete: {first.get('Key')}: {first.get('Code')} {first.get('Message')}")


def publish_site_to_s3(config: Config, *, target: str | None = None, delete: bool = False, dry_run: bool = False,
                       site_dir: Path | None = None, client: Any = None,
                       progress: ProgressCallback | None = None) -> SyncReport:
    """Upload the built site; raises PublishError (the bucket keeps a consistent site) on failure."""
    site = site_dir or config.site_dir
    require_public_build(site)
    settings = parse_s3_settings(config)
    location = resolve_location(target, settings, config)
    files = list_site_files(site)
    client = client or make_client(settings)
    remote = call_storage(lambda: list_remote(client, location), f"publish: listing {location}")
    plan = plan_sync(files, remote, location, delete=delete)
    report = SyncReport(plan, dry_run=dry_run)
    if dry_run:
        return report
    upload_in_order(client, location, plan.uploads, settings.jobs, report, progress)
    if plan.deletes:
        call_storage(lambda: delete_keys(client, location, plan.deletes), "publish --delete")
        report.deleted = list(plan.deletes)
    return report


def upload_groups(files: Sequence[SiteFile]) -> list[list[SiteFile]]:
    """Files that may go up together: one tier (and, for pages, one depth) at a time, in upload order."""
    groups: dict[tuple[int, int], list[SiteFile]] = {}
    for item in files:
        groups.setdefault((item.tier, -item.path.count("/")), []).append(item)
    return [groups[key] for key in sorted(groups)]


def upload_in_order(client: Any, location: S3Location, files: Sequence[SiteFile], jobs: int, report: SyncReport,
                    progress: ProgressCallback | None) -> None:
    """Upload group after group; within a group ``jobs`` uploads run at once. A failure stops before the next group."""
    from concurrent.futures import ThreadPoolExecutor

    total = len(files)
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        for group in upload_groups(files):
            futures = [(item, pool.submit(upload_file, client, location, item)) for item in group]
            failure = None
            for item, future in futures:
                try:
                    call_storage(future.result, f"publish: uploading {item.path}")
                    report.uploaded.append(item.path)
                except PublishError as exc:
                    failure = failure or exc
                if progress:
                    progress("上传", len(report.uploaded), total)
            if failure is not None:
                raise PublishError(f"{failure} ({len(report.uploaded)} of {total} files were uploaded)")


def call_storage(action: Callable[[], Any], what: str) -> Any:
    from botocore.exceptions import BotoCoreError, ClientError

    try:
        return action()
    except (BotoCoreError, ClientError) as exc:
        raise describe_error(exc, what) from None
