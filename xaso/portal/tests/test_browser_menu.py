"""A resident on a 360 px phone finds the menu, the petition form and the tracking page."""

from __future__ import annotations

import itertools

import pytest
from playwright.sync_api import expect

from xaso.testing.browser import assert_accessible

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def demo(demo_site: str) -> str:
    return demo_site


def _fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_resident_opens_the_menu_on_a_phone_and_reaches_the_petition_form(demo, phone):
    page = phone.new_page()
    page.goto(demo + "/")
    toggle = page.get_by_role("button", name="Danh mục")
    menu = page.locator("#site-menu")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_hidden()
    assert _fits_the_screen(page)

    toggle.focus()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(menu).to_be_visible()
    # A list down the screen, every entry whole: nothing scrolls sideways or is cut off.
    items = menu.locator("li")
    boxes = [items.nth(i).bounding_box() for i in range(items.count())]
    assert len(boxes) >= 5
    assert all(box["x"] >= 0 and box["x"] + box["width"] <= 360 for box in boxes)
    assert all(a["y"] + a["height"] <= b["y"] + 1 for a, b in itertools.pairwise(boxes))
    assert _fits_the_screen(page)
    # The focus goes from the button into the menu, and is shown.
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.closest('#site-menu') !== null")
    assert focused
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Escape")
    expect(menu).to_be_hidden()
    expect(toggle).to_be_focused()

    toggle.click()
    assert_accessible(page, context=".site-nav", label="open menu")
    menu.get_by_role("link", name="Gửi phản ánh, kiến nghị").click()
    expect(page.locator("h1")).to_contain_text("phản ánh")
    assert page.url.endswith("/phan-anh/")

    page.goto(demo + "/")
    home_box = page.locator(".home-feedback")
    expect(home_box.get_by_role("link", name="Gửi phản ánh, kiến nghị")).to_be_visible()
    footer = page.locator("footer.site-footer")
    footer.get_by_role("link", name="Tra cứu phản ánh, kiến nghị").click()
    assert page.url.endswith("/phan-anh/tra-cuu/")
    expect(page.locator("#ma, input[name=ma]").first).to_be_visible()


def test_without_javascript_the_menu_is_a_plain_list(demo, browser):
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, java_script_enabled=False, locale="vi-VN"
    )
    try:
        page = context.new_page()
        page.goto(demo + "/gioi-thieu/")
        expect(page.locator(".site-nav__toggle")).to_be_hidden()
        link = page.locator("#site-menu").get_by_role("link", name="Gửi phản ánh, kiến nghị")
        expect(link).to_be_visible()
        assert _fits_the_screen(page)
        link.click()
        assert page.url.endswith("/phan-anh/")
    finally:
        context.close()
