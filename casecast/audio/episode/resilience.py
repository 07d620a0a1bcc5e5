"""Bounded, retried engine calls: a hung engine is stopped by a timeout; transient failures are retried."""

from __future__ import annotations

import contextvars
import threading
import time
from typing import Callable, TypeVar

from ...errors import SynthesisError
from ..engines.base import EngineError

T = TypeVar("T")


def call_with_timeout(call: Callable[[], T], timeout: float, what: str) -> T:
    """Run ``call`` in a daemon thread and wait at most ``timeout`` seconds for it.

    A call that does not return in time is abandoned (Python cannot stop a thread; it is a daemon,
    so it never keeps the process alive) and reported as a transient EngineError.
    """
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["value"] = call()
        except BaseException as exc:  # handed to the waiting thread
            outcome["error"] = exc

    context = contextvars.copy_context()  # the call sees the caller's context (an engine's episode session)
    worker = threading.Thread(target=context.run, args=(run,), name=f"casecast-tts {what}", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise EngineError(f"{what}: the engine did not finish within {timeout:g} s and was stopped", transient=True)
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]


def is_transient(exc: BaseException) -> bool:
    if isinstance(exc, EngineError):
        return exc.transient
    return isinstance(exc, (OSError, TimeoutError, ConnectionError))


def call_with_retries(call: Callable[[], T], *, retries: int, backoff: float, what: str,
                      sleep: Callable[[float], None] = time.sleep) -> T:
    """Call, retrying transient failures ``retries`` times with exponential backoff.

    A permanent failure, or the last transient one, becomes a SynthesisError naming ``what``.
    """
    for attempt in range(retries + 1):
        try:
            return call()
        except SynthesisError as exc:
            if not is_transient(exc) or attempt == retries:
                raise SynthesisError(f"{what}: {exc}" + _attempts(attempt)) from exc
        except Exception as exc:  # an engine's own exception type
            if not is_transient(exc) or attempt == retries:
                raise SynthesisError(f"{what}: {type(exc).__name__}: {exc}" + _attempts(attempt)) from exc
        sleep(backoff * 2**attempt)
    raise AssertionError("unreachable")


def _attempts(attempt: int) -> str:
    return f" (after {attempt + 1} attempts)" if attempt else ""
