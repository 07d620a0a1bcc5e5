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
from site_support import REPO, WITH_AUDIO, make_content, make_episode, make_project, write_case  # noqa: E402


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


SPOKEN = "fake-refund"  #: the case of the spoken site with a real espeak episode


def _spoken_project(tmp_path: Path, *, kiosk: bool = False) -> Config:
    """A project with two short cases; ``kiosk`` turns on kiosk mode with a 2-second idle time."""
    content = make_content(tmp_path)
    write_case(content, SPOKEN, title="冒充客服退款", episode=1, tags=["冒充客服"])
    write_case(content, "campus-loan", title="校园贷陷阱", date="2024-04-01", episode=2, audiences=["students"])
    config = make_project(tmp_path, content)
    if kiosk:
        text = config.config_file.read_text(encoding="utf-8")
        text = text.replace("      kiosk: false", "      kiosk: true", 1).replace("      kiosk_idle_seconds: 180", "      kiosk_idle_seconds: 2", 1)
        config.config_file.write_text(text, encoding="utf-8")
        config = load_config(config.config_file, content_dir=content)
    return config


@pytest.fixture(scope="session")
def spoken_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """A small library whose first case has a real episode (offline espeak engine): real VTT, real chapters."""
    from casecast.audio import build_audio, read_episodes

    config = _spoken_project(tmp_path_factory.mktemp("spoken"))
    library = load_library(config)[0]
    build_audio(library, config, engine="espeak", only=(SPOKEN,))
    episodes = read_episodes(config)
    return BuiltSite(config, library, build_site(library, config, episodes=episodes), episodes)


@pytest.fixture(scope="session")
def kiosk_site(tmp_path_factory: pytest.TempPathFactory, spoken_site: BuiltSite) -> BuiltSite:
    """The spoken site's library and episodes built with ``kiosk: true``."""
    import shutil

    config = _spoken_project(tmp_path_factory.mktemp("kiosk"), kiosk=True)
    shutil.rmtree(config.audio_dir)
    shutil.copytree(spoken_site.config.audio_dir, config.audio_dir)
    library = load_library(config)[0]
    return BuiltSite(config, library, build_site(library, config, episodes=spoken_site.episodes), spoken_site.episodes)
