"""The register in the Wagtail admin; saves go through the services (validation, audit, index)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.views.generic.models import CreateView, DeleteView, EditView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from xaso.accounts.scoping import CommuneScopedViewSetMixin, scoped

from . import services
from .models import DocumentType, DraftComment, Issuer, LegalDocument, LegalField, Procedure

scoped(LegalDocument, DraftComment, Issuer, Procedure)


class LegalDocumentForm(WagtailAdminModelForm):
    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("is_draft") and not (data.get("comment_opens") and data.get("comment_closes")):
            self.add_error(
                "comment_closes",
                _("A draft needs the dates its comment period opens and closes."),
            )
        candidate = self.instance
        candidate.replaced_by = data.get("replaced_by")
        if data.get("commune") is not None:
            candidate.commune = data["commune"]
        try:
            services.replacement_check(candidate)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                self.add_error(name if name in self.fields else None, messages)
        return data


class LegalDocumentCreateView(CreateView):
    def save_instance(self) -> LegalDocument:
        document = self.form.save(commit=False)
        services.legal_document_save(user=self.request.user, document=document)
        self.form.save_m2m()
        return document


class LegalDocumentEditView(EditView):
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


class DraftCommentEditView(EditView):
    def save_instance(self) -> DraftComment:
        comment = self.form.save(commit=False)
        services.draft_comment_moderate(
            user=self.request.user, comment=comment, approve=comment.status == "approved"
        )
        return comment


class DraftCommentViewSet(CommuneScopedViewSetMixin, ModelViewSet):
    model = DraftComment
    icon = "comment"
    menu_label = _("Comments on drafts")
    add_to_admin_menu = False
    edit_view_class = DraftCommentEditView
    list_display = ["content", "legal_document", "author_name", "status", "created_at"]
    list_filter = ["status"]
    form_fields = ["status"]
    inspect_view_enabled = True


class ProcedureCreateView(CreateView):
    def save_instance(self) -> Procedure:
        procedure = self.form.save(commit=False)
        return services.procedure_save(user=self.request.user, procedure=procedure)


class ProcedureEditView(EditView):
    def save_instance(self) -> Procedure:
        procedure = self.form.save(commit=False)
        return services.procedure_save(user=self.request.user, procedure=procedure)


class ProcedureViewSet(CommuneScopedViewSetMixin, ModelViewSet):
    model = Procedure
    icon = "form"
    menu_label = _("Administrative procedures")
    add_view_class = ProcedureCreateView
    edit_view_class = ProcedureEditView
    form_fields = [
        "commune",
        "field",
        "name",
        "code",
        "level",
        "url",
        "processing_time",
        "fee",
        "sort_order",
        "is_public",
    ]
    list_display = ["name", "field", "level", "commune"]
    list_filter = ["field", "level", "commune"]
    search_fields = ["name", "code"]


class DocumentTypeViewSet(ModelViewSet):
    model = DocumentType
    icon = "tag"
    menu_label = _("Document types")
    form_fields = ["name", "sort_order"]
    list_display = ["name", "sort_order"]


class LegalFieldViewSet(ModelViewSet):
    model = LegalField
    icon = "folder-open-inverse"
    menu_label = _("Subject areas")
    form_fields = ["name", "parent", "sort_order"]
    list_display = ["name", "parent", "sort_order"]


class IssuerViewSet(CommuneScopedViewSetMixin, ModelViewSet):
    model = Issuer
    icon = "group"
    menu_label = _("Issuing bodies")
    form_fields = ["commune", "name", "sort_order"]
    list_display = ["name", "commune", "sort_order"]


class LegalViewSetGroup(ViewSetGroup):
    items = (
        LegalDocumentViewSet,
        DraftCommentViewSet,
        ProcedureViewSet,
        DocumentTypeViewSet,
        LegalFieldViewSet,
        IssuerViewSet,
    )
    menu_icon = "doc-full"
    menu_label = _("Legal documents")
    menu_name = "legal"


@hooks.register("register_admin_viewset")
def register_viewset() -> LegalViewSetGroup:
    return LegalViewSetGroup()


@hooks.register("register_log_actions")
def register_log_actions(actions: Any) -> None:
    actions.register_action("xaso.comment_approve", _("Publish comment"), _("Comment published"))
    actions.register_action("xaso.comment_reject", _("Reject comment"), _("Comment not published"))
