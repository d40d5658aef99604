"""Releasing a sign-in lockout at once: a commune administrator for their commune's staff (the
list and the edit screen say who is locked out and until when), the province for anyone, and the
province's operators with `manage.py unlock`; nobody else, and every release in the audit log."""

from __future__ import annotations

import datetime
import io

import pytest
from axes.models import AccessAttempt
from bs4 import BeautifulSoup
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.test import Client, override_settings
from django.utils import timezone
from wagtail.models import ModelLogEntry

from xaso.accounts import lockout
from xaso.accounts.choices import Role
from xaso.accounts.services import account_lockout_release
from xaso.accounts.tests.factories import make_staff
from xaso.communes.tests.factories import make_commune

pytestmark = pytest.mark.django_db

PASSWORD = "mot-mat-khau-du-dai-2026"
HERE = "203.0.113.7"
ELSEWHERE = "198.51.100.9"
RELEASE = "xaso.lockout_release"


def _build_world(commune):
    other = make_commune(name="Lưu Kiếm", slug="luu-kiem-unlock")
    return {
        "ours": commune,
        "theirs": other,
        "admin": make_staff(commune=commune, role=Role.ADMINISTRATOR, username="quantri"),
        "locked": make_staff(
            commune=commune, role=Role.EDITOR, username="bientap", password=PASSWORD
        ),
        "our_staff": {
            role: make_staff(commune=commune, role=role)
            for role in Role
            if role != Role.ADMINISTRATOR
        },
        "their_staff": {role: make_staff(commune=other, role=role) for role in Role},
    }


# Made once for the module's consecutive tests, a copy for each (xaso/conftest.py).
SHARED_WORLD = _build_world


@pytest.fixture
def world(shared_world):
    return shared_world


def sign_in(username, password, address=HERE):
    return Client().post(
        "/admin/login/", {"username": username, "password": password}, REMOTE_ADDR=address
    )


def signed_in(response):
    return response.status_code == 302 and response["Location"] == "/admin/"


def lock_out(username="bientap", address=HERE):
    for attempt in range(5):
        sign_in(username, f"sai-{attempt}", address)
    assert sign_in(username, PASSWORD, address).status_code == 429


def release_url(account):
    return f"/admin/users/release-lockout/{account.pk}/"


def releases(account):
    return ModelLogEntry.objects.filter(object_id=str(account.pk), action=RELEASE)


