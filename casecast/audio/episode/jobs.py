"""Running episode jobs a few at a time; the first failure stops the rest."""

from __future__ import annotations

from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor, wait
from typing import Callable, Sequence

from ...console import ProgressCallback
from ...errors import BuildError, CasecastError, os_error_advice
from .episodes import EpisodeJob

PROGRESS_LABEL = "有声节目"


def run_jobs(jobs: Sequence[EpisodeJob], worker: Callable[[EpisodeJob], str], workers: int,
             progress: ProgressCallback | None) -> dict[str, str]:
    """Run ``worker`` on every job, ``workers`` at a time; the first failure stops the rest and is raised."""
    outcome: dict[str, str] = {}
    if progress:
        progress(PROGRESS_LABEL, 0, len(jobs))
    with ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="casecast-audio") as pool:
        futures: dict[Future[str], EpisodeJob] = {pool.submit(worker, job): job for job in jobs}
        try:
            _collect(futures, outcome, len(jobs), progress)
        except BaseException:  # a failed episode, or Ctrl-C: start nothing new; running episodes finish whole
            for future in futures:
                future.cancel()
            raise
    return outcome


def _collect(futures: dict[Future[str], EpisodeJob], outcome: dict[str, str], total: int,
             progress: ProgressCallback | None) -> None:
    pending = set(futures)
    while pending:
        done, pending = wait(pending, return_when=FIRST_EXCEPTION)
        for future in done:
            if future.exception() is not None:
                raise _named(future.exception(), futures[future])  # type: ignore[arg-type]
            outcome[futures[future].case.slug] = future.result()
        if progress:
            progress(PROGRESS_LABEL, len(outcome), total)


def _named(exc: BaseException, job: EpisodeJob) -> BaseException:
    if isinstance(exc, CasecastError):
        return exc
    if isinstance(exc, OSError):
        where = exc.filename or "audio/"
        return BuildError(f"{where}: cannot write the episode of {job.where()}: {os_error_advice(exc)}; "
                          "the previous episodes, manifest and feed were left as they were")
    return exc
