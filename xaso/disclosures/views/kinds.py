"""Kinds of disclosure (Art. 11), shared by every commune: kept by the province, saved by
`services.disclosure_kind_save`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic.models import CreateView, EditView
from wagtail.admin.viewsets.model import ModelViewSet

from xaso.core.admin import ServiceFormMixin

from .. import services
from ..models import DisclosureKind


class DisclosureKindCreateView(ServiceFormMixin, CreateView):
    def save_instance(self) -> DisclosureKind:
        kind = self.form.save(commit=False)
        return services.disclosure_kind_save(user=self.request.user, kind=kind)


class DisclosureKindEditView(ServiceFormMixin, EditView):
    def save_instance(self) -> DisclosureKind:
        kind = self.form.save(commit=False)
        return services.disclosure_kind_save(user=self.request.user, kind=kind)


class DisclosureKindViewSet(ModelViewSet):
    model = DisclosureKind
    icon = "list-ol"
    menu_label = _("Kinds of disclosure")
    add_view_class = DisclosureKindCreateView
    edit_view_class = DisclosureKindEditView
    form_fields = ["number", "name", "section", "permanent", "posting_days", "loudspeaker_days"]
    list_display = ["number", "name", "permanent", "posting_days"]