def as_user(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_commune_administrator_releases_the_lockout_and_the_account_signs_in(world):
    locked = world["locked"]
    lock_out()
    admin = as_user(world["admin"])
    response = admin.post(release_url(locked))
    assert response.status_code == 302
    assert response["Location"] == f"/admin/users/edit/{locked.pk}/"
    entry = releases(locked).get()
    assert entry.user_id == world["admin"].pk
    assert entry.data["commune"] == world["ours"].pk
    assert entry.data["by"] == "admin" and entry.data["addresses"] == [HERE]
    assert not lockout.account_lockouts(["bientap"])
    assert signed_in(sign_in("bientap", PASSWORD))
    text = admin.get(f"/admin/users/edit/{locked.pk}/").content.decode()
    assert "Đã mở khóa đăng nhập" in text  # the message after the release


def test_the_list_and_the_edit_screen_say_until_when(world):
    locked = world["locked"]
    lock_out()
    until = timezone.localtime(
        AccessAttempt.objects.get(username="bientap").attempt_time + datetime.timedelta(minutes=15)
    )
    admin = as_user(world["admin"])
    listing = admin.get("/admin/users/").content.decode()
    assert f"Tạm khóa đến {until:%H:%M %d/%m/%Y}" in listing
    assert f'href="{release_url(locked)}?next=%2Fadmin%2Fusers%2F"' in listing
    assert "Khóa đăng nhập" in listing  # the column
    edit = admin.get(f"/admin/users/edit/{locked.pk}/").content.decode()
    assert "Tài khoản này đang bị tạm khóa đăng nhập do nhập sai mật khẩu nhiều lần." in edit
    assert f"Từ địa chỉ {HERE}: đến {until:%H:%M} ngày {until:%d/%m/%Y}." in edit
    assert f'action="{release_url(locked)}"' in edit
    page = admin.get(release_url(locked)).content.decode()
    assert "Mở khóa đăng nhập" in page and HERE in page
    # An account that is not locked out says nothing of the kind.
    other = world["our_staff"][Role.AUDITOR]
    assert "tạm khóa" not in admin.get(f"/admin/users/edit/{other.pk}/").content.decode()
    cells = [
        cell.get_text(" ", strip=True)
        for cell in BeautifulSoup(listing, "html.parser").select("table.listing tbody td")
    ]
    assert cells and not {"None", "True", "False"} & {word for c in cells for word in c.split()}


def test_a_lockout_from_two_addresses_is_released_from_both(world):
    lock_out(address=HERE)
    lock_out(address=ELSEWHERE)
    assert {item.address for item in lockout.account_lockouts(["bientap"])["bientap"]} == {
        HERE,
        ELSEWHERE,
    }
    account_lockout_release(user=world["admin"], account=world["locked"])
    assert signed_in(sign_in("bientap", PASSWORD, HERE))
    assert signed_in(sign_in("bientap", PASSWORD, ELSEWHERE))
    assert sorted(releases(world["locked"]).get().data["addresses"]) == sorted([HERE, ELSEWHERE])


def test_an_account_that_is_not_locked_out(world):
    admin = as_user(world["admin"])
    url = release_url(world["locked"])
    assert "hiện không bị tạm khóa đăng nhập" in admin.get(url).content.decode()
    response = admin.post(url, follow=True)
    assert response.status_code == 200
    assert "hiện không bị tạm khóa đăng nhập" in response.content.decode()
    assert not releases(world["locked"]).exists()


@pytest.mark.parametrize("value", ["abc", "0", "99999999", "1" * 40, "-1"])
def test_a_malformed_or_unknown_account_is_not_found(world, value):
    admin = as_user(world["admin"])
    for method in (admin.get, admin.post):
        assert method(f"/admin/users/release-lockout/{value}/").status_code == 404


@pytest.mark.parametrize("role", list(Role))
def test_no_role_of_another_commune_may_release_it(world, role):
    locked = world["locked"]
    lock_out()
    before = list(AccessAttempt.objects.values_list("pk", "failures_since_start"))
    client = as_user(world["their_staff"][role])
    for method in (client.get, client.post):
        assert method(release_url(locked)).status_code in (403, 404)
    assert client.get(f"/admin/users/edit/{locked.pk}/").status_code in (302, 403, 404)
    assert list(AccessAttempt.objects.values_list("pk", "failures_since_start")) == before
    assert not releases(locked).exists()
    assert sign_in("bientap", PASSWORD).status_code == 429
    with pytest.raises(PermissionDenied):
        account_lockout_release(user=world["their_staff"][role], account=locked)


@pytest.mark.parametrize("role", [role for role in Role if role != Role.ADMINISTRATOR])
def test_no_other_role_of_the_commune_may_release_it(world, role):
    locked = world["locked"]
    lock_out()
    client = as_user(world["our_staff"][role])
    for method in (client.get, client.post):
        assert method(release_url(locked)).status_code in (403, 404)
    assert not releases(locked).exists()
    assert lockout.account_lockouts(["bientap"])


def test_the_commune_administrator_cannot_release_the_provinces_account(world, django_user_model):
    province = django_user_model.objects.create_superuser("tinh", "tinh@example.vn", PASSWORD)
    lock_out("tinh")
    admin = as_user(world["admin"])
    assert admin.post(release_url(province)).status_code == 404
    assert lockout.account_lockouts(["tinh"])
    assert not releases(province).exists()


def test_the_province_releases_an_account_of_any_commune(world, django_user_model):
    province = django_user_model.objects.create_superuser("tinh", "tinh@example.vn", PASSWORD)
    their_editor = world["their_staff"][Role.EDITOR]
    their_editor.set_password(PASSWORD)
    their_editor.save()
    lock_out(their_editor.username)
    response = as_user(province).post(release_url(their_editor))
    assert response.status_code == 302
    entry = releases(their_editor).get()
    assert entry.user_id == province.pk and entry.data["commune"] == world["theirs"].pk
    assert signed_in(sign_in(their_editor.username, PASSWORD))


def test_the_release_is_in_the_audit_log_of_the_commune(world):
    lock_out()
    account_lockout_release(user=world["admin"], account=world["locked"])
    auditor = as_user(world["our_staff"][Role.AUDITOR])
    text = auditor.get(f"/admin/audit-log/?action={RELEASE}").content.decode()
    assert "Đã mở khóa đăng nhập" in text and "bientap" in text
    assert "Mở khóa đăng nhập" in auditor.get("/admin/audit-log/").content.decode()  # the filter
    theirs = as_user(world["their_staff"][Role.AUDITOR])
    assert "bientap" not in theirs.get(f"/admin/audit-log/?action={RELEASE}").content.decode()


# The province's command.


def unlock(*args):
    out = io.StringIO()
    call_command("unlock", *args, stdout=out)
    return out.getvalue()


def test_the_command_releases_an_account(world):
    lock_out()
    output = unlock("--username", "bientap")
    assert "Đã mở khóa đăng nhập cho “bientap”" in output
    entry = releases(world["locked"]).get()
    assert entry.user_id is None and entry.data["by"] == "command"
    assert entry.data["commune"] == world["ours"].pk
    assert signed_in(sign_in("bientap", PASSWORD))


@override_settings(XASO_LOGIN_FAILURES_PER_ADDRESS=8)
def test_the_command_releases_an_address(world):
    auditor = world["our_staff"][Role.AUDITOR]
    auditor.set_password(PASSWORD)
    auditor.save()
    for number in range(7):
        sign_in(f"ten-{number}", "sai")
    sign_in("bientap", "sai")  # the eighth failure locks the address, on this account
    assert sign_in(auditor.username, PASSWORD).status_code == 429
    output = unlock("--address", HERE)
    assert f"Đã mở khóa đăng nhập từ địa chỉ {HERE}; các tài khoản liên quan: bientap." in output
    assert signed_in(sign_in(auditor.username, PASSWORD))
    entry = releases(world["locked"]).get()
    assert entry.user_id is None and entry.data["by"] == "command"
    assert entry.data["addresses"] == [HERE] and entry.data["scope"] == "address"
    assert not AccessAttempt.objects.filter(ip_address=HERE).exists()


def test_the_command_releases_both_at_once(world):
    lock_out(address=ELSEWHERE)
    output = unlock("--username", "bientap", "--address", HERE)
    assert "“bientap”" in output and "không có tài khoản nào liên quan" in output
    assert signed_in(sign_in("bientap", PASSWORD, ELSEWHERE))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "Hãy nêu tài khoản"),
        (("--username", "khong-co-ai"), "Không có tài khoản nào tên “khong-co-ai”."),
        (("--address", "999.1.1.1"), "“999.1.1.1” không phải là địa chỉ IP."),
        (("--username", "bientap", "--address", "x"), "không phải là địa chỉ IP"),
    ],
)
def test_the_command_refuses_bad_input_and_releases_nothing(world, args, message):
    lock_out()
    with pytest.raises(CommandError, match=message):
        unlock(*args)
    assert lockout.account_lockouts(["bientap"])
    assert not ModelLogEntry.objects.filter(action=RELEASE).exists()
