"""Reports as files: one `Document`, written as an Excel workbook (openpyxl) or a PDF (fpdf2).

Both lay the document out as Vietnamese administrative papers are filed: a heading in two
columns (the issuing body on the left; the national heading, then the place and date, on the
right), a centred title, tables with a header row, paragraphs, and at the foot the recipients on
the left and the signature block on the right.

Numbers and dates read the Vietnamese way: in the PDF through Django's formats for the active
language (1.234,5 — 28/11/2026); in the workbook the values stay numbers and dates, with number
formats that Excel shows with the reader's own separators and a dd/mm/yyyy date format.

The PDF embeds DejaVu Sans from `fonts/` (Bitstream Vera licence, `fonts/LICENSE`), so
Vietnamese renders on a machine without any system font.
"""

from __future__ import annotations

import datetime
import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from django.http import HttpResponse
from django.utils import formats
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from fpdf import FPDF, FontFace
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from .cells import xlsx_put

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT_FAMILY = "DejaVuSans"
FONT_FILES = {"": FONT_DIR / "DejaVuSans.ttf", "B": FONT_DIR / "DejaVuSans-Bold.ttf"}

TEXT, INTEGER, DECIMAL, PERCENT, DATE = "text", "integer", "decimal", "percent", "date"

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


@dataclass(frozen=True)
class Column:
    """A table column. `width` is in characters (the workbook's unit); in the PDF the columns
    share the page width in the same proportions. `decimals` applies to DECIMAL and PERCENT."""

    title: str
    width: float = 10
    kind: str = TEXT
    decimals: int = 1
    align: str = ""  # "left", "center" or "right"; by default text left, numbers right

    @property
    def alignment(self) -> str:
        if self.align:
            return self.align
        return {TEXT: "left", DATE: "center"}.get(self.kind, "right")


@dataclass
class Table:
    columns: Sequence[Column]
    rows: Sequence[Sequence[Any]]
    total: Sequence[Any] | None = None
    heading: str = ""
    sheet_title: str = ""  # in the workbook, a table after the first has a sheet of its own


@dataclass
class Section:
    """A heading and its paragraphs."""

    heading: str
    lines: Sequence[str] = ()


@dataclass(frozen=True)
class Line:
    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False


@dataclass
class Document:
    title: str
    issuer: Sequence[Line] = ()
    national: Sequence[Line] = ()
    subtitle: Sequence[str] = ()
    blocks: Sequence[Table | Section] = ()
    recipients: Sequence[str] = ()
    signature: Sequence[Line] = ()
    landscape: bool = True
    sheet_title: str = ""
    author: str = ""

    def tables(self) -> list[Table]:
        return [block for block in self.blocks if isinstance(block, Table)]


# Text ------------------------------------------------------------------------------------------


def dated(place: str, day: datetime.date) -> str:
    """ "Liên Khê, ngày 05 tháng 02 năm 2026": the place and date line of an administrative
    document: the day always in two digits, the month in two only for January and February (the
    rule for Vietnamese official documents)."""
    return _("%(place)s, %(day)s/%(month)s/%(year)s") % {
        "place": place,
        "day": f"{day.day:02d}",
        "month": f"{day.month:02d}" if day.month < 3 else str(day.month),
        "year": day.year,
    }


def number(value: float | int | Decimal | None, decimals: int = 0) -> str:
    """A number in the active language's style, grouped, halves rounded up: 1.234,5 in
    Vietnamese."""
    if value is None:
        return ""
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    return formats.number_format(rounded, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def percent(value: float | None, decimals: int = 1) -> str:
    """A fraction as a percentage: 0.9 → 90,0%."""
    if value is None:
        return ""
    return f"{number(value * 100, decimals)}%"


def short_date(day: datetime.date) -> str:
    """28/11/2026 in Vietnamese."""
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def display(value: Any, column: Column) -> str:
    """A value as the PDF shows it."""
    if value is None or value == "":
        return ""
    if column.kind == INTEGER:
        return number(value)
    if column.kind == DECIMAL:
        return number(value, column.decimals)
    if column.kind == PERCENT:
        return percent(value, column.decimals)
    if column.kind == DATE and isinstance(value, datetime.date):
        return short_date(value)
    return str(value)


# Excel -----------------------------------------------------------------------------------------

_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="E6E6E6")
_WORKBOOK_FONT = "Times New Roman"  # the typeface of Vietnamese official documents
_SHEET_FORBIDDEN = str.maketrans(
    {"/": "-", "\\": "-", "[": "(", "]": ")", ":": " ", "*": " ", "?": " "}
)


