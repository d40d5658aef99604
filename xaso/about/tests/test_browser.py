"""Introduction pages, disclosures and procedures as residents use them, in Debian's Chromium."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from xaso.disclosures.models import Disclosure
from xaso.testing.browser import assert_accessible, open_menu

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def demo(demo_site: str) -> str:
    return demo_site


def test_resident_switches_to_english_on_the_contacts_page(demo, phone):
    page = phone.new_page()
    page.goto(demo + "/gioi-thieu/")
    page.get_by_role("link", name="Danh bạ liên hệ").click()
    expect(page.locator("h1")).to_have_text("Danh bạ liên hệ")
    expect(page.locator("main")).to_contain_text("ubndlienkhe@haiphong.gov.vn")
    page.get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text("Contacts")
    expect(page.locator("main")).to_contain_text("Commune People's Committee")
    expect(page.locator("main")).to_contain_text("Chairman of the Commune People's Committee")
    page.get_by_role("link", name="Organisation").click()
    expect(page.locator("h1")).to_have_text("Organisation of Lien Khe Commune")
    page.get_by_role("link", name="Tiếng Việt").first.click()
    expect(page.locator("h1")).to_have_text("Tổ chức bộ máy")


def test_resident_reads_and_prints_the_quarterly_disclosure_list(demo, phone):
    page = phone.new_page()
    page.goto(demo + "/")
    open_menu(page)
    page.get_by_role("link", name="Công khai", exact=True).first.click()
    page.get_by_role("link", name="Quý 3/2023").click()
    expect(page.locator("h1")).to_have_text("Danh mục công khai quý 3/2023")
    rows = page.locator("table.register tbody tr")
    expected = Disclosure.objects.filter(published_on__year=2023, published_on__month__in=[7, 8, 9])
    expect(rows).to_have_count(expected.count())
    assert "tiếp thu" in page.locator("table.register").inner_text()
    expect(page.get_by_role("button", name="In danh sách")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator("table.register")).to_be_visible()


def test_resident_finds_a_procedure_and_its_link(demo, phone):
    page = phone.new_page()
    page.goto(demo + "/thu-tuc-hanh-chinh/")
    link = page.get_by_role("link", name="Đăng ký khai sinh")
    expect(link).to_have_attribute(
        "href", "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh.html"
    )


@pytest.mark.parametrize("context_name", ["phone", "desktop"])
def test_new_public_pages_have_no_accessibility_violations(demo, request, context_name):
    context = request.getfixturevalue(context_name)
    disclosure = Disclosure.objects.order_by("pk").first()
    urls = [
        "/gioi-thieu/",
        "/gioi-thieu/to-chuc-bo-may/",
        "/gioi-thieu/lanh-dao/",
        "/gioi-thieu/ban-do-dia-gioi/",
        "/gioi-thieu/dieu-kien-tu-nhien/",
        "/gioi-thieu/lich-su-van-hoa/",
        "/gioi-thieu/danh-ba/",
        "/en/apparatus/",
        "/en/contacts/",
        "/cong-khai/",
        f"/cong-khai/{disclosure.pk}/",
        "/cong-khai/danh-sach/2023/quy-3/",
        "/thu-tuc-hanh-chinh/",
    ]
    page = context.new_page()
    for url in urls:
        page.goto(demo + url)
        assert_accessible(page, label=f"{url} ({context_name})")
