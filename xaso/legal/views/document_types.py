"""Document types, shared by every commune: kept by the province, saved by
`services.document_type_save`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic.models import CreateView, EditView
from wagtail.admin.viewsets.model import ModelViewSet

from xaso.core.admin import ServiceFormMixin

from .. import services
from ..models import DocumentType


class DocumentTypeCreateView(ServiceFormMixin, CreateView):
    def save_instance(self) -> DocumentType:
        kind = self.form.save(commit=False)
        return services.document_type_save(user=self.request.user, document_type=kind)


class DocumentTypeEditView(ServiceFormMixin, EditView):
    def save_instance(self) -> DocumentType:
        kind = self.form.save(commit=False)
        return services.document_type_save(user=self.request.user, document_type=kind)


class DocumentTypeViewSet(ModelViewSet):
    model = DocumentType
    icon = "tag"
    menu_label = _("Document types")
    add_view_class = DocumentTypeCreateView
    edit_view_class = DocumentTypeEditView
    form_fields = ["name", "sort_order"]
    list_display = ["name", "sort_order"]
