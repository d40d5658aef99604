"""Downloads of the party-cell reports (admin only).

/admin/party/reports/<scope>/<year>/<period>.<fmt>: scope "commune" or "cell-<pk>", period
"01".."12" or "q1".."q4", fmt "xlsx" or "pdf". The party committee office downloads the
commune's report and any cell's; a Standing Committee member or an official only those of the
cells `selectors.cells_for` gives them. Anything else, a malformed argument or a period not yet
begun, is "not found": nothing tells an outsider which cells exist.
"""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone, translation
from wagtail.models import Site

from xaso.accounts.audit import personal_data_export_log
from xaso.accounts.scoping import user_commune_ids
from xaso.communes.models import Commune
from xaso.core import reports as files

from .. import reports, selectors
from ..models import Cell

_CELL_SCOPE = re.compile(r"cell-([1-9][0-9]{0,9})")


def _commune(request: HttpRequest, user: Any) -> Commune | None:
    """The commune whose report the office asks for: that of the site it works on, or its only
    commune."""
    ids = user_commune_ids(user)
    site = Site.find_for_request(request)
    here = Commune.objects.filter(site=site).first() if site is not None else None
    if here is not None and (ids is None or here.pk in ids):
        return here
    if ids is not None and len(ids) == 1:
        return Commune.objects.filter(pk__in=ids).first()
    return None


def report(request: HttpRequest, scope: str, year: int, period: str, fmt: str) -> HttpResponse:
    if fmt not in files.CONTENT_TYPES:
        raise Http404
    try:
        chosen = reports.parse_period(year, period)
    except ValueError:
        raise Http404 from None
    today = timezone.localdate()
    user = request.user
    if chosen.first > today or not user.is_authenticated or not user.has_perm("party.view_cell"):
        raise Http404
    cell: Cell | None = None
    if scope == "commune":
        commune = _commune(request, user) if selectors.sees_all_cells(user) else None
    else:
        match = _CELL_SCOPE.fullmatch(scope)
        if match is None:
            raise Http404
        cell = selectors.cells_for(user, today).filter(pk=int(match.group(1))).first()
        commune = cell.commune if cell is not None else None
    if commune is None:
        raise Http404
    # A filed document is in the language of record, whatever the interface's language.
    with translation.override(settings.LANGUAGE_CODE):
        built = reports.report_build(commune=commune, period=chosen, today=today, cell=cell)
        document = reports.report_document(built)
        content = files.render(document, fmt)
    # It names the officials in charge of each cell and task, with their record: audited.
    personal_data_export_log(
        user=user,
        instance=cell if cell is not None else commune,
        what="party_report",
        rows=sum(len(table.rows) for table in document.tables()),
        commune_id=commune.pk,
        filters={"scope": scope, "year": year, "period": period},
        file_format=fmt,
    )
    return files.attachment(content, fmt, reports.filename(chosen, cell, fmt))
