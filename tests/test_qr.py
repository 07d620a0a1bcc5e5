"""casecast.qr: every address encoded once, its mask remembered, the same symbol as a fresh segno encoding."""

from __future__ import annotations

import json

import segno

from casecast import qr
from casecast.config import load_config

URLS = [
    "https://edu.example-bank.cn/cases/fake-refund-call/",
    "https://edu.example-bank.cn/audio/fake-refund-call.mp3",
    "http://localhost:8000/cases/campus-loan-trap/",
    "https://例子.银行.cn/cases/pension-scheme/",
]


def fresh(url: str) -> segno.QRCode:
    return segno.make(url, error=qr.ERROR, micro=False)


def test_a_remembered_mask_gives_the_symbol_segno_chooses_itself():
    for url in URLS:
        best = fresh(url)
        again = segno.make(url, error=qr.ERROR, micro=False, mask=best.mask)
        assert again.matrix == best.matrix and again.version == best.version and again.error == best.error


def test_qr_code_is_the_fresh_symbol_and_is_made_once_per_address():
    qr.qr_code.cache_clear()
    for url in URLS:
        assert qr.qr_code(url).matrix == fresh(url).matrix
    assert qr.qr_code(URLS[0]) is qr.qr_code(URLS[0])
    assert qr.qr_code.cache_info().misses == len(URLS)


def test_masks_are_kept_in_the_cache_file_and_read_back(tmp_path, monkeypatch):
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nsite_url: https://edu.example-bank.cn/\n", encoding="utf-8")
    (tmp_path / "content").mkdir()
    config = load_config(tmp_path / "mkdocs.yml")
    urls = qr.public_urls(config, ["fake-refund-call", "campus-loan-trap"])
    monkeypatch.setattr(qr, "_known", {})
    assert qr.load_masks(config, urls) == urls  # nothing cached yet
    qr.remember_masks(qr.find_masks(urls))
    qr.save_masks(config, urls, prune=True)
    stored = json.loads((tmp_path / ".cache" / "casecast" / qr.MASKS_FILE).read_text(encoding="utf-8"))
    assert sorted(stored["entries"].values()) == sorted(fresh(u).mask for u in urls)

    monkeypatch.setattr(qr, "_known", {})
    assert qr.load_masks(config, urls) == []
    assert qr.known_masks(urls) == {u: fresh(u).mask for u in urls}


def test_a_damaged_cache_file_only_costs_time(tmp_path, monkeypatch):
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
    (tmp_path / "content").mkdir()
    config = load_config(tmp_path / "mkdocs.yml")
    path = tmp_path / ".cache" / "casecast" / qr.MASKS_FILE
    path.parent.mkdir(parents=True)
    path.write_text("{not json", encoding="utf-8")
    monkeypatch.setattr(qr, "_known", {})
    assert qr.load_masks(config, URLS[:1]) == URLS[:1]
