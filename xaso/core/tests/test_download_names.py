"""Downloads keep their Vietnamese letters, folded, and exports open in Excel in Vietnamese."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from xaso.accounts.choices import Role
from xaso.accounts.tests.factories import make_staff
from xaso.core.cells import BOM, sheet_title
from xaso.core.text import download_name, slugify_vi
from xaso.portal.tests.factories import make_article, make_category

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Nghị quyết 05/NQ-HĐND.pdf", "nghi-quyet-05-nq-hdnd.pdf"),
        ("Quyết định số 98_QĐ-UBND (bản ký).PDF", "quyet-dinh-so-98-qd-ubnd-ban-ky.pdf"),
        ("Báo cáo.tar.gz", "bao-cao-tar.gz"),
        ("ảnh", "anh"),
        ("公告.pdf", "tep.pdf"),
    ],
)
def test_download_names_fold_vietnamese_letters(name, expected):
    assert download_name(name) == expected


def test_slugs_separate_numbers_and_signs():
    assert slugify_vi("Nghị quyết 05/NQ-HĐND") == "nghi-quyet-05-nq-hdnd"
    assert slugify_vi("Hiến đất làm đường") == "hien-dat-lam-duong"


def test_sheet_titles_follow_excels_rules():
    assert sheet_title("Báo cáo: quý 3/2026 [bản nháp]") == "Báo cáo quý 3 2026 bản nháp"
    assert len(sheet_title("Danh sách " * 10)) <= 31
    assert sheet_title("") == "Dữ liệu"


@pytest.mark.django_db
def test_an_uploaded_document_is_served_under_its_folded_name(
    client, django_user_model, settings, tmp_path
):
    from wagtail.documents.models import Document

    # A folder of its own: a file of the same name uploaded by another test would make the
    # storage add a suffix to this one.
    settings.MEDIA_ROOT = tmp_path

    admin = django_user_model.objects.create_superuser("admin", "a@example.com", "mat-khau-dai-123")
    client.force_login(admin)
    upload = SimpleUploadedFile("Nghị quyết 05-NQ-HĐND.pdf", PDF)
    response = client.post(
        "/admin/documents/add/", {"title": "Nghị quyết 05", "file": upload, "collection": 1}
    )
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.filename == "nghi-quyet-05-nq-hdnd.pdf"
    assert document.url.endswith("/nghi-quyet-05-nq-hdnd.pdf")
    served = client.get(document.url)
    assert served.status_code == 200
    assert b"".join(served.streaming_content).startswith(b"%PDF")


@pytest.mark.django_db
def test_the_audit_log_exports_open_in_excel_in_vietnamese(client, commune):
    category = make_category(parent=commune.site.root_page)
    make_article(category=category, title="Hiến đất làm đường", slug="hien-dat")
    client.force_login(make_staff(commune=commune, role=Role.AUDITOR))

    csv = client.get("/admin/audit-log/?export=csv")
    raw = b"".join(csv.streaming_content)
    assert raw.startswith(BOM.encode("utf-8"))
    assert "Hiến đất làm đường" in raw.decode("utf-8")
    assert csv["Content-Type"] == "text/csv; charset=utf-8"

    xlsx = client.get("/admin/audit-log/?export=xlsx")
    workbook = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content)))
    assert workbook.sheetnames == ["Nhật ký hoạt động"]
    cells = [cell.value for row in workbook.active.iter_rows() for cell in row]
    assert "Hiến đất làm đường" in cells


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/admin/reports/site-history/", "/admin/reports/aging-pages/"])
def test_no_listing_export_names_its_sheet_sheet1(client, django_user_model, commune, url):
    admin = django_user_model.objects.create_superuser("tinh", "t@x.vn", "m-k-dai")
    client.force_login(admin)
    response = client.get(url + "?export=xlsx")
    assert response.status_code == 200
    names = load_workbook(io.BytesIO(b"".join(response.streaming_content))).sheetnames
    assert names and "Sheet1" not in names
