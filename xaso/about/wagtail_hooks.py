"""Registrations of the introduction in the Wagtail admin: the compliance panel (`views/`)."""

from __future__ import annotations

from typing import Any

from wagtail import hooks

from .views import CompliancePanel


@hooks.register("construct_homepage_panels")
def add_compliance_panel(request: Any, panels: list[Any]) -> None:
    if request.user.has_perm("wagtailadmin.access_admin"):
        panels.append(CompliancePanel(request.user))
