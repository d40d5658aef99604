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
        from xaso.communes.models import CommuneSuccession
        from xaso.portal.cache import register_public_model

        # The directory names each commune's former units. Everything else the province's
        # pages show is registered by its own app (pages, communes, sites and portal settings
        # by the portal; programmes and assessments by ntm): any commune's change refreshes them.
        register_public_model(CommuneSuccession)
