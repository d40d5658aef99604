"""Mobilisation campaigns: a campaign (e.g. widening the commune's main road), its road segments
with their geometry, the households along them with what each gives and where each stands, every
move along the pipeline and every visit.

Households hold personal data (head of household, address, parcel, phone, location): only the
campaign's lead and the official assigned to a household see it (`selectors`); the public sees
aggregates, and names only of households that consented to the honour board.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .choices import LandType, RoadClass, Side, Status, SupportKind, VisitKind


def _area(label: Any, **options: Any) -> models.DecimalField:
    """Square metres, to one decimal."""
    return models.DecimalField(
        label, max_digits=10, decimal_places=1, validators=[MinValueValidator(0)], **options
    )


def _metres(label: Any, **options: Any) -> models.DecimalField:
    """Metres, to the centimetre."""
    return models.DecimalField(
        label, max_digits=8, decimal_places=2, validators=[MinValueValidator(0)], **options
    )


class Campaign(models.Model):
    commune = models.ForeignKey(
        "communes.Commune",
        on_delete=models.CASCADE,
        related_name="campaigns",
        verbose_name=_("commune"),
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    started_on = models.DateField(_("started on"))
    target_on = models.DateField(_("target date"), null=True, blank=True)
    is_public = models.BooleanField(
        _("progress published"),
        default=True,
        help_text=_("Aggregates only: never an address, a phone, a parcel or a refusal."),
    )
    contribution_note = models.TextField(
        _("contributions disclosed"),
        blank=True,
        help_text=_(
            "What residents contributed besides land (money, labour, materials) and how the "
            "commune supported them, as published under the Law on Grassroots Democracy."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["commune", "-started_on", "name"]
        permissions = [
            ("view_personal_data", _("Can see households' personal data")),
            ("view_all_households", _("Can see every household of the commune's campaigns")),
        ]
        constraints = [
            models.UniqueConstraint(fields=["commune", "name"], name="campaign_unique_name"),
            models.CheckConstraint(
                condition=Q(target_on__isnull=True) | Q(target_on__gte=F("started_on")),
                name="campaign_period",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Segment(models.Model):
    """A stretch of road to widen, from one chainage to another (metres from the road's start)."""

    commune = models.ForeignKey(
        "communes.Commune",
        on_delete=models.CASCADE,
        related_name="road_segments",
        verbose_name=_("commune"),
    )
    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="segments", verbose_name=_("campaign")
    )
    code = models.CharField(_("segment code"), max_length=20)
    name = models.CharField(_("name"), max_length=200)
    from_m = models.PositiveIntegerField(_("from chainage (m)"))
    to_m = models.PositiveIntegerField(_("to chainage (m)"))
    current_width = _metres(_("current width (m)"))
    target_width = _metres(_("target width (m)"))
    road_class = models.CharField(
        _("target road class"), max_length=1, choices=RoadClass.choices, blank=True
    )
    hamlets = models.ManyToManyField(
        "communes.Hamlet", blank=True, related_name="road_segments", verbose_name=_("hamlets")
    )
    geometry = models.JSONField(
        _("route (GeoJSON line)"),
        null=True,
        blank=True,
        help_text=_("A GeoJSON LineString in longitude and latitude (WGS 84)."),
    )
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("road segment")
        verbose_name_plural = _("road segments")
        ordering = ["campaign", "sort_order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "code"], name="segment_unique_code"),
            models.CheckConstraint(condition=Q(to_m__gt=F("from_m")), name="segment_chainage"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def length_m(self) -> int:
        return self.to_m - self.from_m


class Household(models.Model):
    """A household along a segment: what it is asked to give and gives, and where it stands."""

    commune = models.ForeignKey(
        "communes.Commune",
        on_delete=models.CASCADE,
        related_name="campaign_households",
        verbose_name=_("commune"),
    )
    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="households", verbose_name=_("campaign")
    )
    segment = models.ForeignKey(
        Segment, on_delete=models.PROTECT, related_name="households", verbose_name=_("segment")
    )
    code = models.CharField(
        _("household code"),
        max_length=30,
        help_text=_("The campaign's own key for the household; imports match on it."),
    )
    hamlet = models.ForeignKey(
        "communes.Hamlet",
        on_delete=models.PROTECT,
        related_name="campaign_households",
        verbose_name=_("hamlet"),
    )
    # Personal data ------------------------------------------------------------------------
    head_name = models.CharField(_("head of household"), max_length=120)
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    parcel_ref = models.CharField(
        _("parcel"), max_length=60, blank=True, help_text=_("Map sheet, parcel number.")
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-90)), MaxValueValidator(Decimal(90))],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-180)), MaxValueValidator(Decimal(180))],
    )
    # The land and what stands on it -------------------------------------------------------
    side = models.CharField(_("side of the road"), max_length=5, choices=Side.choices, blank=True)
    land_type = models.CharField(
        _("land type"), max_length=12, choices=LandType.choices, blank=True
    )
    area_needed = _area(_("area to donate (m²)"))
    area_donated = _area(_("area donated (m²)"), default=Decimal(0))
    strip_length = _metres(_("strip length (m)"))
    strip_width = _metres(_("strip width (m)"))
    wall_m = _metres(_("walls affected (m)"), default=Decimal(0))
    gates = models.PositiveSmallIntegerField(_("gates affected"), default=0)
    trees = models.PositiveSmallIntegerField(_("trees affected"), default=0)
    other_structures = models.CharField(_("other structures"), max_length=200, blank=True)
    support_kind = models.CharField(
        _("support received"), max_length=10, choices=SupportKind.choices, default=SupportKind.NONE
    )
    support_amount = models.PositiveBigIntegerField(_("support in cash (đồng)"), default=0)
    # Who canvasses it -------------------------------------------------------------------
    official = models.ForeignKey(
        "communes.Official",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="campaign_households",
        verbose_name=_("assigned official"),
    )
    cell = models.ForeignKey(
        "party.Cell",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="campaign_households",
        verbose_name=_("party cell"),
    )
    honour_consent = models.BooleanField(
        _("agrees to be named on the honour board"),
        default=False,
        help_text=_("A separate, explicit consent: without it the name is never published."),
    )
    honour_consent_on = models.DateField(_("consent given on"), null=True, blank=True)
    # Where it stands ------------------------------------------------------------------------
    status = models.CharField(
        _("status"), max_length=15, choices=Status.choices, default=Status.NOT_CONTACTED
    )
    status_changed_at = models.DateTimeField(_("status changed"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        ordering = ["campaign", "segment__sort_order", "hamlet__sort_order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "code"], name="household_unique_code"),
            models.CheckConstraint(
                condition=Q(honour_consent=False) | Q(honour_consent_on__isnull=False),
                name="household_consent_dated",
            ),
            models.CheckConstraint(
                condition=Q(support_amount=0) | Q(support_kind="cash"),
                name="household_cash_support",
            ),
        ]
        indexes = [models.Index(fields=["campaign", "status"], name="household_status_idx")]
        permissions = [
            ("move_household", _("Can record visits and move households along the pipeline"))
        ]

    def __str__(self) -> str:
        return f"{self.code} – {self.head_name}"


class StatusChange(models.Model):
    """One move along the pipeline, with who made it, when, and why."""

    commune = models.ForeignKey(
        "communes.Commune", on_delete=models.CASCADE, related_name="+", verbose_name=_("commune")
    )
    household = models.ForeignKey(
        Household,
        on_delete=models.CASCADE,
        related_name="status_changes",
        verbose_name=_("household"),
    )
    from_status = models.CharField(_("from"), max_length=15, choices=Status.choices)
    to_status = models.CharField(_("to"), max_length=15, choices=Status.choices)
    changed_on = models.DateField(_("date"))
    note = models.TextField(_("note"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["household", "changed_at", "pk"]

    def __str__(self) -> str:
        before, after = self.get_from_status_display(), self.get_to_status_display()
        return f"{self.household.code}: {before} → {after}"


class Visit(models.Model):
    """A visit, meeting or call with a household: the dialogue log."""

    commune = models.ForeignKey(
        "communes.Commune", on_delete=models.CASCADE, related_name="+", verbose_name=_("commune")
    )
    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="visits", verbose_name=_("household")
    )
    visited_on = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=10, choices=VisitKind.choices)
    people = models.CharField(
        _("who went"), max_length=300, help_text=_("Officials, village head, Fatherland Front…")
    )
    outcome = models.TextField(_("outcome"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["household", "-visited_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.household.code} – {self.visited_on:%d/%m/%Y}"


from .pages import CampaignPage  # noqa: E402,F401
