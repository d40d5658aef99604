"""The admin registrations of accounts: xaso's own audit-log actions, the audit log report and
its menu item, the second factor's screens and account panel, the communes' admin scoped to the
user's communes (communes sits below accounts and cannot), the scoped user bulk actions and the
menus trimmed to where the user may go. The screens live in `views/`."""

from __future__ import annotations

from typing import Any

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import second_factor as sf
from .audit import PERSONAL_DATA_EXPORT_ACTION
from .idle import IDLE_ACTION
from .lockout import LOCKOUT_ACTION, LOCKOUT_RELEASE_ACTION
from .scoping import pages_of, user_commune_ids
from .signal_handlers import ROLES_ACTION, SESSION_EXPIRED_ACTION
from .views import audit, guide, menus, second_factor
from .views.communes import ScopedCommunesViewSetGroup
from .views.users import (
    ScopedAssignRoleBulkAction,
    ScopedDeleteBulkAction,
    ScopedSetActiveStateBulkAction,
)


@hooks.register("register_admin_viewset")
def register_communes_viewsets() -> ScopedCommunesViewSetGroup:
    return ScopedCommunesViewSetGroup()


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
    actions.register_action(PERSONAL_DATA_EXPORT_ACTION)(audit.PersonalDataExportFormatter)
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
        path("second-factor/", second_factor.verify, name="accounts_second_factor_verify"),
        path("second-factor/enrol/", second_factor.enrol, name="accounts_second_factor_enrol"),
        path(
            "second-factor/recovery-codes/",
            second_factor.recovery_codes,
            name="accounts_second_factor_recovery_codes",
        ),
        path(
            "second-factor/reset/<int:pk>/",
            second_factor.reset,
            name="accounts_second_factor_reset",
        ),
        path("huong-dan/", guide.guide_index, name="accounts_guide"),
        path("huong-dan/<slug:role>/", guide.guide_detail, name="accounts_guide_detail"),
        path("audit-log/", audit.AuditLogView.as_view(), name="accounts_audit_log"),
        path(
            "audit-log/results/",
            audit.AuditLogView.as_view(results_only=True),
            name="accounts_audit_log_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_audit_log_menu_item() -> MenuItem:
    return audit.audit_log_menu_item()


hooks.register("construct_reports_menu", menus.hide_site_history)


@hooks.register("register_help_menu_item")
def register_guide_menu_item() -> MenuItem:
    return guide.guide_menu_item()


hooks.register("construct_help_menu", guide.keep_own_help)


@hooks.register("construct_page_chooser_queryset")
def pages_of_own_communes(pages: Any, request: Any) -> Any:
    """Wagtail's page chooser offers every page of every site: a commune's staff may link to
    their own commune's pages only."""
    ids = user_commune_ids(request.user)
    return pages if ids is None else pages.filter(pages_of(ids))


# After Wagtail's own (a later registration replaces an action of the same model and name).
for _action in (ScopedAssignRoleBulkAction, ScopedSetActiveStateBulkAction, ScopedDeleteBulkAction):
    hooks.register("register_bulk_action", _action, order=100)

for _menu in ("construct_main_menu", "construct_reports_menu", "construct_settings_menu"):
    hooks.register(_menu, menus.reachable_items)


@hooks.register("register_account_settings_panel")
def second_factor_panel(request: Any, user: Any, profile: Any) -> second_factor.SecondFactorPanel:
    return second_factor.SecondFactorPanel(request, user, profile)
