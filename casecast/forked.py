"""Work in forked child processes that share what the build has loaded; only results come back.

A full build's heavy, independent work (the compliance check and gate with jieba, the spoken
scripts with wetext, the QR masks, typesetting with Typst) runs in children forked from the build
once the library has loaded. A child inherits the library as it was loaded: nothing is read again
and nothing is pickled on the way in, so every channel sees the same content even if an editor saves
during the build. This spreads the work over the cores, and keeps the libraries it loads (jieba's
dictionaries and tagger, wetext's grammars, Typst's fonts) out of the build process, whose memory
the espeak children forked during the audio step would otherwise share.

A child may wait for messages from the build (:meth:`Forked.send`, ``receive()`` in the child): a
worker forked early, while the build process is small, can be given its input later.

Where ``os.fork`` does not exist (Windows), the call runs in the build process when its result is
asked for, with the messages sent so far.
"""

from __future__ import annotations

import os
import pickle
import signal
from typing import Any, Callable, Generic, TypeVar

from .errors import BuildError, CasecastError
from .libc import c_library

T = TypeVar("T")
Receive = Callable[[], Any]
_HEADER = 8  #: bytes of the length that precedes each message
PR_SET_PDEATHSIG = 1  #: prctl option (linux/prctl.h)


class Forked(Generic[T]):
    """``work(receive)`` running in a forked child; :meth:`result` waits for its value or error."""

    def __init__(self, work: Callable[[Receive], T], what: str) -> None:
        self.what = what  #: for messages: "typesetting the printed material"
        self._work = work
        self._pid = 0
        self._result_fd = self._inbox_fd = -1
        self._sent: list[Any] = []  #: messages, for the in-process fallback
        if hasattr(os, "fork"):
            self._start()

    def _start(self) -> None:
        result_read, result_write = os.pipe()
        inbox_read, inbox_write = os.pipe()
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:  # the child: do the work, send the outcome, exit without the parent's cleanup
            status = 0
            try:
                die_with_parent(parent)
                signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl+C and kill end a child at once
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
                _close_other_files(keep=(result_write, inbox_read))
                outcome = _outcome(self._work, lambda: _read_message(inbox_read))
                with os.fdopen(result_write, "wb") as pipe:
                    pipe.write(outcome)
            except BaseException:  # noqa: BLE001 - nothing may escape a forked child
                status = 1
            os._exit(status)
        os.close(result_write)
        os.close(inbox_read)
        self._pid, self._result_fd, self._inbox_fd = pid, result_read, inbox_write

    def send(self, message: Any) -> None:
        """Give the child its next input (it calls ``receive()`` to get it)."""
        if not self._pid:
            self._sent.append(message)
            return
        data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        try:
            _write_all(self._inbox_fd, len(data).to_bytes(_HEADER, "little") + data)
        except BrokenPipeError:
            pass  # the child has already stopped: result() says why

    def result(self) -> T:
        """The child's return value, or its CasecastError raised again here."""
        if not self._pid:
            messages = iter(self._sent)
            return self._work(lambda: next(messages))
        try:
            with os.fdopen(self._result_fd, "rb") as pipe:
                data = pipe.read()  # everything before waiting: a large result cannot fill the pipe
        finally:
            self._result_fd = -1
            self._reap()
        try:
            kind, value = pickle.loads(data)
        except Exception:  # noqa: BLE001 - an empty or cut-off result: the child died
            raise BuildError(f"a worker process stopped while {self.what}; run the command again") from None
        if kind == "error":
            raise value
        return value

    def cancel(self) -> None:
        """Stop the child if it is still running (after a failure elsewhere in the build)."""
        if self._pid:
            try:
                os.kill(self._pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            if self._result_fd >= 0:
                os.close(self._result_fd)
                self._result_fd = -1
            self._reap()

    def _reap(self) -> None:
        if self._inbox_fd >= 0:
            os.close(self._inbox_fd)
            self._inbox_fd = -1
        if self._pid:
            os.waitpid(self._pid, 0)
            self._pid = 0


def die_with_parent(parent: int) -> None:
    """In a worker process: be killed when the build process dies (even by ``kill -9``), not run on without it.

    Linux only (``prctl(PR_SET_PDEATHSIG)``); elsewhere a worker ends when it finds its pipes closed.
    """
    prctl = getattr(c_library(), "prctl", None)
    if prctl is None:
        return
    prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the call above
        os._exit(1)


def _outcome(work: Callable[[Receive], Any], receive: Receive) -> bytes:
    """The pickled ("ok", value) or ("error", exception) of ``work``; an error that cannot travel becomes a BuildError."""
    try:
        return pickle.dumps(("ok", work(receive)), protocol=pickle.HIGHEST_PROTOCOL)
    except CasecastError as exc:
        error: BaseException = exc
    except Exception as exc:  # noqa: BLE001 - reported to the parent, which raises it
        error = BuildError(f"{type(exc).__name__}: {exc}")
    try:
        return pickle.dumps(("error", error), protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # noqa: BLE001
        return pickle.dumps(("error", BuildError(str(error))))


def _read_message(fd: int) -> Any:
    size = int.from_bytes(_read_exactly(fd, _HEADER), "little")
    return pickle.loads(_read_exactly(fd, size))


def _read_exactly(fd: int, size: int) -> bytes:
    chunks, left = [], size
    while left:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            raise EOFError("the build process went away")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _close_other_files(keep: tuple[int, ...]) -> None:
    """Close every inherited file but the standard ones and ``keep``: no child holds another's pipe open."""
    start = 3
    for fd in sorted(keep):
        os.closerange(start, fd)
        start = fd + 1
    os.closerange(start, os.sysconf("SC_OPEN_MAX"))
