"""The second factor: a time-based one-time password from an authenticator app, with one-time
recovery codes (docs/decisions/0008-sign-in.md).

Who must have one (`required_for`): every account that signs in to the admin. In xaso every
staff role either publishes (pages, register entries, disclosures, New Rural evidence) or reads
what is not public (unpublished documents of its commune, residents' and staff's personal data),
so there is no role the rule of "whoever publishes or sees personal data" leaves out. An account
with an app may have a shorter password (`passwords.MinimumLengthValidator`).

Signing in stays Wagtail's password form; what follows is `SecondFactorMiddleware`: until the
session has given the code (django-otp's `user.is_verified()`), an admin request goes to the
code page, or to enrolment when the account has no app yet and must have one, and the public
site sees a visitor. django-otp keeps the device that verified the session in the session; when
that device is deleted (a reset) the session is no longer verified.

The writes are the services below: enrolment (`second_factor_enrol_start`,
`second_factor_enrol_confirm`), signing in with a code (`second_factor_verify`), new recovery
codes (`recovery_codes_renew`) and the reset of another account's second factor by its
administrator (`second_factor_reset`). Each writes its audit entry. Replacing the app and new
recovery codes need a code given in the last ten minutes (`fresh`): a session left open on a
shared office computer must not hand out the account for good.
"""

from __future__ import annotations

import re
import time
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
from django_otp.middleware import OTPMiddleware as DjangoOTPMiddleware
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
# When the session last gave a code (seconds since the epoch), and for how long that counts for
# replacing the app or renewing the recovery codes.
VERIFIED_AT = "xaso_second_factor_at"
FRESH_SECONDS = 600
# django-otp doubles the wait after each wrong code without end: someone who knows the password
# could lock the owner out for months. Counted up to this, the wait stops at 2¹⁰ s (17 minutes).
MAX_COUNTED_FAILURES = 11

# Admin routes an account whose session has not given its code may still reach.
PENDING_ROUTES = {
    "accounts_second_factor_verify",
    "accounts_second_factor_enrol",
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_sprite",
    "wagtailadmin_javascript_catalog",
}


def required_for(user: Any) -> bool:
    """Whether the account must sign in with a second factor."""
    if not getattr(settings, "XASO_SECOND_FACTOR_REQUIRED", True):
        return False
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(user.is_superuser or user.has_perm("wagtailadmin.access_admin"))


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
    return required_for(user) or has_second_factor(user)


def fresh(request: HttpRequest) -> bool:
    """Whether the session gave a code in the last `FRESH_SECONDS`."""
    at = request.session.get(VERIFIED_AT)
    return isinstance(at, int | float) and 0 <= time.time() - at < FRESH_SECONDS


def _verified_now(request: HttpRequest, device: Any) -> None:
    request.session.cycle_key()  # no session fixed before the code survives it
    otp_login(request, device)
    request.session[VERIFIED_AT] = int(time.time())


def format_recovery_code(token: str) -> str:
    return f"{token[:4]}-{token[4:]}"


def _normalise(code: str) -> str:
    return re.sub(r"[\s\-]", "", code or "").lower()


def _six_digits(code: str) -> bool:
    return re.fullmatch(r"[0-9]{6}", code) is not None


def _secret(device: TOTPDevice) -> str:
    from base64 import b32encode

    return b32encode(device.bin_key).decode("ascii")


def secret_for_display(device: TOTPDevice) -> str:
    """The key in groups of four, for typing into an app that cannot scan."""
    secret = _secret(device)
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


# --- Services ----------------------------------------------------------------------------


class CodeNeeded(PermissionDenied):
    """The session must give a code (again) first."""


def _may_enrol(request: HttpRequest, user: Any) -> None:
    """Signed in, and, when the account has an app already, with a code given in the last
    minutes: a password alone, or a session left open, must not replace the app."""
    if not user.is_authenticated or not user.is_active:
        raise PermissionDenied(_("You do not have permission to do this."))
    if has_second_factor(user) and not (user.is_verified() and fresh(request)):
        raise CodeNeeded(_("Give the code from your authenticator app first."))


def second_factor_enrol_start(*, request: HttpRequest, user: Any) -> TOTPDevice:
    """The app to add, not saved: its key is kept in the session (the same key until it is
    confirmed, so a reload shows the same QR code) and nothing is written until a code from the
    app confirms it."""
    _may_enrol(request, user)
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
    from django.contrib.auth import get_user_model

    _may_enrol(request, user)
    key = request.session.get(PENDING_KEY)
    if not isinstance(key, str) or not re.fullmatch(r"[0-9a-f]{40}", key):
        raise ValidationError(
            _("This page has expired. Scan the new QR code and try again."), code="expired"
        )
    code = _normalise(code)
    if not _six_digits(code):
        raise ValidationError(_("Enter the 6 digits your app shows."), code="format")
    account = concrete(user)
    device = TOTPDevice(user=account, name=APP_DEVICE_NAME, key=key, confirmed=True)
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
        # One enrolment at a time per account: a double click must not leave two apps.
        get_user_model().objects.select_for_update().filter(pk=account.pk).first()
        if TOTPDevice.objects.filter(user=account, key=key).exists():
            raise ValidationError(
                _(
                    "This app is added already. If you did not keep the recovery codes, make "
                    "new ones on your account page."
                ),
                code="done",
            )
        _may_enrol(request, user)
        earlier = TOTPDevice.objects.filter(user=account)
        replaced = earlier.exists()
        earlier.delete()
        device.full_clean()
        device.save()
        codes = _new_recovery_codes(account)
        log(
            instance=account,
            action=ENROL_ACTION,
            user=account,
            data={"replaced": replaced, **_address(request)},
        )
    request.session.pop(PENDING_KEY, None)
    _verified_now(request, device)
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
    """New recovery codes for the session's own account, which gave a code in the last minutes;
    the old ones stop working."""
    from django.contrib.auth import get_user_model

    if not user.is_authenticated or not has_second_factor(user):
        raise PermissionDenied(_("You do not have permission to do this."))
    if not (user.is_verified() and fresh(request)):
        raise CodeNeeded(_("Give the code from your authenticator app first."))
    with transaction.atomic():
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
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

    wait = 1
    if device.throttling_failure_timestamp is not None and device.throttling_failure_count:
        delay = device.get_throttle_factor() * (2 ** (device.throttling_failure_count - 1))
        elapsed = (timezone.now() - device.throttling_failure_timestamp).total_seconds()
        wait = max(int(delay - elapsed) + 1, 1)
    if wait < 60:
        return ngettext(
            "Too many wrong codes. Wait %(seconds)d second and try again.",
            "Too many wrong codes. Wait %(seconds)d seconds and try again.",
            wait,
        ) % {"seconds": wait}
    minutes = (wait + 59) // 60
    return ngettext(
        "Too many wrong codes. Wait %(minutes)d minute and try again.",
        "Too many wrong codes. Wait %(minutes)d minutes and try again.",
        minutes,
    ) % {"minutes": minutes}


