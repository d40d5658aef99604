"""What people do on the portal, in Debian's Chromium driven by Playwright."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from xaso.demo.loader import DEMO_PASSWORD
from xaso.portal.models import ArticlePage, NewsCategoryPage
from xaso.testing.browser import assert_accessible, log_in, open_menu

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

REFERENCE_TITLE = "Đảng bộ xã Liên Khê (Thủy Nguyên): Cán bộ Đảng viên gần dân, sát thực tế"


@pytest.fixture
def demo(demo_site: str) -> str:
    return demo_site


def _views(page: Any, expected: int | None = None) -> int:
    """The count shown, once the page's counting call has answered (if `expected` is given)."""
    counter = page.get_by_test_id("view-count")
    if expected is not None:
        expect(counter).to_have_text(f"{expected:,}".replace(",", "."))
    return int(counter.inner_text().replace(".", ""))


def test_resident_reads_the_reference_article(demo, phone):
    page = phone.new_page()
    page.goto(demo + "/")
    header = page.locator("header.site-header")
    assert "Xã Liên Khê" in header.text_content()
    banner = header.locator(".site-header__banner-image")
    assert ".webp" in banner.get_attribute("src") and banner.get_attribute("alt") == ""
    assert "Năm 2023 xã Liên Khê đẩy mạnh" in page.locator(".slogan").inner_text()

    open_menu(page)
    page.get_by_role("link", name="Tin tức - Sự kiện", exact=True).first.click()
    page.get_by_role("link", name="Đảng bộ xã Liên Khê", exact=True).first.click()
    assert page.locator("h1").inner_text() == "Đảng bộ xã Liên Khê"
    page.get_by_role("link", name=REFERENCE_TITLE).first.click()

    assert page.locator("h1").inner_text() == REFERENCE_TITLE
    assert page.locator(".article__category").text_content().strip() == "Đảng bộ xã Liên Khê"
    assert _views(page, 48) == 48  # 47 before, and this visit
    assert "Nguyễn Tiến Tập" in page.locator(".article__lead").inner_text()
    body = page.locator(".article__body").inner_text()
    assert "kiểm tra chéo" in body and "Thiểm Khê" in body
    assert page.locator(".article__source").inner_text() == "Nguồn: Hải Phòng Online"
    assert re.search(r"\d{2}/\d{2}/2023", page.locator(".article__meta").inner_text())
    assert page.locator(".banners .banner").count() == 4
    assert page.locator(".latest li").count() >= 5
    assert page.locator(".related li").count() >= 1
    assert page.locator(".article__image img").get_attribute("alt")


def test_view_count_goes_up_by_one_per_new_visitor(demo, browser):
    article = ArticlePage.objects.get(title=REFERENCE_TITLE)
    url = demo + article.url
    first = browser.new_context(user_agent=_ua())
    second = browser.new_context(user_agent=_ua())
    try:
        page = first.new_page()
        page.goto(url)
        before = _views(page, 48)
        page.reload()
        page.wait_for_load_state("networkidle")
        assert _views(page, before) == before  # the same browser again does not count
        other = second.new_page()
        other.goto(url)
        assert _views(other, before + 1) == before + 1
    finally:
        first.close()
        second.close()


def _ua() -> str:
    from xaso.conftest import PHONE_UA

    return PHONE_UA


def test_print_view_shows_the_article_alone(demo, desktop):
    article = ArticlePage.objects.get(title=REFERENCE_TITLE)
    page = desktop.new_page()
    page.goto(demo + article.url)
    assert page.locator(".site-header").is_visible()
    page.emulate_media(media="print")
    for hidden in [
        ".site-header",
        ".site-nav",
        ".layout__aside",
        ".site-footer",
        ".article__tools",
        ".related",
        ".breadcrumb",
    ]:
        assert not page.locator(hidden).first.is_visible(), hidden
    assert page.locator(".article__title").is_visible()
    assert page.locator(".article__body").is_visible()
    assert page.locator(".article__meta time").is_visible()
    assert page.locator(".article__url").inner_text().endswith(article.url)


