from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalConfig(AppConfig):
    name = "xaso.legal"
    label = "legal"
    verbose_name = _("Legal documents and disclosures")

    def ready(self) -> None:
        from xaso.communes.documents import register_public_source
        from xaso.portal.cache import register_public_model
        from xaso.search.adapters import register_source

        from . import signal_handlers
        from .models import DocumentType, Issuer, LegalDocument, LegalField, Procedure
        from .selectors import document_file_is_public, legal_search_fields

        register_source(legal_search_fields)
        register_public_source("legal", document_file_is_public)
        signal_handlers.connect()
        # The register and the procedures. Comments on a draft show only on the document's own
        # page, which is never cached (it counts every reading).
        for model in (LegalDocument, Procedure):
            register_public_model(model)
        # The register names its documents' types, fields and issuers: the national ones are
        # every commune's (refresh every page), a commune's own issuer its commune's.
        for national in (DocumentType, LegalField, Issuer):
            register_public_model(national)
