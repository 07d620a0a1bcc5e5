"""Podcasting 2.0 chapters JSON (``application/json+chapters``, version 1.2.0)."""

from __future__ import annotations

import json
from typing import Sequence

from .assemble import Chapter


def render_chapters_json(chapters: Sequence[Chapter]) -> str:
    data = {
        "version": "1.2.0",
        "chapters": [
            {"startTime": round(c.start, 3), "endTime": round(c.end, 3), "title": c.title} for c in chapters
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
