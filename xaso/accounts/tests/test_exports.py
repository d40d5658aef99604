"""Every file of personal data that leaves the admin is in the audit log: one
`xaso.personal_data_export` entry naming what, how many rows, the filters and the commune, which
the commune's administrator reads and filters in the audit log. Every admin route that answers
with a file is accounted for here, so a new one cannot slip by."""

from __future__ import annotations

import csv
import io
from fnmatch import fnmatchcase

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from xaso.accounts.choices import Role
from xaso.accounts.tests.factories import make_staff
from xaso.campaigns.tests.factories import (
    make_campaign,
    make_hamlet,
    make_household,
    make_segment,
)
from xaso.communes.tests.factories import make_commune
from xaso.party.tests.factories import make_cell, make_official
from xaso.testing.routes import admin_routes

pytestmark = pytest.mark.django_db
EXPORT = "xaso.personal_data_export"


def _build_world(commune):
    other = make_commune(name="Lưu Kiếm", slug="luu-kiem-exports")
    staff = {role: make_staff(commune=commune, role=role) for role in Role}
    editor = staff[Role.EDITOR]
    for address in ("203.0.113.7", "198.51.100.9", "192.0.2.44"):
        log(instance=editor, action="xaso.login_failed", data={"address": address})
    log(instance=editor, action="xaso.lockout", data={"address": "203.0.113.7"})
    their_editor = make_staff(commune=other, role=Role.EDITOR, username="bientap_lkiem")
    log(instance=their_editor, action="xaso.lockout", data={"address": "192.0.2.99"})
    return {"ours": commune, "theirs": other, "staff": staff}


# Made once for the module's consecutive tests, a copy for each (xaso/conftest.py).
SHARED_WORLD = _build_world


@pytest.fixture
def world(shared_world):
    return shared_world


def as_user(user):
    client = Client()
    client.force_login(user)
    return client


def body(response):
    content = (
        b"".join(response.streaming_content)
        if getattr(response, "streaming", False)
        else response.content
    )
    return content


def csv_rows(response):
    return list(csv.reader(io.StringIO(body(response).decode("utf-8-sig"))))[1:]


def xlsx_rows(response):
    sheet = load_workbook(io.BytesIO(body(response))).active
    return list(sheet.iter_rows(values_only=True))[1:]


def the_export():
    return ModelLogEntry.objects.get(action=EXPORT)


def shown_to_the_administrator(world, words):
    """The entry is in the commune administrator's audit log, also when filtered by action."""
    admin = as_user(world["staff"][Role.ADMINISTRATOR])
    everything = admin.get("/admin/audit-log/").content.decode()
    filtered = admin.get(f"/admin/audit-log/results/?action={EXPORT}").content.decode()
    assert "Xuất danh sách có thông tin cá nhân" in everything  # offered in the action filter
    for text in (everything, filtered):
        assert words in text, words
    assert "Đăng nhập bị từ chối" not in filtered and "Tạm khóa đăng nhập" not in filtered


# The audit log itself (client addresses, account names).


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_exporting_the_audit_log_is_audited(world, fmt):
    auditor = world["staff"][Role.AUDITOR]
    response = as_user(auditor).get(f"/admin/audit-log/?export={fmt}&action=xaso.login_failed")
    assert response.status_code == 200
    rows = csv_rows(response) if fmt == "csv" else xlsx_rows(response)
    assert len(rows) == 3
    entry = the_export()
    assert entry.user_id == auditor.pk
    assert entry.data == {
        "what": "audit_log",
        "rows": 3,
        "filters": {"action": "xaso.login_failed"},
        "format": fmt,
        "commune": world["ours"].pk,
    }
    shown_to_the_administrator(
        world, "Đã xuất nhật ký hoạt động (tên tài khoản, địa chỉ truy cập): 3 dòng"
    )


def test_the_site_history_export_is_audited_too(world):
    editor = world["staff"][Role.EDITOR]
    response = as_user(editor).get("/admin/reports/site-history/?export=csv")
    assert response.status_code == 200
    entry = the_export()
    assert entry.user_id == editor.pk and entry.data["what"] == "audit_log"
    assert entry.data["rows"] == len(csv_rows(response))
    assert entry.data["commune"] == world["ours"].pk


def test_the_province_exporting_one_commune_is_audited_for_that_commune(world, django_user_model):
    province = django_user_model.objects.create_superuser("tinh", "tinh@example.vn", "x")
    client = as_user(province)
    response = client.get(f"/admin/audit-log/?export=csv&commune={world['theirs'].pk}")
    assert len(csv_rows(response)) >= 1
    entry = the_export()
    assert entry.data["commune"] == world["theirs"].pk
    assert entry.object_id == str(world["theirs"].pk)  # the commune exported
    # Every commune at once: on the province's own account, seen by the province only.
    client.get("/admin/audit-log/?export=xlsx")
    latest = ModelLogEntry.objects.filter(action=EXPORT).latest("pk")
    assert latest.data["commune"] is None and latest.object_id == str(province.pk)
    admin = as_user(world["staff"][Role.ADMINISTRATOR])
    assert "tinh" not in admin.get(f"/admin/audit-log/results/?action={EXPORT}").content.decode()


# Residents' data in the apps' own files.


