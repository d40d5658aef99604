"""The audit log by commune: an auditor reads, filters and exports their commune's entries and
changes nothing; nobody sees another commune's entries."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry, PageLogEntry

from xaso.accounts.audit import commune_id_of
from xaso.accounts.choices import Role
from xaso.accounts.models import CommuneRole
from xaso.accounts.tests.factories import make_staff
from xaso.legal import services as legal_services
from xaso.legal.models import LegalDocument
from xaso.legal.tests.factories import make_document
from xaso.portal.tests.factories import make_article, make_category

pytestmark = pytest.mark.django_db


@pytest.fixture
def two(commune, category, other_commune):
    other = other_commune
    other_category = make_category(parent=other.site.root_page, title="Tin tức Lưu Kiếm")
    return {
        "ours": commune,
        "theirs": other,
        "our_document": make_document(commune=commune, summary="Quyết định về đường trục xã"),
        "their_document": make_document(commune=other, summary="Quyết định về chợ Lưu Kiếm"),
        "our_article": make_article(category=category, title="Liên Khê mở rộng đường"),
        "their_article": make_article(category=other_category, title="Lưu Kiếm khánh thành chợ"),
    }


def test_every_entry_notes_its_commune_even_after_the_record_is_deleted(two):
    document = two["their_document"]
    entries = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(LegalDocument), object_id=str(document.pk)
    )
    assert entries.get(action="wagtail.create").data["commune"] == two["theirs"].pk
    legal_services.legal_document_delete(user=None, document=document)
    deleted = entries.get(action="wagtail.delete")
    assert deleted.data["commune"] == two["theirs"].pk
    page_entries = PageLogEntry.objects.filter(page=two["our_article"])
    assert page_entries and all(e.data["commune"] == two["ours"].pk for e in page_entries)


def test_a_staff_member_belongs_to_the_commune_of_their_role_group(two):
    auditor = make_staff(commune=two["ours"], role=Role.AUDITOR)
    assert commune_id_of(auditor) == two["ours"].pk
    role = CommuneRole.objects.get(commune=two["ours"], role=Role.AUDITOR)
    assert commune_id_of(role.group) == two["ours"].pk


def test_the_auditor_reads_only_their_communes_entries(client, two):
    auditor = make_staff(commune=two["ours"], role=Role.AUDITOR)
    client.force_login(auditor)
    response = client.get("/admin/audit-log/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Nhật ký hoạt động" in text
    assert "Quyết định về đường trục xã" in text and "Liên Khê mở rộng đường" in text
    assert "chợ Lưu Kiếm" not in text and "Lưu Kiếm khánh thành chợ" not in text
    # Asking for the other commune by its id gives nothing of it either.
    text = client.get(f"/admin/audit-log/?commune={two['theirs'].pk}").content.decode()
    assert "chợ Lưu Kiếm" not in text


def test_the_auditor_changes_nothing(client, two):
    auditor = make_staff(commune=two["ours"], role=Role.AUDITOR)
    client.force_login(auditor)
    document = two["our_document"]
    assert client.get("/admin/legaldocument/").status_code == 200  # may read the register
    assert client.get(f"/admin/legaldocument/edit/{document.pk}/").status_code in (302, 403)
    client.post(f"/admin/legaldocument/delete/{document.pk}/")
    assert LegalDocument.objects.filter(pk=document.pk).exists()
    home = two["ours"].site.root_page
    assert client.get(f"/admin/pages/{two['our_article'].pk}/edit/").status_code in (302, 403)
    assert client.get(f"/admin/pages/add/portal/articlepage/{home.pk}/").status_code in (302, 403)


def test_an_editor_neither_opens_the_audit_log_nor_sees_the_other_communes_history(client, two):
    editor = make_staff(commune=two["ours"], role=Role.EDITOR)
    client.force_login(editor)
    assert client.get("/admin/audit-log/").status_code in (302, 403)  # sent back, with a message
    # Wagtail's own site history chose entries by content type only; now by commune too.
    text = client.get("/admin/reports/site-history/").content.decode()
    assert "Quyết định về đường trục xã" in text
    assert "chợ Lưu Kiếm" not in text


def test_the_province_filters_by_commune_user_and_date(client, two, django_user_model):
    province = django_user_model.objects.create_superuser("tinh", "t@example.com", "x")
    editor = make_staff(commune=two["theirs"], role=Role.EDITOR)
    legal_services.legal_document_save(user=editor, document=two["their_document"])
    client.force_login(province)
    both = client.get("/admin/audit-log/").content.decode()
    assert "chợ Lưu Kiếm" in both and "đường trục xã" in both
    theirs = client.get(f"/admin/audit-log/?commune={two['theirs'].pk}").content.decode()
    assert "chợ Lưu Kiếm" in theirs and "đường trục xã" not in theirs
    by_user = client.get(f"/admin/audit-log/?user={editor.pk}").content.decode()
    assert "chợ Lưu Kiếm" in by_user and "đường trục xã" not in by_user
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    later = client.get(f"/admin/audit-log/?timestamp_from={tomorrow}").content.decode()
    assert "chợ Lưu Kiếm" not in later and "đường trục xã" not in later


def test_the_auditor_exports_the_log_as_csv_and_excel(client, two):
    auditor = make_staff(commune=two["ours"], role=Role.AUDITOR)
    client.force_login(auditor)
    response = client.get("/admin/audit-log/?export=csv")
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert rows and {"Tên", "Xã", "Ngày/Giờ", "Người dùng"} <= set(rows[0])
    names = [row["Tên"] for row in rows]
    assert any("đường trục xã" in name for name in names)
    assert not any("Lưu Kiếm" in name for name in names)
    assert {row["Xã"] for row in rows} == {two["ours"].name}
    today = timezone.localdate().strftime("%d/%m/%Y")
    assert all(row["Ngày/Giờ"].startswith(today) for row in rows)

    response = client.get("/admin/audit-log/?export=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = list(sheet.iter_rows(values_only=True))
    # The headings, the CSV export's own entry (exports are audited), then the same entries.
    assert len(values) == len(rows) + 2
    assert values[1][values[0].index("Loại thao tác")] == "Xuất danh sách có thông tin cá nhân"
    stamp = values[1][values[0].index("Ngày/Giờ")]
    assert abs(stamp - timezone.localtime().replace(tzinfo=None)) < datetime.timedelta(hours=1)
