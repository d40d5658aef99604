"""A criteria set written out as a workbook, in the layout `read_set` reads back."""

from __future__ import annotations

from typing import Any

from django.utils import translation
from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from xaso.core import workbook as engine

from ..choices import Basis, Direction, IndicatorKind, Level
from ..models import CriteriaSet
from .sheets import (
    ALL,
    ALL_LABEL,
    CRITERIA_SHEET,
    LANGUAGE,
    NO,
    SET_SHEET,
    THRESHOLDS_SHEET,
    YES,
    Sheet,
    target_choices,
)


def _write(sheet: Worksheet, spec: Sheet, rows: list[list[Any]]) -> None:
    sheet.title = str(spec.label)[:31]
    engine.headings(sheet, [(str(column.label), column.width) for column in spec.columns])
    for row_number, row in enumerate(rows, start=2):
        for index, value in enumerate(row, start=1):
            # Text typed by a person is never a formula.
            cell = engine.put(sheet, row_number, index, value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def _offer(sheet: Worksheet, spec: Sheet, key: str, labels: list[str], rows: int) -> None:
    """A drop-down of the labels on the column (typing something else stays possible), where
    the labels fit Excel's list rule (no commas or quotes, 255 characters in all)."""
    index = next(i for i, column in enumerate(spec.columns, start=1) if column.key == key)
    letter = get_column_letter(index)
    engine.offer_labels(sheet, f"{letter}2:{letter}{max(rows, 1) + 200}", labels)


def _threshold_target(target: str, targets: dict[str, Any]) -> str:
    if target == ALL:
        return str(ALL_LABEL)
    return str(targets.get(target, target))


def export_set(criteria_set: CriteriaSet) -> bytes:
    """The set as an .xlsx workbook in Vietnamese, in the layout `read_set` reads."""
    criteria = list(
        criteria_set.criteria.order_by("number").prefetch_related("indicators__thresholds")
    )
    targets = target_choices(criteria_set.basis)
    with translation.override(LANGUAGE):
        workbook = Workbook()
        set_sheet = workbook.active
        assert set_sheet is not None
        _write(
            set_sheet,
            SET_SHEET,
            [
                [
                    criteria_set.code,
                    criteria_set.name,
                    criteria_set.decision,
                    str(Level(criteria_set.level).label),
                    str(Basis(criteria_set.basis).label),
                    criteria_set.first_year,
                    criteria_set.last_year,
                    criteria_set.notes,
                ]
            ],
        )
        _offer(set_sheet, SET_SHEET, "level", [str(label) for label in Level.labels], 1)
        _offer(set_sheet, SET_SHEET, "basis", [str(label) for label in Basis.labels], 1)

        indicator_rows: list[list[Any]] = []
        threshold_rows: list[list[Any]] = []
        for criterion in criteria:
            indicators = list(criterion.indicators.all())
            if not indicators:
                indicator_rows.append([criterion.number, criterion.name])
            for indicator in indicators:
                indicator_rows.append(
                    [
                        criterion.number,
                        criterion.name,
                        indicator.code,
                        indicator.name,
                        str(IndicatorKind(indicator.kind).label),
                        indicator.unit,
                        str(Direction(indicator.direction).label),
                        indicator.levels,
                        indicator.source,
                    ]
                )
                for threshold in indicator.thresholds.all():
                    threshold_rows.append(
                        [
                            indicator.code,
                            _threshold_target(threshold.applies_to, targets),
                            threshold.value,
                            threshold.level,
                            str(YES if threshold.confirmed else NO),
                            threshold.source,
                        ]
                    )
        criteria_sheet = workbook.create_sheet()
        _write(criteria_sheet, CRITERIA_SHEET, indicator_rows)
        _offer(
            criteria_sheet,
            CRITERIA_SHEET,
            "kind",
            [str(label) for label in IndicatorKind.labels],
            len(indicator_rows),
        )
        _offer(
            criteria_sheet,
            CRITERIA_SHEET,
            "direction",
            [str(label) for label in Direction.labels],
            len(indicator_rows),
        )
        threshold_sheet = workbook.create_sheet()
        _write(threshold_sheet, THRESHOLDS_SHEET, threshold_rows)
        for row in range(2, len(threshold_rows) + 2):
            threshold_sheet.cell(row=row, column=3).number_format = "#,##0.##"
        _offer(
            threshold_sheet,
            THRESHOLDS_SHEET,
            "applies_to",
            [str(ALL_LABEL), *(str(label) for label in targets.values())],
            len(threshold_rows),
        )
        _offer(threshold_sheet, THRESHOLDS_SHEET, "confirmed", [str(YES), str(NO)], 1)
        workbook.properties.title = criteria_set.name[:250]
        return engine.save(workbook)
