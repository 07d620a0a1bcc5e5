"""casecast.forked: work in a forked child, its result or error back in the build process."""

from __future__ import annotations

import os
import signal

import pytest

from casecast.diagnostics import Diagnostic, Severity
from casecast.errors import BuildError, ContentError
from casecast.forked import Forked

LOADED = {"cases": ["fake-refund-call", "campus-loan-trap"]}  # what the build has loaded before forking


def test_a_child_sees_what_the_build_loaded_and_returns_its_result():
    child = Forked(lambda receive: [c.upper() for c in LOADED["cases"]] + [os.getpid()], "testing")
    *names, pid = child.result()
    assert names == ["FAKE-REFUND-CALL", "CAMPUS-LOAN-TRAP"] and pid != os.getpid()


def test_a_waiting_child_works_on_what_it_is_sent_later():
    child = Forked(lambda receive: sum(receive()) * receive(), "testing")
    child.send(list(range(100_000)))  # larger than a pipe's buffer
    child.send(2)
    assert child.result() == 2 * sum(range(100_000))


def test_a_content_error_comes_back_with_its_findings():
    finding = Diagnostic("content/cases/a.md", 3, 1, Severity.ERROR, "M101", "保本")

    def fail(receive):
        raise ContentError("1 problem(s)", [finding])

    with pytest.raises(ContentError, match="1 problem") as caught:
        Forked(fail, "testing").result()
    assert caught.value.diagnostics == [finding]


def test_any_other_exception_becomes_a_build_error_naming_it():
    with pytest.raises(BuildError, match="ZeroDivisionError"):
        Forked(lambda receive: 1 / 0, "testing").result()


def test_a_child_that_dies_is_a_build_error_saying_what_it_was_doing():
    child = Forked(lambda receive: os.kill(os.getpid(), signal.SIGKILL), "typesetting the printed material")
    with pytest.raises(BuildError, match="stopped while typesetting the printed material"):
        child.result()


def test_cancel_stops_a_child_that_still_waits():
    child = Forked(lambda receive: receive(), "testing")
    pid = child._pid
    child.cancel()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_without_fork_the_work_runs_in_the_build_process(monkeypatch):
    monkeypatch.delattr(os, "fork")
    child = Forked(lambda receive: (receive(), os.getpid()), "testing")
    child.send("hello")
    assert child.result() == ("hello", os.getpid())
