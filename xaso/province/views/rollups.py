"""The roll-ups of every commune, for the province's roles: one table, filtered by kind, by
required content incomplete and by overdue feedback, sorted by any column, and the same table
as an Excel workbook.

`?loai=xa|phuong|dac_khu` keeps one kind, `?thieu=1` the communes whose required content is
incomplete, `?qua_han=1` those with overdue feedback; `?sap_xep=<column>` (`-<column>`
descending) sorts. A value that is not one of those is ignored. Anyone but the province's roles
gets "not found" (the route gate answers so first for a commune's staff).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from xaso.communes.choices import CommuneKind
from xaso.core import reports as files
from xaso.core.reports import DATE, DECIMAL, INTEGER, PERCENT, Column, Table

from ..access import can_see_rollups
from ..rollups import SORT_KEYS, Row, filtered, ordered, rollup_rows

KIND_PARAM = "loai"
INCOMPLETE_PARAM = "thieu"
OVERDUE_PARAM = "qua_han"
SORT_PARAM = "sap_xep"
FILENAME = "tong-hop-cac-xa.xlsx"
DASH = "–"


@dataclass
class Choice:
    kind: str
    incomplete: bool
    overdue: bool
    sort: str

    def query(self, **changes: Any) -> str:
        values = {
            KIND_PARAM: self.kind,
            INCOMPLETE_PARAM: "1" if self.incomplete else "",
            OVERDUE_PARAM: "1" if self.overdue else "",
            SORT_PARAM: self.sort,
            **changes,
        }
        return urlencode({key: value for key, value in values.items() if value})


def choice(request: HttpRequest) -> Choice:
    kind = request.GET.get(KIND_PARAM, "")
    sort = request.GET.get(SORT_PARAM, "")
    return Choice(
        kind=kind if kind in CommuneKind.values else "",
        incomplete=request.GET.get(INCOMPLETE_PARAM) == "1",
        overdue=request.GET.get(OVERDUE_PARAM) == "1",
        sort=sort if sort.lstrip("-") in SORT_KEYS else "",
    )


def chosen_rows(request: HttpRequest) -> tuple[Choice, list[Row], int]:
    """The rows the request asks for, and how many communes there are in all."""
    if not can_see_rollups(request.user):
        raise Http404
    wanted = choice(request)
    rows = rollup_rows()
    kept = filtered(rows, kind=wanted.kind, incomplete=wanted.incomplete, overdue=wanted.overdue)
    return wanted, ordered(kept, wanted.sort), len(rows)


# What the screen shows ----------------------------------------------------------------------


def day(moment: datetime.datetime | None) -> str:
    return files.short_date(timezone.localdate(moment)) if moment is not None else DASH


def compliance_text(row: Row) -> str:
    if row.complete:
        return _("Complete")
    return ngettext("Incomplete: %(count)s item", "Incomplete: %(count)s items", row.gaps) % {
        "count": files.number(row.gaps)
    }


def rating_text(row: Row) -> str:
    if row.rating_average is None:
        return DASH
    return files.number(row.rating_average, 1)


def new_rural_text(row: Row) -> str:
    if row.programme is None:
        return DASH
    return _("%(met)s of %(total)s criteria") % {
        "met": files.number(row.criteria_met),
        "total": files.number(row.criteria_total),
    }


def new_rural_target(row: Row) -> str:
    if row.programme is None:
        return ""
    return _("target: %(level)s by %(year)s") % {
        "level": row.programme.get_target_level_display(),
        "year": row.programme.target_year,
    }


def campaign_lines(row: Row) -> list[str]:
    if row.campaign is None or row.progress is None:
        return []
    progress = row.progress
    return [
        row.campaign.name,
        _("Households taking part: %(part)s / %(all)s")
        % {"part": files.number(progress.taking_part), "all": files.number(progress.households)},
        _("Land donated: %(donated)s / %(needed)s m² (%(percent)s%%)")
        % {
            "donated": files.number(progress.area_donated, 1),
            "needed": files.number(progress.area_needed, 1),
            "percent": files.number(progress.area_percent),
        },
    ]


def link_labels() -> dict[str, str]:
    return {
        "site": _("Portal"),
        "ntm": _("New Rural dashboard"),
        "campaign": _("Campaign dashboard"),
        "feedback": _("Feedback and petitions"),
        "ratings": _("Satisfaction ratings"),
    }


def shown(row: Row) -> dict[str, Any]:
    labels = link_labels()
    return {
        "row": row,
        "kind": row.commune.get_kind_display(),
        "compliance": compliance_text(row),
        "last_article": day(row.last_article),
        "recent_articles": files.number(row.recent_articles),
        "open": files.number(row.open),
        "overdue": files.number(row.overdue),
        "late_to_forward": files.number(row.late_to_forward),
        "rating": rating_text(row),
        "rating_count": files.number(row.rating_count),
        "new_rural": new_rural_text(row),
        "new_rural_target": new_rural_target(row),
        "campaign": campaign_lines(row),
        "links": [(labels[name], url) for name, url in row.links],
    }


def columns() -> list[tuple[str, str]]:
    """(sort key, heading) of each sortable column, in the table's order."""
    return [
        ("name", _("Commune")),
        ("kind", _("Kind of unit")),
        ("complete", _("Required content")),
        ("last_article", _("Last article")),
        ("recent_articles", _("Articles in 30 days")),
        ("open", _("Open feedback")),
        ("overdue", _("Overdue")),
        ("late_to_forward", _("Late to forward")),
        ("rating", _("Average rating")),
        ("rating_count", _("Ratings")),
        ("new_rural", _("New Rural criteria met")),
        ("campaign", _("Campaign")),
    ]


