"""The second factor: a time-based one-time password from an authenticator app, with one-time
recovery codes (docs/decisions/0008-sign-in.md).

Who must have one (`required_for`): every account that can publish (a page permission to
publish) or can see personal data (the audit log, the accounts, residents' comments on draft
documents, campaign households, the feedback register), and the province. An account that has
one uses it whether it must or not, and may then have a shorter password
(`passwords.MinimumLengthValidator`).

Signing in stays Wagtail's password form; what follows is `SecondFactorMiddleware`: until the
session has given the code (django-otp's `user.is_verified()`), an admin request goes to the
code page, or to enrolment when the account has no app yet and must have one, and the public
site sees a visitor. django-otp keeps the device that verified the session in the session; when
that device is deleted (a reset) the session is no longer verified.

The writes are the services below: enrolment (`second_factor_enrol_start`,
`second_factor_enrol_confirm`), signing in with a code (`second_factor_verify`), new recovery
codes (`recovery_codes_renew`) and the reset of another account's second factor by its
administrator (`second_factor_reset`). Each writes its audit entry.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp import login as otp_login
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key
from wagtail.log_actions import log

from .audit import concrete

ENROL_ACTION = "xaso.second_factor_enrol"
RESET_ACTION = "xaso.second_factor_reset"
VERIFIED_ACTION = "xaso.second_factor_verified"
FAILED_ACTION = "xaso.second_factor_failed"
RECOVERY_RENEW_ACTION = "xaso.recovery_codes_renew"

RECOVERY_CODE_COUNT = 10
# The key of the app being added, in the session until a code confirms it.
PENDING_KEY = "xaso_second_factor_key"
APP_DEVICE_NAME = "app"
RECOVERY_DEVICE_NAME = "recovery"

# Permissions that show residents' or staff's personal data.
PERSONAL_DATA_PERMISSIONS = (
    "accounts.view_audit_log",
    "auth.add_user",
    "auth.change_user",
    "legal.view_draftcomment",
    "campaigns.view_personal_data",
    "feedback.view_submission",
)

# Admin routes an account whose session has not given its code may still reach.
PENDING_ROUTES = {
    "accounts_second_factor_verify",
    "accounts_second_factor_enrol",
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_sprite",
    "wagtailadmin_javascript_catalog",
}


def _can_publish(user: Any) -> bool:
    from wagtail.models import GroupPagePermission

    return GroupPagePermission.objects.filter(
        group__user=user, permission__codename="publish_page"
    ).exists()


def required_for(user: Any) -> bool:
    """Whether the account must sign in with a second factor."""
    if not getattr(settings, "XASO_SECOND_FACTOR_REQUIRED", True):
        return False
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return any(user.has_perm(perm) for perm in PERSONAL_DATA_PERMISSIONS) or _can_publish(user)


def app_device(user: Any) -> TOTPDevice | None:
    """The account's authenticator app, once confirmed."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-pk").first()


