"""What a commune portal must publish, checked: missing, empty, incomplete or stale items, each
with a link to where it is fixed. Shown on the admin dashboard (wagtail_hooks)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import GroupPagePermission, Page

from xaso.communes.models import Commune, Official, Unit

STALE_AFTER = datetime.timedelta(days=365)
RECENT = datetime.timedelta(days=90)


@dataclass
class Finding:
    level: str  # "missing", "empty", "incomplete", "stale", "running"
    message: str
    url: str


def _edit(page: Page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def _pages(commune: Commune) -> tuple[Page | None, list[Finding], dict[type, Any]]:
    from xaso.disclosures.models import DisclosureIndexPage
    from xaso.legal.models import LegalDocumentIndexPage, ProcedureIndexPage

    from .models import (
        AboutIndexPage,
        ApparatusPage,
        BoundaryMapPage,
        ContactsPage,
        HistoryPage,
        LeadersPage,
        NaturalConditionsPage,
    )

    home = commune.site.root_page if commune.site else None
    findings: list[Finding] = []
    found: dict[type, Any] = {}
    if home is None:
        return None, findings, found
    explore = reverse("wagtailadmin_explore", args=[home.pk])
    for page_type in (
        AboutIndexPage,
        ApparatusPage,
        LeadersPage,
        BoundaryMapPage,
        NaturalConditionsPage,
        HistoryPage,
        ContactsPage,
        LegalDocumentIndexPage,
        DisclosureIndexPage,
        ProcedureIndexPage,
    ):
        page = page_type.objects.descendant_of(home).first()
        if page is None or not page.live:
            findings.append(
                Finding(
                    "missing",
                    _("The page “%(name)s” is missing or not published.")
                    % {"name": page_type._meta.verbose_name},
                    _edit(page) if page else explore,
                )
            )
        else:
            found[page_type] = page
    return home, findings, found


def _content(commune: Commune, found: dict[type, Any], now: datetime.datetime) -> list[Finding]:
    from .models import BoundaryMapPage, HistoryPage, NaturalConditionsPage

    findings: list[Finding] = []
    boundary = found.get(BoundaryMapPage)
    if boundary and not boundary.map_image_id and not boundary.boundary_geojson.strip():
        findings.append(
            Finding("empty", _("The boundary map has no map image nor boundary."), _edit(boundary))
        )
    natural = found.get(NaturalConditionsPage)
    if natural and not (natural.area_km2 or natural.location or natural.body):
        findings.append(
            Finding("empty", _("The natural conditions page is empty."), _edit(natural))
        )
    history = found.get(HistoryPage)
    if history and not (history.body or history.sites):
        findings.append(
            Finding("empty", _("The history and culture page is empty."), _edit(history))
        )
    for page in (boundary, natural, history):
        if page and page.last_published_at and now - page.last_published_at > STALE_AFTER:
            findings.append(
                Finding(
                    "stale",
                    _("“%(title)s” has not been updated for more than a year.")
                    % {"title": page.title},
                    _edit(page),
                )
            )
    return findings


def _records(commune: Commune) -> list[Finding]:
    findings: list[Finding] = []
    units = list(Unit.objects.filter(commune=commune))
    if not units:
        findings.append(
            Finding("empty", _("No unit of the apparatus is entered."), reverse("unit:add"))
        )
    elif not any(unit.phone or unit.email for unit in units):
        findings.append(
            Finding("empty", _("No unit has a phone or e-mail."), reverse("unit:index"))
        )
    leaders = list(Official.objects.filter(commune=commune, is_active=True, is_leader=True))
    if not leaders:
        findings.append(
            Finding(
                "empty", _("No leader is marked for the leaders' page."), reverse("official:index")
            )
        )
    for person in leaders:
        missing = [
            label
            for label, present in (
                (_("photo"), person.photo_id),
                (_("short biography"), person.biography.strip()),
                (_("duties"), person.duties.strip()),
                (_("official e-mail"), person.email),
            )
            if not present
        ]
        if missing:
            findings.append(
                Finding(
                    "incomplete",
                    _("Leader %(name)s has no %(missing)s.")
                    % {"name": person.full_name, "missing": ", ".join(str(m) for m in missing)},
                    reverse("official:edit", args=[person.pk]),
                )
            )
    untranslated = [unit for unit in units if not (unit.name_en and unit.functions_en)]
    if untranslated:
        findings.append(
            Finding(
                "incomplete",
                _("%(count)s units have no English name or functions for the English pages.")
                % {"count": len(untranslated)},
                reverse("unit:edit", args=[untranslated[0].pk]),
            )
        )
    people = Official.objects.filter(commune=commune, is_active=True).filter(
        Q(is_leader=True) | Q(is_contact=True), position_en=""
    )
    if people.exists():
        findings.append(
            Finding(
                "incomplete",
                _("%(count)s officials have no position in English.") % {"count": people.count()},
                reverse("official:edit", args=[people.first().pk]),  # type: ignore[union-attr]
            )
        )
    return findings


def _registers(commune: Commune, today: datetime.date) -> list[Finding]:
    from xaso.disclosures.models import Disclosure
    from xaso.disclosures.services import is_late
    from xaso.legal.models import LegalDocument, Procedure

    findings: list[Finding] = []
    if not LegalDocument.objects.filter(commune=commune, is_public=True).exists():
        findings.append(
            Finding("empty", _("The register has no document."), reverse("legaldocument:add"))
        )
    if not Procedure.objects.filter(commune=commune, is_public=True).exists():
        findings.append(
            Finding("empty", _("No administrative procedure is listed."), reverse("procedure:add"))
        )
    disclosures = Disclosure.objects.filter(commune=commune, is_public=True)
    recent = list(disclosures.filter(published_on__gte=today - RECENT).select_related("kind"))
    if not recent:
        findings.append(
            Finding(
                "stale",
                _("Nothing has been disclosed in the last 90 days."),
                reverse("disclosure:add"),
            )
        )
    running = disclosures.filter(published_on__lte=today).filter(
        Q(posted_until__isnull=True, kind__permanent=True) | Q(posted_until__gte=today)
    )
    count = running.count()
    if count:
        findings.append(
            Finding(
                "running",
                _("%(count)s disclosures are within their posting period.") % {"count": count},
                reverse("disclosure:index"),
            )
        )
    for disclosure in recent:
        if is_late(disclosure):
            findings.append(
                Finding(
                    "incomplete",
                    _("“%(title)s” was published later than the law allows after its decision.")
                    % {"title": disclosure.title},
                    reverse("disclosure:edit", args=[disclosure.pk]),
                )
            )
    return findings


def findings_for(commune: Commune) -> list[Finding]:
    now = timezone.now()
    _home, findings, found = _pages(commune)
    return [
        *findings,
        *_content(commune, found, now),
        *_records(commune),
        *_registers(commune, timezone.localdate()),
    ]


def communes_for(user: Any) -> list[Commune]:
    """The communes whose pages the user works on (every commune for a platform administrator)."""
    communes = Commune.objects.select_related("site__root_page").order_by("name")
    if user.is_superuser:
        return list(communes[:20])
    paths = GroupPagePermission.objects.filter(group__user=user).values_list(
        "page__path", flat=True
    )
    roots = {path[: Page.steplen * 2] for path in paths}
    return [c for c in communes if c.site and c.site.root_page.path in roots]
