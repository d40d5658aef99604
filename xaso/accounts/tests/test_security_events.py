"""Security events in the audit log: role changes (who gave or took which role), exports of
residents' personal data; each action filterable in the audit log report; nothing deletes them."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from xaso.accounts.choices import Role
from xaso.accounts.models import CommuneRole
from xaso.accounts.tests.factories import make_staff
from xaso.campaigns.tests.factories import (
    make_campaign,
    make_hamlet,
    make_household,
    make_segment,
)
from xaso.core import jobs

pytestmark = pytest.mark.django_db
User = get_user_model()


def group(commune, role):
    return CommuneRole.objects.get(commune=commune, role=role).group


def role_entries(account):
    return ModelLogEntry.objects.filter(object_id=str(account.pk), action="xaso.roles_change")


def test_a_role_given_and_taken_on_the_edit_screen_is_in_the_audit_log(client, commune):
    admin = make_staff(commune=commune, role=Role.ADMINISTRATOR, username="quantri")
    editor = make_staff(commune=commune, role=Role.EDITOR, username="bientap")
    client.force_login(admin)
    approver = group(commune, Role.APPROVER)
    response = client.post(
        f"/admin/users/edit/{editor.pk}/",
        {
            "username": "bientap",
            "email": "bientap@lienkhe.gov.vn",
            "first_name": "Cán bộ",
            "last_name": "Một",
            "is_active": "on",
            "groups": [approver.pk],
        },
    )
    assert response.status_code == 302
    changes = {
        key: entry.data[key]
        for entry in role_entries(editor).order_by("pk")
        for key in ("added", "removed")
        if key in entry.data
    }
    assert changes == {"added": [approver.name], "removed": [group(commune, Role.EDITOR).name]}
    latest = role_entries(editor).order_by("-pk").first()
    assert latest.user_id == admin.pk and latest.data["commune"] == commune.pk


def test_a_role_given_from_the_groups_side_is_logged_too(commune):
    editor = make_staff(commune=commune, role=Role.EDITOR, username="bientap")
    auditor_group = group(commune, Role.AUDITOR)
    auditor_group.user_set.add(editor)
    assert role_entries(editor).filter(data__added=[auditor_group.name]).exists()
    editor.groups.clear()
    removed = role_entries(editor).order_by("-pk").first().data["removed"]
    assert sorted(removed) == sorted([auditor_group.name, group(commune, Role.EDITOR).name])


def test_exporting_a_campaigns_households_is_in_the_audit_log(client, commune):
    lead = make_staff(commune=commune, role=Role.CAMPAIGN_LEAD, username="chiendich")
    campaign = make_campaign(commune=commune)
    segment = make_segment(campaign=campaign)
    hamlet = make_hamlet(commune=commune)
    for _ in range(3):
        make_household(segment=segment, hamlet=hamlet)
    client.force_login(lead)
    response = client.get(f"/admin/campaigns/{campaign.pk}/export.xlsx")
    assert response.status_code == 200
    entry = ModelLogEntry.objects.get(action="xaso.personal_data_export")
    assert entry.user_id == lead.pk and entry.object_id == str(campaign.pk)
    assert entry.data["what"] == "campaign_households" and entry.data["rows"] == 3
    assert entry.data["commune"] == commune.pk and entry.data["filters"] == {}
    client.get(f"/admin/campaigns/{campaign.pk}/export.xlsx?segment={segment.pk}")
    entries = ModelLogEntry.objects.filter(action="xaso.personal_data_export")
    assert entries.count() == 2
    assert entries.latest("pk").data["filters"] == {"segment": segment.pk}


def test_the_audit_log_report_filters_security_events_by_action(client, commune):
    admin = make_staff(commune=commune, role=Role.ADMINISTRATOR, username="quantri")
    editor = make_staff(commune=commune, role=Role.EDITOR, username="bientap")
    log(instance=editor, action="xaso.lockout", data={"address": "203.0.113.7"})
    log(instance=editor, action="xaso.login_failed", data={"address": "203.0.113.7"})
    client.force_login(admin)
    page = client.get("/admin/audit-log/").content.decode()
    for label in ("Khóa đăng nhập", "Thay đổi vai trò", "Đăng nhập"):
        assert label in page  # offered in the action filter (and listed)
    filtered = client.get("/admin/audit-log/results/?action=xaso.lockout").content.decode()
    assert "Tạm khóa đăng nhập do nhập sai nhiều lần" in filtered
    assert "Thay đổi vai trò" not in filtered and "Đã thay đổi vai trò" not in filtered


def test_security_events_are_kept_past_twelve_months(commune):
    editor = make_staff(commune=commune, role=Role.EDITOR, username="bientap")
    entry = log(instance=editor, action="xaso.lockout", data={"address": "203.0.113.7"})
    ModelLogEntry.objects.filter(pk=entry.pk).update(
        timestamp=timezone.now() - datetime.timedelta(days=400)
    )
    jobs.run_all()
    assert ModelLogEntry.objects.filter(pk=entry.pk).exists()


# Every security event: offered in the action filter, filtered and exported by it (text cells,
# never formulas), kept past twelve months whatever runs.

SECURITY_ACTIONS = {
    "xaso.login": "Đăng nhập",
    "xaso.logout": "Đăng xuất",
    "xaso.login_failed": "Đăng nhập không thành công",
    "xaso.lockout": "Khóa đăng nhập",
    "xaso.lockout_release": "Mở khóa đăng nhập",
    "xaso.session_expired": "Hết phiên làm việc",
    "xaso.account_idle": "Vô hiệu hóa tài khoản không sử dụng",
    "xaso.roles_change": "Thay đổi vai trò",
    "xaso.personal_data_export": "Xuất danh sách có thông tin cá nhân",
}
ATTACK = '=HYPERLINK("http://x","y")'


def _every_security_event(commune):
    admin = make_staff(commune=commune, role=Role.ADMINISTRATOR, username="quantri")
    editor = make_staff(commune=commune, role=Role.EDITOR, username="bientap")
    # The acting user's name is what a person typed: it must reach the file as text.
    actor = make_staff(commune=commune, role=Role.ADMINISTRATOR, first_name=ATTACK, last_name="")
    for action in SECURITY_ACTIONS:
        data: dict[str, object] = {"address": "203.0.113.7"}
        if action == "xaso.personal_data_export":
            data = {"what": "audit_log", "rows": 2, "filters": {}, "format": "csv"}
        log(instance=editor, action=action, user=actor, data=data)
    return admin


def _csv_rows(response):
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("action", list(SECURITY_ACTIONS))
def test_each_security_event_is_filtered_and_exported(client, commune, action):
    admin = _every_security_event(commune)
    client.force_login(admin)
    label = SECURITY_ACTIONS[action]
    page = client.get("/admin/audit-log/").content.decode()
    assert f'value="{action}"' in page and label in page  # offered in the action filter
    rows = _csv_rows(client.get(f"/admin/audit-log/?export=csv&action={action}"))
    assert rows and {row["Loại thao tác"] for row in rows} == {label}
    by_actor = [row["Người dùng"] for row in rows if ATTACK in row["Người dùng"]]
    assert by_actor == ["'" + ATTACK]  # defused: shown as text
    assert all(row["Xã"] == commune.name for row in rows)

    response = client.get(f"/admin/audit-log/?export=xlsx&action={action}")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = list(sheet.iter_rows())
    headings = [cell.value for cell in values[0]]
    kinds = {row[headings.index("Loại thao tác")].value for row in values[1:]}
    assert kinds == {label}
    by_actor = [
        row[headings.index("Người dùng")]
        for row in values[1:]
        if ATTACK in str(row[headings.index("Người dùng")].value)
    ]
    assert [(cell.value, cell.data_type) for cell in by_actor] == [(ATTACK, "s")]


def test_every_security_event_is_kept_past_twelve_months(commune):
    _every_security_event(commune)
    old = timezone.now() - datetime.timedelta(days=400)
    ModelLogEntry.objects.filter(action__in=list(SECURITY_ACTIONS)).update(timestamp=old)
    before = set(ModelLogEntry.objects.values_list("pk", flat=True))
    assert len(before) >= len(SECURITY_ACTIONS)
    # Every periodic job, and the retention of residents' data with the shortest period.
    with override_settings(XASO_FEEDBACK_RETENTION_DAYS=1):
        jobs.run_all()
        call_command("feedback_anonymise", stdout=io.StringIO())
    assert before <= set(ModelLogEntry.objects.values_list("pk", flat=True))
