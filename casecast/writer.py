"""The one writer of a build: it owns the output folders (``site/``, ``wechat/``, ``audio/``, the docs folder).

Promises, for every file it writes:

- **atomic**: a temporary file in the same folder, flushed, then renamed over the target, so a reader sees
  the old file or the whole new one;
- **only when the bytes change**: an unchanged file is not rewritten and keeps its mtime (and inode);
- **once per build**: writing one path twice in a build is a bug in casecast and raises ``BuildError``
  (as Pelican's writer refuses to overwrite a file it wrote in the same run);
- **audio without copies**: files that already exist elsewhere (episodes, images) are hard-linked where the
  file system allows, and copied only where it does not.

Folders that must change as a whole (``site/``, ``wechat/``) are built in a staging folder beside the target
(:class:`StagedFolder`) and exchanged with it in one ``renameat2(RENAME_EXCHANGE)`` where Linux offers it.
The audio set (episodes + manifest + feed) changes file by file, so it uses a redo journal instead
(:class:`FileSet`): new files go to a staging folder; ``commit`` first writes a journal naming them, then
renames them in, then deletes the journal. A build killed before the journal leaves the old set (the next
build reuses what was staged); killed after it, the next build replays the journal and so completes the
new set.
"""

from __future__ import annotations

import ctypes
import errno
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Iterable, Mapping

from .errors import BuildError, os_error_advice
from .libc import c_library

TEMP_SUFFIX = ".casecast-tmp"
STAGE_PREFIX = ".casecast-stage"  #: staging folder of a file set, inside its folder
JOURNAL_NAME = ".casecast-commit.json"


def _describe(exc: OSError, path: Path) -> BuildError:
    return BuildError(f"{path}: cannot write: {os_error_advice(exc)}; the previous outputs were left as they were")


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the whole new one, never a part (OSError on failure)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TEMP_SUFFIX)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def write_output(path: Path, data: bytes) -> None:
    """:func:`write_atomic`, with a failure (disk full, read-only) as a BuildError naming the path."""
    try:
        write_atomic(path, data)
    except OSError as exc:
        raise _describe(exc, path) from None


def same_bytes(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def same_file(a: Path, b: Path) -> bool:
    """True when ``a`` and ``b`` hold the same bytes (cheaply when they are the same inode)."""
    try:
        sa, sb = a.stat(), b.stat()
    except OSError:
        return False
    if (sa.st_dev, sa.st_ino) == (sb.st_dev, sb.st_ino):
        return True
    if sa.st_size != sb.st_size:
        return False
    with a.open("rb") as fa, b.open("rb") as fb:
        while True:
            block_a, block_b = fa.read(1 << 20), fb.read(1 << 20)
            if block_a != block_b:
                return False
            if not block_a:
                return True


def link_or_copy(source: Path, target: Path) -> None:
    """Place ``source``'s bytes at ``target`` without copying them (a hard link), or copy where links fail."""
    try:
        if os.path.samefile(source, target):
            return  # already the same file (renaming a link over itself would leave the link behind)
    except OSError:
        pass
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f".{target.name}.{os.getpid()}{TEMP_SUFFIX}")
    temp.unlink(missing_ok=True)
    try:
        try:
            os.link(source, temp)
        except OSError:
            shutil.copy2(source, temp)
        os.replace(temp, target)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise _describe(exc, target) from None


def remove_temporaries(folder: Path) -> int:
    """Delete temporary files a killed build left in ``folder`` (not below); returns how many."""
    if not folder.is_dir():
        return 0
    stale = list(folder.glob(f".*{TEMP_SUFFIX}"))
    for path in stale:
        path.unlink(missing_ok=True)
    return len(stale)


class Writer:
    """Writes the files of one build; counts what changed; refuses to write a path twice."""

    def __init__(self) -> None:
        self.claimed: set[Path] = set()
        self.written = 0  #: files whose bytes changed
        self.kept = 0  #: files left alone because their bytes were already right

    def _claim(self, path: Path) -> Path:
        path = Path(os.path.abspath(path))
        if path in self.claimed:
            raise BuildError(f"{path}: two outputs of this build want the same file; rename one of them (slugs must be unique)")
        self.claimed.add(path)
        return path

    def write(self, path: Path, data: bytes | str) -> bool:
        """Write ``data`` unless ``path`` already holds exactly it; returns True when it was written."""
        path = self._claim(path)
        data = data.encode("utf-8") if isinstance(data, str) else data
        if same_bytes(path, data):
            self.kept += 1
            return False
        write_output(path, data)
        self.written += 1
        return True

    def place(self, path: Path, source: Path) -> bool:
        """Put the file ``source`` at ``path`` (hard link or copy) unless it is already there."""
        path = self._claim(path)
        if same_file(path, source):
            self.kept += 1
            return False
        link_or_copy(source, path)
        self.written += 1
        return True

    def sync_folder(self, folder: Path, pages: Mapping[str, bytes | str], files: Mapping[str, Path], keep: Iterable[str] = ()) -> int:
        """Bring ``folder`` to exactly ``pages`` (bytes) + ``files`` (linked); removes the rest; returns changes."""
        before = self.written
        for relative, data in pages.items():
            self.write(folder / relative, data)
        for relative, source in files.items():
            self.place(folder / relative, source)
        removed = remove_others(folder, {*pages, *files, *keep})
        return self.written - before + removed


