"""Accounts not used for 45 days are disabled by the periodic job, in the audit log, their
commune's administrators told by e-mail; never the last active superuser."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone
from wagtail.models import ModelLogEntry

from xaso.accounts.choices import Role
from xaso.accounts.idle import accounts_disable_idle
from xaso.accounts.tests.factories import make_staff
from xaso.communes.tests.factories import make_commune
from xaso.core import jobs

pytestmark = pytest.mark.django_db
User = get_user_model()


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def used(account, days, *, joined=None):
    User.objects.filter(pk=account.pk).update(
        last_login=days_ago(days) if days is not None else None,
        date_joined=days_ago(joined if joined is not None else (days or 0) + 100),
    )
    account.refresh_from_db()


@pytest.fixture
def staff(commune):
    admin = make_staff(
        commune=commune, role=Role.ADMINISTRATOR, username="quantri", email="quantri@lk.gov.vn"
    )
    used(admin, 1)
    return {
        "admin": admin,
        "idle": make_staff(commune=commune, role=Role.EDITOR, username="bientap"),
        "recent": make_staff(commune=commune, role=Role.APPROVER, username="duyet"),
        "never": make_staff(commune=commune, role=Role.AUDITOR, username="kiemtra"),
    }


def active(account):
    account.refresh_from_db()
    return account.is_active


def test_accounts_unused_for_45_days_are_disabled(staff):
    used(staff["idle"], 46)
    used(staff["recent"], 44)
    used(staff["never"], None, joined=46)
    mail.outbox.clear()
    assert accounts_disable_idle() == 2
    assert not active(staff["idle"]) and not active(staff["never"])
    assert active(staff["recent"]) and active(staff["admin"])
    entry = ModelLogEntry.objects.get(object_id=str(staff["idle"].pk), action="xaso.account_idle")
    assert (
        entry.data["days"] == 45
        and entry.data["commune"] == staff["admin"].groups.get().commune_role.commune_id
    )
    # The commune's administrator is told, in Vietnamese, with the link to enable it again.
    assert sorted(m.to[0] for m in mail.outbox) == ["quantri@lk.gov.vn"] * 2
    message = next(m for m in mail.outbox if "bientap" in m.subject)
    assert "không sử dụng trong 45 ngày" in message.subject
    assert f"/admin/users/edit/{staff['idle'].pk}/" in message.body


def test_the_job_runs_every_time_and_does_nothing_twice(staff):
    used(staff["idle"], 60)
    mail.outbox.clear()
    jobs.run_all()
    jobs.run_all()
    assert not active(staff["idle"])
    assert ModelLogEntry.objects.filter(action="xaso.account_idle").count() == 1
    assert len(mail.outbox) == 1


def test_an_account_enabled_again_counts_from_then(client, staff):
    used(staff["idle"], 60)
    accounts_disable_idle()
    assert not active(staff["idle"])
    account = staff["idle"]
    account.is_active = True
    account.save()
    assert accounts_disable_idle() == 0
    assert active(account)
    accounts_disable_idle(now=timezone.now() + datetime.timedelta(days=44))
    assert active(account)
    accounts_disable_idle(now=timezone.now() + datetime.timedelta(days=46))
    assert not active(account)


def test_enabled_again_by_the_bulk_action_counts_from_then(client, staff):
    used(staff["idle"], 60)
    accounts_disable_idle()
    client.force_login(staff["admin"])
    response = client.post(
        f"/admin/bulk/auth/user/set_active_state/?id={staff['idle'].pk}&next=/admin/users/",
        {"mark_as_active": "True"},
    )
    assert response.status_code == 302
    assert active(staff["idle"])
    assert accounts_disable_idle() == 0


def test_never_the_last_active_superuser(db):
    make_commune()
    old = User.objects.create_superuser("tinh", "tinh@hp.gov.vn", "x")
    older = User.objects.create_superuser("tinh2", "tinh2@hp.gov.vn", "x")
    used(old, 50)
    used(older, 90)
    accounts_disable_idle()
    assert active(old) and not active(older)  # the one used last stays
    # The other superuser is told of it (no commune to tell).
    assert mail.outbox[-1].to == ["tinh@hp.gov.vn"]
    fresh = User.objects.create_superuser("tinh3", "tinh3@hp.gov.vn", "x")
    used(fresh, 1)
    accounts_disable_idle()
    assert not active(old) and active(fresh)


def test_a_disabled_account_cannot_sign_in(client, staff):
    from django.contrib.auth.hashers import make_password

    User.objects.filter(pk=staff["idle"].pk).update(password=make_password("mat-khau-du-dai-26"))
    used(staff["idle"], 46)
    accounts_disable_idle()
    response = client.post(
        "/admin/login/", {"username": "bientap", "password": "mat-khau-du-dai-26"}
    )
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()
