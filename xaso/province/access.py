"""Who may see the province's roll-ups: the province's roles, never a commune's staff."""

from __future__ import annotations

from typing import Any

VIEW_ALL_COMMUNES = "communes.view_all_communes"


def can_see_rollups(user: Any) -> bool:
    """A superuser, or an account given the permission to see every commune (the province's
    viewers)."""
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.has_perm(VIEW_ALL_COMMUNES))
    )
