"""Validate the ``voices:`` and ``speakers:`` front-matter fields, with file:line findings.

``voices`` gives a role its voice: an edge-tts voice name, optionally followed by the speed and pitch
ratios the offline engines use for that role (``zh-CN-YunjianNeural@1.1,0.8``, or ``@1.1,0.8`` alone).
``speakers`` names who in this story plays which role (``小刘: scammer``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ..diagnostics import error
from .roles import CHARACTER_ROLES, ROLES

if TYPE_CHECKING:
    from ..schema import Field, FieldCheck

#: edge-tts voice names: zh-CN-XiaoxiaoNeural, zh-CN-liaoning-XiaobeiNeural, zh-HK-HiuGaaiNeural
EDGE_VOICE = re.compile(r"^[a-z]{2,3}-[A-Z]{2}(?:-[a-z]+)?-[A-Za-z]+Neural$")
RATIOS = re.compile(r"^(?P<speed>\d+(?:\.\d+)?),(?P<pitch>\d+(?:\.\d+)?)$")
MIN_RATIO, MAX_RATIO = 0.5, 2.0
MAX_SPEAKER = 16
VOICE_EXAMPLE = "zh-CN-YunjianNeural, or zh-CN-YunjianNeural@1.1,0.8 (offline speed and pitch ratios)"


def validate_voices(check: FieldCheck, spec: Field, raw: Any) -> tuple[tuple[str, str], ...] | None:
    """``{role: voice}`` checked: known roles, edge-tts voice names, ratios between 0.5 and 2."""
    if not isinstance(raw, dict):
        check.error(spec.name, "E103", f"'voices' must be a mapping of role to voice, e.g. {{scammer: zh-CN-YunjianNeural}}; roles: {', '.join(ROLES)}")
        return None
    voices = []
    for role, voice in raw.items():
        report = _reporter(check, spec.name, str(role))
        if role not in ROLES:
            report("E130", f"unknown role '{role}' in voices; the roles are {', '.join(ROLES)}")
        elif not isinstance(voice, str) or not voice.strip():
            report("E103", f"the voice of '{role}' must be text like {VOICE_EXAMPLE}")
        elif problem := voice_problem(voice.strip()):
            report("E131", f"the voice of '{role}' {problem}")
        else:
            voices.append((str(role), voice.strip()))
    return tuple(voices)


def voice_problem(voice: str) -> str | None:
    """What is wrong with a role's voice (None when it is fine)."""
    name, at, ratios = voice.partition("@")
    if name and not EDGE_VOICE.match(name):
        return f"'{name}' is not an edge-tts voice name; write it like {VOICE_EXAMPLE}"
    if at:
        match = RATIOS.match(ratios)
        if not match:
            return f"'@{ratios}' must be two ratios, speed and pitch: @1.1,0.8"
        if not all(MIN_RATIO <= float(match[key]) <= MAX_RATIO for key in ("speed", "pitch")):
            return f"'@{ratios}': speed and pitch ratios must be between {MIN_RATIO} and {MAX_RATIO:g}"
    return None


def validate_speakers(check: FieldCheck, spec: Field, raw: Any) -> tuple[tuple[str, str], ...] | None:
    """``{name: role}`` checked: a short name, one of the character roles."""
    if not isinstance(raw, dict):
        check.error(spec.name, "E103", f"'speakers' must be a mapping of name to role, e.g. {{小刘: scammer}}; roles: {', '.join(CHARACTER_ROLES)}")
        return None
    speakers = []
    for name, role in raw.items():
        report = _reporter(check, spec.name, str(name))
        text = str(name).strip()
        if not text or len(text) > MAX_SPEAKER:
            report("E108", f"speaker '{name}' must be a name of 1–{MAX_SPEAKER} characters, as the story writes it")
        elif role not in CHARACTER_ROLES:
            report("E130", f"speaker '{name}': unknown role '{role}'; the roles are {', '.join(CHARACTER_ROLES)}")
        else:
            speakers.append((text, str(role)))
    return tuple(speakers)


def _reporter(check: FieldCheck, key: str, sub_key: str):  # noqa: ANN202
    def report(code: str, message: str) -> None:
        line, col = check.front.mapping_positions.get((key, sub_key), check.at(key))
        check.problems.append(error(check.path, line, col, code, message))

    return report
