"""Transcript pages and the player in headless Chromium: read-along over http and from file://.

The spoken site has one case with a real episode made by the offline espeak engine, so its transcript
page carries the real sentence times of a real MP3.
"""

from __future__ import annotations

from typing import Iterator

import pytest

from browser_support import BROWSER, serve_directory, watch_page
from conftest import SPOKEN

pytestmark = BROWSER
TRANSCRIPT = f"cases/{SPOKEN}/transcript.html"
CASE = f"cases/{SPOKEN}/index.html"


@pytest.fixture(scope="module")
def spoken_url(spoken_site) -> Iterator[str]:  # noqa: ANN001
    with serve_directory(spoken_site.root) as url:
        yield url


@pytest.fixture(params=["http", "file"])
def transcript_url(request, spoken_url: str, spoken_site) -> str:  # noqa: ANN001
    return spoken_url + TRANSCRIPT if request.param == "http" else (spoken_site.root / TRANSCRIPT).as_uri()


def cue_times(page) -> list[tuple[float, float, str]]:  # noqa: ANN001
    return page.eval_on_selector_all(
        ".cc-transcript .cc-cue", "cues => cues.map(c => [parseFloat(c.dataset.start), parseFloat(c.dataset.end), c.textContent])"
    )


def current_cue(page) -> str | None:  # noqa: ANN001
    return page.evaluate("() => { const c = document.querySelector('.cc-cue--current'); return c && c.textContent; }")


def test_transcript_page_highlights_the_sentence_being_played(chromium_page, transcript_url: str) -> None:
    events = watch_page(chromium_page)
    chromium_page.goto(transcript_url, wait_until="load")
    cues = cue_times(chromium_page)
    assert len(cues) >= 4 and all(start < end for start, end, _ in cues)
    assert current_cue(chromium_page) is None
    chromium_page.click("[data-cc-action='toggle']")
    chromium_page.wait_for_function("() => document.querySelector('audio').currentTime > 0.3")
    playing = chromium_page.evaluate("() => document.querySelector('audio').currentTime")
    chromium_page.click("[data-cc-action='toggle']")  # pause to compare what is highlighted with the time
    at = chromium_page.evaluate("() => document.querySelector('audio').currentTime")
    assert at >= playing
    expected = next(text for start, end, text in cues if start <= at + 0.01 < end + 0.3)
    chromium_page.wait_for_function("() => document.querySelector('.cc-cue--current') !== null")
    assert current_cue(chromium_page) in {expected, *(t for s, e, t in cues if abs(s - at) < 0.5 or abs(e - at) < 0.5)}
    assert chromium_page.get_attribute(".cc-cue--current", "aria-current") == "true"
    assert events.console_errors == [] and events.page_errors == []