def _excel_format(column: Column) -> str | None:
    if column.kind == INTEGER:
        return "#,##0"
    if column.kind == DECIMAL:
        return "#,##0" + ("." + "0" * column.decimals if column.decimals else "")
    if column.kind == PERCENT:
        return "0" + ("." + "0" * column.decimals if column.decimals else "") + "%"
    if column.kind == DATE:
        return "dd/mm/yyyy"
    return None


def _set(sheet: Worksheet, row: int, column: int, value: Any) -> Any:
    # Text from users is never a formula.
    value = float(value) if isinstance(value, Decimal) else value
    return xlsx_put(sheet.cell(row=row, column=column), value)


def _span(
    sheet: Worksheet,
    row: int,
    first: int,
    last: int,
    line: Line | str,
    *,
    size: float = 12,
    align: str = "center",
) -> None:
    """One line of text across columns `first`..`last`, wrapped, its row made tall enough."""
    if isinstance(line, str):
        line = Line(line)
    text = line.text
    cell = _set(sheet, row, first, text)
    cell.font = Font(
        name=_WORKBOOK_FONT,
        size=size,
        bold=line.bold,
        italic=line.italic,
        underline="single" if line.underline else None,
    )
    cell.alignment = Alignment(horizontal=align, vertical="center", wrap_text=True)
    if last > first:
        sheet.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
    width = sum(
        sheet.column_dimensions[get_column_letter(index)].width or 10
        for index in range(first, last + 1)
    )
    lines = max(1, math.ceil(len(text) * size / 11 / max(width, 1)))
    current = sheet.row_dimensions[row].height or 0
    sheet.row_dimensions[row].height = max(current, lines * size * 1.45)


def _split(widths: Sequence[float]) -> int:
    """The last column of the heading's left block: about two fifths of the width."""
    total, running = sum(widths), 0.0
    for index, width in enumerate(widths, start=1):
        running += width
        if running >= total * 0.4:
            return min(index, max(len(widths) - 1, 1))
    return 1


def _sheet_title(text: str, taken: Sequence[str]) -> str:
    title = text.translate(_SHEET_FORBIDDEN).strip()[:31] or _("Data")
    number = 1
    while title.lower() in (t.lower() for t in taken):
        number += 1
        title = f"{title[:28]} {number}"
    return title


