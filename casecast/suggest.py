""""Did you mean …" hints and slug suggestions."""

from __future__ import annotations

import difflib
import re
from typing import Iterable

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def closest_choice(word: str, choices: Iterable[str]) -> str | None:
    """The choice closest to ``word``, or None when none is close."""
    matches = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return matches[0] if matches else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest choice, or an empty string."""
    match = closest_choice(word, choices)
    return f" (did you mean '{match}'?)" if match else ""


def suggest_slug(stem: str) -> str:
    """A valid slug for a file stem: pinyin for Chinese, lowercase, hyphens."""
    from pypinyin import lazy_pinyin  # imported only when a slug is wrong

    words = lazy_pinyin(stem)
    text = "-".join(w for w in words if w.strip())
    text = re.sub(r"[^a-z0-9]+", "-", text.lower())
    return re.sub(r"-{2,}", "-", text).strip("-") or "case"


def is_valid_slug(slug: str) -> bool:
    return bool(SLUG_PATTERN.match(slug))
