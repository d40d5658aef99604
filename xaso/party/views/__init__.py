"""The party-cell admin's screens, one module per entity (viewsets and their views), with the
dashboard and the report downloads; `wagtail_hooks.py` registers them; the menu's group is here."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from xaso.core.admin import OverviewViewSetGroup

from . import dashboard
from .assignments import AssignmentViewSet
from .cells import CellViewSet
from .cross_checks import CrossCheckPlanViewSet, CrossCheckViewSet
from .meetings import MeetingViewSet
from .rules import PartySettingsViewSet
from .tasks import TaskViewSet

__all__ = ["PartyViewSetGroup"]


class PartyViewSetGroup(OverviewViewSetGroup):
    items = (
        CellViewSet,
        AssignmentViewSet,
        MeetingViewSet,
        TaskViewSet,
        CrossCheckPlanViewSet,
        CrossCheckViewSet,
        PartySettingsViewSet,
    )
    menu_icon = "group"
    menu_label = _("Party-cell work")
    menu_name = "party"

    overview_url_name = "party_dashboard"

    def overview_shown(self, user: Any) -> bool:
        return any(user.has_perm(perm) for perm in dashboard.VIEW_PERMISSIONS)
