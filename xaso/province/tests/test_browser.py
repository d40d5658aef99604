"""The province's portal as a resident uses it on a phone, in Debian's Chromium."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from xaso.demo.province import PROVINCE_HOST
from xaso.testing.browser import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_resident_filters_the_directory_and_opens_a_commune(demo_site, phone):
    # *.localhost reaches this machine: the live server answers as the province's site.
    port = urlsplit(demo_site).port
    page = phone.new_page()
    page.goto(f"http://{PROVINCE_HOST}:{port}/")
    expect(page.locator("h1")).to_have_text("Cổng thông tin điện tử thành phố Hải Phòng")
    expect(page.get_by_test_id("commune")).to_have_count(3)
    assert_accessible(page, label="province directory")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_label("Tên").fill("an lu")
    page.get_by_role("button", name="Lọc").click()
    expect(page.get_by_test_id("commune")).to_have_count(1)
    page.get_by_test_id("commune").get_by_role("link", name="Xã An Lư").click()
    expect(page.locator(".site-header__name")).to_have_text("Xã An Lư")
    assert urlsplit(page.url).hostname == "anlu.localhost"
    page.goto(f"http://{PROVINCE_HOST}:{port}/tin-moi/")
    expect(page.get_by_test_id("news-item").first).to_contain_text("Phường Thủy Nguyên")
    assert_accessible(page, label="province news")
    page.goto(f"http://{PROVINCE_HOST}:{port}/nong-thon-moi/")
    assert_accessible(page, label="province New Rural standing")
    page.goto(f"http://{PROVINCE_HOST}:{port}/tra-cuu/?q=duong")
    expect(page.get_by_test_id("search-hit").first).to_be_visible()
    assert_accessible(page, label="province search")
