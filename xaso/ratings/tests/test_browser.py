"""A resident rates an article on a phone, in Debian's Chromium driven by Playwright; the
widget passes the accessibility check on a phone and on a desktop."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from xaso.portal.models import ArticlePage
from xaso.testing.browser import assert_accessible

from ..models import Rating

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

REFERENCE_TITLE = "Đảng bộ xã Liên Khê (Thủy Nguyên): Cán bộ Đảng viên gần dân, sát thực tế"
COMMENT = "Bài viết rõ ràng, cảm ơn xã."


def _article() -> ArticlePage:
    return ArticlePage.objects.get(title=REFERENCE_TITLE)


def test_a_resident_rates_an_article_once_a_day(demo_site, phone):
    article = _article()
    path = article.get_url_parts()[2]
    before = Rating.objects.filter(path=path).count()
    page = phone.new_page()
    page.goto(demo_site + path)
    widget = page.locator("#danh-gia")
    expect(widget.get_by_role("heading", level=2)).to_be_visible()
    widget.locator("label[for=danh-gia-5]").click()
    widget.locator("textarea[name=comment]").fill(COMMENT)
    widget.locator("button[type=submit]").click()
    status = widget.locator("[data-rating-status]")
    expect(status).to_have_attribute("data-ok", "true")
    expect(status).not_to_be_empty()
    expect(widget.locator("button[type=submit]")).to_be_disabled()
    assert page.url.rstrip("/").endswith(path.rstrip("/"))  # the page was not left
    rating = Rating.objects.filter(path=path).order_by("-pk").first()
    assert Rating.objects.filter(path=path).count() == before + 1
    assert rating.score == 5 and rating.comment == COMMENT and rating.page_id == article.pk

    page.reload()
    widget.locator("label[for=danh-gia-3]").click()
    widget.locator("button[type=submit]").click()
    expect(status).to_have_attribute("data-ok", "false")
    expect(status).not_to_be_empty()
    assert Rating.objects.filter(path=path).count() == before + 1


def test_a_rating_without_javascript_gets_a_thank_you_page(demo_site, browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    try:
        page = context.new_page()
        path = _article().get_url_parts()[2]
        page.goto(demo_site + path)
        page.locator("label[for=danh-gia-4]").click()
        page.locator("#danh-gia button[type=submit]").click()
        expect(page.get_by_test_id("rating-result")).to_have_attribute("data-ok", "true")
        assert page.locator("#danh-gia").count() == 0
        page.locator(f'.rating-result a[href="{path}"]').click()
        # The click starts a navigation: wait for the article, not the page being left.
        page.wait_for_url(f"**{path}")
        expect(page.locator("#danh-gia")).to_have_count(1)
    finally:
        context.close()


@pytest.mark.parametrize("context_name", ["phone", "desktop"])
def test_the_widget_has_no_accessibility_violations(demo_site, request, context_name):
    context = request.getfixturevalue(context_name)
    page = context.new_page()
    page.goto(demo_site + _article().get_url_parts()[2])
    page.locator("#danh-gia").scroll_into_view_if_needed()
    assert_accessible(page, context={"include": [["#danh-gia"]]})
    assert_accessible(page)
    # Nothing wider than a small phone's screen.
    width = page.evaluate("document.querySelector('#danh-gia').scrollWidth")
    assert width <= page.viewport_size["width"]
