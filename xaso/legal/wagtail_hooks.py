"""Registrations of the register in the Wagtail admin: its viewsets (`views/`) and log actions."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .views import LegalViewSetGroup


@hooks.register("register_admin_viewset")
def register_viewset() -> LegalViewSetGroup:
    return LegalViewSetGroup()


@hooks.register("register_log_actions")
def register_log_actions(actions: Any) -> None:
    actions.register_action("xaso.comment_approve", _("Publish comment"), _("Comment published"))
    actions.register_action("xaso.comment_reject", _("Reject comment"), _("Comment not published"))
