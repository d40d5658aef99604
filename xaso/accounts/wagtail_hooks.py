"""Names of xaso's own audit-log actions, shown in the admin's history and reports."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail import hooks


@hooks.register("register_log_actions")
def register_log_actions(actions: Any) -> None:
    actions.register_action("xaso.login", _("Log in"), _("Logged in"))
    actions.register_action("xaso.logout", _("Log out"), _("Logged out"))
    actions.register_action("xaso.login_failed", _("Failed log in"), _("Log in refused"))
