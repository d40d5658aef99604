"""Failed sign-ins and lockout (docs/decisions/0008-sign-in.md).

Two counters, on every login form (every form that signs in goes through Django's
`authenticate` with the request, and the backends below come first):

- **an account from an address** (django-axes, keyed by the name typed and the client's address
  as `xaso.core.clientip` reads it): after `XASO_LOGIN_FAILURE_LIMIT` failures (5) within
  `XASO_LOGIN_COOLOFF_MINUTES` (15), that name from that address is refused, the right password
  included, until the cool-off has passed since the failure that locked it. The same account
  from another address is not locked: a stranger who knows a commune's account names cannot
  lock its staff out of their own office;
- **an address, whatever the names** (`AddressThrottleBackend`, counting in
  `xaso.core.ratelimit`): after `XASO_LOGIN_FAILURES_PER_ADDRESS` failures (30) within the
  cool-off, every sign-in from that address is refused until the counter's window ends (trying
  many account names from one place).

A refused sign-in reads the same for an unknown name, a wrong password, a disabled account and
a locked one, up to the lockout; from then on the login page says the client is locked out for
a while (the same for a made-up name). Each lockout of an existing account is in the audit log
(`xaso.lockout`). It ends by itself after the cool-off, or at once: a commune administrator
releases an account of their commune on its admin screen, the province any account or address
with `manage.py unlock` (`services.account_lockout_release`, `address_lockout_release`; audited as
`xaso.lockout_release`).
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import ngettext

from xaso.core import ratelimit
from xaso.core.clientip import client_address, parse_address

logger = logging.getLogger(__name__)

ADDRESS_SCOPE = "login-failures"
LOCKOUT_ACTION = "xaso.lockout"
LOCKOUT_RELEASE_ACTION = "xaso.lockout_release"
LOCKED_STATUS = 429


def axes_client_address(request: HttpRequest) -> str | None:
    """The client's address for axes (`AXES_CLIENT_IP_CALLABLE`), which stores it in an address
    column: None when the request has none readable (`client_address` then says "unknown")."""
    address = parse_address(client_address(request))
    return str(address) if address is not None else None


def cooloff_minutes() -> int:
    return max(int(getattr(settings, "XASO_LOGIN_COOLOFF_MINUTES", 15)), 1)


def lockout_message() -> str:
    minutes = cooloff_minutes()
    return ngettext(
        "Too many failed sign-ins. Signing in from here is locked for %(minutes)d minute; "
        "try again later, or ask an administrator to unlock it.",
        "Too many failed sign-ins. Signing in from here is locked for %(minutes)d minutes; "
        "try again later, or ask an administrator to unlock it.",
        minutes,
    ) % {"minutes": minutes}


def _address_limit() -> int:
    return max(int(getattr(settings, "XASO_LOGIN_FAILURES_PER_ADDRESS", 30)), 1)


def address_locked(address: str) -> bool:
    return ratelimit.exceeded(ADDRESS_SCOPE, address, limit=_address_limit())


def count_failure(request: HttpRequest | None, username: str | None) -> None:
    """One more failed sign-in from the request's address (`user_login_failed`); the failure
    that locks the address out is in the audit log."""
    if request is None:
        return
    address = client_address(request)
    limit = _address_limit()
    ratelimit.allow(ADDRESS_SCOPE, address, limit=limit, seconds=cooloff_minutes() * 60)
    if ratelimit.used(ADDRESS_SCOPE, address) >= limit:
        # This failure's answer already says so, as axes' own lockout does.
        request.axes_locked_out = True  # type: ignore[attr-defined]
    if ratelimit.used(ADDRESS_SCOPE, address) == limit:
        logger.warning("Sign-ins from %s locked out: too many failures.", address)
        _audit(username, address, "address")


def reset_address(address: str) -> None:
    """Lift the lockout of an address (all account names) at once."""
    ratelimit.store().delete(ratelimit.cache_key(ADDRESS_SCOPE, address))


def address_counter_shared() -> bool:
    """Whether the per-address counter is where another process (`manage.py unlock`) can reach
    it: in Redis, not in the serving process's own memory."""
    from django.core.cache.backends.locmem import LocMemCache

    return not isinstance(ratelimit.store(), LocMemCache)


