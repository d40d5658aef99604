"""Road segments of a campaign, with their chainage."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import CreateView, EditView
from wagtail.admin.viewsets.model import ModelViewSet

from xaso.accounts.scoping import CommuneScopedViewSetMixin
from xaso.core.admin import ServiceFormMixin

from .. import forms, services
from ..models import Segment


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
