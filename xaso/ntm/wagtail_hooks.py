"""The New Rural programme admin's registrations: who may do what (`views/policies.py`), its
menu of viewsets and its URLs. The screens live in `views/`, one module per entity.

The commune's programmes and assessments are limited to the user's communes; the criteria sets
and their thresholds are kept by the province. Every save goes through a service and a
service's refusal comes back as errors on the form. Nothing here is deleted: history is kept.
"""

from __future__ import annotations

from typing import Any

from django.urls import path
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .models import Assessment, CriteriaSet, Programme, Threshold
from .views import NtmViewSetGroup, dashboard, reports
from .views.policies import CriteriaSetPolicy, NoDeletePolicy, ScopedNoDeletePolicy

register_permission_policy(CriteriaSet, CriteriaSetPolicy(CriteriaSet))
register_permission_policy(Threshold, NoDeletePolicy(Threshold))
register_permission_policy(Programme, ScopedNoDeletePolicy(Programme))
register_permission_policy(Assessment, ScopedNoDeletePolicy(Assessment))


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