def _excel_table(sheet: Worksheet, row: int, table: Table, span: int) -> int:
    """Write `table` from `row` and freeze its header row; the next free row."""
    for index, column in enumerate(table.columns, start=1):
        dimension = sheet.column_dimensions[get_column_letter(index)]
        dimension.width = max(dimension.width or 0, column.width)
    if table.heading:
        _span(sheet, row, 1, span, Line(table.heading, bold=True), align="left")
        row += 1
    lines = 1
    for index, column in enumerate(table.columns, start=1):
        cell = _set(sheet, row, index, column.title)
        cell.font = Font(name=_WORKBOOK_FONT, size=11, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.fill = _HEADER_FILL
        cell.border = _BORDER
        lines = max(lines, math.ceil(len(column.title) / max(column.width - 1, 1)))
    sheet.row_dimensions[row].height = 15 * lines + 3
    sheet.freeze_panes = sheet.cell(row=row + 1, column=1)
    sheet.print_title_rows = f"{row}:{row}"
    row += 1
    body = [(values, False) for values in table.rows]
    if table.total is not None:
        body.append((table.total, True))
    for values, bold in body:
        lines = 1
        for index, column in enumerate(table.columns, start=1):
            value = values[index - 1] if index - 1 < len(values) else None
            cell = _set(sheet, row, index, value)
            cell.font = Font(name=_WORKBOOK_FONT, size=11, bold=bold)
            cell.border = _BORDER
            number_format = _excel_format(column)
            if number_format and value is not None:
                cell.number_format = number_format
            cell.alignment = Alignment(horizontal=column.alignment, vertical="top", wrap_text=True)
            if isinstance(value, str):
                lines = max(lines, math.ceil(len(value) * 1.1 / max(column.width - 1, 1)))
        sheet.row_dimensions[row].height = 15 * lines + 2
        row += 1
    return row


def _page_setup(sheet: Worksheet, landscape: bool) -> None:
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def xlsx_bytes(document: Document) -> bytes:
    """The document as an .xlsx workbook. The first sheet is the document as filed, around its
    first table; each further table gets a sheet of its own, whose column widths it sets. Each
    table's header row is frozen and repeated on every printed page."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = _sheet_title(document.sheet_title or document.title, [])
    tables = document.tables()
    main = tables[0] if tables else None
    widths = [column.width for column in main.columns] if main else [80.0]
    span = len(widths)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    split = _split(widths) if span > 1 else 1
    left_last, right_first = split, min(split + 1, span)

    row = 1
    for offset in range(max(len(document.issuer), len(document.national))):
        if offset < len(document.issuer):
            _span(sheet, row + offset, 1, left_last, document.issuer[offset])
        if offset < len(document.national) and span > 1:
            _span(sheet, row + offset, right_first, span, document.national[offset])
    row += max(len(document.issuer), len(document.national)) + 1
    _span(sheet, row, 1, span, Line(document.title, bold=True), size=14)
    row += 1
    for text in document.subtitle:
        _span(sheet, row, 1, span, Line(text, bold=True))
        row += 1
    row += 1

    for block in document.blocks:
        if isinstance(block, Table):
            if block is main:
                row = _excel_table(sheet, row, block, span) + 1
                continue
            name = _sheet_title(block.sheet_title or block.heading, workbook.sheetnames)
            other = workbook.create_sheet(name)
            _excel_table(other, 1, block, len(block.columns))
            _page_setup(other, document.landscape)
            continue
        _span(sheet, row, 1, span, Line(block.heading, bold=True), align="left")
        row += 1
        for text in block.lines:
            _span(sheet, row, 1, span, text, align="left")
            row += 1
        row += 1

    for offset, text in enumerate(document.recipients):
        line = Line(text, bold=offset == 0, italic=offset == 0)
        _span(sheet, row + offset, 1, left_last, line, size=11, align="left")
    for offset, line in enumerate(document.signature):
        _span(sheet, row + offset, right_first, span, line)
    _page_setup(sheet, document.landscape)
    workbook.properties.title = document.title
    if document.author:
        workbook.properties.creator = document.author
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# PDF -------------------------------------------------------------------------------------------


class _Pdf(FPDF):
    def footer(self) -> None:
        self.set_y(-10)
        self.set_font(FONT_FAMILY, "", 8)
        self.cell(0, 5, f"{self.page_no()}/{{nb}}", align="C")


def _pdf_block(pdf: Any, x: float, y: float, width: float, lines: Sequence[Line]) -> float:
    """Lines centred in a column starting at (x, y); the y below them."""
    pdf.set_xy(x, y)
    for line in lines:
        style = ("B" if line.bold else "") + ("U" if line.underline else "")
        pdf.set_font(FONT_FAMILY, style, 11 if line.bold else 10.5)
        pdf.set_x(x)
        pdf.multi_cell(width, 5.5, line.text, align="C", new_x="LEFT", new_y="NEXT")
    return pdf.get_y()


def _pdf_table(pdf: FPDF, table: Table) -> None:
    if table.heading:
        pdf.set_font(FONT_FAMILY, "B", 10.5)
        pdf.multi_cell(0, 6, table.heading, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
    size = 7 if len(table.columns) > 12 else 8.5
    pdf.set_font(FONT_FAMILY, "", size)
    aligns = tuple(column.alignment.upper() for column in table.columns)
    with pdf.table(
        col_widths=tuple(c.width for c in table.columns),
        text_align=aligns,
        line_height=size * 0.5,
        padding=(0.8, 0.7),
        headings_style=FontFace(emphasis="BOLD", size_pt=size - 0.5, fill_color=(230, 230, 230)),
        repeat_headings=1,
    ) as grid:
        heading = grid.row()
        for column in table.columns:
            heading.cell(column.title, align="CENTER")
        for values in table.rows:
            row = grid.row()
            for index, column in enumerate(table.columns):
                row.cell(display(values[index] if index < len(values) else None, column))
        if table.total is not None:
            row = grid.row(style=FontFace(emphasis="BOLD"))
            for index, column in enumerate(table.columns):
                value = table.total[index] if index < len(table.total) else None
                row.cell(display(value, column))
    pdf.ln(4)


def _pdf_section(pdf: Any, section: Section) -> None:
    pdf.set_font(FONT_FAMILY, "B", 10.5)
    pdf.multi_cell(0, 6, section.heading, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT_FAMILY, "", 10)
    for text in section.lines:
        pdf.multi_cell(0, 5.2, text, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)


def _pdf_closing(pdf: Any, document: Document, closing: Section | None) -> None:
    """The last paragraph, then the recipients on the left and the signature on the right."""
    if closing is not None:
        _pdf_section(pdf, closing)
    top = pdf.get_y() + 2
    pdf.set_xy(pdf.l_margin, top)
    for offset, text in enumerate(document.recipients):
        pdf.set_font(FONT_FAMILY, "B" if offset == 0 else "", 9.5 if offset == 0 else 8.5)
        pdf.set_x(pdf.l_margin)
        pdf.multi_cell(pdf.epw * 0.42, 4.5, text, align="L", new_x="LEFT", new_y="NEXT")
    bottom = pdf.get_y()
    signed = _pdf_block(pdf, pdf.l_margin + pdf.epw / 2, top, pdf.epw / 2, document.signature)
    pdf.set_xy(pdf.l_margin, max(bottom, signed))
    pdf.cell(0, 22, "", new_x="LMARGIN", new_y="NEXT")  # room to sign


def pdf_bytes(document: Document) -> bytes:
    """The document as an A4 PDF with DejaVu Sans embedded; table headers repeat on each page."""
    pdf = _Pdf(orientation="L" if document.landscape else "P", unit="mm", format="A4")
    pdf.set_margins(12, 12, 12)
    pdf.set_auto_page_break(True, margin=14)
    for style, path in FONT_FILES.items():
        pdf.add_font(FONT_FAMILY, style, path)
    pdf.set_title(document.title)
    if document.author:
        pdf.set_author(document.author)
    pdf.add_page()
    width = pdf.epw
    left = width * 0.42
    top = pdf.get_y()
    bottom = _pdf_block(pdf, pdf.l_margin, top, left, document.issuer)
    bottom = max(bottom, _pdf_block(pdf, pdf.l_margin + left, top, width - left, document.national))
    pdf.set_xy(pdf.l_margin, bottom + 6)
    pdf.set_font(FONT_FAMILY, "B", 13)
    pdf.multi_cell(0, 7, document.title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT_FAMILY, "B", 11)
    for text in document.subtitle:
        pdf.multi_cell(0, 6, text, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)

    blocks = list(document.blocks)
    closing = blocks[-1] if blocks and isinstance(blocks[-1], Section) else None
    if closing is not None:
        blocks.pop()
    for block in blocks:
        if isinstance(block, Table):
            _pdf_table(pdf, block)
        else:
            _pdf_section(pdf, block)
    # The closing paragraph goes with the signature: the signature never stands alone on a page.
    with pdf.offset_rendering() as trial:
        _pdf_closing(trial, document, closing)
    if trial.page_break_triggered:
        pdf.add_page()
    _pdf_closing(pdf, document, closing)
    return bytes(pdf.output())


# Files -----------------------------------------------------------------------------------------


def render(document: Document, fmt: str) -> bytes:
    """The document as "xlsx" or "pdf" bytes."""
    if fmt == "xlsx":
        return xlsx_bytes(document)
    if fmt == "pdf":
        return pdf_bytes(document)
    raise ValueError(fmt)


def attachment(content: bytes, fmt: str, filename: str) -> HttpResponse:
    """A download of `content` named `filename`."""
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition_header(True, filename) or "attachment"
    response["Content-Length"] = str(len(content))
    return response
