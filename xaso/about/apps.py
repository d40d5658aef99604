from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AboutConfig(AppConfig):
    name = "xaso.about"
    label = "about"
    verbose_name = _("Commune information")

    def ready(self) -> None:
        from . import signal_handlers

        signal_handlers.connect()
