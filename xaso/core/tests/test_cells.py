"""Exported spreadsheets show what people typed and never run it: CSV cells that would start a
formula get a leading ', Excel cells are text; CSV starts with a byte order mark so Excel reads
Vietnamese; negative numbers stay numbers."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import Workbook, load_workbook

from xaso.accounts.choices import Role
from xaso.accounts.tests.factories import make_staff
from xaso.core import reports
from xaso.core.cells import BOM, csv_cell, defuse, xlsx_put
from xaso.portal.tests.factories import make_article

ATTACK = '=HYPERLINK("http://x","y")'


@pytest.mark.parametrize(
    "text, expected",
    [
        (ATTACK, "'" + ATTACK),
        ("+84 912 345 678", "'+84 912 345 678"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("＝1+1", "'＝1+1"),  # full-width equals sign
        ("-12", "-12"),  # a plain negative number is not a formula
        ("-1.234,5", "-1.234,5"),
        ("-12 m²", "'-12 m²"),
        ("Đường trục xã = 5 km", "Đường trục xã = 5 km"),
        ("", ""),
    ],
)
def test_text_that_would_start_a_formula_is_defused(text, expected):
    assert defuse(text) == expected


def test_numbers_stay_numbers():
    from decimal import Decimal

    for number in (-5, -2.5, Decimal("-1.5"), 0):
        assert csv_cell(number) == number


def test_an_excel_cell_is_text_whatever_the_text_starts_with():
    sheet = Workbook().active
    assert xlsx_put(sheet.cell(row=1, column=1), ATTACK).data_type == "s"
    assert xlsx_put(sheet.cell(row=2, column=1), "bad\x01char").value == "badchar"
    assert xlsx_put(sheet.cell(row=3, column=1), -3).data_type == "n"


def _csv(response) -> tuple[bytes, list[list[str]]]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    raw = b"".join(response.streaming_content)
    return raw, list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def _xlsx_cells(response):
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    return [cell for row in sheet.iter_rows() for cell in row]


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/admin/audit-log/", "/admin/reports/site-history/"])
def test_the_audit_log_and_site_history_exports_are_safe(
    client, commune, category, django_user_model, url
):
    make_article(category=category, title=ATTACK, slug="lien-ket")
    make_article(category=category, title="Hiến đất làm đường", slug="hien-dat")
    if "audit-log" in url:  # the commune's auditor
        client.force_login(make_staff(commune=commune, role=Role.AUDITOR))
    else:
        client.force_login(django_user_model.objects.create_superuser("tinh", "t@x.vn", "m-k-dai"))

    raw, rows = _csv(client.get(url + "?export=csv"))
    assert raw.startswith(BOM.encode("utf-8"))  # Excel reads the file as UTF-8
    cells = [cell for row in rows for cell in row]
    assert "'" + ATTACK in cells and ATTACK not in cells
    assert "Hiến đất làm đường" in cells  # Vietnamese intact, not defused

    cells = _xlsx_cells(client.get(url + "?export=xlsx"))
    attack = [cell for cell in cells if cell.value and ATTACK in str(cell.value)]
    assert attack and all(cell.data_type == "s" for cell in attack)  # text, not a formula


def test_the_reports_write_text_cells():
    document = reports.Document(
        title="Báo cáo",
        blocks=[
            reports.Table(
                columns=[reports.Column("Nội dung"), reports.Column("Số", kind=reports.INTEGER)],
                rows=[[ATTACK, -3]],
            )
        ],
    )
    sheet = load_workbook(io.BytesIO(reports.xlsx_bytes(document))).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert [c.data_type for c in cells if c.value == ATTACK] == ["s"]
    assert [c.value for c in cells if c.data_type == "n" and c.value is not None] == [-3]


@pytest.mark.django_db
def test_a_listing_that_exports_no_column_answers_with_the_listing(client, commune):
    """Wagtail answered `?export=csv` on every listing, even one that exports no column, with a
    file of empty rows (one per record)."""
    client.force_login(make_staff(commune=commune, role=Role.ADMINISTRATOR))
    for url in ("/admin/users/", "/admin/official/", "/admin/draftcomment/"):
        for fmt in ("csv", "xlsx"):
            response = client.get(f"{url}?export={fmt}")
            assert response.status_code == 200
            assert response["Content-Type"].startswith("text/html"), url
