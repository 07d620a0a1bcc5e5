"""The build marker: a small file in ``site/`` saying how the site was built (so drafts are never published)."""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import PublishError
from ..writer import write_atomic

BUILD_MARKER = ".casecast-build.json"


def write_build_marker(site_dir: Path, *, drafts: bool) -> None:
    """Record in the built site whether it holds draft cases (``--drafts``)."""
    write_atomic(site_dir / BUILD_MARKER, (json.dumps({"drafts": bool(drafts)}) + "\n").encode())  # replaces, never writes into


def require_public_build(site_dir: Path) -> None:
    """Raise PublishError unless ``site_dir`` is a casecast build made without ``--drafts``."""
    marker = site_dir / BUILD_MARKER
    try:
        data = json.loads(marker.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PublishError(f"{site_dir}: no casecast site here ({BUILD_MARKER} is missing); run python build.py site first") from None
    except ValueError:
        raise PublishError(f"{marker}: damaged build marker; rebuild the site with python build.py site") from None
    if not isinstance(data, dict) or data.get("drafts") is not False:
        raise PublishError(f"{site_dir} was built with --drafts (it shows unpublished cases); "
                           "rebuild it without --drafts (python build.py site) before publishing")
