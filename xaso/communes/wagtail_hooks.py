from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from xaso.accounts.scoping import CommuneScopedViewSetMixin, scoped

from . import documents
from .models import Commune, Hamlet, Official, Unit

scoped(Hamlet, Official, Unit)

# A document nobody published is downloaded only by staff of its commune (`documents`).
hooks.register("before_serve_document", documents.check_download)


class CommuneViewSet(ModelViewSet):
    model = Commune
    icon = "home"
    menu_label = _("Communes")
    form_fields = [
        "name",
        "kind",
        "province",
        "district",
        "official_code",
        "slug",
        "valid_from",
        "valid_to",
    ]
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


class UnitViewSet(CommuneScopedViewSetMixin, ModelViewSet):
    model = Unit
    icon = "site"
    menu_label = _("Units")
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
