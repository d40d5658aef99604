"""The campaigns' admin: campaigns and road segments for the campaign lead; households for the
lead (all of the commune's) and for officials (those assigned to them), each with its file —
details, history, visits — and two actions: record a visit, move along the pipeline.

Rows are limited twice: to the user's communes, then by role (`selectors.households_for`); a
row outside is "not found". Every save goes through a service; a refusal comes back as errors
on the form.
"""

from __future__ import annotations

from typing import Any

from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views.defaults import permission_denied
from django.views.generic import FormView
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.models import CreateView, EditView, IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button

from xaso.accounts.scoping import CommuneScopedViewSetMixin, RowScopedViewSetMixin, scoped
from xaso.core.admin import OverviewViewSetGroup, ServiceFormMixin, add_service_errors

from . import forms, selectors, services
from .models import Campaign, Household, Segment, Visit

scoped(Campaign, Segment, Household)


# Campaigns -------------------------------------------------------------------------------------


class CampaignCreateView(ServiceFormMixin, CreateView):
    def save_instance(self) -> Campaign:
        from .public import campaign_page_ensure

        campaign = services.campaign_save(
            user=self.request.user, campaign=self.form.save(commit=False)
        )
        # Its public page comes with it (saying nothing until the progress is published), made
        # by the platform: the campaign lead need not have the right to publish pages.
        campaign_page_ensure(campaign=campaign)
        return campaign


class CampaignEditView(ServiceFormMixin, EditView):
    def save_instance(self) -> Campaign:
        return services.campaign_save(user=self.request.user, campaign=self.form.save(commit=False))


class CampaignIndexView(IndexView):
    def get_base_queryset(self) -> QuerySet[Campaign]:
        return (
            super().get_base_queryset().annotate(household_count=Count("households", distinct=True))
        )

    def get_list_more_buttons(self, instance: Campaign) -> list[Any]:
        buttons = list(super().get_list_more_buttons(instance))
        buttons.append(
            Button(
                _("Overview"),
                url=f"{reverse('campaigns_dashboard')}?{DASHBOARD_PARAM}={instance.pk}",
                icon_name="view",
                priority=5,
            )
        )
        buttons.append(
            Button(
                _("Households"),
                url=f"{reverse('campaigns_households:index')}?campaign={instance.pk}",
                icon_name="group",
                priority=6,
            )
        )
        user = self.request.user
        if user.has_perm("campaigns.add_household"):
            buttons.append(
                Button(
                    _("Import households"),
                    url=reverse("campaigns_import", args=[instance.pk]),
                    icon_name="upload",
                    priority=7,
                )
            )
        return buttons


class CampaignViewSet(CommuneScopedViewSetMixin, ModelViewSet):
    model = Campaign
    name = "campaigns"
    url_prefix = "campaigns/list"
    icon = "flag"
    menu_label = _("Campaigns")
    index_view_class = CampaignIndexView
    add_view_class = CampaignCreateView
    edit_view_class = CampaignEditView
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = [
        "name",
        "started_on",
        "target_on",
        Column("household_count", label=_("Households"), sort_key="household_count"),
        "is_public",
    ]
    search_fields = ["name"]
    search_backend_name = None
    edit_handler = ObjectList(
        [
            FieldPanel("commune"),
            FieldPanel("name"),
            FieldPanel("description"),
            FieldRowPanel([FieldPanel("started_on"), FieldPanel("target_on")]),
            FieldPanel("is_public"),
            FieldPanel("contribution_note"),
        ],
        base_form_class=forms.CampaignScopedForm,
    )


# Segments --------------------------------------------------------------------------------------


class SegmentCreateView(ServiceFormMixin, CreateView):
    def save_instance(self) -> Segment:
        segment = services.segment_save(
            user=self.request.user, segment=self.form.save(commit=False)
        )
        self.form.save_m2m()
        return segment


class SegmentEditView(ServiceFormMixin, EditView):
    def save_instance(self) -> Segment:
        segment = services.segment_save(
            user=self.request.user, segment=self.form.save(commit=False)
        )
        self.form.save_m2m()
        return segment


def _chainage(metres: int) -> str:
    """Chainage as road engineers write it: Km1+250."""
    return f"Km{metres // 1000}+{metres % 1000:03d}"


class SegmentViewSet(CommuneScopedViewSetMixin, ModelViewSet):
    model = Segment
    name = "campaigns_segments"
    url_prefix = "campaigns/segments"
    icon = "redirect"
    menu_label = _("Road segments")
    add_view_class = SegmentCreateView
    edit_view_class = SegmentEditView
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = [
        "code",
        "name",
        "campaign",
        Column("from", label=_("From"), accessor=lambda s: _chainage(s.from_m)),
        Column("to", label=_("To"), accessor=lambda s: _chainage(s.to_m)),
        "target_width",
    ]
    filterset_class = forms.SegmentFilterSet
    search_fields = ["code", "name"]
    search_backend_name = None
    edit_handler = ObjectList(
        [
            FieldPanel("campaign"),
            FieldRowPanel([FieldPanel("code"), FieldPanel("name")]),
            FieldRowPanel([FieldPanel("from_m"), FieldPanel("to_m")]),
            FieldRowPanel(
                [
                    FieldPanel("current_width"),
                    FieldPanel("target_width"),
                    FieldPanel("road_class"),
                ]
            ),
            FieldPanel("hamlets"),
            MultiFieldPanel(
                [FieldPanel("route_text"), FieldPanel("route_file")], heading=_("Route")
            ),
            FieldPanel("sort_order"),
        ],
        base_form_class=forms.SegmentForm,
    )


