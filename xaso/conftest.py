"""Shared fixtures: a commune built through services, and a browser for end-to-end tests."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

from xaso.communes.tests.factories import make_commune
from xaso.portal.tests.factories import make_article, make_category

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# A resident's phone browser: headless Chromium's own User-Agent is treated as a bot.
PHONE_UA = (
    "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Mobile Safari/537.36"
)


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    """Pages, fragments and remembered values live in the cache: none crosses tests."""
    from django.core.cache import caches

    for alias in ("default", "local"):
        caches[alias].clear()
    yield
    for alias in ("default", "local"):
        caches[alias].clear()


@pytest.fixture
def commune(db: Any) -> Any:
    return make_commune()


@pytest.fixture
def home(commune: Any) -> Any:
    return commune.site.root_page.specific


@pytest.fixture
def category(home: Any) -> Any:
    return make_category(parent=home, title="Đảng bộ xã", slug="dang-bo-xa")


@pytest.fixture
def article(category: Any) -> Any:
    return make_article(category=category, title="Cán bộ gần dân, sát thực tế", slug="gan-dan")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not os.path.exists(CHROMIUM):
        message = f"Debian's Chromium is not installed at {CHROMIUM}"
        if os.environ.get("XASO_REQUIRE_BROWSER"):
            pytest.fail(message + " and XASO_REQUIRE_BROWSER is set")
        pytest.skip(message)
    # Playwright's sync API runs an event loop in this thread; the ORM calls in the same
    # test (fixtures, assertions) are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    """A fresh browser context the size of a small phone (360 px wide)."""
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, user_agent=PHONE_UA, locale="vi-VN"
    )
    yield context
    context.close()


@pytest.fixture
def desktop(browser: Any) -> Iterator[Any]:
    context = browser.new_context(
        viewport={"width": 1366, "height": 900},
        user_agent=PHONE_UA.replace("Mobile ", ""),
        locale="vi-VN",
    )
    context.set_default_timeout(10_000)
    yield context
    context.close()
