"""A campaign's households exported, by road segment: a workbook that imports back unchanged,
or one CSV file."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max, QuerySet
from django.utils import timezone, translation
from openpyxl import Workbook

from xaso.core import workbook as engine

from ..choices import LandType, Side, Status, SupportKind
from ..models import Campaign, Household, Segment, StatusChange
from .columns import (
    COLUMNS,
    EXPORT_COLUMNS,
    FIRST_DATA_ROW,
    GUIDE_LABEL,
    LANGUAGE,
    NO,
    SHEET_LABEL,
    SHEET_NAME_FORBIDDEN,
    YES,
    ChoiceLists,
)
from .template import add_guide, headings, put_cell


def _sheet_title(segment: Segment, used: set[str]) -> str:
    """The segment's code and name, as a sheet name Excel takes (at most 31 characters, none
    of []:*?/\\, not starting or ending with ', unique whatever the case)."""
    base = SHEET_NAME_FORBIDDEN.sub(" ", f"{segment.code} {segment.name}")
    base = " ".join(base.split()).strip("'") or segment.code or str(segment.pk)
    title, number = base[:31].strip(), 1
    while title.lower() in used:
        number += 1
        suffix = f" ({number})"
        title = base[: 31 - len(suffix)].strip() + suffix
    used.add(title.lower())
    return title


def _label(choices: Any, code: str) -> str:
    return str(dict(choices).get(code, code)) if code else ""


def _row_values(
    household: Any, official_names: dict[int, str], milestones: dict[tuple[int, str], Any]
) -> list[Any]:
    consent = YES if household.honour_consent else NO
    return [
        household.code,
        household.segment.code,
        household.hamlet.name,
        household.head_name,
        household.address,
        household.phone,
        household.parcel_ref,
        _label(Side.choices, household.side),
        _label(LandType.choices, household.land_type),
        household.area_needed,
        household.area_donated,
        household.strip_length,
        household.strip_width,
        household.wall_m,
        household.gates,
        household.trees,
        household.other_structures,
        _label(SupportKind.choices, household.support_kind),
        household.support_amount,
        official_names.get(household.official_id, "") if household.official_id else "",
        household.cell.code if household.cell_id else "",
        str(consent),
        household.latitude,
        household.longitude,
        _label(Status.choices, household.status),
        timezone.localtime(household.status_changed_at).date(),
        milestones.get((household.pk, Status.SIGNED)),
        milestones.get((household.pk, Status.HANDED_OVER)),
        household.visit_count,
        household.last_visit,
    ]


@dataclass
class _Export:
    """What an export writes: the lists, the segments chosen, each one's households (with their
    number of visits and the last one), and the days each was signed and handed over."""

    lists: ChoiceLists
    segments: list[Segment]
    by_segment: dict[int, list[Any]]
    milestones: dict[tuple[int, str], Any]

    def values(self, household: Any) -> list[Any]:
        return _row_values(household, self.lists.official_names, self.milestones)


def _gather(
    campaign: Campaign, households: QuerySet[Household], segments: Iterable[Segment] | None
) -> _Export:
    lists = ChoiceLists(campaign)
    chosen = list(segments) if segments is not None else lists.segments
    base = households.filter(campaign=campaign, segment__in=[s.pk for s in chosen])
    rows = (
        base.select_related("segment", "hamlet", "official", "cell")
        .annotate(visit_count=Count("visits"), last_visit=Max("visits__visited_on"))
        .order_by("hamlet__sort_order", "hamlet__name", "code")
    )
    milestones: dict[tuple[int, str], Any] = {}
    changes = (
        StatusChange.objects.filter(
            household__in=base.values("pk"), to_status__in=[Status.SIGNED, Status.HANDED_OVER]
        )
        .order_by("changed_on", "pk")
        .values_list("household_id", "to_status", "changed_on")
    )
    for household_id, status, day in changes:
        milestones[(household_id, status)] = day  # the latest, if it happened twice
    by_segment: dict[int, list[Any]] = {segment.pk: [] for segment in chosen}
    for household in rows:
        by_segment[household.segment_id].append(household)
    return _Export(lists, chosen, by_segment, milestones)


def export_households(
    campaign: Campaign,
    *,
    households: QuerySet[Household],
    segments: Iterable[Segment] | None = None,
) -> bytes:
    """The households (those of `campaign` among `households`) as a workbook with one sheet per
    segment (every segment of the campaign, or those given): the template's columns, then the
    status, the day of its last change, the days the commitment was signed and the site handed
    over, the number of visits and the last one. Numbers are numbers, shown the way Excel's
    language shows them (1.234,5 in Vietnamese); text is text, never a formula, and reads back
    as written. The workbook imports back unchanged."""
    found = _gather(campaign, households, segments)
    columns = (*COLUMNS, *EXPORT_COLUMNS)
    with translation.override(LANGUAGE):
        workbook = Workbook()
        first = workbook.active
        assert first is not None
        workbook.remove(first)
        used = {str(GUIDE_LABEL).lower()}
        sheets: list[tuple[str, list[Any]]] = [
            (_sheet_title(segment, used), found.by_segment[segment.pk])
            for segment in found.segments
        ]
        for title, items in sheets or [(str(SHEET_LABEL), [])]:  # a campaign without segments
            sheet = workbook.create_sheet(title)
            headings(sheet, columns)
            for number, household in enumerate(items, start=FIRST_DATA_ROW):
                values = found.values(household)
                for index, (column, value) in enumerate(zip(columns, values, strict=True)):
                    put_cell(sheet, number, index + 1, value, column.number_format)
        add_guide(workbook, campaign, found.lists)
        workbook.properties.title = campaign.name[:250]
        return engine.save(workbook)


def export_households_csv(
    campaign: Campaign,
    *,
    households: QuerySet[Household],
    segments: Iterable[Segment] | None = None,
) -> bytes:
    """The same households and columns as `export_households`, segment after segment, as one
    CSV file (UTF-8): every cell safe from formula injection, days as dd/mm/yyyy."""
    found = _gather(campaign, households, segments)
    with translation.override(LANGUAGE):
        rows: list[list[Any]] = [[str(c.label) for c in (*COLUMNS, *EXPORT_COLUMNS)]]
        for segment in found.segments:
            rows += [found.values(household) for household in found.by_segment[segment.pk]]
        return engine.csv_bytes(rows)
