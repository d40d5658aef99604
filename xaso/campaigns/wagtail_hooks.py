"""The campaigns admin's registrations: its menu of viewsets, its URLs and its log actions. The
screens live in `views/`, one module per entity.

Rows are limited twice: to the user's communes, then by role (`selectors.households_for`); a
row outside is "not found". Every save goes through a service; a refusal comes back as errors
on the form.
"""

from __future__ import annotations

from typing import Any

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from xaso.accounts.scoping import scoped

from .models import Campaign, Household, Segment
from .views import CampaignsViewSetGroup, dashboard, workbooks
from .views.households import HouseholdMoveView, VisitRecordView

scoped(Campaign, Segment, Household)


@hooks.register("register_admin_viewset")
def register_viewset() -> CampaignsViewSetGroup:
    return CampaignsViewSetGroup()


@hooks.register("register_admin_urls")
def register_admin_urls() -> list[Any]:
    return [
        *workbooks.urlpatterns,
        path("campaigns/", dashboard.dashboard, name="campaigns_dashboard"),
        path(
            "campaigns/households/<int:pk>/move/",
            HouseholdMoveView.as_view(),
            name="campaigns_move",
        ),
        path(
            "campaigns/households/<int:pk>/visit/",
            VisitRecordView.as_view(),
            name="campaigns_visit",
        ),
    ]


@hooks.register("register_log_actions")
def register_log_actions(actions: Any) -> None:
    actions.register_action(
        "campaigns.move", _("Move a household"), _("Household's status changed")
    )
    actions.register_action("campaigns.visit", _("Record a visit"), _("Visit recorded"))
