"""The communes' admin, scoped to the user's communes: communes sits below accounts and cannot
scope itself, so accounts registers its viewset group in its place."""

from __future__ import annotations

from xaso.communes.views import COMMUNE_OWNED, CommunesViewSetGroup

from ..scoping import scoped_viewset

__all__ = ["ScopedCommunesViewSetGroup"]


class ScopedCommunesViewSetGroup(CommunesViewSetGroup):
    items = tuple(
        scoped_viewset(item) if item in COMMUNE_OWNED else item
        for item in CommunesViewSetGroup.items
    )
