"""The party-cell admin: internal screens for the party committee office, Standing Committee
members and officials."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail import hooks


@hooks.register("register_log_actions")
def register_log_actions(actions: Any) -> None:
    actions.register_action(
        "party.escalate", _("Escalate"), _("Overdue: escalated to the supervising member")
    )
