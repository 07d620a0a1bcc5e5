"""The XSS corpus: every payload in every front-matter field and body position, built for real, scanned.

One project with one case per payload (title, summary, tag, source title, category label and
description all carry it; the body carries it in code and, where ``check`` lets it through, raw in
a paragraph, a list item and a quote). The real command line builds audio (espeak, two episodes),
the site and the WeChat articles; lxml then scans every output for live script. Bodies that
``check`` refuses must be refused at their line, and are also built in-process past the check,
so the sanitiser itself is tested against them (defence in depth).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Iterator

import lxml.etree
import lxml.html
import pytest
import yaml

from casecast.body import split_sections
from casecast.config import load_config
from casecast.loader import load_library
from casecast.sanitize import url_scheme
from xss_payloads import PAYLOADS

REPO = Path(__file__).resolve().parents[2]
CATEGORIES = 6  #: payload-labelled categories the cases are spread over
WITH_AUDIO = ("case-000", "case-051")  #: the cases given an episode (espeak keeps CPU modest)
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "data", "poster", "values", "to", "from", "background")
BAD_SCHEMES = {"javascript", "vbscript", "data"}
FROM_THEME = re.compile(r"^/?(?:\.\./)*(?:assets|search)/[\w./-]+\.js$")


def body_for(payload: str, *, raw: bool) -> str:
    fence = "~~~~" if "```" in payload else "```"
    inline = f"代码里：`` {payload} ``\n\n" if "\n" not in payload else ""  # a code span stays on one line
    code = f"{inline}{fence}\n{payload}\n{fence}\n"
    if not raw:
        return f"## 案例经过\n\n{code}\n## 风险分析\n\n普通段落。\n\n## 消保提示\n\n- 拨打 95574 核实。\n"
    return (
        f"## 案例经过\n\n{payload}\n\n{code}\n"
        f"## 风险分析\n\n段落开头 {payload} 段落结尾\n\n> {payload}\n\n"
        f"## 消保提示\n\n- {payload}\n- 拨打 95574 核实。\n"
    )


def write_case(cases: Path, index: int, payload: str, *, raw: bool) -> Path:
    slug = f"case-{index:03d}"
    front = {
        "title": payload if len(payload) <= 64 else f"案例 {index}",
        "date": dt.date(2024, 1, 1) + dt.timedelta(days=index),
        "category": f"cat-{index % CATEGORIES}",
        "audiences": ["elderly", f"aud-{index % CATEGORIES}"],
        "tags": [payload, f"标签{index}"],
        "summary": payload,
        "sources": [{"title": payload, "url": f"https://example.com/source/{index}"}],
    }
    if slug in WITH_AUDIO:
        front["episode"] = index + 1
    path = cases / f"{slug}.md"
    path.write_text("---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n\n" + body_for(payload, raw=raw), encoding="utf-8")
    return path


def make_corpus_project(root: Path) -> Path:
    """The project folder; returns its mkdocs.yml."""
    root.mkdir()
    shutil.copyfile(REPO / "mkdocs.yml", root / "mkdocs.yml")
    (root / "templates").symlink_to(REPO / "templates")
    content = root / "content"
    (content / "cases").mkdir(parents=True)
    shutil.copytree(REPO / "content" / "images", content / "images")
    taxonomy = yaml.safe_load((REPO / "content" / "taxonomy.yml").read_text(encoding="utf-8"))
    for n in range(CATEGORIES):
        taxonomy["categories"][f"cat-{n}"] = {"label": PAYLOADS[n * 7], "description": PAYLOADS[n * 7 + 3]}
        taxonomy["audiences"][f"aud-{n}"] = {"label": PAYLOADS[n * 11 + 2], "description": PAYLOADS[n * 11 + 5]}
    (content / "taxonomy.yml").write_text(yaml.safe_dump(taxonomy, allow_unicode=True), encoding="utf-8")
    return root / "mkdocs.yml"


def run_build_py(config: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(REPO / "build.py"), "--config", str(config), *args],
        cwd=config.parent, capture_output=True, text=True, timeout=600,
    )


# --- the scanner -------------------------------------------------------------------------------


def scan_tree(root: lxml.etree._Element, where: str) -> Iterator[str]:
    """Everything in a parsed HTML tree that could run code, post a form or redirect."""
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        tag = el.tag.rsplit("}", 1)[-1].lower()
        if tag == "script":
            src = el.get("src")
            if (src is not None and not FROM_THEME.match(src)) or (src is None and "xss" in (el.text or "").lower()):
                yield f"{where}: live <script> {lxml.etree.tostring(el, encoding='unicode', with_tail=False)[:80]}"
        if tag in ("base", "form", "iframe", "frame", "object", "embed", "svg", "math", "link") and "xss" in lxml.etree.tostring(el, encoding="unicode", with_tail=False).lower():
            yield f"{where}: <{tag}> from the content"
        if tag == "style" and "xss" in (el.text or "").lower():
            yield f"{where}: <style> from the content"
        if tag == "meta" and (el.get("http-equiv") or "").lower() == "refresh":
            yield f"{where}: <meta http-equiv=refresh>"
        for name, value in el.attrib.items():
            name = name.rsplit("}", 1)[-1].lower()
            if name.startswith("on"):
                yield f"{where}: event handler {name}= on <{tag}>"
            if name in URL_ATTRIBUTES and url_scheme(value) in BAD_SCHEMES and not (tag == "img" and name == "src" and "xss" not in value):
                yield f"{where}: {url_scheme(value)}: URL in {tag}@{name}"


def scan_fragment(text: str, where: str) -> list[str]:
    if not text.strip():
        return []
    return list(scan_tree(lxml.html.fragment_fromstring(text, create_parent="div"), where))


def scan_outputs(project: Path) -> tuple[list[str], dict[str, int]]:
    findings: list[str] = []
    counts = {"site pages": 0, "search entries": 0, "feed items": 0, "VTT cues": 0, "WeChat HTML": 0, "WeChat JSON": 0}
    for page in sorted((project / "site").rglob("*.html")):
        findings += scan_tree(lxml.html.parse(str(page)).getroot(), str(page.relative_to(project)))
        counts["site pages"] += 1
    index = json.loads((project / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:
        for key in ("title", "text"):
            findings += scan_fragment(doc.get(key) or "", f"search_index.json {doc['location']} {key}")
        for tag in doc.get("tags") or []:
            findings += scan_fragment(tag, f"search_index.json {doc['location']} tag")
        counts["search entries"] += 1
    feed = lxml.etree.parse(str(project / "audio" / "feed.xml"))
    for node in feed.iter("description"):  # RSS readers render <description> as HTML
        findings += scan_fragment(node.text or "", "feed.xml description")
        counts["feed items"] += 1
    for vtt in sorted((project / "audio").glob("*.vtt")):
        for cue in vtt.read_text(encoding="utf-8").split("\n\n")[1:]:
            findings += scan_fragment("\n".join(cue.split("\n")[1:]), f"{vtt.name} cue")  # players render cue markup
            counts["VTT cues"] += 1
    for article in sorted((project / "wechat").glob("*.html")):
        findings += scan_tree(lxml.html.parse(str(article)).getroot(), f"wechat/{article.name}")
        counts["WeChat HTML"] += 1
    for meta in sorted((project / "wechat").glob("*.json")):
        data = json.loads(meta.read_text(encoding="utf-8"))
        for key, value in data.items():  # title/digest/author are plain-text fields of the draft API
            if isinstance(value, str) and key in ("content", "html"):
                findings += scan_fragment(value, f"wechat/{meta.name} {key}")
        counts["WeChat JSON"] += 1
    return findings, counts


# --- the tests ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict:
    config_file = make_corpus_project(tmp_path_factory.mktemp("xss") / "project")
    cases = config_file.parent / "content" / "cases"
    paths = [write_case(cases, i, p, raw=True) for i, p in enumerate(PAYLOADS)]
    checked = run_build_py(config_file, "check", "--format", "json")
    library, problems = load_library(load_config(config_file))
    refused = {p.path.rsplit("/", 1)[-1].removesuffix(".md") for p in problems if p.severity.value == "error"}
    # What the check refuses never reaches a build: those cases carry their payload in code only.
    for i, p in enumerate(PAYLOADS):
        if paths[i].stem in refused:
            write_case(cases, i, p, raw=False)
    steps = [
        run_build_py(config_file, "audio", "--engine", "espeak", "--only", *WITH_AUDIO),
        run_build_py(config_file, "site"),
        run_build_py(config_file, "wechat"),
    ]
    return {"config": config_file, "checked": checked, "problems": problems, "refused": refused, "steps": steps}


def test_the_corpus_has_at_least_80_payloads_from_every_class() -> None:
    assert len(PAYLOADS) >= 80 and all("xss" in p.lower() for p in PAYLOADS)


def test_check_refuses_dangerous_bodies_at_the_payload_line(corpus: dict) -> None:
    errors = [p for p in corpus["problems"] if p.severity.value == "error"]
    assert errors, "check let every payload through"
    for problem in errors:
        assert problem.line > 1 and problem.col >= 1, problem.format()
    assert "Traceback" not in corpus["checked"].stdout + corpus["checked"].stderr
    assert corpus["checked"].returncode == 1
    for word in ("script", "base", "form", "meta", "svg", "javascript", "onerror"):
        refused = [p for i, p in enumerate(PAYLOADS) if f"case-{i:03d}" in corpus["refused"] and word in p.lower()]
        assert refused, f"no '{word}' payload was refused"


def test_every_output_of_the_real_build_is_free_of_live_script(corpus: dict) -> None:
    for step in corpus["steps"]:
        assert step.returncode == 0, step.stdout + step.stderr
    findings, counts = scan_outputs(corpus["config"].parent)
    print("scanned:", counts, "payloads:", len(PAYLOADS), "refused bodies:", len(corpus["refused"]))
    assert counts["site pages"] >= len(PAYLOADS) and counts["WeChat HTML"] >= len(PAYLOADS)
    assert counts["search entries"] > len(PAYLOADS) and counts["feed items"] >= 2 and counts["VTT cues"] > 0
    assert findings == [], "\n".join(findings[:40])


def test_payload_text_survives_as_text_in_titles_and_summaries(corpus: dict) -> None:
    page = lxml.html.parse(str(corpus["config"].parent / "site" / "cases" / "case-000" / "index.html")).getroot()
    assert PAYLOADS[0] in page.findtext(".//title")
    assert PAYLOADS[0] in " ".join(page.xpath("//h1")[0].itertext())
    assert page.xpath("//meta[@name='description']/@content") == [PAYLOADS[0]]


def test_the_sanitiser_neutralises_bodies_the_check_refuses(corpus: dict, tmp_path: Path) -> None:
    """Past the check (defence in depth): the refused raw bodies built into the site and WeChat."""
    from casecast.site import build_site
    from casecast.wechat import write_wechat
    from casecast.wechat.article_set import render_articles

    config_file = make_corpus_project(tmp_path / "project")
    cases = config_file.parent / "content" / "cases"
    refused = sorted(corpus["refused"])
    for i, p in enumerate(PAYLOADS):
        if f"case-{i:03d}" in refused:
            write_case(cases, i, p, raw=False)
    config = load_config(config_file)
    library, _ = load_library(config)
    swapped = []
    for case in library.cases:
        payload = PAYLOADS[int(case.slug.split("-")[1])]
        body = body_for(payload, raw=True)
        sections, _ = split_sections(body, case.body_line, config.section_aliases, case.display_path)
        swapped.append(dataclasses.replace(case, body=body, sections=sections))
    library = dataclasses.replace(library, cases=tuple(swapped))
    build_site(library, config)
    write_wechat(render_articles(library.cases, config), config)
    (config.audio_dir).mkdir(exist_ok=True)
    findings = []
    for page in sorted(config.site_dir.rglob("*.html")):
        findings += scan_tree(lxml.html.parse(str(page)).getroot(), str(page.relative_to(config.site_dir)))
    for article in sorted(config.wechat_dir.glob("*.html")):
        findings += scan_tree(lxml.html.parse(str(article)).getroot(), article.name)
    assert len(refused) >= 40
    assert findings == [], "\n".join(findings[:40])


@pytest.mark.browser
@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="headless Chromium is not installed at /usr/bin/chromium")
def test_no_payload_runs_in_a_browser_on_case_pages_or_in_search_results(corpus: dict, chromium_page) -> None:  # noqa: ANN001
    """Chromium opens case pages and shows search results for the payloads: no dialog, no injected global."""
    from browser_support import serve_directory

    dialogs: list[str] = []
    chromium_page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    site = corpus["config"].parent / "site"
    with serve_directory(site) as url:
        for index in range(0, len(PAYLOADS), 4):
            chromium_page.goto(url + f"cases/case-{index:03d}/index.html", wait_until="load")
            chromium_page.mouse.move(200, 300)
        chromium_page.goto(url + "index.html", wait_until="networkidle")
        chromium_page.click("label.md-search__icon[for='__search'], .md-search__input")
        box = chromium_page.locator("input.md-search__input")
        box.press_sequentially("script", delay=30)
        box.press("End")
        chromium_page.wait_for_selector(".md-search-result__item", timeout=15_000)
        shown = chromium_page.locator(".md-search-result__item").count()
        titles = chromium_page.eval_on_selector_all(".md-search-result__item h1, .md-search-result__item h2", "els => els.map(e => e.textContent)")
    assert dialogs == []
    assert shown > 0 and any("<" in t.replace("\u200b", "") for t in titles), titles[:5]  # payloads are shown as text
