"""Helpers for the browser tests (Playwright driving Debian's Chromium, see `xaso/conftest.py`)."""

from __future__ import annotations

import re
from typing import Any

# The accessibility rules every page keeps: WCAG 2.1, levels A and AA.
WCAG_AA = {"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}


def assert_accessible(page: Any, context: Any = None, label: str = "") -> None:
    """The page (or the part of it `context` selects, in axe's terms) passes axe's WCAG 2.1 AA
    audit; `label` names the page in the failure."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, context=context, options=WCAG_AA)
    report = results.generate_report() if results.violations_count else ""
    assert results.violations_count == 0, f"{label}:\n{report}" if label else report


def log_in(page: Any, base: str, username: str, password: str) -> None:
    """Signs `username` in through the admin's sign-in form, in `page`'s browser context."""
    page.goto(base + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r".*/admin/$"))


def open_menu(page: Any) -> None:
    """Opens the main menu when it is folded behind its button (on a phone)."""
    toggle = page.locator(".site-nav__toggle")
    if toggle.is_visible() and toggle.get_attribute("aria-expanded") != "true":
        toggle.click()
