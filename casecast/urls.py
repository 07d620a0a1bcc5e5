"""Public addresses of generated pages: one rule, shared by every output that links to the site."""

from __future__ import annotations

from .config import Config


def case_page_url(config: Config, slug: str) -> str:
    """The absolute address of a case's page on the website, e.g. ``https://…/cases/<slug>/``."""
    return f"{config.site_url}cases/{slug}/"


def episode_url(config: Config, slug: str) -> str:
    """Where the site publishes the case's MP3 (``audio/<slug>.mp3``, as the audio build names it)."""
    return f"{config.site_url}audio/{slug}.mp3"
