"""What every campaign service shares: the permissions, the audit entry stamped with the
record's commune, who may work on a household, text cleaning."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from xaso.accounts.audit import COMMUNE_KEY
from xaso.communes.models import Official
from xaso.core.permissions import require_perm
from xaso.core.text import nfc

from ..models import Household

MOVE_PERMISSION = "campaigns.move_household"
ALL_HOUSEHOLDS = "campaigns.view_all_households"


def audit_log(instance: Any, action: str, user: Any | None, **data: Any) -> None:
    """An audit entry, stamped with the record's commune (known here, not looked up)."""
    log(
        instance=instance,
        action=action,
        user=user,
        data={COMMUNE_KEY: instance.commune_id, **data},
    )


def official_for_user(user: Any) -> Official | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return Official.objects.filter(user=user).first()


def may_work_on(user: Any | None, household: Household) -> bool:
    """The campaign lead works on every household; an official on those assigned to them."""
    if user is None:
        return True
    if not user.is_active:
        return False
    if user.has_perm(ALL_HOUSEHOLDS):
        from xaso.accounts.scoping import user_commune_ids

        ids = user_commune_ids(user)
        return ids is None or household.commune_id in ids
    official = official_for_user(user)
    return official is not None and household.official_id == official.pk


def require_household(user: Any | None, household: Household, perm: str) -> None:
    require_perm(user, perm)
    if not may_work_on(user, household):
        raise PermissionDenied(_("This household is not assigned to you."))


def clean_text(instance: Any, *names: str) -> None:
    for name in names:
        setattr(instance, name, nfc(getattr(instance, name) or "").strip())
