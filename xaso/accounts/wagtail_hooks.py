"""The admin of accounts: xaso's own audit-log actions and the commune audit log report; the
communes' admin, scoped to the user's communes (communes sits below accounts and cannot)."""

from __future__ import annotations

from typing import Any

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.account import BaseSettingsPanel
from wagtail.log_actions import LogFormatter

from xaso.communes.views import COMMUNE_OWNED, CommunesViewSetGroup

from . import second_factor as sf
from . import second_factor_views
from .audit import PERSONAL_DATA_EXPORT_ACTION, PERSONAL_DATA_EXPORTS
from .idle import IDLE_ACTION
from .lockout import LOCKOUT_ACTION, LOCKOUT_RELEASE_ACTION
from .scoping import pages_of, scoped_viewset, user_commune_ids
from .signal_handlers import ROLES_ACTION, SESSION_EXPIRED_ACTION
from .users import (
    ScopedAssignRoleBulkAction,
    ScopedDeleteBulkAction,
    ScopedSetActiveStateBulkAction,
)
from .views import AuditLogView, may_read_audit_log


class ScopedCommunesViewSetGroup(CommunesViewSetGroup):
    items = tuple(
        scoped_viewset(item) if item in COMMUNE_OWNED else item
        for item in CommunesViewSetGroup.items
    )


@hooks.register("register_admin_viewset")
def register_communes_viewsets() -> CommunesViewSetGroup:
    return ScopedCommunesViewSetGroup()


class PersonalDataExportFormatter(LogFormatter):
    """Names what was exported and how many rows, when the entry says."""

    label = _("Export a list with personal data")
    message = _("List with personal data exported")

    def format_message(self, log_entry: Any) -> Any:
        data = log_entry.data if isinstance(log_entry.data, dict) else {}
        what = PERSONAL_DATA_EXPORTS.get(str(data.get("what", "")))
        rows = data.get("rows", data.get("households"))
        if what is None or not isinstance(rows, int):
            return self.message
        return ngettext(
            "Exported %(what)s: %(rows)d row", "Exported %(what)s: %(rows)d rows", rows
        ) % {"what": what, "rows": rows}


@hooks.register("register_log_actions")
def register_log_actions(actions: Any) -> None:
    actions.register_action("xaso.login", _("Log in"), _("Logged in"))
    actions.register_action("xaso.logout", _("Log out"), _("Logged out"))
    actions.register_action("xaso.login_failed", _("Failed log in"), _("Log in refused"))
    # Security events (docs/decisions/0008-sign-in.md).
    actions.register_action(
        LOCKOUT_ACTION, _("Sign-in lockout"), _("Signing in locked out after repeated failures")
    )
    actions.register_action(
        SESSION_EXPIRED_ACTION, _("Session ended"), _("Signed out by the session's time limit")
    )
    actions.register_action(
        IDLE_ACTION, _("Idle account disabled"), _("Account disabled: not used for a long time")
    )
    actions.register_action(ROLES_ACTION, _("Change roles"), _("Roles changed"))
    actions.register_action(PERSONAL_DATA_EXPORT_ACTION)(PersonalDataExportFormatter)
    actions.register_action(
        sf.ENROL_ACTION, _("Add an authenticator app"), _("Authenticator app added")
    )
    actions.register_action(sf.RESET_ACTION, _("Reset the second factor"), _("Second factor reset"))
    actions.register_action(
        sf.VERIFIED_ACTION, _("Sign in with the second factor"), _("Second factor given")
    )
    actions.register_action(
        sf.FAILED_ACTION, _("Wrong second-factor code"), _("Second-factor code refused")
    )
    actions.register_action(
        sf.RECOVERY_RENEW_ACTION, _("Make new recovery codes"), _("Recovery codes renewed")
    )
    actions.register_action(
        LOCKOUT_RELEASE_ACTION,
        _("Release a sign-in lockout"),
        _("Sign-in lockout released"),
    )


