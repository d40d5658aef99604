from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AboutConfig(AppConfig):
    name = "xaso.about"
    label = "about"
    verbose_name = _("Commune information")

    def ready(self) -> None:
        from xaso.search.adapters import register_page_type

        from . import signal_handlers
        from .models import BoundaryMapPage, HistoryPage, NaturalConditionsPage

        for model in (NaturalConditionsPage, HistoryPage, BoundaryMapPage):
            register_page_type(model)
        signal_handlers.connect()
