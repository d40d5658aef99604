from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunesConfig(AppConfig):
    name = "xaso.communes"
    label = "communes"
    verbose_name = _("Communes")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from xaso.core.backup import register_data_model

        from . import hosts
        from .models import Commune

        register_data_model(Commune)
        hosts.connect()  # a restore never overwrites a database with communes
