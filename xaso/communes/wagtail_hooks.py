"""The communes' admin; creating and changing communes and units goes through the services
(a new commune gets its site, home page, collection and required pages)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views.generic.models import CreateView, EditView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from xaso.accounts.scoping import CommuneScopedViewSetMixin, scoped
from xaso.core.admin import ServiceFormMixin

from . import documents, services
from .models import Commune, Hamlet, Official, Unit

scoped(Hamlet, Official, Unit)

# A document nobody published is downloaded only by staff of its commune (`documents`).
hooks.register("before_serve_document", documents.check_download)


_COMMUNE_FIELDS = [
    "name",
    "kind",
    "province",
    "district",
    "official_code",
    "slug",
    "valid_from",
    "valid_to",
]


class CommuneCreateForm(WagtailAdminModelForm):
    hostname = forms.CharField(
        label=_("hostname"),
        max_length=255,
        help_text=_("The address the commune's portal answers at, e.g. xaabc.haiphong.gov.vn."),
    )

    class Meta:
        model = Commune
        fields = _COMMUNE_FIELDS


class CommuneCreateView(ServiceFormMixin, CreateView):
    def save_instance(self) -> Commune:
        data = self.form.cleaned_data
        return services.commune_create(
            user=self.request.user,
            hostname=data["hostname"],
            **{name: data[name] for name in _COMMUNE_FIELDS},
        )


class CommuneEditView(ServiceFormMixin, EditView):
    def save_instance(self) -> Commune:
        commune = self.form.save(commit=False)
        return services.commune_update(user=self.request.user, commune=commune)


class CommuneViewSet(ModelViewSet):
    model = Commune
    icon = "home"
    menu_label = _("Communes")
    add_view_class = CommuneCreateView
    edit_view_class = CommuneEditView
    copy_view_enabled = False
    form_fields = _COMMUNE_FIELDS

    def get_form_class(self, for_update: bool = False) -> Any:
        return super().get_form_class(for_update) if for_update else CommuneCreateForm

    list_display = ["name", "kind", "province", "official_code", "valid_from", "valid_to"]
    list_filter = ["kind", "province"]
    search_fields = ["name"]


class HamletViewSet(CommuneScopedViewSetMixin, ModelViewSet):
    model = Hamlet
    icon = "group"
    menu_label = _("Hamlets")
    form_fields = ["commune", "name", "sort_order"]
    list_display = ["name", "commune", "sort_order"]
    list_filter = ["commune"]


class OfficialViewSet(CommuneScopedViewSetMixin, ModelViewSet):
    model = Official
    icon = "user"
    menu_label = _("Officials")
    form_fields = [
        "commune",
        "full_name",
        "position",
        "position_en",
        "unit",
        "is_leader",
        "is_contact",
        "phone",
        "email",
        "photo",
        "biography",
        "duties",
        "sort_order",
        "is_active",
        "user",
    ]
    list_display = ["full_name", "position", "unit", "commune", "is_leader", "is_active"]
    list_filter = ["commune", "is_active", "is_leader"]
    search_fields = ["full_name", "position"]


class UnitCreateView(ServiceFormMixin, CreateView):
    def save_instance(self) -> Unit:
        return services.unit_save(user=self.request.user, unit=self.form.save(commit=False))


class UnitEditView(ServiceFormMixin, EditView):
    def save_instance(self) -> Unit:
        return services.unit_save(user=self.request.user, unit=self.form.save(commit=False))


class UnitViewSet(CommuneScopedViewSetMixin, ModelViewSet):
    model = Unit
    icon = "site"
    menu_label = _("Units")
    add_view_class = UnitCreateView
    edit_view_class = UnitEditView
    form_fields = [
        "commune",
        "parent",
        "name",
        "name_en",
        "functions",
        "functions_en",
        "address",
        "phone",
        "fax",
        "email",
        "sort_order",
    ]
    list_display = ["name", "parent", "commune", "phone", "updated_at"]
    list_filter = ["commune"]
    search_fields = ["name", "name_en"]


class CommunesViewSetGroup(ViewSetGroup):
    items = (CommuneViewSet, UnitViewSet, HamletViewSet, OfficialViewSet)
    menu_icon = "home"
    menu_label = _("Communes")
    menu_name = "communes"


@hooks.register("register_admin_viewset")
def register_viewset() -> CommunesViewSetGroup:
    return CommunesViewSetGroup()
