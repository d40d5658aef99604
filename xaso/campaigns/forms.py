"""The campaigns' admin forms: records limited to the user's communes, a route pasted or
uploaded as GeoJSON, a household's next move and a visit."""

from __future__ import annotations

import datetime
import json
from typing import Any

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.widgets import AdminDateInput

from xaso.accounts.scoping import CommuneScopedForm, scope
from xaso.communes.models import Hamlet, Official
from xaso.core.uploads import validate_upload
from xaso.party.models import Cell

from . import services, spreadsheet
from .choices import Status, VisitKind
from .models import Campaign, Household, Segment

MAX_ROUTE_BYTES = 2 * 1024 * 1024


class CampaignScopedForm(CommuneScopedForm):
    """A record of one campaign: the campaign among the user's, and every choice that belongs
    to a commune (hamlets, officials, cells) among the user's communes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user = getattr(self, "for_user", None)
        if "campaign" in self.fields and user is not None:
            from .selectors import campaigns_for

            self.fields["campaign"].queryset = campaigns_for(user)
            if self.instance.pk:
                self.fields["campaign"].disabled = True


def read_route(text: str) -> dict[str, Any] | None:
    """A route given as GeoJSON: a LineString, a Feature holding one, or a FeatureCollection
    whose first line is taken."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        raise ValidationError(_("This is not GeoJSON: check the text you pasted.")) from None
    if isinstance(data, dict) and data.get("type") == "FeatureCollection":
        features = data.get("features") or []
        lines = [
            f.get("geometry")
            for f in features
            if isinstance(f, dict)
            and isinstance(f.get("geometry"), dict)
            and f["geometry"].get("type") == "LineString"
        ]
        data = lines[0] if lines else None
    elif isinstance(data, dict) and data.get("type") == "Feature":
        data = data.get("geometry")
    try:
        services.check_line(data)
    except ValidationError as error:
        raise ValidationError(error.message_dict["geometry"]) from None
    assert isinstance(data, dict)
    return {"type": "LineString", "coordinates": data["coordinates"]}


