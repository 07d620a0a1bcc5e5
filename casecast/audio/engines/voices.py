"""Offline voice names: a model voice with optional speed and pitch ratios, ``cmn`` or ``cmn@0.95,0.85``.

The offline engines have one voice each; the character voices (scammer, victim) are the same voice at
another speed and pitch, written after ``@`` so the voice name alone says how an episode sounds.
"""

from __future__ import annotations

from dataclasses import dataclass

from .base import EngineError


@dataclass(frozen=True)
class OfflineVoice:
    model: str
    speed: float = 1.0  #: > 1 speaks faster
    pitch: float = 1.0  #: > 1 speaks higher

    @property
    def spec(self) -> str:
        if (self.speed, self.pitch) == (1.0, 1.0):
            return self.model
        return f"{self.model}@{self.speed:g},{self.pitch:g}"

    def with_model(self, model: str) -> "OfflineVoice":
        return OfflineVoice(model, self.speed, self.pitch)


def parse_offline_voice(spec: str, default_model: str) -> OfflineVoice:
    """``model``, ``model@speed,pitch`` or ``@speed,pitch``; ratios between 0.5 and 2."""
    model, _, ratios = spec.partition("@")
    speed, pitch = 1.0, 1.0
    if ratios:
        try:
            speed, pitch = (float(x) for x in ratios.split(","))
        except ValueError:
            raise EngineError(f"offline voice '{spec}': write it as name@speed,pitch, e.g. cmn@0.95,0.85") from None
    if not (0.5 <= speed <= 2.0 and 0.5 <= pitch <= 2.0):
        raise EngineError(f"offline voice '{spec}': speed and pitch ratios must be between 0.5 and 2")
    return OfflineVoice(model or default_model, speed, pitch)


def role_voice(base: str, role: str) -> str:
    """The offline voice of a role: the narrator's voice ``base`` with the role's ratios multiplied in.

    ``role`` is a role's voice as configured, ``zh-CN-YunjianNeural@1.08,0.82``: the offline engines
    read only the ratios after ``@`` (the name is edge-tts's); without ratios the role sounds like ``base``.
    """
    narrator = parse_offline_voice(base, base)
    _, at, ratios = role.partition("@")
    if not at:
        return narrator.spec
    own = parse_offline_voice(f"@{ratios}", narrator.model)
    return OfflineVoice(narrator.model, round(narrator.speed * own.speed, 3), round(narrator.pitch * own.pitch, 3)).spec
