"""What a commune portal must publish, checked: missing, empty, incomplete or stale items, each
with a link to where it is fixed. Shown on the admin dashboard (wagtail_hooks)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q
from django.db.models.functions import Substr
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import GroupPagePermission, Page, Site

from xaso.communes.models import Commune, Official, Unit
from xaso.core.calendar import holidays_between

STALE_AFTER = datetime.timedelta(days=365)
RECENT = datetime.timedelta(days=90)
# What the law requires and is lacking; "running" (disclosures being posted) is not a gap.
GAPS = ("missing", "empty", "incomplete", "stale")


@dataclass
class Finding:
    level: str  # "missing", "empty", "incomplete", "stale", "running"
    message: str
    url: str


def _edit(page: Page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def _homes(communes: Sequence[Commune]) -> dict[int, Page]:
    """Each commune's home page (its site's root), in one query."""
    sites = {c.site_id: c.pk for c in communes if c.site_id is not None}
    return {
        sites[site.pk]: site.root_page
        for site in Site.objects.filter(pk__in=sites).select_related("root_page")
    }


def _under(homes: dict[int, Page], paths: Sequence[str]) -> list[int | None]:
    """For each page path, the commune whose home it is strictly below (None if none)."""
    by_path = {home.path: pk for pk, home in homes.items()}
    lengths = sorted({len(path) for path in by_path})
    found: list[int | None] = []
    for path in paths:
        owner = None
        for length in lengths:
            if len(path) > length and path[:length] in by_path:
                owner = by_path[path[:length]]
                break
        found.append(owner)
    return found


def _pages(homes: dict[int, Page]) -> dict[int, tuple[list[Finding], dict[type, Any]]]:
    """The pages every commune must publish, one query per page type for all the communes:
    per commune, what is missing and the pages found (the first of each type in the tree)."""
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

    result: dict[int, tuple[list[Finding], dict[type, Any]]] = {pk: ([], {}) for pk in homes}
    if not homes:
        return result
    # The pages below each home, found by their path's first steps (an index-friendly test
    # where a hundred `startswith` would each be one more LIKE): one query per page type and
    # per depth of the homes (a single depth in practice).
    lengths = sorted({len(home.path) for home in homes.values()})
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
        first: dict[int, Any] = {}
        pages = []
        for length in lengths:
            prefixes = [home.path for home in homes.values() if len(home.path) == length]
            pages += page_type.objects.annotate(home_path=Substr("path", 1, length)).filter(
                home_path__in=prefixes, depth__gt=length // Page.steplen
            )
        pages.sort(key=lambda page: page.path)
        for owner, page in zip(_under(homes, [p.path for p in pages]), pages, strict=True):
            if owner is not None and owner not in first:
                first[owner] = page
        for pk, home in homes.items():
            findings, found = result[pk]
            page = first.get(pk)
            if page is None or not page.live:
                findings.append(
                    Finding(
                        "missing",
                        _("The page “%(name)s” is missing or not published.")
                        % {"name": page_type._meta.verbose_name},
                        _edit(page) if page else reverse("wagtailadmin_explore", args=[home.pk]),
                    )
                )
            else:
                found[page_type] = page
    return result


def _content(found: dict[type, Any], now: datetime.datetime) -> list[Finding]:
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


def _by_commune(records: Any) -> dict[int, list[Any]]:
    grouped: dict[int, list[Any]] = defaultdict(list)
    for record in records:
        grouped[record.commune_id].append(record)
    return grouped


def _records(ids: list[int]) -> dict[int, list[Finding]]:
    """The apparatus and its officials, one query each for all the communes."""
    all_units = _by_commune(Unit.objects.filter(commune__in=ids))
    all_leaders = _by_commune(
        Official.objects.filter(commune__in=ids, is_active=True, is_leader=True)
    )
    all_people = _by_commune(
        Official.objects.filter(commune__in=ids, is_active=True).filter(
            Q(is_leader=True) | Q(is_contact=True), position_en=""
        )
    )
    result: dict[int, list[Finding]] = {}
    for pk in ids:
        findings: list[Finding] = []
        units = all_units.get(pk, [])
        if not units:
            findings.append(
                Finding("empty", _("No unit of the apparatus is entered."), reverse("unit:add"))
            )
        elif not any(unit.phone or unit.email for unit in units):
            findings.append(
                Finding("empty", _("No unit has a phone or e-mail."), reverse("unit:index"))
            )
        leaders = all_leaders.get(pk, [])
        if not leaders:
            findings.append(
                Finding(
                    "empty",
                    _("No leader is marked for the leaders' page."),
                    reverse("official:index"),
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
                        % {
                            "name": person.full_name,
                            "missing": ", ".join(str(m) for m in missing),
                        },
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
        people = all_people.get(pk, [])
        if people:
            findings.append(
                Finding(
                    "incomplete",
                    _("%(count)s officials have no position in English.") % {"count": len(people)},
                    reverse("official:edit", args=[people[0].pk]),
                )
            )
        result[pk] = findings
    return result


def _registers(ids: list[int], today: datetime.date) -> dict[int, list[Finding]]:
    """The registers (documents, procedures, disclosures), one query each for all the communes."""
    from xaso.disclosures.models import Disclosure
    from xaso.disclosures.services import is_late
    from xaso.legal.models import LegalDocument, Procedure

    def having(model: Any) -> set[int]:
        records = model.objects.filter(commune__in=ids, is_public=True).order_by()
        return set(records.values_list("commune_id", flat=True).distinct())

    with_documents = having(LegalDocument)
    with_procedures = having(Procedure)
    disclosures = Disclosure.objects.filter(commune__in=ids, is_public=True)
    recent = list(disclosures.filter(published_on__gte=today - RECENT).select_related("kind"))
    all_recent = _by_commune(recent)
    running = dict(
        disclosures.filter(published_on__lte=today)
        .filter(Q(posted_until__isnull=True, kind__permanent=True) | Q(posted_until__gte=today))
        .order_by()
        .values_list("commune_id")
        .annotate(count=Count("pk"))
        .values_list("commune_id", "count")
    )
    # Every holiday the recent disclosures span, read once for all of them.
    holidays = (
        holidays_between(min(d.decision_date for d in recent), max(d.published_on for d in recent))
        if recent
        else set()
    )
    result: dict[int, list[Finding]] = {}
    for pk in ids:
        findings: list[Finding] = []
        if pk not in with_documents:
            findings.append(
                Finding("empty", _("The register has no document."), reverse("legaldocument:add"))
            )
        if pk not in with_procedures:
            findings.append(
                Finding(
                    "empty", _("No administrative procedure is listed."), reverse("procedure:add")
                )
            )
        if not all_recent.get(pk):
            findings.append(
                Finding(
                    "stale",
                    _("Nothing has been disclosed in the last 90 days."),
                    reverse("disclosure:add"),
                )
            )
        count = running.get(pk, 0)
        if count:
            findings.append(
                Finding(
                    "running",
                    _("%(count)s disclosures are within their posting period.") % {"count": count},
                    reverse("disclosure:index"),
                )
            )
        for disclosure in all_recent.get(pk, []):
            if is_late(disclosure, holidays):
                findings.append(
                    Finding(
                        "incomplete",
                        _("“%(title)s” was published later than the law allows after its decision.")
                        % {"title": disclosure.title},
                        reverse("disclosure:edit", args=[disclosure.pk]),
                    )
                )
        result[pk] = findings
    return result


def findings_by_commune(communes: Sequence[Commune]) -> dict[int, list[Finding]]:
    """What each commune still lacks, by commune id, in a fixed number of queries whatever the
    number of communes (the province's roll-ups ask for all of them at once)."""
    now = timezone.now()
    ids = [commune.pk for commune in communes]
    pages = _pages(_homes(communes))
    records = _records(ids)
    registers = _registers(ids, timezone.localdate())
    result: dict[int, list[Finding]] = {}
    for pk in ids:
        findings, found = pages.get(pk, ([], {}))
        result[pk] = [*findings, *_content(found, now), *records[pk], *registers[pk]]
    return result


def findings_for(commune: Commune) -> list[Finding]:
    return findings_by_commune([commune])[commune.pk]


def is_complete(findings: list[Finding]) -> bool:
    """The panel's verdict: nothing missing, empty, incomplete or out of date (disclosures
    within their posting period are under way, not lacking)."""
    return not any(finding.level in GAPS for finding in findings)


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