def remove_others(folder: Path, keep: set[str]) -> int:
    """Delete every file under ``folder`` not named in ``keep`` (paths relative, with ``/``) and empty folders."""
    removed = 0
    for path in sorted(folder.rglob("*"), reverse=True):
        if path.is_dir() and not path.is_symlink():
            if not any(path.iterdir()):
                path.rmdir()
        elif path.relative_to(folder).as_posix() not in keep:
            path.unlink()
            removed += 1
    return removed


# --- folder exchange -----------------------------------------------------------------------------------

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _renameat2():  # noqa: ANN202
    function = getattr(c_library(), "renameat2", None)  # None off Linux and on a C library without it
    if function is not None:
        function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    return function


_RENAMEAT2 = _renameat2()


def exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one atomic step (Linux ``renameat2``); False where the system cannot."""
    if _RENAMEAT2 is None:
        return False
    if _RENAMEAT2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(a))


def staging_prefix(target: Path) -> str:
    return f".{target.name}.new-"


def retired_prefix(target: Path) -> str:
    return f".{target.name}.old-"


def swap_folder(staging: Path, target: Path) -> None:
    """Replace ``target`` with ``staging`` (the old folder is deleted after); atomic where the system allows.

    Without ``RENAME_EXCHANGE`` two renames are used; a crash between them leaves ``target`` missing and
    its old copy in ``.<name>.old-*``, which :func:`recover_folder` puts back.
    """
    if not target.exists():
        os.replace(staging, target)
        return
    if exchange(staging, target):
        shutil.rmtree(staging, ignore_errors=True)  # now holds the old folder
        return
    retired = Path(tempfile.mkdtemp(prefix=retired_prefix(target), dir=target.parent))
    os.replace(target, retired / target.name)
    try:
        os.replace(staging, target)
    except BaseException:
        os.replace(retired / target.name, target)
        shutil.rmtree(retired, ignore_errors=True)
        raise
    shutil.rmtree(retired, ignore_errors=True)


def recover_folder(target: Path) -> list[Path]:
    """After a killed build: put back a folder lost between two renames, remove stale staging folders."""
    parent = target.parent
    if not parent.is_dir():
        return []
    removed = []
    for retired in sorted(parent.glob(retired_prefix(target) + "*")):
        if not target.exists() and (retired / target.name).is_dir():
            os.replace(retired / target.name, target)
        shutil.rmtree(retired, ignore_errors=True)
        removed.append(retired)
    for staging in sorted(parent.glob(staging_prefix(target) + "*")):
        shutil.rmtree(staging, ignore_errors=True)
        removed.append(staging)
    return removed


class StagedFolder:
    """A new version of ``target`` assembled beside it, then swapped in as a whole (or thrown away).

    Files whose bytes equal the current version's are hard links to it, so they keep their mtime; when
    every file is unchanged and none was added or removed, :meth:`commit` leaves ``target`` as it is.
    """

    def __init__(self, target: Path) -> None:
        self.target = target
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            self.path = Path(tempfile.mkdtemp(prefix=staging_prefix(target), dir=target.parent))
            self.path.chmod(0o755)  # mkdtemp makes it private; a web server must read the output
        except OSError as exc:
            raise _describe(exc, target) from None
        self.changed: set[str] = set()

    def write(self, relative: str, data: bytes | str) -> None:
        data = data.encode("utf-8") if isinstance(data, str) else data
        current = self.target / relative
        if same_bytes(current, data):
            link_or_copy(current, self.path / relative)
        else:
            write_output(self.path / relative, data)
            self.changed.add(relative)

    def place(self, relative: str, source: Path) -> None:
        current = self.target / relative
        link_or_copy(current if same_file(current, source) else source, self.path / relative)
        if not same_file(current, source):
            self.changed.add(relative)

    def link_current(self) -> None:
        """Start from the current version: every file a hard link to it (a tool must then replace a file, not
        write into it: :class:`casecast.site.mkdocs_engine` removes the links MkDocs would write into)."""
        if not self.target.is_dir():
            return
        for folder, _dirs, names in os.walk(self.target):
            here = Path(folder)
            into = self.path / here.relative_to(self.target)
            into.mkdir(parents=True, exist_ok=True)
            for name in names:
                if not (here / name).is_symlink():
                    link_or_copy(here / name, into / name)

    def keep_unchanged(self) -> None:
        """After a tool (MkDocs) wrote the folder: files equal to the current ones become links to them."""
        for path in self.path.rglob("*"):
            if path.is_file() and not path.is_symlink():
                relative = path.relative_to(self.path).as_posix()
                current = self.target / relative
                if same_file(current, path):
                    link_or_copy(current, path)
                else:
                    self.changed.add(relative)

    def differs(self) -> bool:
        if self.changed or not self.target.is_dir():
            return True
        names = lambda folder: {p.relative_to(folder).as_posix() for p in folder.rglob("*") if not p.is_dir()}  # noqa: E731
        return names(self.path) != names(self.target)

    def commit(self) -> bool:
        """Swap the new version in (when it differs); returns True when ``target`` changed."""
        if not self.differs():
            self.discard()
            return False
        try:
            swap_folder(self.path, self.target)
        except OSError as exc:
            self.discard()
            raise _describe(exc, self.target) from None
        return True

    def discard(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)


# --- file sets with a redo journal ------------------------------------------------------------------------

class FileSet:
    """Files of one folder that must change together (episodes + manifest + feed in ``audio/``).

    New files are written to ``<folder>/.casecast-stage/``; :meth:`locate` finds a name in the stage first,
    then in the folder. :meth:`commit` makes the staged files live through a journal (see the module doc).
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.stage = folder / STAGE_PREFIX
        self.removals: set[str] = set()

    def open(self) -> "FileSet":
        """Complete a journal left by a killed build; keep a stage left before its journal (work to reuse)."""
        replay_journal(self.folder)  # the stage folder itself is made by the first write into it
        remove_temporaries(self.folder)
        remove_temporaries(self.stage)
        return self

    def locate(self, name: str) -> Path:
        staged = self.stage / name
        return staged if staged.exists() else self.folder / name

    def staged_path(self, name: str) -> Path:
        return self.stage / name

    def write(self, name: str, data: bytes | str) -> bool:
        """Stage ``data`` as ``name`` unless the live file already holds it (then any staged copy is dropped)."""
        data = data.encode("utf-8") if isinstance(data, str) else data
        self.removals.discard(name)
        if same_bytes(self.folder / name, data):
            (self.stage / name).unlink(missing_ok=True)
            return False
        if same_bytes(self.stage / name, data):
            return False
        write_output(self.stage / name, data)
        return True

    def remove(self, name: str) -> None:
        (self.stage / name).unlink(missing_ok=True)
        self.removals.add(name)

    def commit(self) -> int:
        """Make every staged file live and apply the removals; returns how many files changed."""
        names = sorted(p.name for p in self.stage.iterdir() if p.is_file() and not p.name.endswith(TEMP_SUFFIX)) if self.stage.is_dir() else []
        names = [n for n in names if not same_file(self.stage / n, self.folder / n)]
        removals = sorted(n for n in self.removals if (self.folder / n).exists())
        if not names and not removals:
            shutil.rmtree(self.stage, ignore_errors=True)
            return 0
        write_output(self.folder / JOURNAL_NAME, json.dumps({"rename": names, "remove": removals}, ensure_ascii=False).encode())
        replay_journal(self.folder)
        return len(names) + len(removals)

    def discard(self) -> None:
        shutil.rmtree(self.stage, ignore_errors=True)


def replay_journal(folder: Path) -> bool:
    """Finish a commit whose journal is in ``folder``; idempotent. Returns True when there was one."""
    journal = folder / JOURNAL_NAME
    try:
        plan = json.loads(journal.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return False
    except (ValueError, UnicodeDecodeError):
        journal.unlink(missing_ok=True)  # torn before its rename: never valid, so nothing was committed
        return False
    stage = folder / STAGE_PREFIX
    try:
        for name in plan.get("rename", []):
            if (stage / name).exists():
                os.replace(stage / name, folder / name)
        for name in plan.get("remove", []):
            (folder / name).unlink(missing_ok=True)
        shutil.rmtree(stage, ignore_errors=True)
        journal.unlink(missing_ok=True)
    except OSError as exc:
        raise _describe(exc, folder) from None
    return True
