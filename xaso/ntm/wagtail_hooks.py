"""The New Rural programme admin's registrations: who may do what (`views/policies.py`), its
menu of viewsets and its URLs. The screens live in `views/`, one module per entity.

The commune's programmes and assessments are limited to the user's communes; the criteria sets
and their thresholds are kept by the province. Every save goes through a service and a
service's refusal comes back as errors on the form. Nothing here is deleted: history is kept.
"""

from __future__ import annotations

from typing import Any

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from xaso.core.admin import OverviewViewSetGroup

from .models import Assessment, CriteriaSet, Programme, Threshold
from .views import dashboard, reports
from .views.assessments import AssessmentViewSet
from .views.criteria_sets import CriteriaSetViewSet
from .views.policies import CriteriaSetPolicy, NoDeletePolicy, ScopedNoDeletePolicy
from .views.programmes import ProgrammeViewSet
from .views.thresholds import ThresholdViewSet

register_permission_policy(CriteriaSet, CriteriaSetPolicy(CriteriaSet))
register_permission_policy(Threshold, NoDeletePolicy(Threshold))
register_permission_policy(Programme, ScopedNoDeletePolicy(Programme))
register_permission_policy(Assessment, ScopedNoDeletePolicy(Assessment))


class NtmViewSetGroup(OverviewViewSetGroup):
    items = (ProgrammeViewSet, AssessmentViewSet, CriteriaSetViewSet, ThresholdViewSet)
    menu_icon = "site"
    menu_label = _("New Rural programme")
    menu_name = "ntm"

    overview_url_name = "ntm_dashboard"

    def overview_shown(self, user: Any) -> bool:
        return dashboard.may_view_dashboard(user)


@hooks.register("register_admin_viewset")
def register_viewset() -> NtmViewSetGroup:
    return NtmViewSetGroup()


@hooks.register("register_admin_urls")
def register_admin_urls() -> list[Any]:
    return [
        path("ntm/", dashboard.dashboard, name="ntm_dashboard"),
        path(
            "ntm/reports/<int:programme_id>/<int:year>.<str:fmt>",
            reports.report,
            name="ntm_report",
        ),
    ]