class SegmentForm(CampaignScopedForm):
    route_text = forms.CharField(
        label=_("Route (GeoJSON)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "false"}),
        help_text=_(
            "Paste the route drawn in a map tool (a GeoJSON LineString, Feature or "
            "FeatureCollection, longitude before latitude), or upload a file below."
        ),
    )
    route_file = forms.FileField(
        label=_("Route file (.geojson)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".geojson,.json,application/geo+json"}),
    )

    class Meta:
        model = Segment
        fields = [
            "campaign",
            "code",
            "name",
            "from_m",
            "to_m",
            "current_width",
            "target_width",
            "road_class",
            "hamlets",
            "sort_order",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.geometry and not self.is_bound:
            self.fields["route_text"].initial = json.dumps(self.instance.geometry)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        upload = cleaned.get("route_file")
        text = cleaned.get("route_text") or ""
        if upload:
            if upload.size > MAX_ROUTE_BYTES:
                self.add_error("route_file", _("The route file is larger than 2 MB."))
                return cleaned
            try:
                text = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                self.add_error("route_file", _("The route file is not GeoJSON text."))
                return cleaned
        try:
            self.instance.geometry = read_route(text)
        except ValidationError as error:
            self.add_error("route_file" if upload else "route_text", error)
        campaign = cleaned.get("campaign") or getattr(self.instance, "campaign", None)
        hamlets = cleaned.get("hamlets")
        if campaign is not None and any(h.commune_id != campaign.commune_id for h in hamlets or []):
            self.add_error("hamlets", _("Choose hamlets of the campaign's commune."))
        return cleaned


class HouseholdForm(CampaignScopedForm):
    class Meta:
        model = Household
        exclude = ["commune", "status", "status_changed_at"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user = getattr(self, "for_user", None)
        if user is None:
            return
        fields = self.fields
        if "segment" in fields:
            fields["segment"].queryset = scope(Segment.objects.select_related("campaign"), user)
        if "hamlet" in fields:
            fields["hamlet"].queryset = scope(Hamlet.objects.all(), user)
        if "official" in fields:
            fields["official"].queryset = scope(Official.objects.filter(is_active=True), user)
        if "cell" in fields:
            fields["cell"].queryset = scope(Cell.objects.all(), user)


class MoveForm(forms.Form):
    """The household's next status, among those the pipeline allows from where it stands."""

    to_status = forms.ChoiceField(label=_("New status"))
    note = forms.CharField(
        label=_("Note"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What happened: who agreed, what was signed, what is in the way."),
    )
    changed_on = forms.DateField(label=_("Date"), widget=AdminDateInput())
    expected_status = forms.CharField(widget=forms.HiddenInput())

    def __init__(self, *args: Any, household: Household, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        moves = services.allowed_moves(household.status)
        target = self.fields["to_status"]
        assert isinstance(target, forms.ChoiceField)
        target.choices = [(move.value, move.label) for move in moves]
        self.fields["changed_on"].initial = timezone.localdate()
        self.fields["expected_status"].initial = household.status

    def clean_changed_on(self) -> datetime.date:
        value: datetime.date = self.cleaned_data["changed_on"]
        if value > timezone.localdate():
            raise ValidationError(_("The date cannot be in the future."))
        return value


class VisitForm(forms.Form):
    """A visit, meeting or call; and, when it changed something, the household's new status."""

    visited_on = forms.DateField(label=_("Date"), widget=AdminDateInput())
    kind = forms.ChoiceField(
        label=pgettext_lazy("campaign visit", "Kind"), choices=VisitKind.choices
    )
    people = forms.CharField(
        label=capfirst(_("who went")),
        max_length=300,
        help_text=_("Officials, village head, Fatherland Front…"),
    )
    outcome = forms.CharField(
        label=capfirst(_("outcome")), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    move_to = forms.ChoiceField(
        label=_("Move the household to"),
        required=False,
        help_text=_("Leave empty if the household stays where it is; the outcome is the note."),
    )
    expected_status = forms.CharField(widget=forms.HiddenInput())

    def __init__(self, *args: Any, household: Household, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        moves = services.allowed_moves(household.status)
        move_to = self.fields["move_to"]
        assert isinstance(move_to, forms.ChoiceField)
        move_to.choices = [
            ("", _("No change (%(status)s)") % {"status": household.get_status_display()}),
            *[(move.value, move.label) for move in moves],
        ]
        self.fields["visited_on"].initial = timezone.localdate()
        self.fields["expected_status"].initial = household.status

    def clean_visited_on(self) -> datetime.date:
        value: datetime.date = self.cleaned_data["visited_on"]
        if value > timezone.localdate():
            raise ValidationError(_("The date cannot be in the future."))
        return value


# Filters ---------------------------------------------------------------------------------------


def _campaigns(request: Any) -> QuerySet[Campaign]:
    from .selectors import campaigns_for

    return campaigns_for(request.user) if request else Campaign.objects.none()


def _segments(request: Any) -> QuerySet[Segment]:
    return scope(Segment.objects.all(), request.user) if request else Segment.objects.none()


def _hamlets(request: Any) -> QuerySet[Hamlet]:
    return scope(Hamlet.objects.all(), request.user) if request else Hamlet.objects.none()


def _officials(request: Any) -> QuerySet[Official]:
    return scope(Official.objects.all(), request.user) if request else Official.objects.none()


class SegmentFilterSet(WagtailFilterSet):
    campaign = django_filters.ModelChoiceFilter(label=_("Campaign"), queryset=_campaigns)

    class Meta:
        model = Segment
        fields = ["campaign"]


class HouseholdFilterSet(WagtailFilterSet):
    campaign = django_filters.ModelChoiceFilter(label=_("Campaign"), queryset=_campaigns)
    segment = django_filters.ModelChoiceFilter(label=_("Segment"), queryset=_segments)
    hamlet = django_filters.ModelChoiceFilter(label=_("Hamlet"), queryset=_hamlets)
    official = django_filters.ModelChoiceFilter(label=_("Assigned official"), queryset=_officials)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Status.choices)
    honour_consent = django_filters.BooleanFilter(label=_("Agrees to be named"))

    class Meta:
        model = Household
        fields = ["campaign", "segment", "hamlet", "official", "status", "honour_consent"]


class HouseholdImportForm(forms.Form):
    file = forms.FileField(
        label=_("Workbook (.xlsx)"),
        help_text=_(
            "The campaign's template filled in, or an export of its households edited: one "
            "row per household."
        ),
    )

    def clean_file(self) -> Any:
        file = self.cleaned_data["file"]
        validate_upload(file, file.name, allowed=["xlsx"], max_bytes=spreadsheet.MAX_BYTES)
        return file
