"""Who may do what in the programme's admin: nothing is deleted (history is kept), and a
criteria set, a version, is imported and viewed, never edited."""

from __future__ import annotations

from typing import Any

from wagtail.permission_policies.base import ModelPermissionPolicy

from xaso.accounts.scoping import CommuneScopedPermissionPolicy


class NoDeletePolicy(ModelPermissionPolicy):
    """Records whose history is kept: never deleted from the admin. `refused` lists the other
    actions no one takes here."""

    refused: frozenset[str] = frozenset({"delete"})

    def user_has_permission(self, user: Any, action: str) -> bool:
        return action not in self.refused and super().user_has_permission(user, action)


class CriteriaSetPolicy(NoDeletePolicy):
    """A set is a version: it is imported ("add"), viewed and downloaded, never edited."""

    refused = frozenset({"change", "delete"})


class ScopedNoDeletePolicy(CommuneScopedPermissionPolicy):
    """A commune's records whose history is kept: scoped to the user's communes, never deleted."""

    def user_has_permission(self, user: Any, action: str) -> bool:
        return action != "delete" and super().user_has_permission(user, action)
