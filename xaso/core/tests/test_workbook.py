"""The workbook engine: files opened within limits, cells read the same way everywhere, every
problem collected with where it is, and xlsx and CSV cells that show text and never run it —
a name `=1+1` written out reads back as `=1+1`."""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from decimal import Decimal

import pytest
from django.utils import translation
from openpyxl import Workbook, load_workbook

from xaso.core import workbook as engine
from xaso.core.cells import BOM
from xaso.core.text import fold
from xaso.core.workbook import (
    Limits,
    Problem,
    Problems,
    WorkbookInvalid,
    cell_date,
    cell_number,
    cell_text,
    csv_bytes,
    open_workbook,
    read_csv,
)
from xaso.testing.samples import TYPED_NUMBERS

HOSTILE = [
    "=1+1",
    '=HYPERLINK("http://x","y")',
    "+1",
    "-1",
    "-1+2",
    "@x",
    "\t=1+1",
    "\r=1+1",
    "＝1",
]
# Typed in any workbook of the portal, read as the same number (campaigns and ntm test it too).
LIMITS = Limits(max_bytes=200_000, max_unpacked_bytes=2_000_000, max_members=50)


def xlsx(rows):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    return engine.save(workbook)


# Numbers ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("150.000", Decimal(150000)),  # thousands, the Vietnamese way
        ("150,000", Decimal(150000)),  # and the English way
        ("1.500.000", Decimal(1500000)),
        ("1,500,000", Decimal(1500000)),
        ("1.234,5", Decimal("1234.5")),
        ("1,234.5", Decimal("1234.5")),
        ("-1.234,5", Decimal("-1234.5")),
        ("89,5", Decimal("89.5")),
        ("89.5", Decimal("89.5")),
        ("1234,5", Decimal("1234.5")),
        ("0,125", Decimal("0.125")),  # a lone 0 is never thousands
        ("12 %", Decimal(12)),  # the number as written, not 0.12
        ("12%", Decimal(12)),
        ("92,5 %", Decimal("92.5")),
        (" 1 234 ", Decimal(1234)),
        ("1\u00a0234,5", Decimal("1234.5")),
        ("'150.000", Decimal(150000)),
        (42, Decimal(42)),
        (2.5, Decimal("2.5")),
        (0.1 + 0.2, Decimal("0.30000000000000004")),
        (Decimal("7.25"), Decimal("7.25")),
        (None, None),
        ("", None),
        ("   ", None),
    ],
)
def test_numbers_read_the_same_everywhere(raw, expected):
    assert cell_number(raw) == expected


@pytest.mark.parametrize("raw, expected", TYPED_NUMBERS)
def test_the_numbers_every_app_reads_alike(raw, expected):
    assert cell_number(raw) == expected


@pytest.mark.parametrize(
    "raw", ["nhiều", "1.2.3", "12.34,5", "1,2,3", "1e5", "NaN", "inf", "--1", "=1+1", True]
)
def test_what_is_not_a_number_is_refused(raw):
    with pytest.raises(ValueError):
        cell_number(raw)


def test_a_column_that_is_never_thousands_keeps_its_decimals():
    assert cell_number("106.665", grouping=False) == Decimal("106.665")
    assert cell_number("106,665", grouping=False) == Decimal("106.665")
    assert cell_number("106.665") == Decimal(106665)


def test_a_cell_formatted_as_a_percentage_is_scaled_to_the_number_written():
    assert engine.percent_cell(Decimal("0.12"), "0%") == Decimal(12)
    assert engine.percent_cell(Decimal(12), "General") == Decimal(12)


# Text, dates, yes and no --------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("  Nguyễn   Văn  A ", "Nguyễn Văn A"),
        ("Nguye\u0302\u0303n", "Nguyễn"),  # decomposed → NFC
        ("NguyÔn V¨n Hïng", "Nguyễn Văn Hùng"),  # TCVN3
        ("'=1+1", "=1+1"),  # the protection an export adds, taken off
        ("'+1", "+1"),
        ("'@x", "@x"),
        ("'\t=1+1", "=1+1"),
        ("'Tôi", "'Tôi"),  # an apostrophe that protects nothing stays
        ("=1+1", "=1+1"),
        (12.0, "12"),
        (12.5, "12.5"),
        (datetime.date(2026, 11, 28), "28/11/2026"),
        (None, ""),
    ],
)
def test_text_is_read_normalised(raw, expected):
    assert cell_text(raw) == expected