def test_clicking_a_sentence_seeks_to_it_and_highlights_it(chromium_page, transcript_url: str) -> None:
    events = watch_page(chromium_page)
    chromium_page.goto(transcript_url, wait_until="load")
    cues = cue_times(chromium_page)
    start, end, text = cues[len(cues) // 2]
    chromium_page.locator(".cc-transcript .cc-cue").nth(len(cues) // 2).click()
    chromium_page.wait_for_function("() => !document.querySelector('audio').paused")
    at = chromium_page.evaluate("() => { const a = document.querySelector('audio'); a.pause(); return a.currentTime; }")
    assert start - 0.05 <= at <= end + 0.5
    assert current_cue(chromium_page) in {text, *(t for s, _e, t in cues if s <= at + 0.01)}
    assert events.console_errors == [] and events.page_errors == []


def test_pausing_before_playback_starts_logs_no_error(chromium_page, transcript_url: str) -> None:
    events = watch_page(chromium_page)
    chromium_page.goto(transcript_url, wait_until="load")
    chromium_page.evaluate("""() => {
        document.querySelector('.cc-transcript .cc-cue').click();
        document.querySelector('audio').pause();
        document.querySelector('[data-cc-action="toggle"]').click();
        document.querySelector('audio').pause();
    }""")
    chromium_page.wait_for_timeout(300)  # the rejected play() promises settle
    assert chromium_page.evaluate("() => document.querySelector('audio').paused")
    assert chromium_page.get_attribute("[data-cc-action='toggle']", "aria-label") == "播放"
    assert events.console_errors == [] and events.page_errors == []


def test_transcript_page_has_chapter_headings_in_episode_order(chromium_page, spoken_url: str, spoken_site) -> None:  # noqa: ANN001
    chromium_page.goto(spoken_url + TRANSCRIPT)
    headings = chromium_page.eval_on_selector_all(".cc-transcript h2", "hs => hs.map(h => h.textContent)")
    titles = [title for _start, title in spoken_site.episodes[SPOKEN].chapter_titles]
    assert headings == [t for t in titles if t in headings] and {"案例经过", "风险分析", "消保提示"} <= set(headings)


@pytest.mark.parametrize("page_path", [CASE, TRANSCRIPT])
def test_player_shows_the_duration_before_play(chromium_page, spoken_url: str, spoken_site, page_path: str) -> None:  # noqa: ANN001
    chromium_page.goto(spoken_url + page_path, wait_until="load")
    duration = spoken_site.episodes[SPOKEN].duration
    minutes, seconds = divmod(round(duration), 60)
    assert chromium_page.inner_text("[data-cc-time]") == f"0:00 / {minutes}:{seconds:02d}"
    chromium_page.wait_for_function("() => document.querySelector('audio').readyState >= 1")  # player.js preloads the metadata after load
    assert chromium_page.evaluate("() => document.querySelector('audio').duration") == pytest.approx(duration, abs=0.3)
    assert chromium_page.evaluate("() => document.querySelector('audio').paused")


def test_player_skips_15_seconds_sets_speed_and_remembers_the_position(chromium_page, spoken_url: str) -> None:
    chromium_page.goto(spoken_url + CASE, wait_until="load")
    chromium_page.wait_for_function("() => document.querySelector('audio').readyState >= 1")
    chromium_page.click("[data-cc-action='forward']")
    length = chromium_page.evaluate("() => document.querySelector('audio').duration")
    at = chromium_page.evaluate("() => document.querySelector('audio').currentTime")
    assert at == pytest.approx(min(15, length - 0.05), abs=0.1)
    chromium_page.click("[data-cc-action='back']")
    back = chromium_page.evaluate("() => document.querySelector('audio').currentTime")
    assert back == pytest.approx(max(0, at - 15), abs=0.1)
    chromium_page.click("[data-cc-rate='0.8']")
    assert chromium_page.evaluate("() => document.querySelector('audio').playbackRate") == pytest.approx(0.8)
    assert chromium_page.get_attribute("[data-cc-rate='0.8']", "aria-pressed") == "true"
    chromium_page.evaluate("() => { document.querySelector('audio').currentTime = 3.2; }")
    chromium_page.wait_for_function("() => (JSON.parse(localStorage.getItem('casecast-player')).positions || {})['fake-refund'] > 3")
    chromium_page.reload(wait_until="load")
    chromium_page.wait_for_function("() => document.querySelector('audio').currentTime > 3")
    assert chromium_page.evaluate("() => document.querySelector('audio').playbackRate") == pytest.approx(0.8)


def test_kiosk_hides_downloads_and_returns_home_when_idle(chromium_page, kiosk_site) -> None:  # noqa: ANN001
    events = watch_page(chromium_page)
    chromium_page.goto((kiosk_site.root / CASE).as_uri(), wait_until="load")
    links = "a[download], a[href$='.mp3'], a[href$='.vtt'], a[href$='feed.xml']"
    assert chromium_page.locator(links).filter(visible=True).count() == 0  # (the audio element's fallback text is never shown)
    assert chromium_page.locator("audio").count() == 1
    home = (kiosk_site.root / "index.html").as_uri()
    chromium_page.wait_for_url(home, timeout=8_000)  # kiosk_idle_seconds: 2
    assert chromium_page.locator("h1").first.inner_text().startswith("以案说险")
    assert events.page_errors == []
