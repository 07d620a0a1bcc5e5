"""Plan, typeset (only what changed) and write the printed material to ``print/``.

Every PDF is typeset in memory before anything is written; each is keyed by a hash of its data,
the templates, the Typst version and the font, kept in ``print/manifest.json``, so a rebuild with
nothing changed typesets and writes nothing.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Collection, Mapping, Sequence

import segno

from ..audio.files import write_atomic
from ..build_record import code_fingerprint
from ..config import Config
from ..diagnostics import error
from ..errors import ContentError
from ..memo import content_key
from ..model import Case, Library
from ..urls import case_page_url, episode_url
from .content import booklet_data, common_data, leaflet_data, quiz_sheet_data
from .settings import LeafletSettings, parse_leaflet_settings
from .typeset import Typesetting, release_compilers, typeset, typst_version

MANIFEST = "manifest.json"
MANIFEST_VERSION = 1
#: Scales tried, largest first, until a leaflet fits one page (the template keeps body text ≥ 14 pt, the title ≥ 24 pt).
LEAFLET_SCALES = (1.0, 0.9, 0.8)


@dataclass(frozen=True)
class PrintJob:
    name: str  #: path inside print/, e.g. "leaflets/fake-refund-call.pdf"
    template: str  #: file in templates/leaflet/
    make_data: Callable[[float], dict[str, Any]]  #: scale → the template's data (QR codes not drawn)
    case: Case | None = None  #: a leaflet's case (for the overflow message)
    scales: tuple[float, ...] = (1.0,)
    #: what its data is made of besides the project's settings (:func:`print_basis`): each case's
    #: fingerprint, its addresses, whether it has an episode, the category's label and description
    inputs: tuple[str, ...] = ()


@dataclass(frozen=True)
class PrintedFile:
    name: str
    key: str
    pdf: bytes | None  #: None: unchanged since the last build (the file in print/ is kept)


@dataclass
class PrintSet:
    """Every PDF of a print build, in memory, ready to be written."""

    files: list[PrintedFile] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def made(self) -> int:
        return sum(1 for f in self.files if f.pdf is not None)


@dataclass(frozen=True)
class PrintReport:
    made: int
    reused: int
    removed: int
    seconds: float

    def summary(self) -> str:
        return f"打印资料：新排版 {self.made} 个 PDF，沿用 {self.reused} 个，删除 {self.removed} 个（print/，{self.seconds:.1f} 秒）"


def print_dir(config: Config) -> Path:
    return config.root / "print"


def plan_jobs(library: Library, config: Config, settings: LeafletSettings, episodes: Collection[str]) -> list[PrintJob]:
    """A leaflet per published case; a booklet and (when any case has a quiz) a quiz sheet per category."""
    cases = library.public()  # print is public material: never drafts
    page = lambda c: (c.fingerprint, case_page_url(config, c.slug))  # noqa: E731
    jobs = [
        PrintJob(f"leaflets/{c.slug}.pdf", "leaflet.typ", lambda s, c=c: leaflet_data(c, config, settings, c.slug in episodes, s), c,
                 LEAFLET_SCALES, (*page(c), episode_url(config, c.slug) if c.slug in episodes else ""))
        for c in cases
    ]
    for category, term in library.taxonomy.categories.items():
        members = sorted((c for c in cases if c.category == category), key=lambda c: (c.episode or 10**6, c.slug))
        if not members:
            continue
        about = (category, term.label, term.description)
        jobs.append(PrintJob(f"booklets/{category}.pdf", "booklet.typ", lambda s, m=members, k=category: booklet_data(k, m, library, config, settings),
                             inputs=(*about, *(part for c in members for part in page(c)))))
        if any(c.quiz for c in members):
            jobs.append(PrintJob(f"quiz/{category}.pdf", "quiz-sheet.typ", lambda s, m=members, k=category: quiz_sheet_data(k, m, library, config, settings),
                                 inputs=(*about, *(c.fingerprint for c in members))))
    return jobs


def templates_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.glob("*.typ")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def print_basis(config: Config, settings: LeafletSettings, templates: str) -> str:
    """What every PDF depends on: the settings its data takes from mkdocs.yml (the same for every job:
    organisation, series, hotlines, font …; Markdown extensions for the tips), the templates, Typst's and
    segno's versions (a QR code follows from its URL and segno), and casecast's code."""
    common = json.dumps(common_data(config, settings, ""), ensure_ascii=False, sort_keys=True)
    return content_key("print", str(MANIFEST_VERSION), common, config.series, repr(config.markdown_extensions), repr(settings),
                       templates, typst_version(), segno.__version__, code_fingerprint())


def job_key(job: PrintJob, basis: str) -> str:
    """A PDF's key, from its inputs rather than its data: no case's Markdown is parsed to find an unchanged PDF."""
    return content_key(basis, job.name, job.template, *map(str, job.scales), *job.inputs)


def read_manifest(folder: Path) -> dict[str, dict[str, str]]:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        return dict(data["files"]) if data.get("version") == MANIFEST_VERSION else {}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def is_intact(folder: Path, name: str, entry: dict[str, str] | None, key: str) -> bool:
    if not entry or entry.get("key") != key:
        return False
    try:
        return hashlib.sha256((folder / name).read_bytes()).hexdigest() == entry.get("sha256")
    except OSError:
        return False


@dataclass
class PrintPlan:
    """Every PDF of a print build with its key; ``todo`` are the ones to typeset (changed or missing)."""

    files: list[tuple[PrintJob, str]]  #: (job, key) in order
    todo: list[Typesetting]
    settings: LeafletSettings
    started: float = field(default_factory=time.perf_counter)


def plan_print(library: Library, config: Config, *, episodes: Collection[str] | None = None) -> PrintPlan:
    """Every PDF's key, and the typesetting of those whose key or file changed (QR codes not drawn yet).

    ``episodes``: slugs whose leaflet links to an episode (default: those ``audio/`` holds now; the
    full build passes every public case, whose episodes it makes before it writes ``print/``).
    """
    from ..audio import read_episodes

    started = time.perf_counter()
    settings = parse_leaflet_settings(config)
    jobs = plan_jobs(library, config, settings, read_episodes(config) if episodes is None else episodes)
    templates = templates_digest(config.templates_dir / "leaflet")
    manifest, folder = read_manifest(print_dir(config)), print_dir(config)
    basis = print_basis(config, settings, templates)
    files, todo = [], []
    for job in jobs:
        key = job_key(job, basis)
        files.append((job, key))
        if not is_intact(folder, job.name, manifest.get(job.name), key):
            template = str(config.templates_dir / "leaflet" / job.template)
            todo.append(Typesetting(job.name, template, job.make_data(job.scales[0]), job.scales))
    return PrintPlan(files, todo, settings, started)


def finish_print(plan: PrintPlan, typeset: Mapping[str, bytes | None]) -> PrintSet:
    """The print set from the plan and the typeset PDFs (name → PDF, None where it overflowed at every scale)."""
    result = PrintSet()
    for job, key in plan.files:
        pdf = typeset[job.name] if job.name in typeset else None
        if job.name in typeset and pdf is None:
            raise overflow_error(job)
        result.files.append(PrintedFile(job.name, key, pdf))
    result.seconds = time.perf_counter() - plan.started
    return result


def overflow_error(job: PrintJob) -> ContentError:
    case = job.case
    where = (case.display_path, case.section("tips").line) if case else (f"templates/leaflet/{job.template}", 1)
    return ContentError("a leaflet does not fit on one A4 page; nothing was written", [
        error(where[0], where[1], 1, "E601", "the leaflet does not fit on one A4 page even at the smallest print size; shorten the summary or the 消保提示"),
    ])


def render_print(library: Library, config: Config, *, episodes: Collection[str] | None = None,
                 progress: Callable[[str], None] | None = None) -> PrintSet:
    """Typeset every changed PDF in memory, in this process (nothing is written); unchanged ones are only listed."""
    plan = plan_print(library, config, episodes=episodes)
    done: dict[str, bytes | None] = {}
    try:
        for item in plan.todo:
            if progress:
                progress(f"排版 {item.name}")
            done[item.name] = typeset(item, plan.settings)
    finally:
        release_compilers()
    return finish_print(plan, done)


def write_print(printed: PrintSet, config: Config) -> PrintReport:
    """Write the new PDFs, remove those no longer planned, then the manifest (each file atomically)."""
    folder = print_dir(config)
    old = read_manifest(folder)
    entries = {}
    for item in printed.files:
        if item.pdf is not None:
            write_atomic(folder / item.name, item.pdf)
            entries[item.name] = {"key": item.key, "sha256": hashlib.sha256(item.pdf).hexdigest()}
        else:
            entries[item.name] = old[item.name]
    removed = 0
    for name in set(old) - set(entries):
        (folder / name).unlink(missing_ok=True)
        removed += 1
    if printed.made or removed or not (folder / MANIFEST).exists():
        data = {"version": MANIFEST_VERSION, "files": dict(sorted(entries.items()))}
        write_atomic(folder / MANIFEST, json.dumps(data, ensure_ascii=False, indent=1).encode())
    return PrintReport(printed.made, len(printed.files) - printed.made, removed, printed.seconds)


def print_names(printed: PrintSet) -> Sequence[str]:
    return [f.name for f in printed.files]
