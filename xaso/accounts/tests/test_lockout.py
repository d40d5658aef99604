"""Failed sign-ins lock out an account from an address, and an address trying many accounts;
the message reads the same for made-up names; the lockout ends by itself or by an
administrator; every lockout is in the audit log."""

from __future__ import annotations

import datetime
import io

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import ModelLogEntry

from xaso.accounts.choices import Role
from xaso.accounts.tests.factories import make_staff

pytestmark = pytest.mark.django_db

PASSWORD = "mot-mat-khau-du-dai-2026"
HERE = "203.0.113.7"
ELSEWHERE = "198.51.100.9"
WRONG = "Tên đăng nhập hoặc mật khẩu không đúng"
LOCKED = "Đăng nhập sai quá nhiều lần. Việc đăng nhập từ đây bị tạm khóa 15 phút"


@pytest.fixture
def staff(commune):
    return make_staff(commune=commune, role=Role.EDITOR, username="bientap", password=PASSWORD)


def sign_in(client, username, password, address=HERE, **extra):
    return client.post(
        "/admin/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        **extra,
    )


def signed_in(response):
    return response.status_code == 302 and response["Location"] == "/admin/"


def entries(user, action):
    return ModelLogEntry.objects.filter(object_id=str(user.pk), action=action)


def test_five_wrong_passwords_refuse_the_right_one(client, staff):
    for attempt in range(4):
        response = sign_in(client, "bientap", f"sai-{attempt}")
        assert response.status_code == 200 and WRONG in response.content.decode()
    fifth = sign_in(client, "bientap", "sai-5")
    assert fifth.status_code == 429 and LOCKED in fifth.content.decode()
    right = sign_in(client, "bientap", PASSWORD)
    assert right.status_code == 429 and LOCKED in right.content.decode()
    assert "_auth_user_id" not in client.session
    # One lockout, six refusals, each with the client's address.
    assert entries(staff, "xaso.lockout").count() == 1
    assert entries(staff, "xaso.lockout").get().data["address"] == HERE
    assert entries(staff, "xaso.login_failed").count() == 6
    assert not entries(staff, "xaso.login").exists()


def test_the_lockout_ends_after_the_cool_off(client, staff):
    for attempt in range(5):
        sign_in(client, "bientap", f"sai-{attempt}")
    assert sign_in(client, "bientap", PASSWORD).status_code == 429
    # Fourteen minutes later: still locked (trying during the lockout did not extend it).
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - datetime.timedelta(minutes=14)
    )
    assert sign_in(client, "bientap", PASSWORD).status_code == 429
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - datetime.timedelta(minutes=2)
    )
    assert signed_in(sign_in(client, "bientap", PASSWORD))


def test_an_administrator_lifts_the_lockout(client, staff):
    for attempt in range(5):
        sign_in(client, "bientap", f"sai-{attempt}")
    assert sign_in(client, "bientap", PASSWORD).status_code == 429
    call_command("axes_reset_username", "bientap", stdout=io.StringIO())
    assert signed_in(sign_in(client, "bientap", PASSWORD))


def test_an_unknown_name_reads_exactly_like_a_wrong_password(client, staff):
    def message(response):
        text = response.content.decode()
        start = text.index('<div class="messages"')
        return response.status_code, text[start : text.index("</div>", start)]

    for attempt in range(5):
        known = message(sign_in(client, "bientap", f"sai-{attempt}"))
        unknown = message(sign_in(client, "khong-co-ai", f"sai-{attempt}", address=ELSEWHERE))
        assert known == unknown
    assert known[0] == 429 and LOCKED in known[1]
    assert (
        not ModelLogEntry.objects.filter(action="xaso.lockout")
        .exclude(object_id=str(staff.pk))
        .exists()
    )


def test_another_address_is_not_locked_out_of_the_account(client, staff):
    """Locked by account and address together: a stranger who knows the name cannot lock the
    commune's staff out of their own office."""
    for attempt in range(5):
        sign_in(client, "bientap", f"sai-{attempt}", address=ELSEWHERE)
    assert sign_in(client, "bientap", PASSWORD, address=ELSEWHERE).status_code == 429
    assert signed_in(sign_in(client, "bientap", PASSWORD, address=HERE))


@override_settings(XASO_LOGIN_FAILURES_PER_ADDRESS=8)
def test_an_address_trying_many_names_is_locked_out_for_every_account(client, commune, staff):
    other = make_staff(commune=commune, role=Role.AUDITOR, username="kiemtra", password=PASSWORD)
    for number in range(8):
        response = sign_in(client, f"ten-{number}", "sai")
    assert response.status_code == 429 and LOCKED in response.content.decode()
    refused = sign_in(client, "kiemtra", PASSWORD)
    assert refused.status_code == 429 and LOCKED in refused.content.decode()
    assert entries(other, "xaso.login_failed").exists()
    assert signed_in(sign_in(client, "kiemtra", PASSWORD, address=ELSEWHERE))


@override_settings(XASO_TRUSTED_PROXIES=["127.0.0.1"])
def test_behind_the_proxy_each_client_address_counts_for_itself(client, staff):
    for attempt in range(5):
        sign_in(client, "bientap", f"sai-{attempt}", address="127.0.0.1", HTTP_X_FORWARDED_FOR=HERE)
    assert (
        sign_in(
            client, "bientap", PASSWORD, address="127.0.0.1", HTTP_X_FORWARDED_FOR=HERE
        ).status_code
        == 429
    )
    assert signed_in(
        sign_in(client, "bientap", PASSWORD, address="127.0.0.1", HTTP_X_FORWARDED_FOR=ELSEWHERE)
    )
    assert AccessAttempt.objects.get().ip_address == HERE


def test_a_successful_sign_in_is_in_the_audit_log_with_the_address(client, staff):
    assert signed_in(sign_in(client, "bientap", PASSWORD))
    assert entries(staff, "xaso.login").get().data["address"] == HERE


def test_django_admin_is_not_mounted(client):
    assert client.get("/django-admin/login/").status_code == 404
    assert client.post("/django-admin/login/", {"username": "x", "password": "y"}).status_code == (
        404
    )
