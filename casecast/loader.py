"""Load every case in ``content/cases/`` into the model, reporting every problem in one pass.

``load_library`` never raises for bad content: it returns the cases that loaded and the findings.
``require_library`` is the gate the build uses: it raises ContentError while any error remains.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit
from types import MappingProxyType

from .config import Config
from .diagnostics import Diagnostic, Severity, count_errors, error, sort_diagnostics, warning
from .errors import ConfigError, ContentError
from .frontmatter import Document, decode_case_file, parse_front_matter, split_document
from .model import Case, ImageRef, Library, Taxonomy
from .body import find_deep_nesting, find_images, find_unsafe_html, resolve_local_file, split_sections
from .invisible import find_invisible_in_body
from .sanitize import find_sanitiser_removals
from .schema import FieldCheck, validate_fields
from .suggest import is_valid_slug, suggest_slug
from .taxonomy import TAXONOMY_FILE, load_taxonomy

CASES_FOLDER = "cases"


def display_path(path: Path) -> str:
    """The path as editors see it: relative to the working directory when possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def find_case_files(content_dir: Path) -> list[Path]:
    folder = content_dir / CASES_FOLDER
    if not folder.is_dir():
        raise ConfigError(f"{display_path(folder)}: no such folder; cases go in {CASES_FOLDER}/ inside the content folder")
    return sorted(p for p in folder.iterdir() if p.suffix.lower() == ".md" and p.is_file())


class CaseCache:
    """Cases loaded before, by the version of their file: ``serve`` loads again only the files saved since.

    A file's version is its inode, size and modification time; every case is loaded again when the
    taxonomy file or the settings (another Config) change, and a case whose images or cover are gone.
    """

    def __init__(self) -> None:
        self._loaded: dict[Path, tuple[tuple[object, ...], tuple[Case | None, list[Diagnostic]]]] = {}

    def load(self, path: Path, config: Config, taxonomy: Taxonomy) -> tuple[Case | None, list[Diagnostic]]:
        key = (_version(path), _version(config.content_dir / TAXONOMY_FILE), id(config))
        kept = self._loaded.get(path)
        if kept is not None and kept[0] == key and _files_still_there(kept[1][0]):
            return kept[1]
        loaded = load_case(path, config, taxonomy)
        self._loaded[path] = (key, loaded)
        return loaded

    def forget_others(self, paths: list[Path]) -> None:
        for gone in set(self._loaded) - set(paths):
            del self._loaded[gone]


