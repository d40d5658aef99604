"""Criteria sets, kept by the province: versions, never edited — imported from a workbook (laid
out like the one any set downloads as) under a new code, viewed with their thresholds,
downloaded."""

from __future__ import annotations

from typing import Any

from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.http import content_disposition_header
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views.defaults import permission_denied
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button, HeaderButton

from xaso.core.admin import ServiceOperationView

from .. import forms, services, spreadsheet
from ..models import CriteriaSet
from .thresholds import threshold_value


def _years(criteria_set: CriteriaSet) -> str:
    return f"{criteria_set.first_year}–{criteria_set.last_year}"


class CriteriaSetIndexView(IndexView):
    add_item_label = _("Import from a spreadsheet")

    def get_base_queryset(self) -> QuerySet[CriteriaSet]:
        return (
            super()
            .get_base_queryset()
            .annotate(
                criterion_count=Count("criteria", distinct=True),
                indicator_count=Count("criteria__indicators", distinct=True),
            )
        )

    def get_list_more_buttons(self, instance: CriteriaSet) -> list[Any]:
        return [
            *super().get_list_more_buttons(instance),
            Button(
                _("Download as a spreadsheet"),
                url=reverse("ntm_sets:export", args=[instance.pk]),
                icon_name="download",
                priority=40,
            ),
        ]


class CriteriaSetInspectView(InspectView):
    template_name = "ntm/admin/criteria_set_inspect.html"

    @cached_property
    def header_buttons(self) -> list[Any]:
        return [
            HeaderButton(
                _("Download as a spreadsheet"),
                url=reverse("ntm_sets:export", args=[self.object.pk]),
                icon_name="download",
            )
        ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        criteria = self.object.criteria.order_by("number").prefetch_related(
            "indicators__thresholds"
        )
        can_edit = self.request.user.has_perm("ntm.change_threshold")
        rows = [
            {
                "criterion": criterion,
                "indicators": [
                    {
                        "indicator": indicator,
                        "thresholds": [
                            {
                                "threshold": threshold,
                                "target": forms.target_label(threshold.applies_to),
                                "shown": threshold_value(threshold),
                                "edit_url": reverse("ntm_thresholds:edit", args=[threshold.pk])
                                if can_edit
                                else "",
                            }
                            for threshold in indicator.thresholds.all()
                        ],
                    }
                    for indicator in criterion.indicators.all()
                ],
            }
            for criterion in criteria
        ]
        return super().get_context_data(criteria=rows, **kwargs)


class CriteriaSetImportView(ServiceOperationView):
    """A province's own set, from a workbook: read and checked whole (`spreadsheet.read_set`),
    then loaded (`services.criteria_set_load`); any problem, and nothing is imported."""

    template_name = "ntm/admin/criteria_set_import.html"
    form_class = forms.CriteriaSetImportForm
    header_icon = "upload"
    page_title = _("Import a criteria set")
    permission_required = "ntm.add_criteriaset"
    submit_button_label = _("Import")
    submit_button_active_label = _("Importing…")
    import_errors: list[str] = []

    def get_action_url(self) -> str:
        return self.request.path

    def get_parent_breadcrumbs(self) -> list[dict[str, Any]]:
        return [{"url": reverse("ntm_sets:index"), "label": capfirst(_("criteria sets"))}]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(import_errors=self.import_errors, **kwargs)

    def call_service(self, data: dict[str, Any]) -> CriteriaSet:
        read = spreadsheet.read_set(data["file"], code=data["code"])
        return services.criteria_set_load(user=self.request.user, data=read)

    def show_service_error(self, form: Any, error: ValidationError) -> None:
        self.import_errors = error.messages  # listed apart, each naming its sheet and row

    def get_success_message(self) -> str:
        return _("Criteria set “%(name)s” imported.") % {"name": self.result.name}

    def get_success_url(self) -> str:
        return reverse("ntm_sets:inspect", args=[quote(self.result.pk)])


def criteria_set_export(request: HttpRequest, pk: int) -> HttpResponseBase:
    if not request.user.has_perm("ntm.view_criteriaset"):
        return permission_denied(request, PermissionDenied())
    criteria_set = get_object_or_404(CriteriaSet, pk=pk)
    response = HttpResponse(
        spreadsheet.export_set(criteria_set), content_type=spreadsheet.CONTENT_TYPE
    )
    response["Content-Disposition"] = (
        content_disposition_header(True, spreadsheet.filename(criteria_set)) or "attachment"
    )
    return response


class CriteriaSetViewSet(ModelViewSet):
    model = CriteriaSet
    name = "ntm_sets"
    url_prefix = "ntm/sets"
    icon = "list-ol"
    menu_label = _("Criteria sets")
    index_view_class = CriteriaSetIndexView
    inspect_view_class = CriteriaSetInspectView
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = [
        "code",
        "name",
        "decision",
        "level",
        "basis",
        "first_year",
        "last_year",
        "notes",
    ]
    form_fields = ["code", "name"]  # never shown: sets are imported, not typed in
    list_display = [
        "name",
        "code",
        "level",
        Column("years", label=_("Years"), accessor=_years, sort_key="first_year"),
        Column("criterion_count", label=capfirst(_("criteria"))),
        Column("indicator_count", label=capfirst(_("indicators"))),
    ]
    list_filter = ["level", "basis"]

    @property
    def add_view(self) -> Any:
        return CriteriaSetImportView.as_view()

    def get_urlpatterns(self) -> list[Any]:
        return [
            *super().get_urlpatterns(),
            path("export/<int:pk>/", criteria_set_export, name="export"),
        ]
