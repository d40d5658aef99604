from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalConfig(AppConfig):
    name = "xaso.legal"
    label = "legal"
    verbose_name = _("Legal documents and disclosures")

    def ready(self) -> None:
        from xaso.communes.documents import register_public_source
        from xaso.search.adapters import register_source

        from . import signal_handlers
        from .selectors import document_file_is_public, legal_search_fields

        register_source(legal_search_fields)
        register_public_source("legal", document_file_is_public)
        signal_handlers.connect()
