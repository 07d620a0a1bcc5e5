"""Where to publish: ``s3://BUCKET/PREFIX`` or ``extra.casecast.publish.s3``, and a boto3 client for it.

Credentials come only from boto3's standard chain (``AWS_ACCESS_KEY_ID``/``AWS_SECRET_ACCESS_KEY``,
``AWS_PROFILE``, instance roles …); ``AWS_ENDPOINT_URL`` is honoured by boto3 itself when no
``endpoint_url`` is configured. Nothing here reads, stores or prints a secret.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping
from urllib.parse import urlsplit

from ..config import Config
from ..errors import ConfigError, PublishError

ADDRESSING_STYLES = ("auto", "virtual", "path")


@dataclass(frozen=True)
class S3Location:
    bucket: str
    prefix: str  #: "" or ends with "/"

    def key(self, path: str) -> str:
        return self.prefix + path

    def __str__(self) -> str:
        return f"s3://{self.bucket}/{self.prefix}"


@dataclass(frozen=True)
class S3Settings:
    """``extra.casecast.publish``: the target and how to reach it."""

    location: S3Location | None
    endpoint_url: str | None
    region: str | None
    addressing_style: str
    retries: int
    timeout_seconds: float
    jobs: int  #: uploads at once
    audio_cache: S3Location | None


def parse_s3_url(url: str, where: str = "the target") -> S3Location:
    """``s3://bucket/some/prefix`` → S3Location("bucket", "some/prefix/")."""
    parts = urlsplit(url)
    if parts.scheme != "s3" or not parts.netloc:
        raise ConfigError(f"{where}: '{url}' is not an s3://BUCKET/PREFIX address")
    return S3Location(parts.netloc, _prefix(parts.path))


def _prefix(path: str) -> str:
    path = path.strip("/")
    return f"{path}/" if path else ""


def parse_s3_settings(config: Config) -> S3Settings:
    raw = config.settings("publish")
    where = f"{config.config_file}: extra.casecast.publish"
    s3 = raw.get("s3") or {}
    if not isinstance(s3, Mapping):
        raise ConfigError(f"{where}.s3 must be a mapping {{bucket, prefix, endpoint_url, region}}")
    location = S3Location(str(s3["bucket"]), _prefix(str(s3.get("prefix") or ""))) if s3.get("bucket") else None
    style = str(s3.get("addressing_style") or "auto")
    if style not in ADDRESSING_STYLES:
        raise ConfigError(f"{where}.s3.addressing_style: '{style}' is not one of {', '.join(ADDRESSING_STYLES)}")
    cache = raw.get("audio_cache")
    return S3Settings(
        location=location,
        endpoint_url=_optional(s3.get("endpoint_url")),
        region=_optional(s3.get("region")),
        addressing_style=style,
        retries=_count(raw.get("retries", 4), f"{where}.retries"),
        timeout_seconds=float(raw.get("timeout_seconds", 30)),
        jobs=max(1, _count(raw.get("jobs", 8), f"{where}.jobs")),
        audio_cache=parse_s3_url(str(cache), f"{where}.audio_cache") if cache else None,
    )


def _optional(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None


def _count(value: Any, where: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ConfigError(f"{where} must be a whole number ≥ 0, not {value!r}")
    return value


def make_client(settings: S3Settings) -> Any:
    """A boto3 S3 client; network errors and throttling are retried with exponential backoff by botocore."""
    import boto3
    from botocore.config import Config as BotoConfig

    boto_config = BotoConfig(
        retries={"max_attempts": settings.retries + 1, "mode": "standard"},
        connect_timeout=settings.timeout_seconds, read_timeout=settings.timeout_seconds,
        s3={"addressing_style": settings.addressing_style}, max_pool_connections=max(10, settings.jobs),
        request_checksum_calculation="when_required", response_checksum_validation="when_required",
    )
    return boto3.session.Session().client("s3", endpoint_url=settings.endpoint_url, region_name=settings.region, config=boto_config)


def describe_error(exc: Exception, what: str) -> PublishError:
    """A clear message for a boto3/botocore failure (the messages never carry the secret key)."""
    from botocore.exceptions import ClientError, EndpointConnectionError, NoCredentialsError, PartialCredentialsError

    if isinstance(exc, (NoCredentialsError, PartialCredentialsError)):
        return PublishError(f"{what}: no storage credentials; set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY "
                            "in the environment (in CI: from the repository's secrets), never in mkdocs.yml")
    if isinstance(exc, ClientError):
        error = exc.response.get("Error", {})
        code, message = error.get("Code", "?"), error.get("Message", "")
        hint = {"NoSuchBucket": "create the bucket or fix its name",
                "AccessDenied": "the key needs s3:ListBucket, s3:PutObject (and s3:DeleteObject for --delete) on the bucket",
                "InvalidAccessKeyId": "check AWS_ACCESS_KEY_ID", "SignatureDoesNotMatch": "check AWS_SECRET_ACCESS_KEY"}.get(code, "")
        status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)
        if not hint and (status >= 500 or code in ("SlowDown", "RequestTimeout", "Throttling")):
            hint = "the storage service failed after retries; run the same command again: it continues where it stopped"
        return PublishError(f"{what}: {code} {message}" + (f"; {hint}" if hint else ""))
    if isinstance(exc, EndpointConnectionError):
        return PublishError(f"{what}: cannot reach the storage endpoint ({exc}) after retries; check endpoint_url / AWS_ENDPOINT_URL "
                            "and the network, then run the same command again: it continues where it stopped")
    return PublishError(f"{what}: {type(exc).__name__}: {exc}; run the same command again to continue")
