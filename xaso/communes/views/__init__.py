"""The communes' admin: one module per entity. Creating and changing a commune, a unit, a
hamlet, an official, a host alias or a succession goes through `services` (a new commune gets
its site, home page, collection and required pages).

Units, hamlets and officials belong to a commune: `accounts`, the layer above that knows who
works for which commune, scopes these viewsets and registers the group (its `wagtail_hooks`).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.base import ViewSetGroup

from .communes import CommuneViewSet
from .hamlets import HamletViewSet
from .hosts import CommuneHostViewSet
from .officials import OfficialViewSet
from .successions import CommuneSuccessionViewSet
from .units import UnitViewSet

# The viewsets of records that belong to one commune, to be scoped before registering.
COMMUNE_OWNED = (UnitViewSet, HamletViewSet, OfficialViewSet)


class CommunesViewSetGroup(ViewSetGroup):
    items: tuple[type, ...] = (
        CommuneViewSet,
        CommuneHostViewSet,
        CommuneSuccessionViewSet,
        UnitViewSet,
        HamletViewSet,
        OfficialViewSet,
    )
    menu_icon = "home"
    menu_label = _("Communes")
    menu_name = "communes"