# Households ------------------------------------------------------------------------------------


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
    menu_label = _("Households")
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


# A household's two actions ---------------------------------------------------------------------


class _HouseholdActionView(WagtailAdminTemplateMixin, FormView):
    template_name = "campaigns/admin/household_action.html"
    header_icon = "group"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.household = get_object_or_404(selectors.households_for(request.user), pk=kwargs["pk"])
        try:
            if not request.user.has_perm(services.MOVE_PERMISSION):
                raise PermissionDenied
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied as denied:
            return permission_denied(request, denied)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "household": self.household}

    def get_page_subtitle(self) -> str:
        return str(self.household)

    def file_url(self) -> str:
        return reverse("campaigns_households:inspect", args=[quote(self.household.pk)])

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("campaigns_households:index"),
                "label": capfirst(Household._meta.verbose_name_plural),
            },
            {"url": self.file_url(), "label": str(self.household)},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            household=self.household,
            action_url=self.request.get_full_path(),
            submit_button_active_label=_("Saving…"),
            **kwargs,
        )


class HouseholdMoveView(_HouseholdActionView):
    form_class = forms.MoveForm
    page_title = _("Move the household")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(submit_button_label=_("Record the move"), **kwargs)

    def form_valid(self, form: forms.MoveForm) -> HttpResponse:
        data = form.cleaned_data
        try:
            services.household_move(
                user=self.request.user,
                household=self.household,
                to_status=data["to_status"],
                note=data["note"],
                expected_status=data["expected_status"],
                on_date=data["changed_on"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Household %(household)s is now “%(status)s”.")
            % {"household": self.household.code, "status": self.household.get_status_display()},
        )
        return redirect(self.file_url())


class VisitRecordView(_HouseholdActionView):
    form_class = forms.VisitForm
    page_title = _("Record a visit")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(submit_button_label=_("Record the visit"), **kwargs)

    def form_valid(self, form: forms.VisitForm) -> HttpResponse:
        data = form.cleaned_data
        visit = Visit(
            household=self.household,
            visited_on=data["visited_on"],
            kind=data["kind"],
            people=data["people"],
            outcome=data["outcome"],
        )
        try:
            with transaction.atomic():
                services.visit_record(
                    user=self.request.user,
                    visit=visit,
                    move_to=data["move_to"] or None,
                    expected_status=data["expected_status"],
                )
        except ValidationError as error:
            add_service_errors(form, error)
            if "to_status" in getattr(error, "error_dict", {}):
                form.add_error("move_to", error.error_dict["to_status"])
            return self.form_invalid(form)
        except PermissionDenied as denied:
            return permission_denied(self.request, denied)
        messages.success(
            self.request,
            _("Visit to household %(household)s recorded; it is “%(status)s”.")
            % {"household": self.household.code, "status": self.household.get_status_display()},
        )
        return redirect(self.file_url())


# Menu and URLs ---------------------------------------------------------------------------------

DASHBOARD_PARAM = "cd"


class CampaignsViewSetGroup(OverviewViewSetGroup):
    items = (CampaignViewSet, SegmentViewSet, HouseholdViewSet)
    menu_icon = "flag"
    menu_label = _("Mobilisation campaigns")
    menu_name = "campaigns"

    overview_url_name = "campaigns_dashboard"

    def overview_shown(self, user: Any) -> bool:
        return bool(user.has_perm("campaigns.view_campaign"))


@hooks.register("register_admin_viewset")
def register_viewset() -> CampaignsViewSetGroup:
    return CampaignsViewSetGroup()


@hooks.register("register_admin_urls")
def register_admin_urls() -> list[Any]:
    from . import spreadsheet_views, views

    return [
        *spreadsheet_views.urlpatterns,
        path("campaigns/", views.dashboard, name="campaigns_dashboard"),
        path(
            "campaigns/households/<int:pk>/move/",
            HouseholdMoveView.as_view(),
            name="campaigns_move",
        ),
        path(
            "campaigns/households/<int:pk>/visit/",
            VisitRecordView.as_view(),
            name="campaigns_visit",
        ),
    ]


@hooks.register("register_log_actions")
def register_log_actions(actions: Any) -> None:
    actions.register_action(
        "campaigns.move", _("Move a household"), _("Household's status changed")
    )
    actions.register_action("campaigns.visit", _("Record a visit"), _("Visit recorded"))