def _clamp(device: Any) -> None:
    if device.throttling_failure_count > MAX_COUNTED_FAILURES:
        device.throttling_failure_count = MAX_COUNTED_FAILURES
        device.save(update_fields=["throttling_failure_count"])


def second_factor_verify(*, request: HttpRequest, user: Any, code: str) -> Verification:
    """Sign the session in with a code from the app or with one of the recovery codes (each
    works once). A wrong code counts towards the device's growing wait and is audited."""
    if not user.is_authenticated or not user.is_active:
        raise PermissionDenied(_("You do not have permission to do this."))
    code = _normalise(code)
    if not code:
        raise ValidationError(_("Enter the code."), code="required")
    recovery = not _six_digits(code)
    model: type[Any] = StaticDevice if recovery else TOTPDevice
    throttled = ""
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
        _clamp(device)
        allowed, _info = device.verify_is_allowed()
        if not allowed:
            ok = False
            throttled = throttled_message(device)
        elif len(code) <= 16:
            ok = device.verify_token(code)  # a wrong code lengthens the device's wait
        else:
            ok = False
            device.throttle_increment()
    # Audited after the wait is saved: nothing may roll the count back.
    account = concrete(user)
    if not ok:
        log(
            instance=account,
            action=FAILED_ACTION,
            user=None,
            data={"recovery_code": recovery, "throttled": bool(throttled), **_address(request)},
        )
        if throttled:
            raise ValidationError(throttled, code="throttled")
        raise ValidationError(
            _("That recovery code is not right, or it was used already.")
            if recovery
            else _("That code is not right. Check the time on your phone and try the newest code."),
            code="invalid",
        )
    left = recovery_codes_left(account)
    # A recovery code verifies the session as the app would: the session holds the app, so
    # that a reset (which deletes it) ends the session's verification.
    _verified_now(request, app_device(account) or device)
    log(
        instance=account,
        action=VERIFIED_ACTION,
        user=account,
        data={"recovery_code": recovery, **_address(request)},
    )
    return Verification(device=device, recovery_code_used=recovery, recovery_codes_left=left)


def may_reset(user: Any, account: Any) -> bool:
    """Whether `user` may reset the second factor of `account`: the province, or an
    administrator of every commune the account works for (`users.credentials_manageable`), never
    for their own account."""
    from .users import credentials_manageable

    if not user.is_authenticated or not user.is_active or account.pk == user.pk:
        return False
    return user.has_perm("auth.change_user") and credentials_manageable(user, account)


def second_factor_reset(
    *, user: Any | None, account: Any, request: HttpRequest | None = None
) -> int:
    """The account's administrator removes its app, its recovery codes and its password (a lost
    phone): its open sessions end, and after the administrator gives it a new password it enrols
    again at its next sign-in. `user=None` is the system itself (`manage.py
    second_factor_reset`, run by the province's operators)."""
    if user is not None and not may_reset(user, account):
        raise PermissionDenied(_("You do not have permission to do this."))
    with transaction.atomic():
        removed = TOTPDevice.objects.filter(user=account).delete()[0]
        StaticDevice.objects.filter(user=account).delete()
        # Whoever knows the password could be waiting on the code page to enrol their own app
        # the moment the old one goes: the password goes too (and with it every open session);
        # the administrator sets a new one and hands it over in person.
        account.set_unusable_password()
        account.save(update_fields=["password"])
        log(
            instance=account,
            action=RESET_ACTION,
            user=user,
            data={
                "had_app": bool(removed),
                **_address(request),
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


class OTPMiddleware(DjangoOTPMiddleware):
    """django-otp's, with `request.user` one lazy object deep, as Django makes it, rather than a
    lazy object around Django's: Wagtail's audit log resolves one level, and an entry for
    `request.user` (an account's own changes, an export on the province's account) would
    otherwise be dropped without a word."""

    def _verify_user_sync(self, request: HttpRequest, user: Any) -> Any:
        return super()._verify_user_sync(request, concrete(user))


def _visitor() -> AnonymousUser:
    """A visitor, with what django-otp adds to every user."""
    visitor = AnonymousUser()
    visitor.otp_device = None  # type: ignore[attr-defined]
    visitor.is_verified = lambda: False  # type: ignore[attr-defined]
    return visitor


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
                visitor = _visitor()
                request.user = visitor

                async def auser() -> Any:
                    return visitor

                request.auser = auser
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
