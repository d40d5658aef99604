"""The New Rural (nông thôn mới) programme: criteria sets as versioned data, the commune's
programme under a set, and its assessments indicator by indicator.

A set is never edited into another: a new decision is a new set, so assessments made under the
old one keep their meaning. Thresholds ship only where confirmed; the others are entered and
confirmed by an administrator, and an unconfirmed one is shown as such wherever it is used.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .choices import Basis, Direction, IndicatorKind, Level


class CriteriaSet(models.Model):
    code = models.SlugField(_("set code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=250)
    decision = models.CharField(_("issued by"), max_length=250, blank=True)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    basis = models.CharField(_("thresholds by"), max_length=10, choices=Basis.choices)
    first_year = models.PositiveSmallIntegerField(_("from year"))
    last_year = models.PositiveSmallIntegerField(_("to year"))
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("criteria set")
        verbose_name_plural = _("criteria sets")
        ordering = ["-first_year", "level"]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_year__gte=F("first_year")), name="ntm_set_years"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Criterion(models.Model):
    criteria_set = models.ForeignKey(
        CriteriaSet, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("set")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=250)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["criteria_set", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["criteria_set", "number"], name="ntm_criterion_unique_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class Indicator(models.Model):
    criterion = models.ForeignKey(
        Criterion, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("criterion")
    )
    code = models.CharField(_("indicator code"), max_length=12, help_text=_("e.g. 2.1"))
    name = models.CharField(_("name"), max_length=400)
    kind = models.CharField(_("kind of indicator"), max_length=10, choices=IndicatorKind.choices)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.AT_LEAST
    )
    levels = models.CharField(
        _("levels"),
        max_length=300,
        blank=True,
        help_text=_("For a level indicator: the levels from lowest to highest, separated by |."),
    )
    source = models.CharField(
        _("value drawn from"),
        max_length=60,
        blank=True,
        help_text=_("Another module that supplies the value; empty when entered by hand."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["criterion", "sort_order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["criterion", "code"], name="ntm_indicator_unique_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def level_list(self) -> list[str]:
        return [level.strip() for level in self.levels.split("|") if level.strip()]


class Threshold(models.Model):
    """The value an indicator must reach for one commune group or region ("*" for all)."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="thresholds", verbose_name=_("indicator")
    )
    applies_to = models.CharField(_("group or region"), max_length=30, default="*")
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2, null=True, blank=True)
    level = models.CharField(_("level"), max_length=60, blank=True)
    confirmed = models.BooleanField(
        _("confirmed"), default=False, help_text=_("Checked against the decision's text.")
    )
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("threshold")
        verbose_name_plural = _("thresholds")
        ordering = ["indicator", "applies_to"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "applies_to"], name="ntm_threshold_unique_target"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} [{self.applies_to}]"


class Programme(models.Model):
    """The commune's programme under a set: its group (or region), target level and year."""

    commune = models.ForeignKey(
        "communes.Commune",
        on_delete=models.CASCADE,
        related_name="ntm_programmes",
        verbose_name=_("commune"),
    )
    criteria_set = models.ForeignKey(
        CriteriaSet, on_delete=models.PROTECT, related_name="programmes", verbose_name=_("set")
    )
    applies_to = models.CharField(_("group or region"), max_length=30)
    target_level = models.CharField(_("target level"), max_length=10, choices=Level.choices)
    target_year = models.PositiveSmallIntegerField(_("target year"))
    started_on = models.DateField(_("in force from"))

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["commune", "-started_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "criteria_set"], name="ntm_one_programme_per_set"
            )
        ]

    def __str__(self) -> str:
        return f"{self.commune} – {self.criteria_set}"


class Assessment(models.Model):
    """One indicator's value for one period (a year); each period is a row: history is kept."""

    commune_lookup = "programme__commune"

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="assessments", verbose_name=_("programme")
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="assessments", verbose_name=_("indicator")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.DecimalField(_("value"), max_digits=14, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(_("met (by assessment)"), null=True, blank=True)
    level = models.CharField(_("level reached"), max_length=60, blank=True)
    met = models.BooleanField(_("met"), null=True, editable=False)
    threshold_confirmed = models.BooleanField(
        _("threshold confirmed"), default=False, editable=False
    )
    evidence = models.ManyToManyField(
        "wagtaildocs.Document", blank=True, related_name="+", verbose_name=_("evidence")
    )
    photos = models.ManyToManyField(
        "wagtailimages.Image", blank=True, related_name="+", verbose_name=_("photos")
    )
    evidence_public = models.BooleanField(_("publish the evidence"), default=False)
    responsible = models.ForeignKey(
        "communes.Official",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible official"),
    )
    note = models.TextField(_("note"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
        editable=False,
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["programme", "indicator", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "indicator", "year"], name="ntm_one_assessment_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} ({self.year})"


# The public results page ---------------------------------------------------------------------

from typing import Any  # noqa: E402 — the page type sits apart from the records above

from django.http import HttpRequest  # noqa: E402
from wagtail.admin.panels import FieldPanel  # noqa: E402

from xaso.portal.models import PortalPage  # noqa: E402


class NtmResultsPage(PortalPage):
    """Kết quả xây dựng nông thôn mới: the commune's programme, each criterion's status, each
    indicator's latest value and the evidence the commune chose to publish (Law on Grassroots
    Democracy). Created with every commune (`pages.results_page_ensure`)."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*PortalPage.content_panels, FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    template = "ntm/ntm_results_page.html"

    class Meta:
        verbose_name = _("New Rural results page")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from . import pages

        context = super().get_context(request, *args, **kwargs)
        context.update(pages.results_context(self, request.GET.get(pages.PROGRAMME_PARAM)))
        return context

    def search_text(self) -> str:
        """For the site search: the programme's set and its criteria."""
        from . import pages

        return pages.search_text(self)
