"""The Content-Security-Policy in Debian's Chromium: present on the portal and in the admin, and
nothing refused while a reader reads (a cached page too) or an editor writes in the rich text
editor and previews. Every browser test also fails on any refusal (conftest), so this file only
walks what the others may not."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from xaso.conftest import _violations
from xaso.portal.models import ArticlePage, NewsCategoryPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEMO_PASSWORD = "xaso-demo-2026"
TITLE = "Chính sách bảo mật nội dung không cản trình soạn thảo"


def _policy(response) -> dict[str, str]:
    header = response.headers["content-security-policy"]
    return {part.split()[0]: part.strip() for part in header.split(";")}


def test_a_cached_page_runs_its_scripts_at_every_answer(demo_site, phone, settings):
    settings.XASO_PAGE_CACHE_SECONDS = 60
    article = ArticlePage.objects.live().first()
    for expected in ("MISS", "HIT"):
        page = phone.new_page()
        response = page.goto(demo_site + article.url)
        assert response.headers["x-cache"] == expected
        assert _policy(response)["script-src"] == "script-src 'self'"
        assert "camera=()" in response.headers["permissions-policy"]
        # site.js ran: it shows the text size buttons, hidden without JavaScript.
        expect(page.locator(".text-size")).to_be_visible()
        page.close()
    assert not _violations.seen


def test_the_editor_writes_rich_text_and_previews_under_the_admin_policy(demo_site, desktop):
    category = NewsCategoryPage.objects.get(slug="nong-thon-moi")
    page = desktop.new_page()
    login = page.goto(demo_site + "/admin/login/")
    assert _policy(login)["script-src"] == "script-src 'self'"
    page.get_by_label("Tên đăng nhập").fill("bientap")
    page.get_by_placeholder("Nhập mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))

    editor = page.goto(f"{demo_site}/admin/pages/add/portal/articlepage/{category.pk}/")
    policy = _policy(editor)
    assert policy["script-src"] == "script-src 'self' 'unsafe-inline'"
    assert policy["script-src-attr"] == "script-src-attr 'none'"
    assert policy["object-src"] == "object-src 'none'"
    page.get_by_role("textbox", name=re.compile("^Tiêu đề")).fill(TITLE)
    page.get_by_role("textbox", name="Sapo (tóm tắt)").fill("Sapo ngắn.")
    page.get_by_role("button", name="Chèn khối").click()
    page.get_by_role("option", name="Đoạn văn").click()
    body = page.locator(".Draftail-Editor [contenteditable=true]").first
    body.click()
    page.keyboard.type("Chữ thường, ")
    page.keyboard.press("Control+b")
    page.keyboard.type("chữ đậm")
    expect(page.locator("input[name='body-0-value']")).to_have_value(re.compile("BOLD"))

    # The preview panel frames the page from the admin itself (X-Frame-Options SAMEORIGIN and
    # frame-ancestors 'self' on that response alone).
    page.locator("[data-side-panel-toggle='preview']").click()
    frame = page.frame_locator("iframe[data-w-preview-target='iframe']").first
    expect(frame.locator("h1")).to_contain_text(TITLE, timeout=15_000)

    page.get_by_role("button", name="Lưu bản nháp").click()
    expect(page.locator(".messages[role=status]")).to_contain_text(TITLE)
    saved = ArticlePage.objects.get(title=TITLE).get_latest_revision_as_object()
    assert "<b>chữ đậm</b>" in str(saved.body)
    assert not _violations.seen
