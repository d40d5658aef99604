"""Writing workbooks and CSV files whose every cell is safe: text is shown, never run as a
formula (`xaso.core.cells`), numbers stay numbers, days are days.

- Excel: `put` writes a cell through `xlsx_put` (a text cell, Excel's quote prefix where the
  text would start a formula; the value itself unchanged, so it reads back as written), with a
  number format for numbers and days. `headings`, `offer` and `save` lay out the sheets the
  same way in every workbook.
- CSV: `csv_bytes` writes rows after a UTF-8 byte order mark (Excel reads Vietnamese right),
  text that would start a formula after a `'` (what OWASP advises; `read_csv` and the cell
  readers take it off again), numbers in plain writing that reads back as the same number, and
  days as dd/mm/yyyy.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import IO, Any

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from xaso.core.cells import BOM, csv_cell, undefuse, xlsx_put

from .problems import Problem, WorkbookInvalid

HEADING_FONT = Font(bold=True)
HEADING_FILL = PatternFill("solid", fgColor="DDE7F0")
TITLE_FONT = Font(bold=True, size=13)
DATE_FORMAT = "dd/mm/yyyy"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"


def put(sheet: Worksheet, row: int, column: int, value: Any, number_format: str = "") -> Any:
    """Write the value into the sheet's cell, safely (see the module); the cell."""
    cell = xlsx_put(sheet.cell(row=row, column=column), value)
    if number_format and value is not None and not isinstance(value, str):
        cell.number_format = number_format
    return cell


def headings(sheet: Worksheet, columns: Iterable[tuple[str, float]], row: int = 1) -> None:
    """The row of headings (label, width), bold on a tint, the sheet scrolling under them."""
    for index, (label, width) in enumerate(columns, start=1):
        cell = put(sheet, row, index, label)
        cell.font, cell.fill = HEADING_FONT, HEADING_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = sheet.cell(row=row + 1, column=1).coordinate


def offer(sheet: Worksheet, cells: str, formula: str) -> None:
    """A drop-down on the cells (typing something else stays possible, codes say)."""
    validation = DataValidation(type="list", formula1=formula, allow_blank=True)
    validation.showErrorMessage = False
    sheet.add_data_validation(validation)
    validation.add(cells)


def offer_labels(sheet: Worksheet, cells: str, labels: Sequence[str]) -> bool:
    """A drop-down of the labels where they fit Excel's list rule (no commas or quotes, 255
    characters in all); whether they did."""
    text = ",".join(labels)
    if not labels or len(text) > 255 or any("," in label or '"' in label for label in labels):
        return False
    offer(sheet, cells, f'"{text}"')
    return True


def save(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_value(value: Any) -> Any:
    """A value as a CSV cell writes it (see the module)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return csv_cell(str(value))
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float | Decimal):
        number = Decimal(repr(value)) if isinstance(value, float) else value
        text = format(number.normalize(), "f") if number else "0"
        fraction = text.partition(".")[2]
        if len(fraction) == 3:  # 1.125 would read back as 1125 (thousands): 1.1250
            text += "0"
        return text
    return csv_cell(value if isinstance(value, int) else str(value))


def csv_bytes(rows: Iterable[Iterable[Any]]) -> bytes:
    """The rows as a CSV file, every cell safe (see the module)."""
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([csv_value(value) for value in row])
    return buffer.getvalue().encode("utf-8")


def read_csv(file: IO[bytes] | bytes, *, max_bytes: int) -> list[list[str]]:
    """The rows of a CSV file in UTF-8 (byte order mark or not), each cell without the `'` an
    export put before text that would start a formula. WorkbookInvalid when the file is too big
    or not such a file."""
    content = file if isinstance(file, bytes | bytearray) else file.read(max_bytes + 1)
    if len(content) > max_bytes:
        message = _("The file is %(size)s; a workbook may be at most %(limit)s.") % {
            "size": filesizeformat(len(content)),
            "limit": filesizeformat(max_bytes),
        }
        raise WorkbookInvalid([Problem(None, "", message)], code="too_big")
    try:
        text = bytes(content).decode("utf-8-sig")
        return [[undefuse(cell) for cell in row] for row in csv.reader(io.StringIO(text))]
    except (UnicodeDecodeError, csv.Error):
        message = _("The file is not a CSV file in UTF-8, or it cannot be read.")
        raise WorkbookInvalid([Problem(None, "", message)], code="not_csv") from None
