"""Helpers for the website tests: a throwaway project, cases written from a few fields, real MP3s."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import lameenc
import lxml.html
import yaml

from casecast.config import Config, load_config
from casecast.model import Episode

REPO = Path(__file__).resolve().parents[2]
PENSION = "pension-investment-scam"  #: the sample case about 养老
CAMPUS = "campus-loan-trap"  #: the sample case about 校园贷
WITH_AUDIO = (PENSION, CAMPUS)  #: sample cases the session's sample site gives an episode
SECTIONS = {"案例经过": "王阿姨接到自称客服的电话。", "风险分析": "骗子冒充客服，诱导转账。", "消保提示": "- 核实请拨打官方客服热线 95574。"}


def make_project(tmp_path: Path, content_dir: Path | None = None, *, mkdocs_extra: str = "", copy_templates: bool = False) -> Config:
    """A project folder in ``tmp_path``: the repo's mkdocs.yml and templates, its own site/ and audio/."""
    root = tmp_path / "project"
    root.mkdir()
    (root / "mkdocs.yml").write_text((REPO / "mkdocs.yml").read_text(encoding="utf-8") + mkdocs_extra, encoding="utf-8")
    if copy_templates:
        shutil.copytree(REPO / "templates", root / "templates")
    else:
        (root / "templates").symlink_to(REPO / "templates")
    (root / "audio").mkdir()
    return load_config(root / "mkdocs.yml", content_dir=content_dir or REPO / "content")


def make_content(tmp_path: Path) -> Path:
    """An empty content folder with the shipped taxonomy."""
    content = tmp_path / "content"
    (content / "cases").mkdir(parents=True)
    (content / "images").mkdir()
    shutil.copyfile(REPO / "content" / "taxonomy.yml", content / "taxonomy.yml")
    return content


def write_case(content: Path, slug: str, *, body: str | None = None, **fields: Any) -> Path:
    """Write ``content/cases/<slug>.md`` with front matter ``fields`` (sensible defaults) and three sections."""
    front = {
        "title": f"案例 {slug}",
        "date": dt.date(2024, 3, 15),
        "category": "telecom-fraud",
        "audiences": ["elderly"],
        "tags": [],
        "summary": f"{slug} 的摘要。",
        **fields,
    }
    text = body if body is not None else "\n".join(f"## {h}\n\n{t}\n" for h, t in SECTIONS.items())
    path = content / "cases" / f"{slug}.md"
    path.write_text("---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n\n" + text, encoding="utf-8")
    return path


def write_mp3(path: Path, seconds: float = 1.0) -> int:
    """A real (silent) MP3 made with lameenc; returns its size in bytes."""
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(32)
    encoder.set_in_sample_rate(16000)
    encoder.set_channels(1)
    encoder.set_quality(7)
    data = encoder.encode(b"\x00\x00" * int(16000 * seconds)) + encoder.flush()
    path.write_bytes(bytes(data))
    return path.stat().st_size


def make_episode(audio_dir: Path, slug: str, *, seconds: float = 1.0, transcript: bool = True) -> Episode:
    """An episode of ``slug`` in ``audio_dir``: MP3, WebVTT transcript and chapters JSON."""
    size = write_mp3(audio_dir / f"{slug}.mp3", seconds)
    if transcript:
        (audio_dir / f"{slug}.vtt").write_text("WEBVTT\n\n00:00.000 --> 00:01.000\n案例经过\n", encoding="utf-8")
    (audio_dir / f"{slug}.chapters.json").write_text('{"version":"1.2.0","chapters":[{"startTime":0,"title":"案例经过"}]}', encoding="utf-8")
    return Episode(slug=slug, key="", tag_key="", engine="espeak", voice="cmn", mp3=f"{slug}.mp3", transcript=f"{slug}.vtt",
                   chapters_file=f"{slug}.chapters.json", duration=seconds, size=size, sha256="", chapters=[[0.0, seconds, "案例经过"]])


def parse_html(path: Path) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(path.read_bytes())


def texts(root: lxml.html.HtmlElement, xpath: str) -> list[str]:
    return [" ".join(el.text_content().split()) for el in root.xpath(xpath)]


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under ``folder`` with its bytes and modification time (ns)."""
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.rglob("*")) if p.is_file()}

