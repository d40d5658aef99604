"""Issuing bodies: a commune's own, and those every commune cites (kept by the province), saved
by `services.issuer_save`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic.models import CreateView, EditView
from wagtail.admin.viewsets.model import ModelViewSet

from xaso.accounts.scoping import CommuneScopedViewSetMixin, scoped
from xaso.core.admin import ServiceFormMixin

from .. import services
from ..models import Issuer

scoped(Issuer)


class IssuerCreateView(ServiceFormMixin, CreateView):
    def save_instance(self) -> Issuer:
        return services.issuer_save(user=self.request.user, issuer=self.form.save(commit=False))


class IssuerEditView(ServiceFormMixin, EditView):
    def save_instance(self) -> Issuer:
        return services.issuer_save(user=self.request.user, issuer=self.form.save(commit=False))


class IssuerViewSet(CommuneScopedViewSetMixin, ModelViewSet):
    model = Issuer
    icon = "group"
    menu_label = _("Issuing bodies")
    add_view_class = IssuerCreateView
    edit_view_class = IssuerEditView
    form_fields = ["commune", "name", "sort_order"]
    list_display = ["name", "commune", "sort_order"]
