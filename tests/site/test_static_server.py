"""`python build.py serve --built`: the built site as it is, with UTF-8 charsets and byte ranges."""

from __future__ import annotations

import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from casecast.errors import BuildError
from casecast.site.static_server import accepts_gzip, byte_range, make_site_server


@pytest.fixture
def served(tmp_path: Path):
    site = tmp_path / "site"
    (site / "audio").mkdir(parents=True)
    (site / "index.html").write_text("<!doctype html><title>以案说险</title>", encoding="utf-8")
    (site / "audio" / "case.vtt").write_text("WEBVTT\n\n00:00.000 --> 00:01.000\n以案说险\n", encoding="utf-8")
    (site / "audio" / "case.mp3").write_bytes(bytes(range(256)) * 4)
    server = make_site_server(site, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def get(url: str, **headers: str):
    return urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10)


def test_text_is_sent_with_a_utf8_charset(served):
    assert get(served).headers["Content-Type"] == "text/html; charset=utf-8"
    with get(served + "audio/case.vtt") as response:
        assert response.headers["Content-Type"] == "text/vtt; charset=utf-8"
        assert "以案说险" in response.read().decode("utf-8")


def test_a_byte_range_of_an_episode_is_answered_with_206(served):
    with get(served + "audio/case.mp3", Range="bytes=10-19") as response:
        assert response.status == 206 and response.headers["Content-Type"] == "audio/mpeg"
        assert response.headers["Content-Range"] == "bytes 10-19/1024"
        assert response.read() == bytes(range(10, 20))
    with get(served + "audio/case.mp3") as whole:
        assert whole.status == 200 and whole.headers["Accept-Ranges"] == "bytes" and len(whole.read()) == 1024


def test_a_range_beyond_the_file_is_refused_with_416(served):
    with pytest.raises(urllib.error.HTTPError) as refused:
        get(served + "audio/case.mp3", Range="bytes=5000-")
    assert refused.value.code == 416 and refused.value.headers["Content-Range"] == "bytes */1024"


def test_several_ranges_at_once_get_the_whole_file(served):
    with get(served + "audio/case.mp3", Range="bytes=0-1,5-6") as response:
        assert response.status == 200 and len(response.read()) == 1024


@pytest.mark.parametrize(("header", "span"), [("bytes=0-", (0, 1023)), ("bytes=-24", (1000, 1023)),
                                               ("bytes=1000-5000", (1000, 1023)), ("bytes=9-3", None),
                                               ("bytes=-", None)])
def test_byte_ranges_are_read_as_http_defines_them(header, span):
    assert byte_range(header, 1024) == span


def test_serving_a_folder_without_a_built_site_says_what_to_do(tmp_path):
    with pytest.raises(BuildError, match="run `python build.py`"):
        make_site_server(tmp_path, "127.0.0.1", 0)


def test_text_goes_compressed_to_a_browser_that_accepts_gzip_and_as_it_is_otherwise(served, tmp_path):
    import gzip

    page = "<!doctype html><title>以案说险</title>" + "<p>骗子自称客服，要求转账到“安全账户”。</p>" * 200
    (tmp_path / "site" / "index.html").write_text(page, encoding="utf-8")
    with get(served, **{"Accept-Encoding": "gzip, deflate, br"}) as response:
        body = response.read()
        assert response.headers["Content-Encoding"] == "gzip" and response.headers["Vary"] == "Accept-Encoding"
        assert int(response.headers["Content-Length"]) == len(body) < len(page.encode()) // 5
        assert gzip.decompress(body).decode("utf-8") == page
    with get(served) as plain:
        assert plain.headers["Content-Encoding"] is None and plain.read().decode("utf-8") == page
    with get(served, **{"Accept-Encoding": "gzip;q=0"}) as refused:
        assert refused.headers["Content-Encoding"] is None


def test_episodes_and_small_files_are_never_compressed(served):
    with get(served + "audio/case.mp3", **{"Accept-Encoding": "gzip"}) as episode:
        assert episode.headers["Content-Encoding"] is None and len(episode.read()) == 1024
    with get(served + "audio/case.vtt", **{"Accept-Encoding": "gzip"}) as small:
        assert small.headers["Content-Encoding"] is None


def test_a_changed_file_is_compressed_again(served, tmp_path):
    import gzip
    import os

    page = tmp_path / "site" / "index.html"
    for n, word in enumerate(("旧", "新")):
        page.write_text(word * 2000, encoding="utf-8")
        os.utime(page, ns=(10**18 + n, 10**18 + n))
        with get(served, **{"Accept-Encoding": "gzip"}) as response:
            assert gzip.decompress(response.read()).decode("utf-8") == word * 2000


def test_accept_encoding_is_read_with_its_qualities():
    assert accepts_gzip("gzip, deflate") and accepts_gzip("br;q=1.0, gzip;q=0.8") and accepts_gzip("*")
    assert not accepts_gzip("") and not accepts_gzip("br") and not accepts_gzip("gzip;q=0") and not accepts_gzip("identity")
