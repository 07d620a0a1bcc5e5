"""Audio-book episodes of the cases (edge-tts online, embedded espeak-ng offline) and the podcast feed.

Public API (the command line calls these):

- ``build_audio(library, config, *, engine=None, only=(), jobs=None, drafts=False, progress=None) -> AudioReport``
- ``read_episodes(config) -> dict[str, Episode]`` (for the website: player, duration, size, links)
- ``spoken_script(case, config) -> SpokenScript`` (for the compliance check: ``.text`` is what is spoken,
  ``.written_text`` the same sentences as written); ``spoken_scripts(cases, config)`` for many at once

Layout, by noun: ``speech/`` (the spoken script: Markdown to utterances, normalisation, lexicon, the script
store), ``episode/`` (one episode: plan, synthesis, assembly, tags, chapters, transcript, the manifest),
``engines/`` (the TTS engines), ``feed.py`` (the podcast feed) and ``audio_set.py`` (a whole audio build).
``sentences.py``, ``mp3.py`` and ``files.py`` stay at this level: the engines use them as well.
"""

from .audio_set import AudioReport, build_audio, make_audio, open_audio, refresh_feed
from .episode.episodes import episodes_in, read_episodes
from .settings import AudioSettings, parse_audio_settings
from .speech.script import SpokenScript
from .speech.script_store import spoken_script, spoken_scripts

__all__ = ["AudioReport", "AudioSettings", "SpokenScript", "build_audio", "episodes_in", "make_audio", "open_audio",
           "parse_audio_settings", "read_episodes", "refresh_feed",
           "spoken_script", "spoken_scripts"]
