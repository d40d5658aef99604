"""Accounts nobody has signed in to for `XASO_ACCOUNT_IDLE_DAYS` (45) are disabled.

An account's last use is its last sign-in, or, never signed in to, when it was made — or when it
was last enabled again (`models.Reactivation`), if that is later. The periodic job
(`xaso.core.jobs`, "accounts.idle") disables each such account, writes it in the audit log
(`xaso.account_idle`) and tells the administrators of the account's communes by e-mail (for an
account of no commune, the province's administrators). Superusers are included, but the last
active superuser is never disabled: someone must be able to enable the others again. A disabled
account keeps everything; an administrator enables it again on its edit screen ("Active").
"""

from __future__ import annotations

import datetime
import logging
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Q, QuerySet
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from .choices import Role
from .models import CommuneRole, Reactivation

logger = logging.getLogger(__name__)

IDLE_ACTION = "xaso.account_idle"


def idle_days() -> int:
    return int(getattr(settings, "XASO_ACCOUNT_IDLE_DAYS", 45))


def last_used(account: Any) -> datetime.datetime:
    moments = [account.last_login or account.date_joined]
    reactivation = Reactivation.objects.filter(user=account).values_list("at", flat=True).first()
    if reactivation is not None:
        moments.append(reactivation)
    return max(moments)


def idle_accounts(*, now: datetime.datetime) -> QuerySet[Any]:
    """Active accounts not used since `idle_days()` before `now`."""
    cutoff = now - datetime.timedelta(days=idle_days())
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .alias(used=Coalesce("last_login", "date_joined"))
        .filter(used__lt=cutoff)
        .exclude(Q(reactivation__at__gte=cutoff))
        .order_by("pk")
    )


def _administrators(account: Any) -> list[str]:
    """The e-mail addresses to tell: the administrators of the account's communes, else (an
    account of no commune, or a commune without an administrator's address) the province's."""
    users = get_user_model().objects.filter(is_active=True, email__gt="").exclude(pk=account.pk)
    communes = CommuneRole.objects.filter(group__user=account).values("commune_id")
    addresses = list(
        users.filter(
            groups__commune_role__commune__in=communes,
            groups__commune_role__role=Role.ADMINISTRATOR,
        )
        .order_by("email")
        .values_list("email", flat=True)
        .distinct()
    )
    if not addresses:
        addresses = list(
            users.filter(is_superuser=True).order_by("email").values_list("email", flat=True)
        )
    return addresses


def _notify(account: Any, used: datetime.datetime) -> None:
    addresses = _administrators(account)
    if not addresses:
        return
    url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "wagtailusers_users:edit", args=[account.pk]
    )
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Account %(username)s disabled: not used for %(days)d days") % {
            "username": account.get_username(),
            "days": idle_days(),
        }
        body = _(
            "The account %(username)s (%(name)s) has not been used since %(date)s, more than "
            "%(days)d days, and has been disabled: nobody can sign in with it.\n\n"
            'If this person still needs it, enable it again (tick "Active") at:\n%(url)s\n\n'
            "This message was sent automatically; please do not reply to it."
        ) % {
            "username": account.get_username(),
            "name": account.get_full_name() or account.get_username(),
            "date": timezone.localtime(used).strftime("%d/%m/%Y"),
            "days": idle_days(),
            "url": url,
        }
    send_mail(subject, body, None, addresses, fail_silently=True)


def accounts_disable_idle(*, now: datetime.datetime | None = None) -> int:
    """Disable the idle accounts (see the module); how many. Cheap when there are none."""
    if idle_days() <= 0:
        return 0
    now = now or timezone.now()
    accounts = list(idle_accounts(now=now))
    if not accounts:
        return 0
    model = get_user_model()
    idle_superusers = [account for account in accounts if account.is_superuser]
    if idle_superusers:
        others = (
            model.objects.filter(is_active=True, is_superuser=True)
            .exclude(pk__in=[account.pk for account in idle_superusers])
            .exists()
        )
        if not others:  # keep the one used last
            accounts.remove(max(idle_superusers, key=last_used))
    disabled = 0
    for account in accounts:
        # Only if still active: two runs at once disable (and tell) once.
        if not model.objects.filter(pk=account.pk, is_active=True).update(is_active=False):
            continue
        used = last_used(account)
        log(
            instance=account,
            action=IDLE_ACTION,
            user=None,
            data={"days": idle_days(), "last_used": used.isoformat()},
        )
        logger.warning("Account %s disabled: not used since %s.", account.pk, used.date())
        _notify(account, used)
        disabled += 1
    return disabled


def reactivated(account_pks: list[Any]) -> None:
    """These accounts were just enabled again: the idle rule counts from now."""
    moment = timezone.now()
    for pk in account_pks:
        Reactivation.objects.update_or_create(user_id=pk, defaults={"at": moment})