@dataclass(frozen=True)
class AccountLockout:
    """An account locked out from one address, until a given time."""

    address: str
    until: datetime.datetime


def account_lockouts(usernames: Iterable[str] | None = None) -> dict[str, list[AccountLockout]]:
    """The accounts (among `usernames`, or all) locked out now, with each address they are
    locked out from and until when, as axes decides it: the failures of a name from an address
    (one record per browser) within the cool-off add up to the limit. The lockout ends when the
    oldest of them leave the cool-off and the rest no longer reach the limit. One query."""
    from axes.helpers import get_cool_off
    from axes.models import AccessAttempt

    cool_off = get_cool_off() or datetime.timedelta(minutes=cooloff_minutes())
    limit = int(getattr(settings, "AXES_FAILURE_LIMIT", 5))
    recent = AccessAttempt.objects.filter(attempt_time__gte=timezone.now() - cool_off)
    if usernames is not None:
        recent = recent.filter(username__in=sorted({str(name) for name in usernames}))
    attempts: dict[tuple[str, str], list[tuple[datetime.datetime, int]]] = {}
    for username, address, attempt_time, failures in recent.order_by("attempt_time").values_list(
        "username", "ip_address", "attempt_time", "failures_since_start"
    ):
        attempts.setdefault((username, address or ""), []).append((attempt_time, failures))
    found: dict[str, list[AccountLockout]] = {}
    for (username, address), times in attempts.items():
        remaining = sum(failures for _time, failures in times)
        if remaining < limit:
            continue
        for attempt_time, failures in times:
            remaining -= failures
            if remaining < limit:
                found.setdefault(username, []).append(
                    AccountLockout(address=address, until=attempt_time + cool_off)
                )
                break
    for lockouts in found.values():
        lockouts.sort(key=lambda lockout: (lockout.until, lockout.address))
    return found


def _audit(username: str | None, address: str, scope: str) -> None:
    from wagtail.log_actions import log

    user = get_user_model().objects.filter(username=str(username or "")[:150]).first()
    if user is not None:  # made-up names leave no record
        log(
            instance=user,
            action=LOCKOUT_ACTION,
            user=None,
            data={"address": address, "scope": scope},
        )


class AddressThrottleBackend:
    """Refuses every sign-in from an address that has failed too often, whatever the name (it
    authenticates no one itself: the next backend does)."""

    def authenticate(self, request: HttpRequest | None, **credentials: Any) -> None:
        if request is not None and address_locked(client_address(request)):
            # Read by the login form (its message) and by axes' middleware (the status).
            request.axes_locked_out = True  # type: ignore[attr-defined]
            raise PermissionDenied
        return None


def record_lockout(request: HttpRequest | None, username: str | None) -> None:
    """axes' `user_locked_out`: in the audit log when this failure locked the account from the
    address. axes sends it again for every refused attempt during the lockout, without counting
    them (`axes_failures_since_start` stays unset): those are already `xaso.login_failed`."""
    if request is None or getattr(request, "axes_failures_since_start", None) is None:
        return
    address = client_address(request)
    logger.warning("Sign-ins to %r from %s locked out: too many failures.", username, address)
    _audit(username, address, "account")


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """What a locked-out client gets (axes' `AXES_LOCKOUT_CALLABLE`): the login page it sent,
    whose form already says it is locked out (`forms.LoginForm`), with status 429."""
    if original_response is not None and original_response.status_code == 200:
        original_response.status_code = LOCKED_STATUS
        return original_response
    return HttpResponse(
        lockout_message(),
        status=LOCKED_STATUS,
        content_type="text/plain; charset=utf-8",
    )
