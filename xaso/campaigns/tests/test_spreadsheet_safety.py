"""A household named like a formula (`=1+1`, `=HYPERLINK(…)`, `+1`, `-1`, `@x`) is exported to
Excel and to CSV as text that never runs, reads back exactly, and imports back unchanged; and
numbers typed in a campaign's workbook read as they do in a New Rural one."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import Workbook, load_workbook

from xaso.core.tests.test_workbook import TYPED_NUMBERS
from xaso.core.workbook import cell_number, read_csv

from .. import spreadsheet
from ..models import Household
from .test_spreadsheet import _build_world, fill, heading, row, save, vi

pytestmark = pytest.mark.django_db

NAMES = ["=1+1", '=HYPERLINK("http://x","y")', "+1", "-1", "@x"]

# Made once for the module's consecutive tests, a copy for each (xaso/conftest.py).
SHARED_WORLD = _build_world


@pytest.fixture
def world(shared_world):
    return shared_world


def households(world):
    return Household.objects.filter(campaign=world.campaign)


def test_a_household_named_like_a_formula_is_exported_as_text_and_reads_back_exactly(world):
    rows = [row(f"H{n}", head_name=name) for n, name in enumerate(NAMES, start=1)]
    result = spreadsheet.import_households(
        user=world.lead, campaign=world.campaign, file=fill(world.campaign, rows)
    )
    assert result.errors == [] and result.created == len(NAMES)
    expected = {f"H{n}": name for n, name in enumerate(NAMES, start=1)}
    assert dict(households(world).values_list("code", "head_name")) == expected

    # Excel: a text cell (never a formula, Excel's quote prefix on), the name exactly.
    content = spreadsheet.export_households(world.campaign, households=households(world))
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    headings = [cell.value for cell in sheet[1]]
    name_at = headings.index(heading("head_name"))
    cells = {line[0].value: line[name_at] for line in sheet.iter_rows(min_row=2)}
    for code, name in expected.items():
        cell = cells[code]
        assert (cell.value, cell.data_type, cell.quotePrefix) == (name, "s", True)
    assert cells["H1"].value == "=1+1"

    # CSV: a ' before what would start a formula (OWASP); read back, the name exactly.
    content_csv = spreadsheet.export_households_csv(world.campaign, households=households(world))
    raw = list(csv.reader(io.StringIO(content_csv.decode("utf-8-sig"))))
    assert raw[0] == [vi(c.label) for c in (*spreadsheet.COLUMNS, *spreadsheet.EXPORT_COLUMNS)]
    by_code = {line[0]: line[name_at] for line in raw[1:]}
    assert by_code["H1"] == "'=1+1" and by_code["H5"] == "'@x" and by_code["H4"] == "-1"
    back = read_csv(content_csv, max_bytes=spreadsheet.MAX_BYTES)
    assert {line[0]: line[name_at] for line in back[1:]} == expected

    # The Excel export imported again: nothing changes, the names stay as they were.
    again = spreadsheet.import_households(user=world.lead, campaign=world.campaign, file=content)
    assert (again.created, again.updated, again.unchanged, again.errors) == (0, 0, 5, [])
    assert dict(households(world).values_list("code", "head_name")) == expected


def test_an_older_export_with_a_leading_apostrophe_imports_the_name_without_it(world):
    spreadsheet.import_households(
        user=world.lead, campaign=world.campaign, file=fill(world.campaign, [row("H1")])
    )
    workbook = load_workbook(
        io.BytesIO(spreadsheet.export_households(world.campaign, households=households(world)))
    )
    sheet = workbook.worksheets[0]
    name_at = [cell.value for cell in sheet[1]].index(heading("head_name")) + 1
    sheet.cell(row=2, column=name_at, value="'=1+1")  # as exports used to write it
    result = spreadsheet.import_households(
        user=world.lead, campaign=world.campaign, file=save(workbook)
    )
    assert (result.updated, result.errors) == (1, [])
    assert households(world).get().head_name == "=1+1"


@pytest.mark.parametrize("typed, expected", TYPED_NUMBERS)
def test_numbers_read_as_in_the_new_rural_workbook(world, typed, expected):
    """An area typed in a campaign's workbook reads as the engine reads it
    (`xaso.core.workbook.cell_number`), as a threshold does in a criteria-set workbook
    (`xaso.ntm.tests.test_spreadsheet_numbers`)."""
    assert cell_number(typed) == expected
    workbook = Workbook()
    sheet = workbook.active
    keys = ["code", "segment", "hamlet", "head_name", "area_needed", "strip_length"]
    sheet.append([heading(key) for key in [*keys, "strip_width"]])
    sheet.append(["H1", "D1", "Thôn Đông", "Lê Văn Tám", typed, 1, 1])
    result = spreadsheet.import_households(
        user=world.lead, campaign=world.campaign, file=save(workbook)
    )
    assert result.errors == []
    assert households(world).get(code="H1").area_needed == expected


def test_the_lead_downloads_households_as_csv_from_the_admin_and_names_stay_text(client, world):
    """The admin's CSV export: the same safety end to end, audited as a personal-data export,
    another commune's campaign not found."""
    from django.urls import reverse
    from wagtail.models import ModelLogEntry

    from xaso.campaigns.tests.factories import make_campaign
    from xaso.communes.tests.factories import make_commune

    rows = [row(f"H{n}", head_name=name) for n, name in enumerate(NAMES, start=1)]
    spreadsheet.import_households(
        user=world.lead, campaign=world.campaign, file=fill(world.campaign, rows)
    )
    client.force_login(world.lead)
    url = reverse("campaigns_export_csv", args=[world.campaign.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert (
        response["Content-Disposition"].startswith("attachment")
        and ".csv" in response["Content-Disposition"]
    )
    lines = read_csv(response.content, max_bytes=spreadsheet.MAX_BYTES)
    name_at = lines[0].index(heading("head_name"))
    assert {line[0]: line[name_at] for line in lines[1:]} == {
        f"H{n}": name for n, name in enumerate(NAMES, start=1)
    }
    raw = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert {line[0]: line[name_at] for line in raw[1:]}["H1"] == "'=1+1"
    entry = ModelLogEntry.objects.filter(action="xaso.personal_data_export").latest("pk")
    assert (entry.user_id, entry.data["format"], entry.data["rows"]) == (
        world.lead.pk,
        "csv",
        len(NAMES),
    )

    far = make_campaign(commune=make_commune(name="Lưu Kiếm"))
    assert client.get(reverse("campaigns_export_csv", args=[far.pk])).status_code == 404