def test_text_keeps_its_lines_where_asked():
    assert cell_text(" a  b \n c ", lines=True) == "a b\nc"
    assert cell_text(" a  b \n c ") == "a b c"


def test_yes_and_no_in_vietnamese_or_english():
    with translation.override("vi"):
        answers = engine.yes_no_lookup()
    for text, expected in (("Có", True), ("co", True), ("x", True), ("No", False), ("", False)):
        assert answers[fold(text)] is expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("28/11/2026", datetime.date(2026, 11, 28)),
        ("28-11-2026", datetime.date(2026, 11, 28)),
        ("28.11.2026", datetime.date(2026, 11, 28)),
        ("2026-11-28", datetime.date(2026, 11, 28)),
        (" 1/2/2027 ", datetime.date(2027, 2, 1)),
        (datetime.datetime(2026, 11, 28, 9, 30), datetime.date(2026, 11, 28)),
        (datetime.date(2026, 11, 28), datetime.date(2026, 11, 28)),
        (46354, datetime.date(2026, 11, 28)),  # an Excel day number
        (None, None),
        ("", None),
    ],
)
def test_days(raw, expected):
    assert cell_date(raw) == expected


@pytest.mark.parametrize("raw", ["31/02/2026", "28/13/2026", "hôm qua", "2026", -5, True])
def test_what_is_not_a_day_is_refused(raw):
    with pytest.raises(ValueError):
        cell_date(raw)


def test_an_excel_date_cell_reads_as_its_day():
    sheet = open_workbook(xlsx([[datetime.datetime(2026, 11, 28)]]), LIMITS).active
    (value,) = next(sheet.iter_rows(values_only=True))
    assert cell_date(value) == datetime.date(2026, 11, 28)


# Opening --------------------------------------------------------------------------------------


def refused(file, limits=LIMITS):
    with pytest.raises(WorkbookInvalid) as caught:
        open_workbook(file, limits)
    return caught.value


def test_a_workbook_opens_read_only_with_values():
    workbook = open_workbook(xlsx([["Mã hộ", "Số"], ["H1", 2]]), LIMITS)
    try:
        assert list(workbook.active.iter_rows(values_only=True)) == [("Mã hộ", "Số"), ("H1", 2)]
    finally:
        workbook.close()


def test_what_is_not_a_workbook_is_refused():
    not_xlsx = refused(b"Ma ho,Chu ho\nH1,A\n")
    assert not_xlsx.code == "not_xlsx" and len(not_xlsx.problems) == 1
    for content in (b"", b"PK\x03\x04garbage", xlsx([["a"]])[:300]):
        assert refused(content).code == "not_xlsx"
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as handle:
        handle.writestr("word/document.xml", "<w:document/>")
    assert refused(archive.getvalue()).code == "not_xlsx"


