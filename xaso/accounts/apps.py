from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    default = True
    name = "xaso.accounts"
    label = "accounts"
    verbose_name = _("Accounts and roles")

    def ready(self) -> None:
        from wagtail.models.audit_log import ModelLogEntryManager
        from wagtail.models.pages import PageLogEntryManager

        from . import signal_handlers
        from .audit import scope_log_entries

        signal_handlers.connect()
        for manager_class in (ModelLogEntryManager, PageLogEntryManager):
            scope_log_entries(manager_class)


class UsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's users app, with user management scoped to the commune (`users.py`)."""

    default = False
    user_viewset = "xaso.accounts.users.CommuneUserViewSet"
