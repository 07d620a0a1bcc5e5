"""Builds as transactions: one build at a time per project folder, and every output set switched together.

- :func:`build_lock` takes an exclusive ``flock`` on ``build/casecast.lock`` in the project folder. A second
  build refuses at once with a message naming the one that holds the lock (the kernel releases the lock
  when a process dies, even by ``kill -9``, so a stale lock never blocks anyone).
- Holding the lock, :func:`recover_outputs` finishes or undoes what a killed build left: it replays the
  audio journal, puts back a folder lost between two renames and removes stale ``.site.new-*`` /
  ``.wechat.new-*`` / ``.*.old-*`` folders.
- :func:`commit_outputs` switches the staged output sets (audio + manifest + feed, site, WeChat) one after
  the other with SIGINT and SIGTERM held back, so an interrupt comes either before anything switched or
  after everything did, and :func:`interrupted_message` can say which.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import signal
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator, Sequence

from .config import Config
from .errors import BuildError
from .writer import STAGE_PREFIX, recover_folder, replay_journal

LOCK_NAME = "casecast.lock"

#: What this process has switched to new outputs (for the message after an interrupt).
switched: list[str] = []


def lock_path(config: Config) -> Path:
    return config.root / "build" / LOCK_NAME


@contextmanager
def build_lock(config: Config, command: str) -> Iterator[None]:
    """Hold the project's build lock for the block; BuildError at once when another build holds it."""
    path = lock_path(config)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise BuildError(f"{path}: cannot create the build lock ({exc.strerror}); check that the project folder is writable") from None
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(handle, 512, 0).decode("utf-8", "replace").strip() or "另一个进程"
            raise BuildError(
                f"{path}: 另一个构建正在运行（{holder}），本次没有写任何文件；等它结束后再运行。"
                "（锁在那个进程结束时自动释放，即使它被强行终止）"
            ) from None
        started = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        os.ftruncate(handle, 0)
        os.pwrite(handle, f"pid {os.getpid()}，python build.py {command}，开始于 {started}\n".encode(), 0)
        yield
    finally:
        os.close(handle)  # closing releases the lock


def recover_outputs(config: Config) -> None:
    """Finish (audio journal) or undo (folder swaps) what a killed build left; call holding the lock."""
    replay_journal(config.audio_dir)
    for target in (config.site_dir, config.wechat_dir):
        recover_folder(target)


def stale_staging(config: Config) -> list[Path]:
    """Staging folders a build would clean up (for tests and the README's promise)."""
    found = []
    for target in (config.site_dir, config.wechat_dir):
        if target.parent.is_dir():
            found += sorted(target.parent.glob(f".{target.name}.new-*")) + sorted(target.parent.glob(f".{target.name}.old-*"))
    if (config.audio_dir / STAGE_PREFIX).exists():
        found.append(config.audio_dir / STAGE_PREFIX)
    return found


def _raise_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt(signal.Signals(signum).name)


@contextmanager
def interrupts_as_keyboard_interrupt() -> Iterator[None]:
    """SIGTERM ends the build the way Ctrl+C does (staging removed, a true message)."""
    previous = signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def commit_outputs(steps: Sequence[tuple[str, Callable[[], object]]]) -> None:
    """Run each output set's commit with SIGINT/SIGTERM held back until all are done."""
    held = {signal.SIGINT, signal.SIGTERM}
    blocked = sys.platform != "win32"
    if blocked:
        signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        for name, commit in steps:
            if commit():
                switched.append(name)
            elif name not in switched:
                switched.append(f"{name}（无变化）")
    finally:
        if blocked:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, held)


def interrupted_message() -> str:
    """What is true after an interrupt in this process."""
    if not switched:
        return "已中断：没有切换任何产物，之前的产物保持不变（已生成的节目暂存在 audio/.casecast-stage/，下次构建会沿用）。"
    return f"已中断：中断前已完成切换（{'、'.join(switched)}），各产物都是新版本且彼此一致。"
