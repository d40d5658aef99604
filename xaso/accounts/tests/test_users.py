"""A commune administrator manages their commune's staff: only their accounts, only their roles,
never an administrator; every change of roles is in the audit log."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from wagtail.models import ModelLogEntry

from xaso.accounts.choices import Role
from xaso.accounts.models import CommuneRole
from xaso.accounts.tests.factories import make_staff

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def two(commune, other_commune):
    other = other_commune
    return {
        "ours": commune,
        "theirs": other,
        "admin": make_staff(commune=commune, role=Role.ADMINISTRATOR, username="quantri"),
        "our_editor": make_staff(commune=commune, role=Role.EDITOR, username="bientap_lk"),
        "their_editor": make_staff(commune=other, role=Role.EDITOR, username="bientap_lkiem"),
    }


def _group(commune, role):
    return CommuneRole.objects.get(commune=commune, role=role).group


def _user_form(username, groups, **extra):
    data = {
        "username": username,
        "email": f"{username}@lienkhe.gov.vn",
        "first_name": "Nguyễn Văn",
        "last_name": "An",
        "password1": "mat-khau-rat-dai-2026",
        "password2": "mat-khau-rat-dai-2026",
        "is_active": "on",
        "groups": [g.pk for g in groups],
    }
    data.update(extra)
    return data


def test_the_list_shows_only_our_commune_staff(client, two):
    client.force_login(two["admin"])
    text = client.get("/admin/users/").content.decode()
    assert "bientap_lk" in text and "bientap_lkiem" not in text
    assert "Lưu Kiếm" not in text  # not even the other commune's group names in the filters


def test_another_communes_account_cannot_be_opened(client, two):
    client.force_login(two["admin"])
    their = two["their_editor"]
    assert client.get(f"/admin/users/edit/{their.pk}/").status_code == 404
    client.post(f"/admin/users/edit/{their.pk}/", _user_form("doi-ten", []))
    their.refresh_from_db()
    assert their.username == "bientap_lkiem"


def test_a_new_account_gets_only_our_roles_and_never_administrator(client, two):
    client.force_login(two["admin"])
    form = client.get("/admin/users/new/").content.decode()
    assert 'name="is_superuser"' not in form
    assert "Xã Lưu Kiếm" not in form
    theirs = _group(two["theirs"], Role.EDITOR)
    ours = _group(two["ours"], Role.EDITOR)
    # Asking for the other commune's role or the administrator flag by hand gets neither.
    response = client.post(
        "/admin/users/new/", _user_form("moi", [ours, theirs], is_superuser="on")
    )
    assert not User.objects.filter(username="moi").exists()
    assert response.status_code == 200
    response = client.post("/admin/users/new/", _user_form("moi", [ours], is_superuser="on"))
    assert response.status_code == 302
    created = User.objects.get(username="moi")
    assert not created.is_superuser
    assert list(created.groups.all()) == [ours]


def test_a_new_account_needs_a_role(client, two):
    client.force_login(two["admin"])
    response = client.post("/admin/users/new/", _user_form("khongvaitro", []))
    assert response.status_code == 200
    assert "Chọn ít nhất một vai trò" in response.content.decode()
    assert not User.objects.filter(username="khongvaitro").exists()


def test_roles_elsewhere_are_kept_and_every_change_is_logged(client, two):
    both = two["their_editor"]
    both.groups.add(_group(two["ours"], Role.EDITOR))  # works for both communes
    client.force_login(two["admin"])
    data = _user_form(both.username, [_group(two["ours"], Role.APPROVER)])
    del data["password1"], data["password2"]
    response = client.post(f"/admin/users/edit/{both.pk}/", data)
    assert response.status_code == 302, response.context["form"].errors
    assert set(both.groups.all()) == {
        _group(two["ours"], Role.APPROVER),
        _group(two["theirs"], Role.EDITOR),  # their commune's role untouched
    }
    entry = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_id=str(both.pk)
    ).latest("timestamp")
    assert entry.action == "wagtail.edit" and entry.user == two["admin"]


def test_the_province_keeps_the_full_screens(client, two, admin_user):
    client.force_login(admin_user)
    text = client.get("/admin/users/").content.decode()
    assert "bientap_lk" in text and "bientap_lkiem" in text
    assert 'name="is_superuser"' in client.get("/admin/users/new/").content.decode()
