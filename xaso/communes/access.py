"""Which communes a user works for, asked by communes and every app above it.

Roles live in `accounts`, a layer above: it registers its answers here in its `apps.py`
`ready()` (`register_commune_ids`), so communes asks without importing it. Until something is
registered, nobody but a superuser works for any commune (deny by default).

Two answers: the communes whose records a user may READ (`user_commune_ids`: those of their
roles; every commune for the province viewer, who holds `communes.view_all_communes`) and those
where they may CHANGE anything (`user_write_commune_ids`: those of their roles only). Every
write check (`require_commune`, `require_own`, `require_province`) asks the second, so the
province viewer is refused everywhere a write is checked, whatever model permission they hold.
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
_write_commune_ids: list[CommuneIds] = []


def register_commune_ids(function: CommuneIds, *, write: CommuneIds | None = None) -> None:
    """`function` answers for reading, `write` (by default the same) for changing."""
    _commune_ids[:] = [function]
    _write_commune_ids[:] = [write or function]


def user_commune_ids(user: Any) -> set[int] | None:
    """The ids of the communes the user works for; None for all (a superuser)."""
    if _commune_ids:
        return _commune_ids[0](user)
    if user.is_authenticated and user.is_active and user.is_superuser:
        return None
    return set()


def user_write_commune_ids(user: Any) -> set[int] | None:
    """The ids of the communes where the user may change records (their roles'); None for
    all (a superuser). Never more than `user_commune_ids`."""
    if _write_commune_ids:
        return _write_commune_ids[0](user)
    if user.is_authenticated and user.is_active and user.is_superuser:
        return None
    return set()


def require_commune(user: Any | None, commune_id: int | None) -> None:
    """Raise PermissionDenied unless `user` works for the commune, with a role that may change
    its records (`user=None`: the system). The province viewer reads every commune and may
    change none."""
    if user is None:
        return
    ids = user_write_commune_ids(user)
    if ids is not None and commune_id not in ids:
        raise PermissionDenied(_("You do not have permission to do this."))


def require_province(user: Any | None, perm: str) -> None:
    """National data used by every commune (holidays, issuing bodies, document types…) is the
    province's alone: `user` must hold `perm` and work for no particular commune (a superuser,
    or a province account in no commune's role)."""
    require_perm(user, perm)
    if user is not None and (user_commune_ids(user) or user_write_commune_ids(user)):
        raise PermissionDenied(_("Only the province may change data shared by every commune."))


def require_own(user: Any | None, record: Any) -> None:
    """Raise PermissionDenied unless the record's commune is the user's, and for a change the
    commune it is saved under now too (no taking another commune's record over)."""
    require_commune(user, record.commune_id)
    if user is not None and record.pk is not None:
        saved = type(record)._default_manager.filter(pk=record.pk).values_list("commune_id")
        was = saved.first()
        require_commune(user, was[0] if was else None)
