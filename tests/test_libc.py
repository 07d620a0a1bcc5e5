import sys

import pytest

from casecast import libc, memory, writer

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the C library calls are Linux ones")


@linux_only
def test_c_library_is_loaded_once_per_process():
    assert libc.c_library() is libc.c_library()
    assert libc.c_library() is not None


@linux_only
def test_return_large_buffers_fixes_the_threshold_on_glibc():
    if not hasattr(libc.c_library(), "mallopt"):
        pytest.skip("a C library without mallopt (not glibc)")
    assert memory.return_large_buffers() is True


@linux_only
def test_exchange_swaps_two_folders(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "which").write_text("a")
    (b / "which").write_text("b")
    if not writer.exchange(a, b):
        pytest.skip("this file system cannot exchange folders")
    assert (a / "which").read_text() == "b"
    assert (b / "which").read_text() == "a"