def headings(wanted: Choice) -> list[dict[str, Any]]:
    found = []
    for key, label in columns():
        current = wanted.sort.lstrip("-") == key or (not wanted.sort and key == "name")
        descending = current and wanted.sort.startswith("-")
        found.append(
            {
                "label": label,
                "url": "?"
                + wanted.query(**{SORT_PARAM: f"-{key}" if current and not descending else key}),
                "sort": ("descending" if descending else "ascending") if current else "",
            }
        )
    return found


def rollups(request: HttpRequest) -> HttpResponse:
    wanted, rows, total = chosen_rows(request)
    context = {
        "page_title": _("Communes at a glance"),
        "header_title": _("Communes at a glance"),
        "header_icon": "table",
        "rows": [shown(row) for row in rows],
        "total": total,
        "headings": headings(wanted),
        "kinds": CommuneKind.choices,
        "choice": wanted,
        "params": {
            "kind": KIND_PARAM,
            "incomplete": INCOMPLETE_PARAM,
            "overdue": OVERDUE_PARAM,
            "sort": SORT_PARAM,
        },
        "export_url": f"{reverse('province_rollups_export')}?{wanted.query()}",
        "today": files.short_date(timezone.localdate()),
    }
    return render(request, "province/admin/rollups.html", context)


# The workbook -------------------------------------------------------------------------------


def workbook_table(rows: list[Row]) -> Table:
    cols = [
        Column(_("Commune"), 24),
        Column(_("Kind of unit"), 10),
        Column(_("Required content"), 14),
        Column(_("Items lacking"), 10, INTEGER),
        Column(_("Last article"), 12, DATE),
        Column(_("Articles in 30 days"), 10, INTEGER),
        Column(_("Open feedback"), 10, INTEGER),
        Column(_("Overdue"), 10, INTEGER),
        Column(_("Late to forward"), 10, INTEGER),
        Column(_("Average rating"), 10, DECIMAL, decimals=1),
        Column(_("Ratings"), 10, INTEGER),
        Column(_("New Rural criteria met"), 10, INTEGER),
        Column(_("Criteria in the set"), 10, INTEGER),
        Column(_("New Rural target"), 22),
        Column(_("Campaign"), 24),
        Column(_("Households taking part"), 10, INTEGER),
        Column(_("Households"), 10, INTEGER),
        Column(_("Land donated (m²)"), 12, DECIMAL),
        Column(_("Land needed (m²)"), 12, DECIMAL),
        Column(_("Land donated (%)"), 10, PERCENT, decimals=0),
    ]
    lines = []
    for row in rows:
        progress = row.progress
        lines.append(
            [
                row.commune.full_name,
                row.commune.get_kind_display(),
                _("Complete") if row.complete else _("Incomplete"),
                row.gaps,
                timezone.localdate(row.last_article) if row.last_article else None,
                row.recent_articles,
                row.open,
                row.overdue,
                row.late_to_forward,
                row.rating_average,
                row.rating_count,
                row.criteria_met,
                row.criteria_total,
                new_rural_target(row),
                row.campaign.name if row.campaign else "",
                progress.taking_part if progress else None,
                progress.households if progress else None,
                progress.area_donated if progress else None,
                progress.area_needed if progress else None,
                progress.area_percent / 100 if progress else None,
            ]
        )
    return Table(columns=cols, rows=lines)


def export(request: HttpRequest) -> HttpResponse:
    _wanted, rows, _total = chosen_rows(request)
    today = timezone.localdate()
    # A filed document is in the language of record, whatever the interface's language.
    with translation.override(settings.LANGUAGE_CODE):
        document = files.Document(
            title=_("Communes at a glance").upper(),
            subtitle=[_("As of %(date)s") % {"date": files.short_date(today)}],
            blocks=[workbook_table(rows)],
            sheet_title=_("Communes"),
        )
        content = files.render(document, "xlsx")
    return files.attachment(content, "xlsx", FILENAME)
