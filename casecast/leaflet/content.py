"""What the printed material shows, as plain JSON-ready data (the Typst templates read it)."""

from __future__ import annotations

import re
from typing import Any, Sequence

from ..audio.speech.markdown_text import markdown_utterances
from ..config import Config
from ..model import Case, Library
from ..urls import case_page_url, episode_url
from .settings import LeafletSettings

_NUMBERING = re.compile(r"^\d+、")


SHORT_LEAD = 10  #: an item this short without end punctuation is a lead-in ("看资质") for the next one


def tip_lines(case: Case, config: Config) -> list[str]:
    """The 消保提示 as plain lines, one per paragraph or list item; a short lead-in joins the next item."""
    lines = [_NUMBERING.sub("", u) for u in markdown_utterances(case.section("tips").markdown, config.markdown_extensions)]
    joined: list[str] = []
    for line in lines:
        lead = joined[-1] if joined else ""
        if lead and len(lead) <= SHORT_LEAD and not lead.endswith(("。", "！", "？", "：", ":", "；")):
            joined[-1] = f"{lead}：{line}"
        else:
            joined.append(line)
    return joined


def case_data(case: Case, config: Config, has_episode: bool) -> dict[str, Any]:
    """A case as the templates show it. Its QR codes are left empty (``page_qr``, ``episode_qr``): they
    follow from the URLs beside them, and the typesetter draws them (casecast.leaflet.typeset.qr_slots),
    so that a PDF's cache key holds only the URLs."""
    return {
        "slug": case.slug, "title": case.title, "summary": case.summary, "episode": case.episode,
        "tips": tip_lines(case, config), "page_url": case_page_url(config, case.slug), "page_qr": None,
        "episode_url": episode_url(config, case.slug) if has_episode else None, "episode_qr": None,
    }


def common_data(config: Config, settings: LeafletSettings, title: str) -> dict[str, Any]:
    return {
        "document_title": title, "organisation": config.organisation, "series": config.series,
        "font": settings.font, "brand_color": settings.brand_color, "safety_line": settings.safety_line,
        "hotlines": [{"label": h.label, "number": h.number} for h in settings.hotlines],
    }


def leaflet_data(case: Case, config: Config, settings: LeafletSettings, has_episode: bool, scale: float) -> dict[str, Any]:
    return {**common_data(config, settings, case.title), "case": case_data(case, config, has_episode), "scale": scale}


def booklet_data(category: str, cases: Sequence[Case], library: Library, config: Config, settings: LeafletSettings) -> dict[str, Any]:
    term = library.taxonomy.categories[category]
    return {**common_data(config, settings, f"{config.series} · {term.label}"), "booklet": {
        "label": term.label, "description": term.description, "cases": [case_data(c, config, False) for c in cases],
    }}


def quiz_sheet_data(category: str, cases: Sequence[Case], library: Library, config: Config, settings: LeafletSettings) -> dict[str, Any]:
    term = library.taxonomy.categories[category]
    items = [(case, item) for case in cases for item in case.quiz]
    questions = [
        {"number": n, "question": item.question, "options": list(item.options), "answer": item.answer_text,
         "answer_letter": item.answer_letter, "explanation": item.explanation, "case_title": case.title}
        for n, (case, item) in enumerate(items, start=1)
    ]
    return {**common_data(config, settings, f"金融知识猜猜猜 · {term.label}"), "sheet": {"label": term.label, "questions": questions}}