def has_second_factor(user: Any) -> bool:
    if user is None or getattr(user, "pk", None) is None:
        return False
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def recovery_codes_left(user: Any) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def pending(request: HttpRequest) -> bool:
    """A signed-in session that has not given its code yet, though the account has or must have
    a second factor."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    if user.is_verified():
        return False
    return has_second_factor(user) or required_for(user)


def format_recovery_code(token: str) -> str:
    return f"{token[:4]}-{token[4:]}"


def _normalise(code: str) -> str:
    return re.sub(r"[\s\-]", "", code or "").lower()


def _secret(device: TOTPDevice) -> str:
    from base64 import b32encode

    return b32encode(device.bin_key).decode("ascii")


def secret_for_display(device: TOTPDevice) -> str:
    """The key in groups of four, for typing into an app that cannot scan."""
    secret = _secret(device)
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


# --- Services ----------------------------------------------------------------------------


def _may_enrol(user: Any) -> None:
    """Signed in, and, when the account has an app already, with its code: a password alone
    must not replace the app."""
    if not user.is_authenticated or not user.is_active:
        raise PermissionDenied(_("You do not have permission to do this."))
    if has_second_factor(user) and not user.is_verified():
        raise PermissionDenied(_("Give the code from your authenticator app first."))


def second_factor_enrol_start(*, request: HttpRequest, user: Any) -> TOTPDevice:
    """The app to add, not saved: its key is kept in the session (the same key until it is
    confirmed, so a reload shows the same QR code) and nothing is written until a code from the
    app confirms it."""
    _may_enrol(user)
    key = request.session.get(PENDING_KEY)
    if not isinstance(key, str) or not re.fullmatch(r"[0-9a-f]{40}", key):
        key = default_key()
        request.session[PENDING_KEY] = key
    return TOTPDevice(user=concrete(user), name=APP_DEVICE_NAME, key=key, confirmed=False)


@dataclass
class Enrolment:
    device: TOTPDevice
    recovery_codes: list[str]


def second_factor_enrol_confirm(*, request: HttpRequest, user: Any, code: str) -> Enrolment:
    """Confirm the app being added with a code it shows: it replaces any earlier app, the
    account gets new recovery codes (shown once), and the session counts as verified."""
    _may_enrol(user)
    key = request.session.get(PENDING_KEY)
    if not isinstance(key, str) or not re.fullmatch(r"[0-9a-f]{40}", key):
        raise ValidationError(
            _("This page has expired. Scan the new QR code and try again."), code="expired"
        )
    code = _normalise(code)
    if not re.fullmatch(r"\d{6}", code):
        raise ValidationError(_("Enter the 6 digits your app shows."), code="format")
    device = TOTPDevice(user=concrete(user), name=APP_DEVICE_NAME, key=key, confirmed=True)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if not totp.verify(int(code), device.tolerance):
        raise ValidationError(
            _("That code is not right. Check the time on your phone and try the newest code."),
            code="invalid",
        )
    # The code just given does not sign in again (django-otp refuses steps up to `last_t`).
    device.last_t = totp.t()
    device.drift = totp.drift
    with transaction.atomic():
        earlier = TOTPDevice.objects.filter(user=device.user)
        replaced = earlier.exists()
        earlier.delete()
        device.full_clean()
        device.save()
        codes = _new_recovery_codes(device.user)
        log(
            instance=device.user,
            action=ENROL_ACTION,
            user=device.user,
            data={"replaced": replaced, **_address(request)},
        )
    del request.session[PENDING_KEY]
    request.session.cycle_key()
    otp_login(request, device)
    return Enrolment(device=device, recovery_codes=codes)


def _new_recovery_codes(user: Any) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    tokens: list[str] = []
    while len(tokens) < RECOVERY_CODE_COUNT:
        token = StaticToken.random_token()
        if token not in tokens:
            tokens.append(token)
    StaticToken.objects.bulk_create(StaticToken(device=device, token=t) for t in tokens)
    return [format_recovery_code(t) for t in tokens]


def recovery_codes_renew(*, request: HttpRequest, user: Any) -> list[str]:
    """New recovery codes for a verified session's own account; the old ones stop working."""
    if not user.is_authenticated or not user.is_verified() or not has_second_factor(user):
        raise PermissionDenied(_("You do not have permission to do this."))
    with transaction.atomic():
        codes = _new_recovery_codes(user)
        log(
            instance=concrete(user),
            action=RECOVERY_RENEW_ACTION,
            user=user,
            data=_address(request),
        )
    return codes


@dataclass
class Verification:
    device: Any
    recovery_code_used: bool
    recovery_codes_left: int


def throttled_message(device: Any) -> str:
    from django.utils import timezone

    allowed, info = device.verify_is_allowed()
    wait = 1
    if not allowed and info and device.throttling_failure_timestamp is not None:
        delay = device.get_throttle_factor() * (2 ** (device.throttling_failure_count - 1))
        elapsed = (timezone.now() - device.throttling_failure_timestamp).total_seconds()
        wait = max(int(delay - elapsed) + 1, 1)
    return ngettext(
        "Too many wrong codes. Wait %(seconds)d second and try again.",
        "Too many wrong codes. Wait %(seconds)d seconds and try again.",
        wait,
    ) % {"seconds": wait}


