"""Password rules: 14 characters (10 with a second factor), no common Vietnamese password
however it is dressed up, Argon2 for new hashes and old hashes upgraded at sign-in."""

from __future__ import annotations

from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import translation

from xaso.accounts import passwords
from xaso.accounts.choices import Role
from xaso.accounts.tests.factories import make_staff
from xaso.demo.loader import DEMO_PASSWORD
from xaso.settings import base

pytestmark = pytest.mark.django_db


def refusal(password, user=None):
    with translation.override("vi"):
        try:
            validate_password(password, user)
        except ValidationError as error:
            return " ".join(error.messages)
    return None


def test_fourteen_characters_at_least():
    assert refusal("con-meo-den-26") is None  # 14
    assert "ít nhất 14 ký tự" in refusal("con-meo-den-2")  # 13


def test_ten_characters_with_a_second_factor(commune):
    user = make_staff(commune=commune, role=Role.EDITOR, username="bientap")
    assert refusal("ca-phe-den", user) is not None
    with mock.patch.object(passwords, "has_second_factor", return_value=True):
        assert refusal("ca-phe-den", user) is None  # 10
        assert "ít nhất 10 ký tự" in refusal("ca-phe-de", user)
    assert passwords.has_second_factor(user) is False  # nobody has one yet


@pytest.mark.parametrize(
    "password",
    [
        "Mật khẩu 2026!!!",
        "matkhau@12345678",
        "Anh yêu em 2026!!",
        "anhyeuem@@12345",
        "XinChao123456789",
        "vietnam-2026-2027",
        "HàNội 1234567890",
        "123456a@12345678",
        "quantri-2026-2026",
    ],
)
def test_common_vietnamese_passwords_are_refused_however_dressed_up(password):
    assert "quá phổ biến" in refusal(password)


def test_the_name_of_a_commune_served_is_refused(commune):
    assert commune.name == "Liên Khê"
    assert "quá phổ biến" in refusal("Liên Khê 2026 !!!")
    assert refusal("Lưu Kiếm 2026 !!!") is None  # not a commune here


def test_django_rules_still_apply(commune):
    user = make_staff(commune=commune, role=Role.EDITOR, username="nguyenvanbinh")
    assert refusal("12345678901234567") is not None  # only digits
    assert refusal("nguyenvanbinh2026", user) is not None  # like the account's name


def test_the_demo_password_passes(commune):
    user = make_staff(commune=commune, role=Role.ADMINISTRATOR, username="tinh")
    assert len(DEMO_PASSWORD) == 14
    assert refusal(DEMO_PASSWORD, user) is None


def test_the_forms_refuse_a_common_password_in_vietnamese(commune):
    user = make_staff(commune=commune, role=Role.EDITOR, username="bientap")
    with translation.override("vi"):
        form = SetPasswordForm(
            user, {"new_password1": "Xin chào 2026!!!", "new_password2": "Xin chào 2026!!!"}
        )
        assert not form.is_valid()
        assert "quá phổ biến" in str(form.errors)


def test_argon2_first_and_older_hashers_kept():
    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert "django.contrib.auth.hashers.PBKDF2PasswordHasher" in base.PASSWORD_HASHERS[1:]


@override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS)
def test_an_older_hash_becomes_argon2_at_the_next_sign_in(client, commune):
    from django.contrib.auth.hashers import make_password

    user = make_staff(commune=commune, role=Role.EDITOR, username="bientap")
    password = "mot-mat-khau-du-dai-2026"
    get_user_model().objects.filter(pk=user.pk).update(
        password=make_password(password, hasher="pbkdf2_sha256")
    )
    response = client.post("/admin/login/", {"username": "bientap", "password": password})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.password.startswith("argon2$")
    assert user.check_password(password)
