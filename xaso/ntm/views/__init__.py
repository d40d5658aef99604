"""The New Rural programme's admin screens, one module per entity (viewsets and their views),
with who may do what (`policies`), the dashboard and the report downloads; `wagtail_hooks.py`
registers them; the menu's group is here."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from xaso.core.admin import OverviewViewSetGroup

from . import dashboard
from .assessments import AssessmentViewSet
from .criteria_sets import CriteriaSetViewSet
from .programmes import ProgrammeViewSet
from .thresholds import ThresholdViewSet

__all__ = ["NtmViewSetGroup"]


class NtmViewSetGroup(OverviewViewSetGroup):
    items = (ProgrammeViewSet, AssessmentViewSet, CriteriaSetViewSet, ThresholdViewSet)
    menu_icon = "site"
    menu_label = _("New Rural programme")
    menu_name = "ntm"

    overview_url_name = "ntm_dashboard"

    def overview_shown(self, user: Any) -> bool:
        return dashboard.may_view_dashboard(user)
