"""Reports as files: the workbook reads back with its values, formats and frozen header; the PDF
carries Vietnamese text in the bundled font, numbers the Vietnamese way, and a header row
on every page."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal
from typing import Any

import pytest
from django.utils import translation
from openpyxl import load_workbook
from pypdf import PdfReader

from xaso.core import reports
from xaso.core.reports import (
    DATE,
    DECIMAL,
    INTEGER,
    PERCENT,
    Column,
    Document,
    Line,
    Section,
    Table,
)

COLUMNS = [
    Column("STT", 5, INTEGER),
    Column("Đơn vị", 28),
    Column("Số tiền", 14, DECIMAL),
    Column("Tỷ lệ", 9, PERCENT),
    Column("Ngày", 12, DATE),
]
ROWS = [
    [1, "Chi bộ thôn Đông Sơn", Decimal("1234.5"), 0.9, datetime.date(2026, 11, 28)],
    [2, '=HYPERLINK("http://x.invalid","bấm")', 7.25, None, None],
]


def _document(rows=ROWS, **overrides) -> Document:
    fields = {
        "title": "BÁO CÁO THỬ NGHIỆM",
        "issuer": [Line("ĐẢNG BỘ XÃ LIÊN KHÊ"), Line("VĂN PHÒNG ĐẢNG ỦY", bold=True)],
        "national": [Line("ĐẢNG CỘNG SẢN VIỆT NAM", bold=True), Line("Liên Khê, 28/11/2026")],
        "subtitle": ["Chi bộ thôn Đông Sơn"],
        "blocks": [
            Table(columns=COLUMNS, rows=rows, total=[None, "Tổng cộng", 1241.75, None, None]),
            Section("Đánh giá chung", ["Các chi bộ sinh hoạt đều đặn, đúng quy định."]),
        ],
        "recipients": ["Nơi nhận:", "- Lưu Văn phòng."],
        "signature": [Line("T/M ĐẢNG ỦY", bold=True), Line("VĂN PHÒNG ĐẢNG ỦY", bold=True)],
        "sheet_title": "Tháng 11/2026",
    }
    fields.update(overrides)
    return Document(**fields)


def _header_row(sheet) -> int:
    return next(row[0].row for row in sheet.iter_rows() if row[0].value == "STT")


def test_the_workbook_reads_back_with_title_block_values_and_formats():
    sheet = load_workbook(io.BytesIO(reports.xlsx_bytes(_document()))).active
    assert sheet.title == "Tháng 11-2026"  # "/" is not allowed in a sheet name
    assert sheet["A1"].value == "ĐẢNG BỘ XÃ LIÊN KHÊ"
    texts = [cell.value for row in sheet.iter_rows() for cell in row if cell.value]
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in texts and "BÁO CÁO THỬ NGHIỆM" in texts
    title = next(c for row in sheet.iter_rows() for c in row if c.value == "BÁO CÁO THỬ NGHIỆM")
    assert title.font.bold
    assert any(  # the title spans every column
        r.min_row == title.row and r.min_col == 1 and r.max_col == len(COLUMNS)
        for r in sheet.merged_cells.ranges
    )
    header = _header_row(sheet)
    assert [c.value for c in sheet[header]] == [c.title for c in COLUMNS]
    assert all(c.font.bold for c in sheet[header])
    assert sheet.freeze_panes == f"A{header + 1}"
    assert sheet.print_title_rows == f"${header}:${header}"

    first = sheet[header + 1]
    assert [c.value for c in first] == [
        1,
        "Chi bộ thôn Đông Sơn",
        1234.5,
        0.9,
        datetime.datetime(2026, 11, 28),
    ]
    assert [c.number_format for c in first] == ["#,##0", "General", "#,##0.0", "0.0%", "dd/mm/yyyy"]
    total = sheet[header + 3]
    assert total[1].value == "Tổng cộng" and total[2].value == 1241.75 and total[1].font.bold
    assert sheet.column_dimensions["B"].width == 28
    assert sheet.page_setup.orientation == "landscape"
    signature = [c.value for row in sheet.iter_rows(min_row=header + 4) for c in row if c.value]
    assert signature[-2:] == ["- Lưu Văn phòng.", "VĂN PHÒNG ĐẢNG ỦY"]


def test_a_further_table_gets_a_sheet_of_its_own_with_its_widths():
    tasks = Table(
        columns=[Column("STT", 5, INTEGER), Column("Vấn đề", 50), Column("Hạn", 12, DATE)],
        rows=[[1, "Giải phóng mặt bằng mở rộng đường trục xã", datetime.date(2026, 12, 31)]],
        heading="Các vấn đề chi bộ nêu",
        sheet_title="Vấn đề",
    )
    document = _document()
    document.blocks = [*document.blocks, tasks]
    workbook = load_workbook(io.BytesIO(reports.xlsx_bytes(document)))
    assert workbook.sheetnames == ["Tháng 11-2026", "Vấn đề"]
    main, other = workbook.worksheets
    assert main.column_dimensions["B"].width == 28  # the main table's, untouched
    assert other["A1"].value == "Các vấn đề chi bộ nêu"
    assert [c.value for c in other[2]] == ["STT", "Vấn đề", "Hạn"]
    assert other.freeze_panes == "A3"
    assert other["B3"].value == "Giải phóng mặt bằng mở rộng đường trục xã"
    assert other["C3"].number_format == "dd/mm/yyyy"
    assert other.column_dimensions["B"].width == 50


def test_text_in_a_workbook_is_never_a_formula():
    sheet = load_workbook(io.BytesIO(reports.xlsx_bytes(_document()))).active
    cell = sheet.cell(row=_header_row(sheet) + 2, column=2)
    assert cell.data_type == "s"
    assert cell.value == '=HYPERLINK("http://x.invalid","bấm")'


def _pdf(document: Document) -> PdfReader:
    with translation.override("vi"):
        return PdfReader(io.BytesIO(reports.pdf_bytes(document)))


def test_the_pdf_shows_vietnamese_numbers_and_dates_in_the_bundled_font():
    reader = _pdf(_document())
    text = "\n".join(page.extract_text() for page in reader.pages)
    for expected in (
        "ĐẢNG BỘ XÃ LIÊN KHÊ",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "BÁO CÁO THỬ NGHIỆM",
        "Chi bộ thôn Đông Sơn",
        "1.234,5",  # Vietnamese grouping and decimal comma
        "90,0%",
        "28/11/2026",
        "1.241,8",
        "Các chi bộ sinh hoạt đều đặn, đúng quy định.",
        "T/M ĐẢNG ỦY",
    ):
        assert expected in text, expected
    resources: list[Any] = [page["/Resources"] for page in reader.pages]
    fonts = {
        str(font.get_object()["/BaseFont"])
        for resource in resources
        for font in resource["/Font"].values()
    }
    assert fonts and all("DejaVuSans" in name for name in fonts)
    assert reader.metadata.title == "BÁO CÁO THỬ NGHIỆM"


def test_the_font_and_its_licence_ship_with_the_code():
    for path in reports.FONT_FILES.values():
        assert path.parent == reports.FONT_DIR and path.stat().st_size > 100_000
        assert path.read_bytes()[:4] == b"\x00\x01\x00\x00"  # a TrueType font
    licence = (reports.FONT_DIR / "LICENSE").read_text()
    assert "Bitstream Vera Fonts Copyright" in licence and "Arev Fonts Copyright" in licence


def test_a_long_table_repeats_its_header_on_every_page():
    rows = [[n, f"Chi bộ số {n}", n * 10, 0.5, None] for n in range(1, 121)]
    reader = _pdf(_document(rows=rows))
    assert len(reader.pages) >= 3
    for page in reader.pages[:-1]:
        assert "Đơn vị" in page.extract_text()
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Chi bộ số 120" in text and "1.200,0" in text


def test_the_place_and_date_line_pads_the_day_and_early_months():
    with translation.override("en"):
        assert reports.dated("Liên Khê", datetime.date(2026, 2, 5)) == "Liên Khê, 05/02/2026"
        assert reports.dated("Liên Khê", datetime.date(2026, 3, 5)) == "Liên Khê, 05/3/2026"
        assert reports.dated("Liên Khê", datetime.date(2026, 11, 28)) == "Liên Khê, 28/11/2026"


def test_numbers_in_vietnamese_style():
    with translation.override("vi"):
        assert reports.number(1234567) == "1.234.567"
        assert reports.number(112.5, 1) == "112,5"
        assert reports.percent(0.875) == "87,5%"
        assert reports.percent(None) == ""


def test_only_the_two_formats_render():
    assert reports.render(_document(), "pdf").startswith(b"%PDF")
    assert reports.render(_document(), "xlsx").startswith(b"PK")
    with pytest.raises(ValueError):
        reports.render(_document(), "csv")


def test_a_download_is_an_attachment_with_its_name():
    response = reports.attachment(b"%PDF-1.4", "pdf", "bao-cao-chi-bo-2026-11.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="bao-cao-chi-bo-2026-11.pdf"'
    assert response.content == b"%PDF-1.4"
