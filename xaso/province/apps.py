from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProvinceConfig(AppConfig):
    """What a province sees over all of its communes: its own portal (the directory of its
    communes, their latest news, search across them, their New Rural standing) and the
    roll-ups of its administration."""

    name = "xaso.province"
    label = "province"
    verbose_name = _("Province")

    def ready(self) -> None:
        from xaso.accounts.routes import register_province_route

        from .access import can_see_rollups

        # The roll-ups are the province's: open to its viewers, "not found" to commune staff.
        register_province_route("province_rollups*", can_see_rollups)
