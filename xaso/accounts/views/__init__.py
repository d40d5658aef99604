"""The accounts' admin screens, one module per concern: the audit log with its menu item and
log formatter (`audit`), the second factor's screens and account panel (`second_factor`), the
communes' admin scoped to the user's communes (`communes`) and the menus trimmed to where the
user may go (`menus`); `wagtail_hooks.py` registers them. Staff user management, the viewset
Wagtail's users app takes from settings, is `users.py`."""

from __future__ import annotations

from .audit import AuditLogView, communes_for_user, may_read_audit_log

__all__ = ["AuditLogView", "communes_for_user", "may_read_audit_log"]
