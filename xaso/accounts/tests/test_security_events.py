"""Security events in the audit log: role changes (who gave or took which role), exports of
residents' personal data; each action filterable in the audit log report; nothing deletes them."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
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
