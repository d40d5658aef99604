from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosuresConfig(AppConfig):
    name = "xaso.disclosures"
    label = "disclosures"
    verbose_name = _("Disclosures")

    def ready(self) -> None:
        from xaso.communes.documents import register_public_source
        from xaso.core.calendar import register_holiday_source
        from xaso.portal.cache import register_public_model

        from . import signal_handlers
        from .models import Disclosure, DisclosureKind, Holiday
        from .selectors import document_file_is_public, holiday_dates

        signal_handlers.connect()
        register_public_source("disclosures", document_file_is_public)
        register_public_model(Disclosure)
        # National: the kinds name each disclosure, the holidays move its posting dates.
        register_public_model(DisclosureKind)
        register_public_model(Holiday)
        register_holiday_source(holiday_dates)  # the working days every app counts
