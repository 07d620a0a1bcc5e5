"""Encode stills + the episode's MP3 into an MP4 with the FFmpeg that ships in the imageio-ffmpeg wheel.

Each still is one PNG listed once in an FFmpeg concat script with its duration, and the video is
written with variable frame rate: a 10-second card is one frame, not 250 identical ones.
"""

from __future__ import annotations

import subprocess
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import imageio_ffmpeg
from PIL import Image

from ..errors import BuildError
from .timeline import Still


@lru_cache(maxsize=1)
def ffmpeg_exe() -> str:
    try:
        return imageio_ffmpeg.get_ffmpeg_exe()
    except RuntimeError as exc:
        raise BuildError(f"the FFmpeg of imageio-ffmpeg is missing ({exc}); reinstall: pip install -r requirements.lock") from None


def ffmpeg_version() -> str:
    return imageio_ffmpeg.get_ffmpeg_version()


def concat_script(names: Sequence[str], stills: Sequence[Still]) -> str:
    """The concat demuxer's list: each picture with its duration; the last is repeated (FFmpeg's rule)."""
    lines = ["ffconcat version 1.0"]
    for name, still in zip(names, stills):
        lines += [f"file '{name}'", f"duration {still.duration:.3f}"]
    lines.append(f"file '{names[-1]}'")
    return "\n".join(lines) + "\n"


def encode_video(stills: Sequence[Still], pictures: dict[tuple[str, tuple[str, ...]], Image.Image], audio: Path, out: Path,
                 *, crf: int, audio_bitrate: int) -> None:
    """Write ``out`` (H.264 yuv420p + AAC, faststart MP4) from the stills and the audio file."""
    with tempfile.TemporaryDirectory(prefix="casecast-video-") as folder:
        work = Path(folder)
        files: dict[tuple[str, tuple[str, ...]], str] = {}
        for key, image in pictures.items():
            files[key] = f"still-{len(files):04d}.png"
            image.save(work / files[key], compress_level=1)
        (work / "stills.ffconcat").write_text(concat_script([files[(s.kind, s.text)] for s in stills], stills), encoding="utf-8")
        command = [
            ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y",
            "-f", "concat", "-safe", "0", "-i", str(work / "stills.ffconcat"), "-i", str(audio),
            "-map", "0:v", "-map", "1:a", "-map_chapters", "-1", "-map_metadata", "-1", "-fps_mode", "vfr",
            "-c:v", "libx264", "-preset", "veryfast", "-tune", "stillimage", "-crf", str(crf), "-pix_fmt", "yuv420p",
            "-threads", "2", "-c:a", "aac", "-b:a", f"{audio_bitrate}k", "-movflags", "+faststart", str(out),
        ]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            tail = " / ".join(done.stderr.strip().splitlines()[-3:])
            raise BuildError(f"FFmpeg could not encode {out.name}: {tail or done.returncode}")
