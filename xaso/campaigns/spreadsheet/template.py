"""The household workbook to fill in: the household sheet's headings with drop-downs, and the
sheet explaining each column and listing what the reference columns name."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.worksheet import Worksheet

from xaso.core import workbook as engine

from ..models import Campaign
from .columns import (
    CELL,
    CHOICE,
    COLUMNS,
    FIRST_DATA_ROW,
    GUIDE_LABEL,
    HAMLET,
    LANGUAGE,
    MAX_ROWS,
    NO,
    OFFICIAL,
    SEGMENT,
    SHEET_LABEL,
    TEXT,
    YES,
    YES_NO,
    ChoiceLists,
    Column,
    choice_labels,
)


def put_cell(sheet: Worksheet, row: int, column: int, value: Any, number_format: str = "") -> Any:
    """A cell written safely: text typed by a person is never a formula (`xaso.core.workbook`)."""
    return engine.put(sheet, row, column, value, number_format)


def headings(sheet: Worksheet, columns: Iterable[Column]) -> None:
    engine.headings(sheet, [(str(column.label), column.width) for column in columns])


def _validate(sheet: Worksheet, key: str, formula: str) -> None:
    """A drop-down on the column; typing something else stays possible (codes, say)."""
    index = next(i for i, column in enumerate(COLUMNS, start=1) if column.key == key)
    letter = get_column_letter(index)
    engine.offer(sheet, f"{letter}{FIRST_DATA_ROW}:{letter}{MAX_ROWS + 1}", formula)


def _offer(sheet: Worksheet, key: str, labels: list[str]) -> None:
    index = next(i for i, column in enumerate(COLUMNS, start=1) if column.key == key)
    letter = get_column_letter(index)
    engine.offer_labels(sheet, f"{letter}{FIRST_DATA_ROW}:{letter}{MAX_ROWS + 1}", labels)


def add_guide(workbook: Workbook, campaign: Campaign, lists: ChoiceLists) -> dict[str, str]:
    """The sheet explaining each column and listing what the reference columns name; returns
    each reference column's list as a range of this sheet, for the drop-downs."""
    sheet = workbook.create_sheet(str(GUIDE_LABEL))
    sheet.column_dimensions["A"].width = 30
    sheet.column_dimensions["B"].width = 14
    sheet.column_dimensions["C"].width = 80
    title = put_cell(
        sheet, 1, 1, _("How to fill in the sheet “%(sheet)s”") % {"sheet": str(SHEET_LABEL)}
    )
    title.font = engine.TITLE_FONT
    put_cell(sheet, 2, 1, campaign.name)
    put_cell(
        sheet,
        3,
        1,
        _(
            "One row per household, under the headings. Columns may be moved; keep their "
            "headings. A household whose code is already in the campaign is updated where the "
            "file differs; importing the same file again changes nothing. The status is not "
            "imported: it changes only when a move is recorded."
        ),
    )
    row = 5
    for index, heading in enumerate((_("Column"), _("Required"), _("What to write")), start=1):
        cell = put_cell(sheet, row, index, heading)
        cell.font, cell.fill = engine.HEADING_FONT, engine.HEADING_FILL
    for column in COLUMNS:
        row += 1
        help_text = str(column.help)
        if column.kind == CHOICE:
            help_text = (
                help_text
                + " "
                + _("One of: %(choices)s.") % {"choices": ", ".join(choice_labels(column))}
            ).strip()
        elif column.kind == YES_NO:
            help_text = help_text + " " + _("“%(yes)s” or “%(no)s”.") % {"yes": YES, "no": NO}
        put_cell(sheet, row, 1, str(column.label))
        put_cell(sheet, row, 2, str(YES) if column.required else "")
        put_cell(sheet, row, 3, help_text).alignment = Alignment(wrap_text=True, vertical="top")
    ranges: dict[str, str] = {}
    sections = (
        (
            SEGMENT,
            _("Road segments"),
            (_("Code"), _("Name")),
            [(segment.code, segment.name) for segment in lists.segments],
        ),
        (HAMLET, _("Hamlets"), (_("Name"),), [(hamlet.name, "") for hamlet in lists.hamlets]),
        (
            OFFICIAL,
            _("Officials"),
            (_("Name"), _("Position")),
            [
                (lists.official_names[official.pk], official.position)
                for official in lists.officials
                if official.is_active
            ],
        ),
        (CELL, _("Party cells"), (_("Code"), _("Name")), [(c.code, c.name) for c in lists.cells]),
    )
    for key, heading, labels, items in sections:
        row += 2
        put_cell(sheet, row, 1, heading).font = engine.HEADING_FONT
        row += 1
        for index, label in enumerate(labels, start=1):
            cell = put_cell(sheet, row, index, label)
            cell.font, cell.fill = engine.HEADING_FONT, engine.HEADING_FILL
        first = row + 1
        for value, detail in items:
            row += 1
            put_cell(sheet, row, 1, value)
            if detail:
                put_cell(sheet, row, 2, detail)
        if items:
            ranges[key] = f"{quote_sheetname(sheet.title)}!$A${first}:$A${row}"
    return ranges


def _offer_all(sheet: Worksheet, ranges: dict[str, str]) -> None:
    for column in COLUMNS:
        if column.kind == CHOICE:
            _offer(sheet, column.key, choice_labels(column))
        elif column.kind == YES_NO:
            _offer(sheet, column.key, [str(YES), str(NO)])
        elif column.key in ranges:
            _validate(sheet, column.key, ranges[column.key])


def _text_columns(sheet: Worksheet) -> None:
    """Text columns formatted as text, so Excel keeps a phone's leading 0."""
    for index, column in enumerate(COLUMNS, start=1):
        if column.kind in (TEXT, SEGMENT, HAMLET, OFFICIAL, CELL):
            sheet.column_dimensions[get_column_letter(index)].number_format = "@"


def template_workbook(campaign: Campaign) -> bytes:
    """An empty workbook to fill in: the household sheet's headings with drop-downs, and a
    sheet explaining each column and listing the campaign's segments and the commune's hamlets,
    officials and party cells."""
    lists = ChoiceLists(campaign)
    with translation.override(LANGUAGE):
        workbook = Workbook()
        sheet = workbook.active
        assert sheet is not None
        sheet.title = str(SHEET_LABEL)
        headings(sheet, COLUMNS)
        _text_columns(sheet)
        _offer_all(sheet, add_guide(workbook, campaign, lists))
        workbook.properties.title = campaign.name[:250]
        return engine.save(workbook)
