"""The audit log's names for what is done with senders' personal data (`privacy`)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .privacy import ANONYMISE_ACTION, ERASE_ACTION, EXPORT_ACTION


@hooks.register("register_log_actions")
def register_privacy_log_actions(actions: Any) -> None:
    actions.register_action(
        ANONYMISE_ACTION,
        _("Remove personal data"),
        _("Personal data removed: retention period ended"),
    )
    actions.register_action(
        ERASE_ACTION,
        _("Erase personal data"),
        _("Personal data erased at the sender's request"),
    )
    actions.register_action(
        EXPORT_ACTION,
        _("Export personal data"),
        _("Personal data given to the sender at their request"),
    )