def _version(path: Path) -> tuple[int, int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_ino, info.st_size, info.st_mtime_ns


def _files_still_there(case: Case | None) -> bool:
    return case is None or all(p.is_file() for p in (*(ref.path for ref in case.images), *([case.cover] if case.cover else [])))


def load_library(config: Config, *, cache: CaseCache | None = None) -> tuple[Library, list[Diagnostic]]:
    """Read, parse and validate every case; cases with errors are left out of the library.

    With ``cache``, files unchanged since it loaded them are not read again.
    """
    if not config.content_dir.is_dir():
        raise ConfigError(f"{display_path(config.content_dir)}: no such content folder; pass --content DIR or create it")
    taxonomy = load_taxonomy(config.content_dir)
    cases, problems = [], []
    paths = find_case_files(config.content_dir)
    if cache is not None:
        cache.forget_others(paths)
    for path in paths:
        case, found = cache.load(path, config, taxonomy) if cache is not None else load_case(path, config, taxonomy)
        problems += found
        if case is not None:
            cases.append(case)
    problems += find_duplicate_episodes(cases)
    problems += check_site_url(config)
    if not cases and not problems:
        problems.append(warning(display_path(config.content_dir / CASES_FOLDER), 0, 0, "W001", "no cases yet: create one with `python build.py new <slug>`"))
    cases.sort(key=lambda c: (c.date, c.slug), reverse=True)
    return Library(tuple(cases), taxonomy, config.content_dir), sort_diagnostics(problems)


def require_library(config: Config, *, strict: bool = False) -> Library:
    """Load the library, or raise ContentError carrying every finding when the check fails."""
    library, problems = load_library(config)
    failures = count_errors(problems, strict=strict)
    if failures:
        raise ContentError(f"{failures} problem(s) in the content; nothing was written", problems)
    return library


def load_case(path: Path, config: Config, taxonomy: Taxonomy) -> tuple[Case | None, list[Diagnostic]]:
    """Load one case file; (None, findings) when it has errors."""
    shown = display_path(path)
    if not path.resolve().is_relative_to(config.content_dir.resolve()):
        return None, [error(shown, 1, 1, "E012", f"this case is a link to {path.resolve()}, outside the content folder; copy the file into {CASES_FOLDER}/ instead of linking it")]
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, [error(shown, 1, 1, "E013", f"cannot read the file ({exc.strerror}); check its permissions (chmod a+r)")]
    text, problems = decode_case_file(data, shown)
    if text is None:
        return None, problems
    doc, problems = split_document(text, shown)
    if doc is None:
        return None, problems
    front, problems = parse_front_matter(doc, shown)
    if front is None:
        return None, problems
    check = FieldCheck(shown, front, taxonomy, problems)
    values = validate_fields(check)
    if not is_valid_slug(path.stem):
        check.problems.append(error(shown, 1, 1, "E010", f"file name '{path.name}' is not a valid slug (lowercase letters, digits, hyphens); rename it to '{suggest_slug(path.stem)}.md'"))
    sections, found = split_sections(doc.body, doc.body_line, config.section_aliases, shown)
    check.problems.extend(found)
    check.problems.extend(find_unsafe_html(doc.body, doc.body_line, shown))
    check.problems.extend(find_sanitiser_removals(doc.body, doc.body_line, shown))
    check.problems.extend(find_invisible_in_body(doc.body, doc.body_line, shown))
    check.problems.extend(find_deep_nesting(doc.body, doc.body_line, shown))
    images = _check_images(doc, path, config, check)
    cover = _check_cover(values.get("cover"), path, config, check)
    if any(p.severity is Severity.ERROR for p in check.problems):
        return None, check.problems
    return _build_case(path, shown, values, doc, sections, images, cover, front.key_positions, config), check.problems


def _check_images(doc: Document, path: Path, config: Config, check: FieldCheck) -> tuple[ImageRef, ...]:
    images = []
    for target, line, col in find_images(doc.body, doc.body_line):
        resolved, problem = resolve_local_file(target, path, config.content_dir)
        if problem or resolved is None:
            code = "E302" if "outside" in str(problem) else "E303" if "not a local file" in str(problem) else "E301"
            check.problems.append(error(check.path, line, col, code, f"image {problem}"))
        else:
            images.append(ImageRef(target, line, col, resolved))
    return tuple(images)


def _check_cover(target: str | None, path: Path, config: Config, check: FieldCheck) -> Path | None:
    if not target:
        return None
    resolved, problem = resolve_local_file(target, path, config.content_dir)
    if problem:
        check.error("cover", "E112", f"cover {problem}")
    return resolved


def _build_case(path, shown, values, doc, sections, images, cover, positions, config) -> Case:  # noqa: ANN001
    return Case(
        slug=path.stem,
        path=path.resolve(),
        display_path=shown,
        title=values["title"],
        date=values["date"],
        category=values["category"],
        audiences=values.get("audiences") or ("everyone",),
        tags=values.get("tags", ()),
        summary=values["summary"],
        status=values.get("status", "published"),
        episode=values.get("episode"),
        author=values.get("author") or config.author,
        voice=values.get("voice"),
        cover=cover,
        sources=values.get("sources", ()),
        allow=values.get("allow", ()),
        body=doc.body,
        body_line=doc.body_line,
        sections=sections,
        images=images,
        field_lines=MappingProxyType({k: v[0] for k, v in positions.items()}),
        quiz=values.get("quiz", ()),
        voices=values.get("voices", ()),
        speakers=values.get("speakers", ()),
        head_lines=tuple("\n".join(doc.text.split("\n")[: doc.body_line - 1]).splitlines()),
    )


LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1", "0.0.0.0")


def check_site_url(config: Config) -> list[Diagnostic]:
    """A missing ``site_url`` ships localhost links in the feed, the pages and 阅读原文: a warning (fails --strict)."""
    if (urlsplit(config.site_url).hostname or "") in LOCAL_HOSTS:
        return [warning(display_path(config.config_file), 1, 1, "W002", f"site_url is not set (links would point to {config.site_url}); add e.g. `site_url: https://edu.example-bank.cn/` to mkdocs.yml")]
    return []


def find_duplicate_episodes(cases: list[Case]) -> list[Diagnostic]:
    """Episode numbers must be unique: each repeat names the file that has it first."""
    first: dict[int, Case] = {}
    problems = []
    for case in sorted(cases, key=lambda c: c.display_path):
        if case.episode is None:
            continue
        owner = first.setdefault(case.episode, case)
        if owner is not case:
            line = case.field_lines.get("episode", 1)
            problems.append(error(case.display_path, line, 1, "E110", f"episode {case.episode} is already used by {owner.display_path}:{owner.field_lines.get('episode', 1)}; give each case its own number"))
    return problems
