"""The admin's workbook views for a campaign's households: the template to fill in, the import
(every row checked, every problem shown with its row and column, nothing written on any), and
the export by segment of the households the user may see.

A campaign outside the user's communes is not found. Importing needs the right to add
households (the service checks the rest); the template and the export, the right to see them.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import formats
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xaso.accounts.audit import personal_data_export_log
from xaso.core.admin import ServiceOperationView
from xaso.core.workbook import CSV_CONTENT_TYPE

from .. import forms, selectors, spreadsheet
from ..models import Campaign, Segment

VIEW_PERMISSION = "campaigns.view_household"


def _campaign(request: HttpRequest, campaign_id: int) -> Campaign:
    """The campaign, if it is one of the user's communes'; else not found."""
    return get_object_or_404(selectors.campaigns_for(request.user), pk=campaign_id)


def households_url(campaign: Campaign) -> str:
    return f"{reverse('campaigns_households:index')}?campaign={campaign.pk}"


def _workbook(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=spreadsheet.CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, name) or "attachment"
    return response


class HouseholdImportView(ServiceOperationView):
    """Households from a workbook into a campaign: read and checked whole, then written in one
    transaction (`spreadsheet.import_households`); any problem, and nothing is written."""

    model = Campaign
    pk_url_kwarg = "campaign_id"
    template_name = "campaigns/admin/household_import.html"
    form_class = forms.HouseholdImportForm
    header_icon = "upload"
    page_title = gettext_lazy("Import households")
    context_object_name = "campaign"
    submit_button_label = gettext_lazy("Import")
    submit_button_active_label = gettext_lazy("Importing…")
    import_errors: list[spreadsheet.Problem] = []

    def get_object(self) -> Campaign:
        # The right to import is asked before the campaign is looked up.
        user = self.request.user
        if not (user.is_active and user.has_perm(spreadsheet.ADD_PERMISSION)):
            raise PermissionDenied
        return super().get_object()

    def get_base_object_queryset(self) -> QuerySet[Campaign]:
        return selectors.campaigns_for(self.request.user)

    def get_page_subtitle(self) -> str:
        return self.object.name

    def get_action_url(self) -> str:
        return self.request.path

    def get_parent_breadcrumbs(self) -> list[dict[str, Any]]:
        return [{"url": households_url(self.object), "label": self.object.name}]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        errors = self.import_errors
        return super().get_context_data(
            template_url=reverse("campaigns_template", args=[self.object.pk]),
            export_url=reverse("campaigns_export", args=[self.object.pk]),
            households_url=households_url(self.object),
            import_errors=errors,
            errors_by_sheet=any(problem.sheet for problem in errors),
            required_columns=[
                spreadsheet.in_workbook_language(c.label) for c in spreadsheet.COLUMNS if c.required
            ],
            max_rows=formats.number_format(spreadsheet.MAX_ROWS, force_grouping=True),
            **kwargs,
        )

    def call_service(self, data: dict[str, Any]) -> spreadsheet.ImportResult:
        result = spreadsheet.import_households(
            user=self.request.user, campaign=self.object, file=data["file"]
        )
        if result.errors:
            self.import_errors = result.errors
            raise ValidationError("The workbook has problems.", code="import_problems")
        return result

    def show_service_error(self, form: Any, error: ValidationError) -> None:
        pass  # the workbook's problems are listed apart, each with its sheet, row and column

    def get_success_message(self) -> str:
        result = self.result
        return _(
            "Households imported: %(created)s new, %(updated)s updated, %(unchanged)s unchanged."
        ) % {
            key: formats.number_format(count, force_grouping=True)
            for key, count in (
                ("created", result.created),
                ("updated", result.updated),
                ("unchanged", result.unchanged),
            )
        }

    def get_success_url(self) -> str:
        return households_url(self.object)


def template_download(request: HttpRequest, campaign_id: int) -> HttpResponseBase:
    if not (request.user.is_active and request.user.has_perm(VIEW_PERMISSION)):
        raise Http404
    campaign = _campaign(request, campaign_id)
    return _workbook(
        spreadsheet.template_workbook(campaign), spreadsheet.filename(campaign, "template")
    )


def _export(request: HttpRequest, campaign_id: int, file_format: str) -> HttpResponseBase:
    """The households the user may see (an official: those assigned to them), by segment;
    `?segment=<id>` for one segment only; as a workbook or as one CSV file."""
    if not (request.user.is_active and request.user.has_perm(VIEW_PERMISSION)):
        raise Http404
    campaign = _campaign(request, campaign_id)
    segment: Segment | None = None
    wanted = request.GET.get("segment", "").strip()
    if wanted:
        if not wanted.isdigit() or len(wanted) > 12:
            raise Http404
        segment = get_object_or_404(campaign.segments.all(), pk=int(wanted))
    households = selectors.households_for(request.user).filter(campaign=campaign)
    segments = [segment] if segment else None
    name = spreadsheet.filename(campaign, "export", segment)
    if file_format == "csv":
        response = HttpResponse(
            spreadsheet.export_households_csv(campaign, households=households, segments=segments),
            content_type=CSV_CONTENT_TYPE,
        )
        name = name.removesuffix(".xlsx") + ".csv"
        response["Content-Disposition"] = content_disposition_header(True, name) or "attachment"
    else:
        response = _workbook(
            spreadsheet.export_households(campaign, households=households, segments=segments), name
        )
    # Households' names, addresses and phone numbers leave the platform: who took which.
    exported = households.filter(segment__isnull=False)
    personal_data_export_log(
        user=request.user,
        instance=campaign,
        what="campaign_households",
        rows=(exported.filter(segment=segment) if segment else exported).count(),
        commune_id=campaign.commune_id,
        filters={"segment": segment.pk} if segment else {},
        file_format=file_format,
    )
    return response


def export_download(request: HttpRequest, campaign_id: int) -> HttpResponseBase:
    return _export(request, campaign_id, "xlsx")


def export_csv_download(request: HttpRequest, campaign_id: int) -> HttpResponseBase:
    """The same households and columns as the workbook, in one CSV file (UTF-8), for software
    that reads no Excel; every cell safe from formula injection."""
    return _export(request, campaign_id, "csv")


urlpatterns = [
    path(
        "campaigns/<int:campaign_id>/import/",
        HouseholdImportView.as_view(),
        name="campaigns_import",
    ),
    path("campaigns/<int:campaign_id>/template.xlsx", template_download, name="campaigns_template"),
    path("campaigns/<int:campaign_id>/export.xlsx", export_download, name="campaigns_export"),
    path(
        "campaigns/<int:campaign_id>/export.csv",
        export_csv_download,
        name="campaigns_export_csv",
    ),
]
