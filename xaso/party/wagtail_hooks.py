"""The party-cell admin's registrations: its menu of viewsets, its URLs and its log actions. The
screens live in `views/`, one module per entity.

Rows are limited twice: to the user's communes (`CommuneScopedViewSetMixin`), then by role
(`selectors.cells_for`, `meetings_for`, `tasks_for`): a row outside is "not found". Every save
goes through a service; a service's refusal comes back as errors on the form.
"""

from __future__ import annotations

from typing import Any

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from xaso.accounts.scoping import scoped

from .models import Assignment, Cell, CrossCheck, CrossCheckPlan, Meeting, PartySettings, Task
from .views import PartyViewSetGroup, dashboard, reports
from .views.tasks import TaskResolveView

scoped(Cell, Assignment, CrossCheckPlan, CrossCheck, Meeting, Task, PartySettings)


@hooks.register("register_admin_viewset")
def register_viewset() -> PartyViewSetGroup:
    return PartyViewSetGroup()


@hooks.register("register_admin_urls")
def register_admin_urls() -> list[Any]:
    return [
        path("party/", dashboard.dashboard, name="party_dashboard"),
        path(
            "party/reports/<str:scope>/<int:year>/<str:period>.<str:fmt>",
            reports.report,
            name="party_report",
        ),
        path("party/tasks/<int:pk>/resolve/", TaskResolveView.as_view(), name="party_task_resolve"),
    ]


@hooks.register("register_log_actions")
def register_log_actions(actions: Any) -> None:
    actions.register_action(
        "party.escalate", _("Escalate"), _("Overdue: escalated to the supervising member")
    )
