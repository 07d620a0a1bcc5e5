"""Helpers for the video tests: a short case's espeak episode, and FFmpeg probes of an MP4."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import imageio_ffmpeg
import yaml
from PIL import Image

from casecast.audio import build_audio
from casecast.config import Config, load_config
from casecast.loader import load_library
from casecast.model import Library
from content_support import make_content


def short_episode_project(folder: Path) -> tuple[Library, Config]:
    """The shortest fixture case with an offline episode in ``audio/``."""
    content = make_content(folder, "case_valid.md")
    (folder / "mkdocs.yml").write_text(yaml.safe_dump({
        "site_name": "以案说险", "site_url": "https://edu.example-bank.cn/",
        "markdown_extensions": ["admonition", "attr_list", "md_in_html", "tables"],
        "extra": {"casecast": {
            "organisation": "示例银行", "series": "以案说险", "hotline": "95574", "public_numbers": ["95574", "110"],
            "audio": {"engine": "espeak", "pause_seconds": 0.3, "outro": "感谢收听。"},
        }},
    }, allow_unicode=True), encoding="utf-8")
    config = load_config(folder / "mkdocs.yml", content_dir=content)
    library, problems = load_library(config)
    assert not [p for p in problems if p.severity.value == "error"], problems
    build_audio(library, config)
    return library, config


def probe(path: Path) -> dict:
    """Duration, frame size, codecs and the number of encoded video frames of an MP4."""
    done = subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-i", str(path), "-map", "0:v", "-vf", "showinfo", "-f", "null", "-"],
                          capture_output=True, text=True, check=True)
    h, m, s = re.search(r"Duration: (\d+):(\d+):([\d.]+)", done.stderr).groups()
    video = re.search(r"Video: (\w+).*?, (\d+)x(\d+)", done.stderr)
    audio = re.search(r"Audio: (\w+)", done.stderr)
    return {"duration": int(h) * 3600 + int(m) * 60 + float(s), "codec": video.group(1), "size": (int(video.group(2)), int(video.group(3))),
            "audio": audio.group(1) if audio else None, "frames": done.stderr.count("pts_time:")}


def frame_at(path: Path, seconds: float, out: Path) -> Image.Image:
    """The picture on screen at ``seconds``: the last frame whose time is at or before it."""
    subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y", "-i", str(path),
                    "-vf", f"select='lte(t\\,{seconds:.3f})'", "-fps_mode", "passthrough", "-update", "1", str(out)], check=True)
    return Image.open(out).convert("RGB")
