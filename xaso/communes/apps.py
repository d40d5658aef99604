from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunesConfig(AppConfig):
    name = "xaso.communes"
    label = "communes"
    verbose_name = _("Communes")
    default_auto_field = "django.db.models.BigAutoField"
