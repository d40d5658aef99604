"""The campaigns' screens: in the admin, one module per entity (`campaigns`, `segments`,
`households`), the households' workbooks (`workbooks`) and the dashboard, registered by
`wagtail_hooks.py` (the menu's group is here); on the portal, the JSON API (`api`, routed from
`xaso/urls.py`)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from xaso.core.admin import OverviewViewSetGroup

from .campaigns import CampaignViewSet
from .households import HouseholdViewSet
from .segments import SegmentViewSet

__all__ = ["CampaignsViewSetGroup"]


class CampaignsViewSetGroup(OverviewViewSetGroup):
    items = (CampaignViewSet, SegmentViewSet, HouseholdViewSet)
    menu_icon = "flag"
    menu_label = _("Mobilisation campaigns")
    menu_name = "campaigns"

    overview_url_name = "campaigns_dashboard"

    def overview_shown(self, user: Any) -> bool:
        return bool(user.has_perm("campaigns.view_campaign"))
