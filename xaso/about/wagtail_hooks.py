"""Registrations of the introduction in the Wagtail admin: the compliance panel (`views/`)."""

from __future__ import annotations

from typing import Any

from wagtail import hooks

from .compliance import communes_for
from .views import CompliancePanel


@hooks.register("construct_homepage_panels")
def add_compliance_panel(request: Any, panels: list[Any]) -> None:
    """Only for those who work on a commune's pages: a campaign or party official has nothing
    to publish there, and a panel saying so would read as if they had no commune."""
    if request.user.has_perm("wagtailadmin.access_admin"):
        communes = communes_for(request.user)
        if communes:
            panels.append(CompliancePanel(request.user, communes))
