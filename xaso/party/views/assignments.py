"""Assignments of officials to cells: started, then ended, never rewritten."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, ObjectList
from wagtail.admin.views.generic.models import CreateView, EditView
from wagtail.admin.viewsets.model import ModelViewSet

from xaso.accounts.scoping import CommuneScopedViewSetMixin, RowScopedViewSetMixin
from xaso.core.admin import ServiceFormMixin, bound_panel

from .. import forms, selectors, services
from ..models import Assignment


class AssignmentCreateView(ServiceFormMixin, CreateView):
    def save_instance(self) -> Assignment:
        data = self.form.cleaned_data
        return services.assignment_start(
            user=self.request.user,
            cell=data["cell"],
            official=data["official"],
            role=data["role"],
            valid_from=data["valid_from"],
            note=data.get("note") or "",
        )


class AssignmentEditView(ServiceFormMixin, EditView):
    def save_instance(self) -> Assignment:
        return services.assignment_end(
            user=self.request.user,
            assignment=self.object,
            valid_to=self.form.cleaned_data["valid_to"],
        )


class AssignmentViewSet(RowScopedViewSetMixin, CommuneScopedViewSetMixin, ModelViewSet):
    model = Assignment
    name = "party_assignments"
    url_prefix = "party/assignments"
    icon = "user"
    menu_label = _("Assignments")
    add_view_class = AssignmentCreateView
    edit_view_class = AssignmentEditView
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["official", "cell", "role", "valid_from", "valid_to", "note"]
    filterset_class = forms.AssignmentFilterSet
    search_fields = ["official__full_name", "cell__name", "cell__code", "note"]
    search_backend_name = None
    # Editing only ends an assignment: who, which cell and which role never change.
    edit_handler = ObjectList(
        [
            HelpPanel(
                _(
                    "An assignment is not rewritten: give the day it ends, then add the new "
                    "one. The history is kept."
                )
            ),
            FieldPanel("valid_to"),
        ],
        base_form_class=forms.AssignmentEndForm,
    )

    def row_queryset(self, user: Any) -> QuerySet[Assignment]:
        return Assignment.objects.select_related("official", "cell").filter(
            cell__in=selectors.cells_for(user).values("pk")
        )

    def get_add_view_kwargs(self, **kwargs: Any) -> dict[str, Any]:
        panel = bound_panel(
            [
                FieldRowPanel([FieldPanel("cell"), FieldPanel("role")]),
                FieldPanel("official"),
                FieldPanel("valid_from"),
                FieldPanel("note"),
            ],
            forms.AssignmentStartForm,
            Assignment,
        )
        return super().get_add_view_kwargs(panel=panel, form_class=panel.get_form_class(), **kwargs)
