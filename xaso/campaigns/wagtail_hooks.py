"""The campaigns' admin."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail import hooks


@hooks.register("register_log_actions")
def register_log_actions(actions: Any) -> None:
    actions.register_action(
        "campaigns.move", _("Move a household"), _("Household's status changed")
    )
    actions.register_action("campaigns.visit", _("Record a visit"), _("Visit recorded"))
