"""The register as residents and editors use it, in Debian's Chromium driven by Playwright."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from xaso.demo.loader import DEMO_PASSWORD
from xaso.legal.models import LegalDocument
from xaso.testing.browser import assert_accessible, log_in, open_menu

from .factories import PDF_BYTES

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def demo(demo_site: str) -> str:
    return demo_site


def test_resident_filters_the_register_opens_a_document_and_downloads_it(demo, phone):
    page = phone.new_page()
    page.goto(demo + "/")
    open_menu(page)
    page.get_by_role("link", name="Văn bản", exact=True).first.click()
    expect(page.locator("h1")).to_have_text("Văn bản")
    page.locator("#id_loai").select_option(label="Quyết định")
    page.locator("#id_nam").select_option("2023")
    page.get_by_role("button", name="Lọc").click()
    rows = page.locator("table.register tbody tr")
    expect(rows).to_have_count(2)  # 98/QĐ-UBND and 112/QĐ-UBND, both of 2023
    assert "hiến đất" in rows.nth(0).inner_text() or "hiến đất" in rows.nth(1).inner_text()

    page.get_by_role("link", name=re.compile("hiến đất mở rộng đường")).click()
    expect(page.locator("h1")).to_contain_text("hiến đất mở rộng đường giao thông")
    document = LegalDocument.objects.get(number="112/QĐ-UBND")
    assert page.get_by_test_id("downloads").inner_text() == "0"
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Toàn văn").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as saved:
        assert saved.read(5) == b"%PDF-"
    document.refresh_from_db()
    assert document.download_count == 1 and document.view_count == 1
    page.reload()
    assert page.get_by_test_id("downloads").inner_text() == "1"


def test_a_replaced_document_links_to_its_replacement(demo, phone):
    old = LegalDocument.objects.get(number="30/QĐ-UBND")
    page = phone.new_page()
    page.goto(f"{demo}/van-ban/{old.pk}/")
    expect(page.locator(".validity").first).to_have_text("Bị thay thế")
    page.get_by_role("link", name="98/QĐ-UBND").click()
    expect(page.locator("h1")).to_contain_text("nhiệm kỳ 2021 – 2026")


def test_editor_adds_a_document_with_a_pdf_and_sees_it_listed(demo, desktop, tmp_path):
    pdf = tmp_path / "quyet-dinh-150.pdf"
    pdf.write_bytes(PDF_BYTES)
    page = desktop.new_page()
    log_in(page, demo, "bientap", DEMO_PASSWORD)

    page.goto(demo + "/admin/legaldocument/new/")
    page.locator("#id_commune").select_option(label="Xã Liên Khê")
    page.fill("#id_number", "150/QĐ-UBND")
    page.locator("#id_document_type").select_option(label="Quyết định")
    page.locator("#id_issuer").select_option(label="Ủy ban nhân dân xã Liên Khê")
    page.fill("#id_signer", "Nguyễn Tiến Tập")
    page.fill("#id_summary", "Quyết định công nhận thôn 9 đạt chuẩn khu dân cư kiểu mẫu")
    page.fill("#id_issued_on", "2026-11-20")
    page.locator("#id_files-ADD").click()
    page.locator("#inline_child_files-0 [data-chooser-action-choose]").click()
    modal = page.locator(".modal.show, .modal[open], .modal").last
    modal.locator("#tab-label-upload").click()
    upload = modal.locator("#tab-upload")
    upload.locator("input[type=file]").set_input_files(str(pdf))
    upload.locator("input[name$=title]").fill("Quyết định 150")
    upload.locator("button[type=submit]").click()
    page.wait_for_selector(".modal", state="hidden")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(re.compile(r".*/admin/legaldocument/(\?.*)?$"))

    document = LegalDocument.objects.get(number="150/QĐ-UBND")
    assert document.files.count() == 1
    page.goto(demo + "/van-ban/")
    expect(page.locator("table.register")).to_contain_text("150/QĐ-UBND")


@pytest.mark.parametrize("context_name", ["phone", "desktop"])
def test_register_pages_have_no_accessibility_violations(demo, request, context_name):
    context = request.getfixturevalue(context_name)
    draft = LegalDocument.objects.filter(is_draft=True).get()
    plan = LegalDocument.objects.get(number="45/KH-UBND")
    page = context.new_page()
    for url in [
        "/van-ban/",
        "/van-ban/?loai=abc&nam=1",
        f"/van-ban/{plan.pk}/",
        f"/van-ban/{draft.pk}/",
    ]:
        page.goto(demo + url)
        assert_accessible(page, label=f"{url} ({context_name})")
