"""Fixtures shared by every test folder: one headless Chromium for the whole session.

Playwright's sync API allows one instance per thread at a time, so every browser test (site, WeChat)
uses this session's browser instead of starting its own.
"""

from browser_support import _browser_required, chromium_browser, chromium_page  # noqa: F401 - pytest fixtures