def second_factor_verify(*, request: HttpRequest, user: Any, code: str) -> Verification:
    """Sign the session in with a code from the app or with one of the recovery codes (each
    works once). A wrong code counts towards the device's growing wait and is audited."""
    if not user.is_authenticated or not user.is_active:
        raise PermissionDenied(_("You do not have permission to do this."))
    code = _normalise(code)
    if not code:
        raise ValidationError(_("Enter the code."), code="required")
    recovery = not re.fullmatch(r"\d{6}", code)
    model: type[Any] = StaticDevice if recovery else TOTPDevice
    with transaction.atomic():
        device = (
            model.objects.select_for_update().filter(user=user, confirmed=True).order_by("-pk")
        ).first()
        if device is None:
            raise ValidationError(
                _("This account has no recovery codes.")
                if recovery
                else _("This account has no authenticator app yet."),
                code="no_device",
            )
        allowed, _info = device.verify_is_allowed()
        if not allowed:
            raise ValidationError(throttled_message(device), code="throttled")
        if len(code) <= 16:
            ok = device.verify_token(code)  # a wrong code lengthens the device's wait
        else:
            ok = False
            device.throttle_increment()
        if not ok:
            log(
                instance=concrete(user),
                action=FAILED_ACTION,
                user=None,
                data={"recovery_code": recovery, **_address(request)},
            )
    if not ok:
        raise ValidationError(
            _("That recovery code is not right, or it was used already.")
            if recovery
            else _("That code is not right. Check the time on your phone and try the newest code."),
            code="invalid",
        )
    left = recovery_codes_left(user)
    if hasattr(request, "session"):
        request.session.cycle_key()
    # A recovery code verifies the session as the app would: the session holds the app, so
    # that a reset (which deletes it) ends the session's verification.
    app = app_device(user) or device
    otp_login(request, app)
    log(
        instance=concrete(user),
        action=VERIFIED_ACTION,
        user=user,
        data={"recovery_code": recovery, **_address(request)},
    )
    return Verification(device=device, recovery_code_used=recovery, recovery_codes_left=left)


def may_reset(user: Any, account: Any) -> bool:
    from django.contrib.auth import get_user_model

    from .users import manageable_users

    if not user.is_authenticated or not user.is_active or account.pk == user.pk:
        return False
    if not user.has_perm("auth.change_user"):
        return False
    if account.is_superuser and not user.is_superuser:
        return False
    return manageable_users(get_user_model().objects.filter(pk=account.pk), user).exists()


def second_factor_reset(
    *, user: Any | None, account: Any, request: HttpRequest | None = None
) -> int:
    """The account's administrator removes its app and recovery codes (a lost phone): it must
    enrol again at its next sign-in, and its open sessions are no longer verified. `user=None`
    is the system itself (`manage.py second_factor_reset`, run by the province's operators)."""
    if user is not None and not may_reset(user, account):
        raise PermissionDenied(_("You do not have permission to do this."))
    with transaction.atomic():
        removed = TOTPDevice.objects.filter(user=account).delete()[0]
        StaticDevice.objects.filter(user=account).delete()
        log(
            instance=account,
            action=RESET_ACTION,
            user=user,
            data={
                "had_app": bool(removed),
                **(_address(request) if request else {}),
                **({"by": "command"} if user is None else {}),
            },
        )
    return removed


def _address(request: HttpRequest | None) -> dict[str, str]:
    from xaso.core.clientip import client_address

    return {"address": client_address(request)} if request is not None else {}


# --- Middleware ---------------------------------------------------------------------------


def _safe_next(request: HttpRequest) -> str:
    target = request.get_full_path()
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")


class SecondFactorMiddleware:
    """After django-otp's `OTPMiddleware`: a session that still owes its code reaches only the
    code and enrolment pages of the admin (and signing out); elsewhere it is a visitor."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        # Without a session nobody is signed in: not reading it keeps anonymous pages cacheable
        # (no "Vary: Cookie").
        session = getattr(request, "session", None)
        if session is None or session.is_empty():
            return self.get_response(request)
        if pending(request):
            admin_prefix = reverse("wagtailadmin_home")
            if not request.path_info.startswith(admin_prefix):
                request.user = AnonymousUser()
                return self.get_response(request)
            try:
                name = resolve(request.path_info).view_name
            except Resolver404:
                name = ""
            if name not in PENDING_ROUTES:
                user = request.user
                route = (
                    "accounts_second_factor_verify"
                    if has_second_factor(user)
                    else "accounts_second_factor_enrol"
                )
                return redirect(f"{reverse(route)}?{urlencode({'next': _safe_next(request)})}")
        return self.get_response(request)
