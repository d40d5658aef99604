"""Cell meetings, with the flags the commune's rules raise on each."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import CreateView, EditView
from wagtail.admin.viewsets.model import ModelViewSet

from xaso.accounts.scoping import CommuneScopedViewSetMixin, RowScopedViewSetMixin
from xaso.core.admin import ServiceFormMixin

from .. import forms, selectors, services
from ..choices import Flag
from ..models import Meeting, PartySettings


class MeetingCreateView(ServiceFormMixin, CreateView):
    def save_instance(self) -> Meeting:
        meeting = self.form.save(commit=False)
        return services.meeting_save(user=self.request.user, meeting=meeting)


class MeetingEditView(ServiceFormMixin, EditView):
    def save_instance(self) -> Meeting:
        meeting = self.form.save(commit=False)
        return services.meeting_save(user=self.request.user, meeting=meeting)


def _month(meeting: Meeting) -> str:
    return meeting.month.strftime("%m/%Y")


def _flags(meeting: Meeting) -> str:
    try:
        rules = meeting.commune.party_settings
    except PartySettings.DoesNotExist:
        rules = PartySettings(commune_id=meeting.commune_id)  # the defaults
    return "; ".join(str(Flag(flag).label) for flag in selectors.meeting_flags(meeting, rules))


class MeetingViewSet(RowScopedViewSetMixin, CommuneScopedViewSetMixin, ModelViewSet):
    model = Meeting
    name = "party_meetings"
    url_prefix = "party/meetings"
    icon = "date"
    menu_label = _("Meetings")
    add_view_class = MeetingCreateView
    edit_view_class = MeetingEditView
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        "cell",
        Column("month", label=capfirst(_("month")), accessor=_month, sort_key="month"),
        "kind",
        "held_on",
        Column("minutes", label=_("Length (minutes)")),
        Column("flags", label=_("Flags"), accessor=_flags),
    ]
    filterset_class = forms.MeetingFilterSet
    search_fields = ["topics", "issues_raised", "conclusion"]
    search_backend_name = None
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("cell"), FieldPanel("month"), FieldPanel("kind")]),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("planned_on"), FieldPanel("held_on")]),
                    FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                ],
                heading=_("When"),
            ),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("present_count"), FieldPanel("absent_count")]),
                    FieldPanel("absence_reasons"),
                    FieldPanel("official_attended"),
                ],
                heading=_("Attendance"),
            ),
            FieldPanel("topics"),
            FieldPanel("issues_raised"),
            FieldPanel("conclusion"),
            FieldPanel("quality"),
        ],
        base_form_class=forms.MeetingForm,
    )

    def row_queryset(self, user: Any) -> QuerySet[Meeting]:
        return selectors.meetings_for(user).select_related("commune__party_settings")
