"""Party cells: the commune's cells, with who is in charge and who supervises each."""

from __future__ import annotations

from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import CreateView, EditView
from wagtail.admin.viewsets.model import ModelViewSet

from xaso.accounts.scoping import CommuneScopedViewSetMixin, RowScopedViewSetMixin
from xaso.core.admin import ServiceFormMixin

from .. import forms, selectors, services
from ..choices import AssignmentRole
from ..models import Assignment, Cell


class CellCreateView(ServiceFormMixin, CreateView):
    def save_instance(self) -> Cell:
        return services.cell_save(user=self.request.user, cell=self.form.save(commit=False))


class CellEditView(ServiceFormMixin, EditView):
    def save_instance(self) -> Cell:
        return services.cell_save(user=self.request.user, cell=self.form.save(commit=False))


def _holder(role: str) -> Subquery:
    return Subquery(
        Assignment.objects.filter(cell=OuterRef("pk"), role=role)
        .filter(services.active_on(timezone.localdate()))
        .order_by("-valid_from")
        .values("official__full_name")[:1]
    )


class CellViewSet(RowScopedViewSetMixin, CommuneScopedViewSetMixin, ModelViewSet):
    model = Cell
    name = "party_cells"
    url_prefix = "party/cells"
    icon = "group"
    menu_label = _("Party cells")
    add_view_class = CellCreateView
    edit_view_class = CellEditView
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        "code",
        "name",
        "kind",
        "hamlet",
        "member_count",
        Column("in_charge", label=_("Official in charge")),
        Column("supervisor", label=_("Standing Committee member supervising")),
    ]
    filterset_class = forms.CellFilterSet
    search_fields = ["code", "name", "secretary_name"]
    search_backend_name = None
    edit_handler = ObjectList(
        [
            FieldPanel("commune"),
            FieldRowPanel([FieldPanel("code"), FieldPanel("name"), FieldPanel("kind")]),
            FieldRowPanel([FieldPanel("hamlet"), FieldPanel("member_count")]),
            FieldRowPanel([FieldPanel("secretary_name"), FieldPanel("secretary_phone")]),
            FieldRowPanel(
                [FieldPanel("active_from"), FieldPanel("active_to"), FieldPanel("sort_order")]
            ),
        ],
        base_form_class=forms.CellForm,
    )

    def row_queryset(self, user: Any) -> QuerySet[Cell]:
        return selectors.cells_for(user).annotate(
            in_charge=_holder(AssignmentRole.IN_CHARGE),
            supervisor=_holder(AssignmentRole.SUPERVISOR),
        )
