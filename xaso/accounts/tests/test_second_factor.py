"""The second factor: who must have one, enrolment with a code from the app, the code after the
password, recovery codes that work once, the growing (and bounded) wait after wrong codes, a
fresh code before changing the second factor, the reset by the commune administrator (and by no
one else), and the shorter password it allows."""

from __future__ import annotations

import base64
import re
import time
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from xaso.accounts import second_factor as sf
from xaso.accounts.choices import Role
from xaso.accounts.tests.factories import make_staff

pytestmark = pytest.mark.django_db

PASSWORD = "mot-mat-khau-du-dai-2026"
ENROL = "/admin/second-factor/enrol/"
VERIFY = "/admin/second-factor/"


@pytest.fixture(autouse=True)
def _required(settings: Any) -> None:
    settings.XASO_SECOND_FACTOR_REQUIRED = True


def code_for(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """The code the app shows now (or `steps_ahead` periods of 30 seconds later)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():06d}"


def shown_key(page: Any) -> TOTPDevice:
    """The app as a person adds it by typing the key the enrolment page shows."""
    found = re.search(r'class="second-factor__secret"[^>]*>([A-Z2-7 ]+)<', page.content.decode())
    assert found, "the enrolment page shows no key"
    key = base64.b32decode(found.group(1).replace(" ", ""))
    return TOTPDevice(key=key.hex())


def sign_in(client: Client, username: str, password: str = PASSWORD) -> Any:
    return client.post("/admin/login/", {"username": username, "password": password})


def entries(user: Any, action: str) -> Any:
    return ModelLogEntry.objects.filter(object_id=str(user.pk), action=action)


def enrol(client: Client, user: Any) -> list[str]:
    """Through the screens: the QR code's page, then a code from the app. The recovery codes."""
    page = client.get(ENROL)
    assert page.status_code == 200
    done = client.post(ENROL, {"code": code_for(shown_key(page)), "next": "/admin/"})
    assert done.status_code == 200, done.content.decode()[:500]
    return re.findall(r"<code>([a-z2-7]{4}-[a-z2-7]{4})</code>", done.content.decode())


@pytest.mark.parametrize("role", list(Role))
def test_required_for_every_role(commune: Any, role: Role) -> None:
    # Each publishes (pages, register entries, disclosures, evidence) or reads what is not
    # public (the commune's unpublished documents, personal data).
    user = make_staff(commune=commune, role=role)
    assert sf.required_for(user)
    user.is_active = False
    assert not sf.required_for(user)


def test_required_for_the_province_and_not_when_switched_off(commune: Any, settings: Any) -> None:
    province = get_user_model().objects.create_superuser("tinh", password=PASSWORD)
    approver = make_staff(commune=commune, role=Role.APPROVER)
    assert sf.required_for(province) and sf.required_for(approver)
    settings.XASO_SECOND_FACTOR_REQUIRED = False
    assert not sf.required_for(province) and not sf.required_for(approver)


def test_an_approver_is_sent_to_enrol_and_the_site_sees_a_visitor(client: Client, commune: Any):
    make_staff(commune=commune, role=Role.APPROVER, username="duyet", password=PASSWORD)
    assert sign_in(client, "duyet").status_code == 302
    for path in ("/admin/", "/admin/pages/", "/admin/users/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith(ENROL + "?next=")
    page = client.get(ENROL)
    body = page.content.decode()
    assert "<svg" in body and "Thêm ứng dụng xác thực" in body
    # The key, for typing by hand; the same on a reload; nothing saved before it is confirmed.
    assert shown_key(page).key == shown_key(client.get(ENROL)).key
    assert not TOTPDevice.objects.exists()
    # On the public site the half-signed-in session is a visitor: no admin bar.
    home = client.get("/")
    assert home.status_code == 200
    assert "wagtail-userbar" not in home.content.decode()


def test_switched_off_the_password_alone_signs_in_but_an_app_still_counts(
    client: Client, commune: Any, settings: Any
) -> None:
    user = make_staff(commune=commune, role=Role.EDITOR, username="bientap", password=PASSWORD)
    settings.XASO_SECOND_FACTOR_REQUIRED = False
    sign_in(client, "bientap")
    assert client.get("/admin/").status_code == 200
    settings.XASO_SECOND_FACTOR_REQUIRED = True
    enrol(client, user)
    settings.XASO_SECOND_FACTOR_REQUIRED = False
    other = Client()
    sign_in(other, "bientap")
    assert other.get("/admin/")["Location"].startswith(VERIFY)


def test_a_half_signed_in_session_gets_no_private_document(client: Client, commune: Any) -> None:
    from xaso.legal.tests.factories import make_pdf

    document = make_pdf(title="Biên bản nội bộ")
    document.collection = commune.collection
    document.save()
    user = make_staff(commune=commune, role=Role.EDITOR, username="bientap", password=PASSWORD)
    url = document.url
    enrol_client = Client()
    sign_in(enrol_client, "bientap")
    assert enrol_client.get(url).status_code == 404  # not enrolled yet: a visitor
    enrol(enrol_client, user)
    assert enrol_client.get(url).status_code == 200
    other = Client()
    sign_in(other, "bientap")
    assert other.get(url).status_code == 404  # password only
    assert other.get("/admin/api/main/pages/")["Location"].startswith(VERIFY)


def test_enrolment_then_signing_in_with_the_app(client: Client, commune: Any) -> None:
    user = make_staff(commune=commune, role=Role.APPROVER, username="duyet", password=PASSWORD)
    sign_in(client, "duyet")
    app = shown_key(client.get(ENROL))
    wrong = client.post(ENROL, {"code": "000000" if code_for(app) != "000000" else "111111"})
    assert "Mã chưa đúng" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=user).exists()
    codes = enrol(client, user)
    assert len(codes) == sf.RECOVERY_CODE_COUNT == len(set(codes))
    assert entries(user, sf.ENROL_ACTION).count() == 1
    assert client.get("/admin/").status_code == 200

    # Next sign-in: the password, then the code.
    other = Client()
    sign_in(other, "duyet")
    response = other.get("/admin/pages/")
    assert response.status_code == 302 and response["Location"].startswith(VERIFY + "?next=")
    page = other.get(response["Location"])
    assert "Đăng nhập hai bước" in page.content.decode()
    app = sf.app_device(user)
    refused = other.post(VERIFY, {"code": "12345a", "next": "/admin/pages/"})
    assert refused.status_code == 200
    assert entries(user, sf.FAILED_ACTION).count() == 1
    app.refresh_from_db()
    app.throttle_reset()
    # The code used to enrol cannot be used again; the next one can.
    used = other.post(VERIFY, {"code": code_for(app), "next": "/admin/pages/"})
    assert used.status_code == 200
    app.refresh_from_db()
    app.throttle_reset()
    done = other.post(VERIFY, {"code": code_for(app, 1), "next": "/admin/pages/"})
    assert done.status_code == 302 and done["Location"] == "/admin/pages/"
    assert other.get("/admin/").status_code == 200
    assert entries(user, sf.VERIFIED_ACTION).count() == 1


def test_a_recovery_code_works_once(client: Client, commune: Any) -> None:
    user = make_staff(commune=commune, role=Role.FEEDBACK_OFFICER, username="tiepdan")
    user.set_password(PASSWORD)
    user.save()
    sign_in(client, "tiepdan")
    codes = enrol(client, user)
    first = Client()
    sign_in(first, "tiepdan")
    done = first.post(VERIFY, {"code": codes[0].upper().replace("-", " "), "next": "/admin/"})
    assert done.status_code == 302
    assert "Bạn đã đăng nhập bằng một mã dự phòng" in first.get("/admin/").content.decode()
    assert StaticToken.objects.filter(device__user=user).count() == sf.RECOVERY_CODE_COUNT - 1
    again = Client()
    sign_in(again, "tiepdan")
    refused = again.post(VERIFY, {"code": codes[0], "next": "/admin/"})
    assert refused.status_code == 200
    assert "đã được dùng" in refused.content.decode()
    assert again.get("/admin/").status_code == 302


def test_wrong_codes_make_even_the_right_one_wait(client: Client, commune: Any) -> None:
    user = make_staff(commune=commune, role=Role.AUDITOR, username="kiemtra")
    user.set_password(PASSWORD)
    user.save()
    sign_in(client, "kiemtra")
    enrol(client, user)
    other = Client()
    sign_in(other, "kiemtra")
    app = sf.app_device(user)
    for wrong in ("000001", "000002", "000003"):
        other.post(VERIFY, {"code": wrong})
    refused = other.post(VERIFY, {"code": code_for(app, 1)})
    assert refused.status_code == 200
    assert "Nhập sai quá nhiều lần" in refused.content.decode()
    assert other.get("/admin/").status_code == 302


def test_the_wait_after_wrong_codes_is_bounded_and_audited(client: Client, commune: Any) -> None:
    from django.utils import timezone

    user = make_staff(commune=commune, role=Role.AUDITOR, username="kiemtra", password=PASSWORD)
    sign_in(client, "kiemtra")
    enrol(client, user)
    app = sf.app_device(user)
    # Someone with the password tried all night: 40 wrong codes.
    app.throttling_failure_count = 40
    app.throttling_failure_timestamp = timezone.now()
    app.save()
    other = Client()
    sign_in(other, "kiemtra")
    refused = other.post(VERIFY, {"code": code_for(app, 1)}).content.decode()
    assert "Hãy đợi 18 phút" in refused or "Hãy đợi 17 phút" in refused
    app.refresh_from_db()
    assert app.throttling_failure_count == sf.MAX_COUNTED_FAILURES
    entry = entries(user, sf.FAILED_ACTION).latest("timestamp")
    assert entry.data["throttled"] is True
    app.throttling_failure_timestamp = timezone.now() - timezone.timedelta(minutes=18)
    app.save()
    assert other.post(VERIFY, {"code": code_for(app, 1)}).status_code == 302


def test_changing_the_second_factor_needs_a_fresh_code(client: Client, commune: Any) -> None:
    user = make_staff(commune=commune, role=Role.APPROVER, username="duyet", password=PASSWORD)
    sign_in(client, "duyet")
    enrol(client, user)
    # Ten minutes later, someone at the same office computer.
    session = client.session
    session[sf.VERIFIED_AT] -= sf.FRESH_SECONDS + 1
    session.save()
    for path in (ENROL, "/admin/second-factor/recovery-codes/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith(VERIFY) and "again=1" in response["Location"]
    assert client.post("/admin/second-factor/recovery-codes/").status_code == 302
    page = client.get(f"{VERIFY}?again=1&next=/admin/second-factor/recovery-codes/")
    assert "hãy nhập lại mã" in page.content.decode()
    done = client.post(
        VERIFY,
        {
            "code": code_for(sf.app_device(user), 1),
            "again": "1",
            "next": "/admin/second-factor/recovery-codes/",
        },
    )
    assert done["Location"] == "/admin/second-factor/recovery-codes/"
    assert "Bạn còn 10 mã dự phòng" in client.get(done["Location"]).content.decode()


def test_a_double_click_adds_one_app(client: Client, commune: Any) -> None:
    user = make_staff(commune=commune, role=Role.APPROVER, username="duyet", password=PASSWORD)
    sign_in(client, "duyet")
    page = client.get(ENROL)
    app = shown_key(page)
    session_before = dict(client.session)
    first = client.post(ENROL, {"code": code_for(app)})
    assert first.status_code == 200 and "Mã dự phòng của bạn" in first.content.decode()
    # The second click's request carries the session as it was before the first answered.
    from django.contrib.sessions.backends.db import SessionStore

    stale = SessionStore()
    for key, value in session_before.items():
        stale[key] = value
    stale.pop(sf.VERIFIED_AT, None)
    stale.pop("otp_device_id", None)
    stale.save()
    second = Client()
    second.cookies["sessionid"] = str(stale.session_key)
    again = second.post(ENROL, {"code": code_for(app)})
    # The account has its app now: that session must give a code from it first.
    assert again.status_code == 302 and again["Location"].startswith(VERIFY)
    assert TOTPDevice.objects.filter(user=user).count() == 1
    assert StaticDevice.objects.filter(user=user).count() == 1


def test_a_password_alone_cannot_replace_the_app(client: Client, commune: Any) -> None:
    user = make_staff(commune=commune, role=Role.APPROVER, username="duyet", password=PASSWORD)
    sign_in(client, "duyet")
    enrol(client, user)
    thief = Client()
    sign_in(thief, "duyet")
    response = thief.get(ENROL)
    assert response.status_code == 302 and response["Location"].startswith(VERIFY)
    assert TOTPDevice.objects.filter(user=user).count() == 1
    request = thief_request(thief)
    with pytest.raises(PermissionDenied):
        sf.second_factor_enrol_start(request=request, user=request.user)
    with pytest.raises(PermissionDenied):
        sf.second_factor_enrol_confirm(request=request, user=request.user, code="123456")


def thief_request(client: Client) -> Any:
    """A request of a session that gave its password but not its code, as the middleware
    leaves it."""
    from django.contrib.auth import get_user
    from django.http import HttpRequest
    from django_otp.middleware import OTPMiddleware

    request = HttpRequest()
    request.session = client.session
    request.user = get_user(request)
    OTPMiddleware(lambda r: None)(request)
    return request


def test_new_recovery_codes_replace_the_old(client: Client, commune: Any) -> None:
    user = make_staff(commune=commune, role=Role.CAMPAIGN_LEAD, username="vandong")
    user.set_password(PASSWORD)
    user.save()
    sign_in(client, "vandong")
    old = enrol(client, user)
    page = client.get("/admin/second-factor/recovery-codes/")
    assert "Bạn còn 10 mã dự phòng" in page.content.decode()
    new = re.findall(
        r"<code>([a-z2-7]{4}-[a-z2-7]{4})</code>",
        client.post("/admin/second-factor/recovery-codes/").content.decode(),
    )
    assert len(new) == sf.RECOVERY_CODE_COUNT and not set(new) & set(old)
    assert entries(user, sf.RECOVERY_RENEW_ACTION).count() == 1
    other = Client()
    sign_in(other, "vandong")
    assert other.post(VERIFY, {"code": old[1]}).status_code == 200
    StaticDevice.objects.get(user=user).throttle_reset()  # the second's wait, without waiting
    assert other.post(VERIFY, {"code": new[1]}).status_code == 302


def test_the_account_page_shows_the_state(client: Client, commune: Any, settings: Any) -> None:
    user = make_staff(commune=commune, role=Role.EDITOR, username="bientap", password=PASSWORD)
    settings.XASO_SECOND_FACTOR_REQUIRED = False
    sign_in(client, "bientap")
    page = client.get("/admin/account/").content.decode()
    assert "Đăng nhập hai bước" in page and "Thêm ứng dụng xác thực" in page
    assert "10 ký tự" in page
    settings.XASO_SECOND_FACTOR_REQUIRED = True
    enrol(client, user)
    page = client.get("/admin/account/").content.decode()
    assert "Còn 10 mã dự phòng" in page and "Dùng điện thoại khác" in page


def test_the_password_may_be_shorter_with_an_app(client: Client, commune: Any) -> None:
    user = make_staff(commune=commune, role=Role.EDITOR, username="bientap", password=PASSWORD)
    short = "dong-lua-9x"  # 11 characters
    with pytest.raises(ValidationError):
        validate_password(short, user)
    sign_in(client, "bientap")
    enrol(client, user)
    validate_password(short, user)


def _enrolled(commune: Any, role: Role, username: str) -> Any:
    user = make_staff(commune=commune, role=role, username=username, password=PASSWORD)
    client = Client()
    sign_in(client, username)
    enrol(client, user)
    return user


def verified_client(user: Any) -> Client:
    """A session of `user` that gave its password and a code from its (new) app."""
    from django_otp import DEVICE_ID_SESSION_KEY

    client = Client()
    client.force_login(user)
    session = client.session
    app = TOTPDevice.objects.create(user=user, name=sf.APP_DEVICE_NAME, confirmed=True)
    session[DEVICE_ID_SESSION_KEY] = app.persistent_id
    session.save()
    return client


def _admin_client(commune: Any, username: str) -> tuple[Any, Client]:
    admin = make_staff(commune=commune, role=Role.ADMINISTRATOR, username=username)
    return admin, verified_client(admin)


def test_the_commune_administrator_resets_a_lost_phone(commune: Any) -> None:
    approver = _enrolled(commune, Role.APPROVER, "duyet")
    session = Client()
    sign_in(session, "duyet")
    session.post(VERIFY, {"code": code_for(sf.app_device(approver), 1)})
    assert session.get("/admin/").status_code == 200
    admin, client = _admin_client(commune, "quantri")
    edit = client.get(f"/admin/users/edit/{approver.pk}/").content.decode()
    assert f"/admin/second-factor/reset/{approver.pk}/" in edit
    confirm = client.get(f"/admin/second-factor/reset/{approver.pk}/")
    assert "Đặt lại xác thực hai bước" in confirm.content.decode()
    done = client.post(f"/admin/second-factor/reset/{approver.pk}/")
    assert done.status_code == 302
    assert not sf.has_second_factor(approver)
    assert not StaticToken.objects.filter(device__user=approver).exists()
    entry = entries(approver, sf.RESET_ACTION).get()
    assert entry.user_id == admin.pk
    assert entry.data["commune"] == commune.pk  # in the commune's own audit log
    # The password went too: the approver's open session has ended, the old password fails.
    approver.refresh_from_db()
    assert not approver.has_usable_password()
    assert session.get("/admin/")["Location"].startswith("/admin/login/")
    assert sign_in(Client(), "duyet").status_code == 200
    # The administrator sets a new one; with it, the approver enrols again.
    edit = client.get(f"/admin/users/edit/{approver.pk}/").content.decode()
    assert 'name="password1"' in edit
    approver.set_password("mat-khau-moi-trao-tay-2026")
    approver.save()
    fresh_session = Client()
    sign_in(fresh_session, "duyet", "mat-khau-moi-trao-tay-2026")
    assert fresh_session.get("/admin/")["Location"].startswith(ENROL)


def test_no_reset_of_a_fellow_administrator_or_of_someone_with_a_role_elsewhere(
    commune: Any, other_commune: Any
) -> None:
    from xaso.accounts.models import CommuneRole
    from xaso.accounts.services import role_group_name  # noqa: F401  (roles by commune)

    elsewhere = other_commune
    fellow = _enrolled(commune, Role.ADMINISTRATOR, "quantri2")
    both = _enrolled(elsewhere, Role.ADMINISTRATOR, "quantri-luu-kiem")
    both.groups.add(CommuneRole.objects.get(commune=commune, role=Role.EDITOR).group)
    admin, client = _admin_client(commune, "quantri")
    for account in (fellow, both):
        assert client.post(f"/admin/second-factor/reset/{account.pk}/").status_code == 404
        assert sf.has_second_factor(account)
        # Nor its password: the edit screen (where it can be opened at all) has no password.
        edit = client.get(f"/admin/users/edit/{account.pk}/")
        assert 'name="password1"' not in edit.content.decode()
    with pytest.raises(PermissionDenied):
        sf.second_factor_reset(user=admin, account=both)


@pytest.mark.parametrize("role", list(Role))
def test_no_one_of_another_commune_resets(commune: Any, other_commune: Any, role: Role) -> None:
    approver = _enrolled(commune, Role.APPROVER, "duyet")
    elsewhere = other_commune
    stranger = make_staff(commune=elsewhere, role=role, username=f"khac-{role.value}")
    client = verified_client(stranger)
    for method in (client.get, client.post):
        assert method(f"/admin/second-factor/reset/{approver.pk}/").status_code == 404
    assert sf.has_second_factor(approver)
    assert not entries(approver, sf.RESET_ACTION).exists()
    with pytest.raises(PermissionDenied):
        sf.second_factor_reset(user=stranger, account=approver)


def test_no_one_resets_their_own_second_factor(commune: Any) -> None:
    admin, client = _admin_client(commune, "quantri")
    assert client.post(f"/admin/second-factor/reset/{admin.pk}/").status_code == 404
    assert sf.has_second_factor(admin)


def test_the_operators_reset_from_the_server(commune: Any) -> None:
    import io

    from django.core.management import call_command

    province = get_user_model().objects.create_superuser("tinh", password=PASSWORD)
    client = verified_client(province)
    assert client.get("/admin/").status_code == 200
    out = io.StringIO()
    call_command("second_factor_reset", "tinh", stdout=out)
    assert "second factor reset" in out.getvalue()
    assert not sf.has_second_factor(province)
    entry = entries(province, sf.RESET_ACTION).get()
    assert entry.user is None and entry.data["by"] == "command"
    # Its password went too: a new one is set on the server (`changepassword`).
    assert client.get("/admin/")["Location"].startswith("/admin/login/")
