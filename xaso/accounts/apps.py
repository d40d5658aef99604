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

        from xaso.communes.access import register_commune_ids

        from . import signal_handlers
        from .audit import audit_spreadsheet_exports, scope_log_entries
        from .scoping import user_commune_ids, user_role_commune_ids

        register_commune_ids(user_commune_ids, write=user_role_commune_ids)
        signal_handlers.connect()
        _register_jobs()
        _mend_link_chooser()
        for manager_class in (ModelLogEntryManager, PageLogEntryManager):
            scope_log_entries(manager_class)
        audit_spreadsheet_exports()


class UsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's users app, with user management scoped to the commune (`users.py`)."""

    default = False
    user_viewset = "xaso.accounts.views.users.CommuneUserViewSet"


def _register_jobs() -> None:
    from xaso.core import jobs

    from .idle import accounts_disable_idle

    jobs.register("accounts.idle", accounts_disable_idle)


def _mend_link_chooser() -> None:
    """Wagtail's link chooser answered a form posted without its URL with a server error
    (`None.startswith`); an empty URL is now refused as missing, like any required field."""
    from wagtail.admin.forms.choosers import URLOrAbsolutePathField

    original = URLOrAbsolutePathField.to_python
    if getattr(original, "xaso_mended", False):
        return

    def to_python(self: URLOrAbsolutePathField, value: object) -> object:
        return original(self, value or "")

    to_python.xaso_mended = True  # type: ignore[attr-defined]
    URLOrAbsolutePathField.to_python = to_python
