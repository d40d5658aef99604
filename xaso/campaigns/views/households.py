"""Households: the lead sees the commune's, an official those assigned to them (rows outside
are "not found"); each with its file — details, history, visits — and two steps: record a visit,
move along the pipeline."""

from __future__ import annotations

from typing import Any

from django.contrib.admin.utils import quote
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import CreateView, EditView, IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button

from xaso.accounts.scoping import CommuneScopedViewSetMixin, RowScopedViewSetMixin
from xaso.core.admin import ServiceFormMixin, ServiceOperationView

from .. import forms, selectors, services
from ..models import Household, Visit


class HouseholdCreateView(ServiceFormMixin, CreateView):
    def get_initial(self) -> dict[str, Any]:
        initial = super().get_initial()
        value = self.request.GET.get("campaign", "")
        if value.isdigit():
            initial["campaign"] = value
        return initial

    def save_instance(self) -> Household:
        return services.household_save(
            user=self.request.user, household=self.form.save(commit=False)
        )


class HouseholdEditView(ServiceFormMixin, EditView):
    def save_instance(self) -> Household:
        return services.household_save(
            user=self.request.user, household=self.form.save(commit=False)
        )


class HouseholdIndexView(IndexView):
    def get_list_more_buttons(self, instance: Household) -> list[Any]:
        buttons = list(super().get_list_more_buttons(instance))
        if services.may_work_on(self.request.user, instance) and self.request.user.has_perm(
            services.MOVE_PERMISSION
        ):
            buttons.append(
                Button(
                    _("Record a visit"),
                    url=reverse("campaigns_visit", args=[instance.pk]),
                    icon_name="comment",
                    priority=5,
                )
            )
        return buttons


class HouseholdInspectView(InspectView):
    template_name = "campaigns/admin/household_inspect.html"

    def get_fields(self) -> list[str]:
        return [
            "campaign",
            "segment",
            "hamlet",
            "head_name",
            "address",
            "phone",
            "parcel_ref",
            "side",
            "land_type",
            "area_needed",
            "area_donated",
            "strip_length",
            "strip_width",
            "wall_m",
            "gates",
            "trees",
            "other_structures",
            "support_kind",
            "support_amount",
            "official",
            "cell",
            "honour_consent",
            "honour_consent_on",
        ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        household = self.object
        user = self.request.user
        may_act = user.has_perm(services.MOVE_PERMISSION) and services.may_work_on(user, household)
        return super().get_context_data(
            household=household,
            changes=household.status_changes.select_related("changed_by"),
            visits=household.visits.select_related("recorded_by"),
            may_act=may_act,
            moves=services.allowed_moves(household.status),
            **kwargs,
        )


def _days_since(household: Household) -> int:
    from django.utils import timezone

    return (timezone.now() - household.status_changed_at).days


class HouseholdViewSet(RowScopedViewSetMixin, CommuneScopedViewSetMixin, ModelViewSet):
    model = Household
    name = "campaigns_households"
    url_prefix = "campaigns/households"
    icon = "group"
    menu_label = pgettext_lazy("menu", "Households")
    index_view_class = HouseholdIndexView
    add_view_class = HouseholdCreateView
    edit_view_class = HouseholdEditView
    inspect_view_class = HouseholdInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "code",
        "head_name",
        "hamlet",
        "segment",
        "status",
        Column("days", label=_("Days in this status"), accessor=_days_since),
        "official",
    ]
    list_per_page = 50
    filterset_class = forms.HouseholdFilterSet
    search_fields = ["code", "head_name"]
    search_backend_name = None
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("campaign"), FieldPanel("segment")]),
            FieldRowPanel([FieldPanel("code"), FieldPanel("hamlet")]),
            MultiFieldPanel(
                [
                    FieldPanel("head_name"),
                    FieldPanel("address"),
                    FieldPanel("phone"),
                    FieldPanel("parcel_ref"),
                    FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                ],
                heading=_("Household (personal data)"),
            ),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("side"), FieldPanel("land_type")]),
                    FieldRowPanel([FieldPanel("area_needed"), FieldPanel("area_donated")]),
                    FieldRowPanel([FieldPanel("strip_length"), FieldPanel("strip_width")]),
                    FieldRowPanel([FieldPanel("wall_m"), FieldPanel("gates"), FieldPanel("trees")]),
                    FieldPanel("other_structures"),
                    FieldRowPanel([FieldPanel("support_kind"), FieldPanel("support_amount")]),
                ],
                heading=_("Land and structures"),
            ),
            MultiFieldPanel(
                [FieldRowPanel([FieldPanel("official"), FieldPanel("cell")])],
                heading=_("Canvassing"),
            ),
            MultiFieldPanel(
                [FieldPanel("honour_consent"), FieldPanel("honour_consent_on")],
                heading=_("Honour board"),
            ),
        ],
        base_form_class=forms.HouseholdForm,
    )

    def row_queryset(self, user: Any) -> QuerySet[Household]:
        return selectors.households_for(user)


class HouseholdStepView(ServiceOperationView):
    """A step on a household the user may see, for whoever may move households."""

    model = Household
    template_name = "campaigns/admin/household_action.html"
    header_icon = "group"
    permission_required = services.MOVE_PERMISSION
    context_object_name = "household"

    def get_base_object_queryset(self) -> QuerySet[Household]:
        return selectors.households_for(self.request.user)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "household": self.object}

    def get_page_subtitle(self) -> str:
        return str(self.object)

    def file_url(self) -> str:
        return reverse("campaigns_households:inspect", args=[quote(self.object.pk)])

    def get_parent_breadcrumbs(self) -> list[dict[str, Any]]:
        return [
            {
                "url": reverse("campaigns_households:index"),
                "label": capfirst(Household._meta.verbose_name_plural),
            },
            {"url": self.file_url(), "label": str(self.object)},
        ]

    def get_success_url(self) -> str:
        return self.file_url()


class HouseholdMoveView(HouseholdStepView):
    form_class = forms.MoveForm
    page_title = _("Move the household")
    submit_button_label = _("Record the move")

    def call_service(self, data: dict[str, Any]) -> Any:
        return services.household_move(
            user=self.request.user,
            household=self.object,
            to_status=data["to_status"],
            note=data["note"],
            expected_status=data["expected_status"],
            on_date=data["changed_on"],
        )

    def get_success_message(self) -> str:
        return _("Household %(household)s is now “%(status)s”.") % {
            "household": self.object.code,
            "status": self.object.get_status_display(),
        }


class VisitRecordView(HouseholdStepView):
    form_class = forms.VisitForm
    page_title = _("Record a visit")
    submit_button_label = _("Record the visit")

    def call_service(self, data: dict[str, Any]) -> Visit:
        visit = Visit(
            household=self.object,
            visited_on=data["visited_on"],
            kind=data["kind"],
            people=data["people"],
            outcome=data["outcome"],
        )
        with transaction.atomic():
            return services.visit_record(
                user=self.request.user,
                visit=visit,
                move_to=data["move_to"] or None,
                expected_status=data["expected_status"],
            )

    def show_service_error(self, form: Any, error: ValidationError) -> None:
        super().show_service_error(form, error)
        if "to_status" in getattr(error, "error_dict", {}):
            form.add_error("move_to", error.error_dict["to_status"])

    def get_success_message(self) -> str:
        return _("Visit to household %(household)s recorded; it is “%(status)s”.") % {
            "household": self.object.code,
            "status": self.object.get_status_display(),
        }
