"""Who reads what: every role's voice for one engine and one case, and a part cut into runs of one voice.

The narrator reads in the engine's voice (the case's ``voice``, or ``voices.narrator``, for edge-tts). A
character role reads in the case's ``voices:`` entry for it, else ``audio.<role>_voice``; such a voice is
written ``zh-CN-YunjianNeural@1.08,0.82``: edge-tts uses the name (another neural voice), the offline
engines the same voice as the narrator at the speed and pitch ratios after ``@`` (they have one voice).
"""

from __future__ import annotations

from typing import Mapping

from ...cast.roles import CHARACTER_ROLES, NARRATOR
from ...model import Case
from ..engines.base import Engine
from ..speech.script import Part, Sentence
from ..settings import AudioSettings


def cast_voices(engine: Engine, case: Case, settings: AudioSettings) -> dict[str, str]:
    """The voice of every role (narrator first) when ``engine`` reads ``case``."""
    own = dict(case.voices)
    narrator_spec = own.get(NARRATOR, "")
    narrator = engine.voice_for(narrator_spec.partition("@")[0] or case.voice)
    if "@" in narrator_spec:
        narrator = engine.role_voice(narrator, "@" + narrator_spec.partition("@")[2])
    cast = {NARRATOR: narrator}
    for role in CHARACTER_ROLES:
        cast[role] = engine.role_voice(narrator, merge_voice(own.get(role, ""), getattr(settings, f"{role}_voice")))
    return cast


def merge_voice(own: str, default: str) -> str:
    """A case's voice for a role over the configured one, part by part: its name, else the default's; its
    ratios, else the default's (``zh-CN-YunxiNeural`` over ``zh-CN-YunjianNeural@1.08,0.82`` keeps the ratios)."""
    name, at, ratios = own.partition("@")
    default_name, default_at, default_ratios = default.partition("@")
    ratios = ratios if at else default_ratios
    return (name or default_name) + (f"@{ratios}" if ratios else "")


def voice_runs(part: Part, cast: Mapping[str, str]) -> list[tuple[str, tuple[Sentence, ...]]]:
    """``part``'s sentences cut into runs read by one voice, in order: (voice, sentences)."""
    runs: list[tuple[str, list[Sentence]]] = []
    for sentence in part.sentences:
        voice = cast.get(sentence.role, cast[NARRATOR])
        if runs and runs[-1][0] == voice:
            runs[-1][1].append(sentence)
        else:
            runs.append((voice, [sentence]))
    return [(voice, tuple(sentences)) for voice, sentences in runs]
