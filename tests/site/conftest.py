"""Fixtures for the website tests: the sample site is built once per test session."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: browser_support, shared by every area

from casecast.config import Config, load_config  # noqa: E402
from casecast.loader import load_library  # noqa: E402
from casecast.model import Episode, Library  # noqa: E402
from casecast.site import SiteReport, build_site  # noqa: E402
from site_support import REPO, WITH_AUDIO, make_episode, make_project  # noqa: E402


@dataclass(frozen=True)
class BuiltSite:
    config: Config
    library: Library
    report: SiteReport
    episodes: dict[str, Episode]

    @property
    def root(self) -> Path:
        return self.config.site_dir

    def page(self, path: str) -> Path:
        return self.config.site_dir / path


@pytest.fixture(scope="session")
def sample_library() -> Library:
    library, problems = load_library(load_config(REPO / "mkdocs.yml"))
    errors = [p.format() for p in problems if p.severity.value == "error"]
    assert not errors, "the sample content must pass the check:\n" + "\n".join(errors)
    return library


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory, sample_library: Library) -> BuiltSite:
    """The shipped sample library built into a temporary project, two cases with real MP3 episodes."""
    config = make_project(tmp_path_factory.mktemp("sample"))
    episodes = {slug: make_episode(config.audio_dir, slug, seconds=1.5) for slug in WITH_AUDIO}
    (config.audio_dir / "feed.xml").write_text('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>以案说险</title></channel></rss>\n', encoding="utf-8")
    report = build_site(sample_library, config, episodes=episodes)
    return BuiltSite(config, sample_library, report, episodes)


@pytest.fixture(scope="session")
def draft_site(tmp_path_factory: pytest.TempPathFactory, sample_library: Library) -> BuiltSite:
    """The sample library with ``drafts=True`` and no audio library."""
    config = make_project(tmp_path_factory.mktemp("drafts"))
    return BuiltSite(config, sample_library, build_site(sample_library, config, drafts=True), {})
