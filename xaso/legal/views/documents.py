"""Legal documents of the register, saved by `services.legal_document_save` (validation,
audit, search index) and deleted by `legal_document_delete`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.views.generic.models import CreateView, DeleteView, EditView
from wagtail.admin.viewsets.model import ModelViewSet

from xaso.accounts.scoping import CommuneScopedViewSetMixin, scoped
from xaso.core.admin import ServiceFormMixin

from .. import services
from ..forms import LegalDocumentForm
from ..models import LegalDocument

scoped(LegalDocument)


class LegalDocumentCreateView(ServiceFormMixin, CreateView):
    def save_instance(self) -> LegalDocument:
        document = self.form.save(commit=False)
        services.legal_document_save(user=self.request.user, document=document)
        self.form.save_m2m()
        return document


class LegalDocumentEditView(ServiceFormMixin, EditView):
    def save_instance(self) -> LegalDocument:
        document = self.form.save(commit=False)
        services.legal_document_save(user=self.request.user, document=document)
        self.form.save_m2m()
        return document


class LegalDocumentDeleteView(DeleteView):
    def delete_action(self) -> None:
        services.legal_document_delete(user=self.request.user, document=self.object)


class LegalDocumentViewSet(CommuneScopedViewSetMixin, ModelViewSet):
    model = LegalDocument
    icon = "doc-full"
    menu_label = _("Legal documents")
    add_view_class = LegalDocumentCreateView
    edit_view_class = LegalDocumentEditView
    delete_view_class = LegalDocumentDeleteView
    list_display = [
        "number",
        "summary",
        "document_type",
        "issued_on",
        "view_count",
        "download_count",
    ]
    list_filter = ["document_type", "is_draft", "is_public", "commune"]
    search_fields = ["number", "summary", "signer"]
    edit_handler = ObjectList(
        [
            FieldPanel("commune"),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("number"), FieldPanel("document_type")]),
                    FieldRowPanel([FieldPanel("issuer"), FieldPanel("signer")]),
                    FieldPanel("field"),
                    FieldPanel("summary"),
                ],
                heading=_("Document"),
            ),
            MultiFieldPanel(
                [
                    FieldRowPanel(
                        [
                            FieldPanel("issued_on"),
                            FieldPanel("effective_from"),
                            FieldPanel("expires_on"),
                        ]
                    ),
                    FieldPanel("replaced_by"),
                    FieldPanel("related"),
                ],
                heading=_("Validity"),
            ),
            InlinePanel("files", heading=_("Files"), label=_("File")),
            MultiFieldPanel(
                [
                    FieldPanel("is_draft"),
                    FieldRowPanel([FieldPanel("comment_opens"), FieldPanel("comment_closes")]),
                    FieldPanel("uptake_summary"),
                ],
                heading=_("Public comment on a draft"),
            ),
            FieldPanel("is_public"),
        ],
        base_form_class=LegalDocumentForm,
    )
