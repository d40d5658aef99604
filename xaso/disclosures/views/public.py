"""Public pages of disclosures (adapters: parse, call selectors, render)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from xaso.communes.selectors import commune_for_request
from xaso.portal.models import paginate

from .. import selectors
from ..models import DisclosureIndexPage, DisclosureKind

PER_PAGE = 20


def _int(value: str | None) -> int | None:
    if not value:
        return None
    try:
        return int(value)
    except ValueError:
        return None


def index_context(request: HttpRequest, page: DisclosureIndexPage) -> dict[str, Any]:
    commune = commune_for_request(request)
    kinds = list(DisclosureKind.objects.all())
    disclosures = selectors.public_disclosures(commune=commune)
    kind = _int(request.GET.get("loai"))
    year = _int(request.GET.get("nam"))
    errors = []
    if request.GET.get("loai") and not any(item.pk == kind for item in kinds):
        errors.append(_("This kind of disclosure is not in the list."))
        kind = None
    if request.GET.get("nam") and (year is None or not 1990 <= year <= 2100):
        errors.append(_("The year is not valid."))
        year = None
    if kind:
        disclosures = disclosures.filter(kind_id=kind)
    if year:
        disclosures = disclosures.filter(published_on__year=year)
    quarters = selectors.disclosure_quarters(commune=commune)
    return {
        "kinds": kinds,
        "selected_kind": kind,
        "selected_year": year,
        "years": sorted({year for year, _quarter in quarters}, reverse=True),
        "filter_errors": errors,
        "disclosures": paginate(request, disclosures, PER_PAGE),
        "quarters": [(y, q, page.quarter_url(y, q)) for y, q in quarters],
        "today": timezone.localdate(),
    }


def disclosure_detail(request: HttpRequest, page: DisclosureIndexPage, pk: int) -> HttpResponse:
    commune = commune_for_request(request)
    disclosure = (
        selectors.public_disclosures(commune=commune)
        .prefetch_related("files__document")
        .filter(pk=pk)
        .first()
    )
    if disclosure is None:
        raise Http404(_("This disclosure is not published."))
    context = page.page_context(request)
    context.update({"disclosure": disclosure, "today": timezone.localdate(), "index": page})
    return TemplateResponse(request, "disclosures/disclosure_detail.html", context)


def quarterly_list(
    request: HttpRequest, page: DisclosureIndexPage, year: int, quarter: int
) -> HttpResponse:
    if not (1 <= quarter <= 4 and 1990 <= year <= 2100):
        raise Http404(_("There is no such quarter."))
    commune = commune_for_request(request)
    context = page.page_context(request)
    context.update(
        {
            "year": year,
            "quarter": quarter,
            "bounds": selectors.quarter_bounds(year, quarter),
            "disclosures": list(
                selectors.quarterly_disclosures(commune=commune, year=year, quarter=quarter)
            ),
            "index": page,
            "commune": commune,
        }
    )
    return TemplateResponse(request, "disclosures/quarterly_list.html", context)
