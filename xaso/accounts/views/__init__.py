"""The accounts' admin screens, one module per concern: staff user management, the viewset and
bulk actions that replace Wagtail's (`users`; who may manage whom is `accounts/users.py`), the
audit log with its menu item and log formatter (`audit`), the second factor's screens and
account panel (`second_factor`), the communes' admin scoped to the user's communes
(`communes`), the menus trimmed to where the user may go (`menus`) and the commune a dashboard
shows to whoever reads several (`commune_choice`); `wagtail_hooks.py` and `apps.py`
(`user_viewset`) register them."""

from __future__ import annotations

from .audit import AuditLogView, communes_for_user, may_read_audit_log
from .commune_choice import COMMUNE_PARAM, CommuneChoice, commune_choice

__all__ = [
    "COMMUNE_PARAM",
    "AuditLogView",
    "CommuneChoice",
    "commune_choice",
    "communes_for_user",
    "may_read_audit_log",
]
