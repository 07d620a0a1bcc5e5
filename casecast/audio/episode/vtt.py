"""WebVTT transcripts: one cue per sentence, showing the written text (95574 stays 95574)."""

from __future__ import annotations

from typing import Sequence

from .assemble import Cue


def vtt_time(seconds: float) -> str:
    millis = max(0, round(seconds * 1000))
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def _escape(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return " ".join(text.replace("-->", "→").split())


def render_vtt(cues: Sequence[Cue], *, title: str = "") -> str:
    """The WebVTT document (cues with empty text are left out)."""
    header = "WEBVTT" + (f" - {_escape(title)}" if title else "")
    blocks = [header]
    for number, cue in enumerate((c for c in cues if c.text.strip()), start=1):
        end = max(cue.end, cue.start + 0.001)
        blocks.append(f"{number}\n{vtt_time(cue.start)} --> {vtt_time(end)}\n{_escape(cue.text)}")
    return "\n\n".join(blocks) + "\n"
