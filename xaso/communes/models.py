"""Communes and what belongs to them: hamlets and officials.

A commune owns one Wagtail `Site` whose root page is the commune's `HomePage`; every record a
commune owns carries a `commune` foreign key, and selectors scope by it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from .choices import CommuneKind, SuccessionKind


class Commune(index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(
        _("kind"), max_length=10, choices=CommuneKind.choices, default=CommuneKind.COMMUNE
    )
    province = models.CharField(_("province"), max_length=120)
    district = models.CharField(
        _("district (before 1/7/2025)"),
        max_length=120,
        blank=True,
        help_text=_("Districts were abolished on 1/7/2025; kept for historical units."),
    )
    official_code = models.CharField(_("official code"), max_length=10, blank=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    predecessors = models.ManyToManyField(
        "self",
        through="CommuneSuccession",
        through_fields=("successor", "predecessor"),
        symmetrical=False,
        related_name="successors",
        blank=True,
        verbose_name=_("predecessors"),
    )
    site = models.OneToOneField(
        "wagtailcore.Site",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="commune",
        verbose_name=_("site"),
    )

    collection = models.OneToOneField(
        "wagtailcore.Collection",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="commune",
        verbose_name=_("media collection"),
    )

    search_fields = [index.SearchField("name"), index.FilterField("province")]

    class Meta:
        verbose_name = _("commune")
        verbose_name_plural = _("communes")
        ordering = ["province", "name"]
        # The province viewer's (accounts' "Tỉnh — xem báo cáo" group): every commune's
        # dashboards, lists and reports to read, nothing to change.
        permissions = [
            ("view_all_communes", _("Can see every commune's dashboards and reports (read only)"))
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=F("valid_from")),
                name="commune_valid_period",
            ),
            models.UniqueConstraint(
                fields=["official_code", "valid_from"],
                condition=~Q(official_code=""),
                name="commune_unique_code_per_period",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.get_kind_display()} {self.name}"


class CommuneHost(models.Model):
    """Another host name a commune answers on (an old domain, a short one): a request to it is
    sent on, permanently, to the same path on the commune's site (`hosts.py`). Changed by the
    province only, through `services.commune_host_add`/`commune_host_remove`."""

    commune = models.ForeignKey(
        Commune, on_delete=models.CASCADE, related_name="hosts", verbose_name=_("commune")
    )
    hostname = models.CharField(_("host name"), max_length=255, unique=True)

    class Meta:
        verbose_name = _("host alias")
        verbose_name_plural = _("host aliases")
        ordering = ["hostname"]

    def __str__(self) -> str:
        return self.hostname


class CommuneSuccession(models.Model):
    """A predecessor unit that merged into, or was renamed as, its successor on a date."""

    predecessor = models.ForeignKey(
        Commune,
        on_delete=models.CASCADE,
        related_name="succession_as_predecessor",
        verbose_name=_("former unit"),
    )
    successor = models.ForeignKey(
        Commune,
        on_delete=models.CASCADE,
        related_name="succession_as_successor",
        verbose_name=_("successor unit"),
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=SuccessionKind.choices, default=SuccessionKind.WHOLE
    )
    effective_on = models.DateField(_("effective on"))
    legal_basis = models.CharField(_("legal basis"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("commune succession")
        verbose_name_plural = _("commune successions")
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"], name="succession_unique_pair"
            ),
            models.CheckConstraint(
                condition=~Q(predecessor=F("successor")), name="succession_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"


class Hamlet(models.Model):
    """A village (thôn) or residential group (tổ dân phố) of a commune."""

    commune = models.ForeignKey(
        Commune, on_delete=models.CASCADE, related_name="hamlets", verbose_name=_("commune")
    )
    name = models.CharField(_("name"), max_length=120)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("hamlet")
        verbose_name_plural = _("hamlets")
        ordering = ["commune", "sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "name"], name="hamlet_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Unit(models.Model):
    """A body of the commune's apparatus (Đảng ủy, HĐND, UBND and its offices, Mặt trận, …):
    the one source for the organisation chart, the contacts directory and their English pages."""

    commune = models.ForeignKey(
        Commune, on_delete=models.CASCADE, related_name="units", verbose_name=_("commune")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    functions = models.TextField(_("functions and duties"), blank=True)
    functions_en = models.TextField(_("functions and duties in English"), blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    fax = models.CharField(_("fax"), max_length=30, blank=True)
    email = models.EmailField(_("official e-mail"), blank=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["commune", "sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "name"], name="unit_unique_name"),
            models.CheckConstraint(condition=~Q(parent=F("id")), name="unit_not_own_parent"),
        ]

    def __str__(self) -> str:
        return self.name


class Official(models.Model):
    """A commune official as published on the portal: public role data only."""

    commune = models.ForeignKey(
        Commune, on_delete=models.CASCADE, related_name="officials", verbose_name=_("commune")
    )
    full_name = models.CharField(_("full name"), max_length=120)
    position = models.CharField(_("position"), max_length=200)
    position_en = models.CharField(_("position in English"), max_length=200, blank=True)
    unit = models.ForeignKey(
        Unit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="officials",
        verbose_name=_("unit"),
    )
    is_leader = models.BooleanField(
        _("commune leader"),
        default=False,
        help_text=_("Shown on the leaders' page with photo, biography and duties."),
    )
    is_contact = models.BooleanField(
        _("focal contact"),
        default=False,
        help_text=_("Listed in the contacts directory as the person to reach in the unit."),
    )
    phone = models.CharField(_("official phone"), max_length=30, blank=True)
    email = models.EmailField(_("official e-mail"), blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("photo"),
    )
    biography = models.TextField(_("short biography"), blank=True)
    duties = models.TextField(_("duties"), blank=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("in office"), default=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="official",
        verbose_name=_("account"),
        help_text=_("The official's own login, for their party-cell tasks."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("official")
        verbose_name_plural = _("officials")
        ordering = ["commune", "sort_order", "full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "full_name", "position"], name="official_unique_role"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} – {self.position}"