def test_exporting_a_campaigns_households_is_audited(world):
    lead = world["staff"][Role.CAMPAIGN_LEAD]
    campaign = make_campaign(commune=world["ours"])
    segment = make_segment(campaign=campaign)
    hamlet = make_hamlet(commune=world["ours"])
    for _ in range(3):
        make_household(segment=segment, hamlet=hamlet)
    response = as_user(lead).get(f"/admin/campaigns/{campaign.pk}/export.xlsx?segment={segment.pk}")
    assert response.status_code == 200
    entry = the_export()
    assert entry.user_id == lead.pk and entry.object_id == str(campaign.pk)
    assert entry.data == {
        "what": "campaign_households",
        "rows": 3,
        "filters": {"segment": segment.pk},
        "format": "xlsx",
        "commune": world["ours"].pk,
    }
    shown_to_the_administrator(world, "Đã xuất danh sách hộ của chiến dịch")


def test_downloading_a_residents_attachment_is_audited(world):
    from xaso.feedback.models import Attachment
    from xaso.feedback.tests.factories import make_submission

    officer = world["staff"][Role.FEEDBACK_OFFICER]
    submission = make_submission(world["ours"])
    attachment = Attachment(submission=submission, name="hien-truong.pdf", size=13)
    attachment.file.save("hien-truong.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    response = as_user(officer).get(f"/admin/feedback/attachments/{attachment.pk}/")
    assert response.status_code == 200
    entry = the_export()
    assert entry.user_id == officer.pk and entry.object_id == str(submission.pk)
    assert entry.data["what"] == "feedback_attachment" and entry.data["rows"] == 1
    assert entry.data["commune"] == world["ours"].pk
    shown_to_the_administrator(world, "Đã xuất tệp người dân gửi kèm phản ánh: 1 dòng")


@pytest.mark.parametrize("fmt", ["xlsx", "pdf"])
def test_a_party_report_naming_officials_is_audited(world, fmt):
    office = world["staff"][Role.PARTY_OFFICE]
    cell = make_cell(commune=world["ours"], number=7)
    make_official(commune=world["ours"], full_name="Nguyễn Văn Hùng")
    today = timezone.localdate()
    url = f"/admin/party/reports/cell-{cell.pk}/{today.year}/{today.month:02d}.{fmt}"
    response = as_user(office).get(url)
    assert response.status_code == 200
    entry = the_export()
    assert entry.user_id == office.pk and entry.object_id == str(cell.pk)
    assert entry.data["what"] == "party_report" and entry.data["rows"] >= 1
    assert entry.data["commune"] == world["ours"].pk and entry.data["format"] == fmt
    assert entry.data["filters"] == {
        "scope": f"cell-{cell.pk}",
        "year": today.year,
        "period": f"{today.month:02d}",
    }
    shown_to_the_administrator(world, "Đã xuất báo cáo công tác chi bộ (cán bộ phụ trách)")


# Wagtail's reports, the province's only.


@pytest.mark.parametrize(
    ("url", "what"),
    [
        ("/admin/reports/locked/", "locked_pages"),
        ("/admin/reports/aging-pages/", "aging_pages"),
        ("/admin/reports/workflow/", "workflows"),
        ("/admin/reports/workflow_tasks/", "workflow_tasks"),
    ],
)
def test_wagtails_reports_naming_staff_are_audited(world, django_user_model, url, what):
    province = django_user_model.objects.create_superuser("tinh", "tinh@example.vn", "x")
    response = as_user(province).get(f"{url}?export=csv")
    assert response.status_code == 200
    entry = the_export()
    assert entry.data["what"] == what and entry.data["rows"] == len(csv_rows(response))
    assert entry.data["commune"] is None and entry.user_id == province.pk


def test_exports_without_personal_data_are_not_audited(world, django_user_model):
    province = django_user_model.objects.create_superuser("tinh", "tinh@example.vn", "x")
    client = as_user(province)
    assert client.get("/admin/redirects/?export=csv").status_code == 200
    assert not ModelLogEntry.objects.filter(action=EXPORT).exists()


# Every way out, accounted for.

# Admin routes that answer with a file, other than Wagtail's spreadsheet exports (checked
# below): how each is audited, or why it needs not be.
FILE_ROUTES = {
    "campaigns_export": "audited: households' names, addresses, phone numbers",
    "campaigns_export_csv": "audited: the same households, as CSV",
    "feedback_attachment": "audited: a resident's file",
    "party_report": "audited: names the officials in charge, with their record",
    "campaigns_template": "no resident: headings, segments, hamlets, officials' names, cells",
    "ntm_report": "no person: criteria and the commune's results",
    "ntm_sets:export": "no person: a national criteria set",
    "province_rollups_export": "no person: each commune's figures, for the province",
    "ratings_report": "a page, not a file",
}
FILE_LIKE = ["*export*", "*report*", "*download*", "*template*", "*attachment*", "*file*"]


def test_every_spreadsheet_export_says_whether_it_holds_personal_data():
    undeclared = []
    for route, name, callback in admin_routes():
        view_class = getattr(callback, "view_class", None)
        if view_class is None or not issubclass(view_class, SpreadsheetExportMixin):
            continue
        initkwargs = getattr(callback, "view_initkwargs", None) or {}
        columns = initkwargs.get("list_export", view_class.list_export)
        declared = initkwargs.get(
            "personal_data_export", getattr(view_class, "personal_data_export", None)
        )
        if columns and declared is None:
            undeclared.append(f"{name} ({route})")
    assert not undeclared, "declare `personal_data_export` (xaso.accounts.audit): " + ", ".join(
        undeclared
    )


def test_every_file_route_is_accounted_for():
    names = {name for _route, name, _callback in admin_routes() if name}
    file_like = {
        name
        for name in names
        if any(fnmatchcase(name, pattern) for pattern in FILE_LIKE)
        and not name.startswith(("wagtailadmin_reports:", "accounts_audit_log"))
        and not name.endswith(("_results", ":index_results"))
    }
    assert file_like - set(FILE_ROUTES) == set()
    assert set(FILE_ROUTES) <= names  # no stale entry
