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

Names are imported on first use, so that a module reading the settings or a spoken script does not load the
engines (edge-tts pulls in aiohttp) or the episode machinery.
"""

from __future__ import annotations

from ..lazy import lazy_exports

_EXPORTS = {
    "AudioReport": "audio_set", "build_audio": "audio_set", "make_audio": "audio_set", "open_audio": "audio_set",
    "refresh_feed": "audio_set", "episodes_in": "episode.episodes", "read_episodes": "episode.episodes",
    "AudioSettings": "settings", "parse_audio_settings": "settings", "SpokenScript": "speech.script",
    "spoken_script": "speech.script_store", "spoken_scripts": "speech.script_store",
}

__all__ = sorted(_EXPORTS)

__getattr__ = lazy_exports(__name__, _EXPORTS)
