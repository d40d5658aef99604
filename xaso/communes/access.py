"""Which communes a user works for, asked by communes and every app above it.

Roles live in `accounts`, a layer above: it registers its answer here in its `apps.py`
`ready()` (`register_commune_ids`), so communes asks without importing it. Until something is
registered, nobody but a superuser works for any commune (deny by default).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from xaso.core.permissions import require_perm

# Answers: the ids of the communes the user works for; None for all (a superuser).
CommuneIds = Callable[[Any], "set[int] | None"]
_commune_ids: list[CommuneIds] = []


def register_commune_ids(function: CommuneIds) -> None:
    _commune_ids[:] = [function]


def user_commune_ids(user: Any) -> set[int] | None:
    """The ids of the communes the user works for; None for all (a superuser)."""
    if _commune_ids:
        return _commune_ids[0](user)
    if user.is_authenticated and user.is_active and user.is_superuser:
        return None
    return set()


def require_commune(user: Any | None, commune_id: int | None) -> None:
    """Raise PermissionDenied unless `user` works for the commune (`user=None`: the system)."""
    if user is None:
        return
    ids = user_commune_ids(user)
    if ids is not None and commune_id not in ids:
        raise PermissionDenied(_("You do not have permission to do this."))


def require_province(user: Any | None, perm: str) -> None:
    """National data used by every commune (holidays, issuing bodies, document types…) is the
    province's alone: `user` must hold `perm` and work for no particular commune (a superuser,
    or a province account in no commune's role)."""
    require_perm(user, perm)
    if user is not None and user_commune_ids(user):
        raise PermissionDenied(_("Only the province may change data shared by every commune."))


def require_own(user: Any | None, record: Any) -> None:
    """Raise PermissionDenied unless the record's commune is the user's, and for a change the
    commune it is saved under now too (no taking another commune's record over)."""
    require_commune(user, record.commune_id)
    if user is not None and record.pk is not None:
        saved = type(record)._default_manager.filter(pk=record.pk).values_list("commune_id")
        was = saved.first()
        require_commune(user, was[0] if was else None)
