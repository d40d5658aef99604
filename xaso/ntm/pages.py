"""The public results page: what it shows and its creation with every commune.

Only what the law asks to publish and the commune chose to: the programme, each criterion's
status, each indicator's latest value with its year and the date it was updated, the threshold
(said to be unconfirmed until it is), and the evidence of assessments marked for publication.
Internal notes and the responsible official's contact details never reach the template. A
commune with several programmes (a new period, a higher level) shows the latest with results
and links to the others.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef, prefetch_related_objects

from xaso.communes.selectors import commune_for_page

from . import reports, selectors
from .models import Assessment, NtmResultsPage, Programme

RESULTS_SLUG = "nong-thon-moi-ket-qua"
RESULTS_TITLE = "Kết quả xây dựng nông thôn mới"
RESULTS_INTRO = (
    "Kết quả thực hiện Bộ tiêu chí quốc gia về xã nông thôn mới của xã: tình hình đạt chuẩn "
    "từng tiêu chí, giá trị mới nhất của từng chỉ tiêu và minh chứng được công khai."
)


PROGRAMME_PARAM = "ct"


def commune_programmes(page: NtmResultsPage) -> list[Programme]:
    """The programmes of the page's commune, the latest started first."""
    commune = commune_for_page(page)
    if commune is None:
        return []
    return programmes_of(commune)


def programmes_of(commune: Any) -> list[Programme]:
    """The commune's programmes, the latest started first, each noting whether it has results."""
    return list(
        Programme.objects.filter(commune=commune)
        .select_related("commune", "criteria_set")
        .annotate(assessed=Exists(Assessment.objects.filter(programme=OuterRef("pk"))))
        .order_by("-started_on", "-pk")
    )


def current_programme(programmes: list[Programme]) -> Programme | None:
    """The latest started programme with results; a programme just begun, with nothing assessed
    yet, is shown only when it is the only one (its results come as they are entered)."""
    with_results = [programme for programme in programmes if getattr(programme, "assessed", True)]
    shown = with_results or programmes
    return shown[0] if shown else None


def pick_programme(programmes: list[Programme], wanted: str | None) -> Programme | None:
    """`?ct=<id>` picks another programme of the commune; anything else shows the current one."""
    value = (wanted or "").strip()
    if value.isdigit() and len(value) <= 9:
        chosen = next((p for p in programmes if p.pk == int(value)), None)
        if chosen is not None:
            return chosen
    return current_programme(programmes)


def programme_lines(programme: Programme) -> list[Any]:
    """Each criterion of the programme with every indicator's latest value, as published."""
    year = reports.programme_years(programme)[-1]  # every indicator's latest value
    return reports.lines(selectors.programme_summary(programme, year))


@dataclass
class Standing:
    """Where a commune stands in its current programme, as its results page says it."""

    programme: Programme
    met_count: int
    total: int


def commune_standing(commune: Any) -> Standing | None:
    """The commune's current programme (the one its results page shows first) and how many of
    its criteria are met; None while the commune has no programme."""
    programme = current_programme(programmes_of(commune))
    if programme is None:
        return None
    criteria = programme_lines(programme)
    met = sum(1 for line in criteria if line.state == reports.MET)
    return Standing(programme=programme, met_count=met, total=len(criteria))


def results_context(page: NtmResultsPage, wanted: str | None = None) -> dict[str, Any]:
    programmes = commune_programmes(page)
    programme = pick_programme(programmes, wanted)
    if programme is None:
        return {"programme": None}
    criteria = programme_lines(programme)
    published = [
        line.assessment
        for criterion in criteria
        for line in criterion.indicators
        if line.assessment is not None and line.assessment.evidence_public
    ]
    prefetch_related_objects(published, "evidence", "photos")
    return {
        "programme": programme,
        "programmes": programmes if len(programmes) > 1 else [],
        "programme_param": PROGRAMME_PARAM,
        "applies_to": reports.applies_to_label(programme),
        "criteria": criteria,
        "met_count": sum(1 for line in criteria if line.state == reports.MET),
    }


def search_text(page: NtmResultsPage) -> str:
    programme = current_programme(commune_programmes(page))
    if programme is None:
        return ""
    names = programme.criteria_set.criteria.values_list("name", flat=True)
    return "\n".join([programme.criteria_set.name, *names])


@transaction.atomic
def results_page_ensure(*, commune: Any, user: Any | None = None) -> None:
    """The commune's results page, created once under its home page (idempotent)."""
    from xaso.portal.services import page_add_and_publish

    if commune.site is None:
        return
    home = commune.site.root_page.specific
    if NtmResultsPage.objects.descendant_of(home).exists():
        return
    page_add_and_publish(
        user=user,
        parent=home,
        page=NtmResultsPage(
            title=RESULTS_TITLE, slug=RESULTS_SLUG, show_in_menus=True, intro=RESULTS_INTRO
        ),
    )