def test_text_size_control_enlarges_the_article(demo, phone):
    article = ArticlePage.objects.get(title=REFERENCE_TITLE)
    page = phone.new_page()
    page.goto(demo + article.url)
    size = page.locator(".article__body p").first.evaluate("e => getComputedStyle(e).fontSize")
    page.get_by_role("button", name="Phóng to chữ").click()
    larger = page.locator(".article__body p").first.evaluate("e => getComputedStyle(e).fontSize")
    assert float(larger.rstrip("px")) > float(size.rstrip("px"))


def _login(page: Any, base: str, username: str) -> None:
    log_in(page, base, username, DEMO_PASSWORD)


def test_editor_writes_approver_publishes_an_article_with_an_image(demo, desktop):
    category = NewsCategoryPage.objects.get(slug="nong-thon-moi")
    title = "Thôn 9 hoàn thành mở rộng đường liên thôn"
    page = desktop.new_page()
    _login(page, demo, "bientap")
    page.goto(f"{demo}/admin/pages/add/portal/articlepage/{category.pk}/")
    page.fill("#id_title", title)
    page.fill("#id_lead", "Người dân thôn 9 hiến đất, đường rộng thêm 2 mét.")
    page.locator("[data-chooser-action-choose]").first.click()
    page.locator(".modal a[data-chooser-modal-choice]").first.click()
    page.wait_for_selector(".modal", state="hidden")
    # Without it (or a description on the image) the submission is refused: test_alt_text.py.
    page.fill("#id_image_caption", "Đường liên thôn 9 sau khi mở rộng")
    page.locator('button[name="action-submit"]').evaluate("b => b.click()")
    page.wait_for_url(re.compile(r".*/admin/pages/\d+/(edit/)?$"))
    article = ArticlePage.objects.get(title=title)
    assert not article.live  # nothing is public without approval
    assert desktop.request.get(demo + "/").text().count(title) == 0

    approver = desktop.browser.new_context(viewport={"width": 1366, "height": 900})
    try:
        review = approver.new_page()
        _login(review, demo, "duyet")
        review.goto(f"{demo}/admin/pages/{article.pk}/edit/")
        review.locator(
            'button[data-workflow-action-name="approve"]:not([data-workflow-action-modal-url])'
        ).evaluate("b => b.click()")
        review.wait_for_load_state("networkidle")
    finally:
        approver.close()

    article.refresh_from_db()
    assert article.live and article.image is not None
    reader = desktop.browser.new_context(user_agent=_ua())
    try:
        page = reader.new_page()
        page.goto(demo + "/")
        assert title in page.locator("main").inner_text()
        page.goto(demo + category.url)
        assert title in page.locator("main").inner_text()
        page.goto(demo + article.url)
        assert page.locator(".article__image img").is_visible()
        feed = reader.request.get(demo + category.url + "rss/").text()
        assert title in feed
    finally:
        reader.close()


@pytest.mark.parametrize("context_name", ["phone", "desktop"])
def test_public_pages_have_no_accessibility_violations(demo, request, context_name):
    context = request.getfixturevalue(context_name)
    article = ArticlePage.objects.get(title=REFERENCE_TITLE)
    category = article.get_parent().specific
    page = context.new_page()
    for url in ["/", category.url, article.url, "/tim-kiem/?q=hien+dat&date_from=sai"]:
        page.goto(demo + url)
        assert_accessible(page, label=f"{url} ({context_name})")


def test_a_scrolling_slogan_can_be_paused_and_respects_reduced_motion(demo, browser):
    from xaso.portal.models import Slogan

    Slogan.objects.update(scrolling=True)
    moving = browser.new_context(user_agent=_ua(), reduced_motion="no-preference")
    still = browser.new_context(user_agent=_ua(), reduced_motion="reduce")
    try:
        page = moving.new_page()
        page.goto(demo + "/")
        item = page.locator(".slogan__item").first
        assert item.evaluate("e => getComputedStyle(e).animationName") == "slogan-scroll"
        pause = page.locator(".slogan__pause")
        assert pause.is_visible()
        pause.click()
        assert pause.get_attribute("aria-pressed") == "true"
        assert item.evaluate("e => getComputedStyle(e).animationPlayState") == "paused"

        calm = still.new_page()
        calm.goto(demo + "/")
        animation = calm.locator(".slogan__item").first.evaluate(
            "e => getComputedStyle(e).animationName"
        )
        assert animation == "none"
    finally:
        moving.close()
        still.close()
