"""Campaigns: each with its public page, its overview, households and workbook import."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import CreateView, EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button

from xaso.accounts.scoping import CommuneScopedViewSetMixin
from xaso.core.admin import ServiceFormMixin

from .. import forms, public, services
from ..models import Campaign
from .dashboard import CAMPAIGN_PARAM


class CampaignCreateView(ServiceFormMixin, CreateView):
    def save_instance(self) -> Campaign:
        campaign = services.campaign_save(
            user=self.request.user, campaign=self.form.save(commit=False)
        )
        # Its public page comes with it (saying nothing until the progress is published), made
        # by the platform: the campaign lead need not have the right to publish pages.
        public.campaign_page_ensure(campaign=campaign)
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
                url=f"{reverse('campaigns_dashboard')}?{CAMPAIGN_PARAM}={instance.pk}",
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