@hooks.register("register_admin_urls")
def register_admin_urls() -> list[Any]:
    return [
        path(
            "second-factor/",
            second_factor_views.verify,
            name="accounts_second_factor_verify",
        ),
        path(
            "second-factor/enrol/",
            second_factor_views.enrol,
            name="accounts_second_factor_enrol",
        ),
        path(
            "second-factor/recovery-codes/",
            second_factor_views.recovery_codes,
            name="accounts_second_factor_recovery_codes",
        ),
        path(
            "second-factor/reset/<int:pk>/",
            second_factor_views.reset,
            name="accounts_second_factor_reset",
        ),
        path("audit-log/", AuditLogView.as_view(), name="accounts_audit_log"),
        path(
            "audit-log/results/",
            AuditLogView.as_view(results_only=True),
            name="accounts_audit_log_results",
        ),
    ]


class AuditLogMenuItem(MenuItem):
    def is_shown(self, request: Any) -> bool:
        return may_read_audit_log(request.user)


@hooks.register("register_reports_menu_item")
def register_audit_log_menu_item() -> MenuItem:
    return AuditLogMenuItem(
        _("Audit log"),
        reverse("accounts_audit_log"),
        name="audit-log",
        icon_name="history",
        order=1000,
    )


@hooks.register("construct_reports_menu")
def hide_site_history(request: Any, menu_items: list[Any]) -> None:
    # The audit log is Wagtail's site history with a commune filter; one entry is enough.
    menu_items[:] = [item for item in menu_items if item.name != "site-history"]


@hooks.register("construct_page_chooser_queryset")
def pages_of_own_communes(pages: Any, request: Any) -> Any:
    """Wagtail's page chooser offers every page of every site: a commune's staff may link to
    their own commune's pages only."""
    ids = user_commune_ids(request.user)
    if ids is None:
        return pages
    return pages.filter(pages_of(ids))


# After Wagtail's own (a later registration replaces an action of the same model and name).
for _action in (ScopedAssignRoleBulkAction, ScopedSetActiveStateBulkAction, ScopedDeleteBulkAction):
    hooks.register("register_bulk_action", _action, order=100)


def _reachable_items(request: Any, menu_items: list[Any]) -> None:
    """Menu items lead only where the user may go: Wagtail offers some of its screens (reports
    on workflows, locked and aging pages, page types) to roles the route gate keeps out."""
    from django.urls import Resolver404, resolve

    from .routes import route_open

    kept = []
    for item in menu_items:
        url = getattr(item, "url", "") or ""
        if url.startswith("/"):
            try:
                match = resolve(url.split("?")[0])
            except Resolver404:
                match = None
            if match is not None and not route_open(
                match.view_name if match.url_name else None, request.user
            ):
                continue
        kept.append(item)
    menu_items[:] = kept


for _menu in ("construct_main_menu", "construct_reports_menu", "construct_settings_menu"):
    hooks.register(_menu, _reachable_items)


class SecondFactorPanel(BaseSettingsPanel):
    """The account page's "Two-step sign-in" panel: whether the account has an app, how many
    recovery codes are left, and the links to add or replace the app and renew the codes."""

    name = "second_factor"
    order = 450
    template_name = "accounts/second_factor/account_panel.html"

    @property
    def title(self) -> str:
        return str(_("Two-step sign-in"))

    def get_form(self) -> Any:
        from django import forms

        return forms.Form()  # nothing to save here: links to the steps' own pages

    def get_context_data(self) -> dict[str, Any]:
        user = self.user
        return {
            "has_app": sf.has_second_factor(user),
            "required": sf.required_for(user),
            "codes_left": sf.recovery_codes_left(user),
            "app": sf.app_device(user),
        }


@hooks.register("register_account_settings_panel")
def second_factor_panel(request: Any, user: Any, profile: Any) -> SecondFactorPanel:
    return SecondFactorPanel(request, user, profile)