def test_too_big_a_file_a_zip_bomb_and_too_many_parts_are_refused_unopened():
    assert refused(b"PK" + b"\0" * LIMITS.max_bytes).code == "too_big"
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (LIMITS.max_unpacked_bytes + 1))
    assert len(bomb.getvalue()) < LIMITS.max_bytes
    assert refused(bomb.getvalue()).code == "too_big"
    parts = io.BytesIO()
    with zipfile.ZipFile(parts, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        for n in range(LIMITS.max_members):
            archive.writestr(f"xl/media/{n}.bin", b"")
    assert refused(parts.getvalue()).code == "too_big"


# Problems --------------------------------------------------------------------------------------


def test_problems_are_collected_and_sorted_with_where_they_are():
    problems = Problems()
    problems.add(Problem(5, "Chủ hộ", "thiếu"), (0, 5, 3))
    problems.add(Problem(None, "", "Tệp hỏng"), (0, 0, -1))
    problems.add(Problem(2, "", "trùng", "D1"), (0, 2, 0))
    assert len(problems) == 3 and problems
    assert [p.row for p in problems.sorted()] == [None, 2, 5]
    with translation.override("en"):
        assert problems.messages() == [
            "Tệp hỏng",
            "Sheet “D1”, row 2: trùng",
            "Row 5, column “Chủ hộ”: thiếu",
        ]
        assert str(Problem(3, "A", "x", "S")) == "Sheet “S”, row 3, column “A”: x"
        assert str(Problem(None, "", "x", "S")) == "Sheet “S”: x"
        assert str(Problem(4, "", "x")) == "Row 4: x"
    invalid = problems.invalid()
    assert invalid.problems == problems.sorted() and len(invalid.messages) == 3
    assert not Problems()


# Writing: never a formula, and read back as written --------------------------------------------


def test_xlsx_text_is_a_text_cell_and_reads_back_exactly():
    workbook = Workbook()
    sheet = workbook.active
    for row, text in enumerate(HOSTILE, start=1):
        engine.put(sheet, row, 1, text)
    engine.put(sheet, len(HOSTILE) + 1, 1, Decimal("-1234.5"), "#,##0.0")
    engine.put(sheet, len(HOSTILE) + 2, 1, "Đường trục xã")
    content = engine.save(workbook)
    assert b"<f>" not in zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml")
    cells = [row[0] for row in load_workbook(io.BytesIO(content)).active.iter_rows()]
    for cell, text in zip(cells, HOSTILE, strict=False):
        written = text.replace("\r", "\n")  # XML keeps no carriage return
        assert (cell.value, cell.data_type, cell.quotePrefix) == (written, "s", True)
    number = cells[len(HOSTILE)]
    assert (number.value, number.data_type, number.number_format) == (-1234.5, "n", "#,##0.0")
    assert (cells[-1].value, cells[-1].quotePrefix) == ("Đường trục xã", False)
    read = open_workbook(content, LIMITS)
    values = [row[0] for row in read.active.iter_rows(values_only=True)]
    read.close()
    assert [cell_text(value) for value in values[: len(HOSTILE)]] == [
        cell_text(text) for text in HOSTILE
    ]
    assert values[0] == "=1+1"


def test_csv_cells_are_defused_and_read_back_as_written():
    day = datetime.date(2026, 11, 28)
    rows = [
        ["Chủ hộ", "Số", "Ngày"],
        *[[text, -3, day] for text in HOSTILE],
        ["Lê Thị Hoa", Decimal("1234.5"), None],
        ["Số 3 dấu", Decimal("1.125"), True],
        ["Tròn", Decimal("150.000"), 2.5],
    ]
    content = csv_bytes(rows)
    assert content.startswith(BOM.encode("utf-8"))
    raw = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert [line[0] for line in raw[1:4]] == ["'=1+1", "'" + HOSTILE[1], "'+1"]
    assert raw[4][0] == "-1"  # a plain negative number is written as it is
    assert all(line[0].startswith("'") for line in raw[1 : len(HOSTILE) + 1] if line[0] != "-1")
    assert raw[1][1:] == ["-3", "28/11/2026"]  # a negative number is not a formula
    back = read_csv(content, max_bytes=10_000)
    assert [line[0] for line in back[1 : len(HOSTILE) + 1]] == HOSTILE
    assert [cell_number(line[1]) for line in back[-3:]] == [
        Decimal("1234.5"),
        Decimal("1.125"),  # written 1.1250, never mistaken for thousands
        Decimal(150),
    ]
    assert cell_date(back[1][2]) == day


def test_a_csv_file_too_big_or_not_utf8_is_refused():
    with pytest.raises(WorkbookInvalid) as caught:
        read_csv(b"a" * 11, max_bytes=10)
    assert caught.value.code == "too_big"
    with pytest.raises(WorkbookInvalid) as caught:
        read_csv("Nguyễn".encode("utf-16"), max_bytes=100)
    assert caught.value.code == "not_csv"
