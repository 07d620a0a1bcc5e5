"""Printed material: the A4 leaflet (one page, its text, its QR code), the quiz sheet, the cache and the errors."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import replace

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from casecast.config import load_config
from casecast.errors import ConfigError, ContentError
from casecast.leaflet import render_print, write_print
from casecast.leaflet.content import tip_lines
from casecast.loader import load_library
from casecast.urls import case_page_url
from content_support import REPO, make_content

SLUG = "case-with-quiz"


def project(folder, *cases, extra: str = ""):
    root = folder / "project"
    root.mkdir()
    (root / "mkdocs.yml").write_text((REPO / "mkdocs.yml").read_text(encoding="utf-8") + extra, encoding="utf-8")
    (root / "templates").symlink_to(REPO / "templates")
    config = load_config(root / "mkdocs.yml", content_dir=make_content(folder, *cases))
    library, problems = load_library(config)
    assert not [p for p in problems if p.severity.value == "error"], problems
    return library, config


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    library, config = project(tmp_path_factory.mktemp("print"), "case_with_quiz.md")
    report = write_print(render_print(library, config, episodes={}), config)
    return library, config, report, config.root / "print"


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_print_makes_a_leaflet_per_case_and_a_booklet_and_quiz_sheet_per_category(printed):
    _, _, report, folder = printed
    names = sorted(str(p.relative_to(folder)) for p in folder.rglob("*.pdf"))
    assert names == ["booklets/telecom-fraud.pdf", f"leaflets/{SLUG}.pdf", "quiz/telecom-fraud.pdf"]
    assert (report.made, report.reused) == (3, 0)


def test_leaflet_is_one_a4_page_with_title_every_tip_and_the_hotline_as_text(printed):
    library, config, _, folder = printed
    case = library.cases[0]
    pdf = PdfReader(folder / "leaflets" / f"{SLUG}.pdf")
    assert len(pdf.pages) == 1
    width, height = float(pdf.pages[0].mediabox.width), float(pdf.pages[0].mediabox.height)
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    text = squeeze(pdf.pages[0].extract_text())
    assert squeeze(case.title) in text and "95574" in text and config.organisation in text
    for tip in tip_lines(case, config):
        assert squeeze(tip) in text, tip


@pytest.mark.skipif(shutil.which("pdftoppm") is None and not os.environ.get("CI"), reason="pdftoppm (poppler-utils) is not installed; .ci/run installs it")
def test_leaflet_qr_code_decodes_to_the_case_page(printed, tmp_path):
    _, config, _, folder = printed
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", str(folder / "leaflets" / f"{SLUG}.pdf"), str(tmp_path / "page")], check=True)
    found = [b.text for b in zxingcpp.read_barcodes(Image.open(tmp_path / "page.png"))]
    assert found == [case_page_url(config, SLUG)]


def test_quiz_sheet_has_the_questions_first_and_the_answers_only_on_the_last_page(printed):
    library, _, _, folder = printed
    pages = [squeeze(p.extract_text()) for p in PdfReader(folder / "quiz" / "telecom-fraud.pdf").pages]
    assert len(pages) >= 2
    for item in library.cases[0].quiz:
        assert squeeze(item.question) in "".join(pages[:-1])
        assert squeeze(item.explanation) in pages[-1] and squeeze(item.explanation) not in "".join(pages[:-1])


def test_booklet_is_a5_with_a_cover_and_a_page_per_case(printed):
    pdf = PdfReader(printed[3] / "booklets" / "telecom-fraud.pdf")
    assert len(pdf.pages) == 2
    assert (round(float(pdf.pages[0].mediabox.width)), round(float(pdf.pages[0].mediabox.height))) == (420, 595)


def test_rebuild_with_nothing_changed_typesets_and_writes_nothing(printed):
    library, config, _, folder = printed
    times = {p: p.stat().st_mtime_ns for p in folder.rglob("*")}
    report = write_print(render_print(library, config, episodes={}), config)
    assert (report.made, report.reused, report.removed) == (0, 3, 0)
    assert {p: p.stat().st_mtime_ns for p in folder.rglob("*")} == times


def test_an_unchanged_rebuild_draws_no_qr_code_and_a_new_site_url_remakes_what_shows_one(printed, monkeypatch, tmp_path):
    library, config, _, _ = printed

    def refuse(url):
        raise AssertionError(f"a QR code was drawn for the cache key: {url}")

    monkeypatch.setattr("casecast.qr.qr_svg", refuse)  # the key needs only the URLs
    assert render_print(library, config, episodes={}).made == 0
    monkeypatch.undo()
    moved = replace(config, site_url="https://another.example-bank.cn/")  # every QR code points elsewhere
    assert render_print(library, moved, episodes={}).made == 2  # the leaflet and the booklet; the quiz sheet has no QR code


def test_a_changed_case_remakes_only_its_files_and_drafts_are_left_out(tmp_path):
    library, config = project(tmp_path, "case_with_quiz.md")
    write_print(render_print(library, config, episodes={}), config)
    case = library.cases[0]
    changed = replace(library, cases=(replace(case, title="改过的标题"),))
    assert render_print(changed, config, episodes={}).made == 3  # leaflet, booklet and quiz sheet all show the title
    drafts = replace(library, cases=(replace(case, status="draft"),))
    report = write_print(render_print(drafts, config, episodes={}), config)
    assert (report.made, report.removed) == (0, 3) and not list((config.root / "print").rglob("*.pdf"))


def test_missing_font_is_a_clear_error(tmp_path):
    library, config = project(tmp_path, "case_with_quiz.md", extra="    leaflet:\n      font: 不存在的字体\n")
    with pytest.raises(ConfigError, match="apt-get install fonts-noto-cjk"):
        render_print(library, config, episodes={})
    assert not (config.root / "print").exists()


def test_a_leaflet_that_cannot_fit_one_page_names_the_case(tmp_path):
    library, config = project(tmp_path, "case_with_quiz.md")
    case = library.cases[0]
    tips = replace(case.section("tips"), markdown="\n".join(f"- 第{n}条很长的提示：请不要轻信陌生来电，任何要求转账、提供验证码或下载陌生软件的都是诈骗。" for n in range(40)))
    long = replace(case, sections=(case.sections[0], case.sections[1], tips))
    with pytest.raises(ContentError) as caught:
        render_print(replace(library, cases=(long,)), config, episodes={})
    assert [d.code for d in caught.value.diagnostics] == ["E601"] and caught.value.diagnostics[0].path == case.display_path


@pytest.mark.skipif(shutil.which("pdftoppm") is None and not os.environ.get("CI"), reason="pdftoppm (poppler-utils) is not installed; .ci/run installs it")
def test_leaflet_of_a_case_with_an_episode_has_a_second_qr_code_to_the_mp3(tmp_path):
    library, config = project(tmp_path, "case_with_quiz.md")
    write_print(render_print(library, config, episodes={SLUG}), config)
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", str(config.root / "print" / "leaflets" / f"{SLUG}.pdf"), str(tmp_path / "page")], check=True)
    found = sorted(b.text for b in zxingcpp.read_barcodes(Image.open(tmp_path / "page.png")))
    assert found == sorted([case_page_url(config, SLUG), f"{config.site_url}audio/{SLUG}.mp3"])


def test_a_kept_compiler_typesets_the_same_bytes_as_a_fresh_typst_compile(printed):
    import json

    import typst

    from casecast.leaflet.print_set import plan_jobs
    from casecast.leaflet.settings import parse_leaflet_settings
    from casecast.leaflet.typeset import compile_pdf, draw_qr_codes

    library, config, _, _ = printed
    settings = parse_leaflet_settings(config)
    for job in plan_jobs(library, config, settings, episodes={}):
        template = config.templates_dir / "leaflet" / job.template
        data = draw_qr_codes(job.make_data(job.scales[-1]))
        fresh = typst.compile(str(template), root=str(template.parent), font_paths=list(settings.font_paths),
                              ignore_system_fonts=True, sys_inputs={"data": json.dumps(data, ensure_ascii=False)})
        assert compile_pdf(template, data, settings) == compile_pdf(template, data, settings) == fresh, job.name


def test_an_edited_template_is_read_again_by_the_next_pdf(tmp_path):
    from casecast.leaflet.settings import parse_leaflet_settings
    from casecast.leaflet.typeset import compile_pdf

    folder = tmp_path / "leaflet"
    folder.mkdir()
    template = folder / "note.typ"
    settings = parse_leaflet_settings(project(tmp_path, "case_with_quiz.md")[1])
    texts = []
    for n, word in enumerate(("第一版模板", "第二版模板")):
        template.write_text(f'#set text(font: "{settings.font}")\n{word}\n', encoding="utf-8")
        os.utime(template, ns=(10**18 + n, 10**18 + n))
        pdf = tmp_path / f"{n}.pdf"
        pdf.write_bytes(compile_pdf(template, {}, settings))
        texts.append(squeeze(PdfReader(pdf).pages[0].extract_text()))
    assert texts == ["第一版模板", "第二版模板"]


def test_the_typesetting_process_makes_the_same_pdfs_as_this_process_and_reports_an_overflow(tmp_path):
    """The full build typesets in a separate process (casecast.leaflet.Typesetter): same bytes, same E601."""
    from casecast.leaflet import Typesetter, finish_print, plan_print
    from casecast.leaflet.typeset import typeset

    library, config = project(tmp_path, "case_with_quiz.md")
    plan = plan_print(library, config, episodes={SLUG})
    typesetter = Typesetter(plan.settings)
    try:
        elsewhere = typesetter.gather(typesetter.submit(plan.todo))
        assert elsewhere == {item.name: typeset(item, plan.settings) for item in plan.todo} and len(elsewhere) == 3
        case = library.cases[0]
        tips = replace(case.section("tips"), markdown="\n".join(f"- 第{n}条很长的提示：请不要轻信陌生来电，任何要求转账、提供验证码或下载陌生软件的都是诈骗。" for n in range(40)))
        long = replace(library, cases=(replace(case, sections=(case.sections[0], case.sections[1], tips)),))
        overflowing = plan_print(long, config, episodes={})
        with pytest.raises(ContentError) as caught:
            finish_print(overflowing, typesetter.gather(typesetter.submit(overflowing.todo)))
        assert [d.code for d in caught.value.diagnostics] == ["E601"] and caught.value.diagnostics[0].path == case.display_path
    finally:
        typesetter.close()


def test_a_pdf_key_changes_exactly_when_its_data_does(tmp_path):
    """Keys come from a job's inputs (no Markdown parsed for an unchanged PDF): a change of data must change
    the key; a key may change for more (an edited case remakes its category's quiz sheet, whatever changed)."""
    import json

    from casecast.leaflet.print_set import job_key, plan_jobs, print_basis, templates_digest
    from casecast.leaflet.settings import parse_leaflet_settings

    library, config = project(tmp_path, "case_with_quiz.md")
    settings = parse_leaflet_settings(config)
    templates = templates_digest(config.templates_dir / "leaflet")

    def state(library, config, settings, episodes):
        jobs = plan_jobs(library, config, settings, episodes)
        basis = print_basis(config, settings, templates)
        return {job.name: (job_key(job, basis), json.dumps(job.make_data(job.scales[0]), sort_keys=True)) for job in jobs}

    case = library.cases[0]
    tips = replace(case.section("tips"), markdown=case.section("tips").markdown + "\n- 多加的一条。\n")
    variants = {
        "title": (replace(library, cases=(replace(case, title="新的标题"),)), config, settings, set()),
        "tips": (replace(library, cases=(replace(case, sections=(*case.sections[:2], tips)),)), config, settings, set()),
        "site_url": (library, replace(config, site_url="https://another.example-bank.cn/"), settings, set()),
        "organisation": (library, replace(config, organisation="另一家银行"), settings, set()),
        "safety_line": (library, config, replace(settings, safety_line="不同的安全提示"), set()),
        "episode": (library, config, settings, {case.slug}),
    }
    before = state(library, config, settings, set())
    for name, variant in variants.items():
        after = state(*variant)
        for job in before:
            key_changed, data_changed = before[job][0] != after[job][0], before[job][1] != after[job][1]
            assert key_changed or not data_changed, (name, job)
            assert key_changed == data_changed or job.startswith("quiz/"), (name, job)
    assert state(library, config, settings, set()) == before
