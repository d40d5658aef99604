"""A campaign's households as workbooks: the template filled in imports; a file with errors writes
nothing and names every error with its row and column; the same file twice changes nothing the
second time; an export imports back unchanged; Vietnamese numbers and labels without accents
are read; hostile files are refused or kept as plain text; 5,000 rows import in a few queries;
the admin pages for the campaign's lead, refused to others."""

from __future__ import annotations

import csv
import io
import sys
import types
import zipfile
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.contrib.contenttypes.models import ContentType
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.http import HttpResponse
from django.template.defaultfilters import filesizeformat
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, include, path, reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.utils import quote_sheetname
from wagtail.models import ModelLogEntry

from xaso import urls as project_urls
from xaso.accounts.choices import Role
from xaso.accounts.tests.factories import make_staff
from xaso.core.text import fold
from xaso.core.workbook import cell_number, read_csv
from xaso.party.tests.factories import make_cell, make_official
from xaso.testing.samples import TYPED_NUMBERS

from .. import services, spreadsheet
from ..choices import LandType, Side, Status, SupportKind
from ..models import Household, Visit
from ..spreadsheet import BY_KEY, COLUMNS, EXPORT_COLUMNS, GUIDE_LABEL, SHEET_LABEL
from ..views import workbooks as spreadsheet_views
from .factories import make_campaign, make_hamlet, make_household, make_segment

pytestmark = pytest.mark.django_db

XLSX = spreadsheet.CONTENT_TYPE

# The admin routes, for a tree whose admin hooks do not register them (yet).
_urls = types.ModuleType("xaso_campaigns_spreadsheet_test_urls")
sys.modules[_urls.__name__] = _urls


def _households_stand_in(request):
    return HttpResponse("")


@pytest.fixture(autouse=True)
def _routes(settings):
    def missing(name, args):
        try:
            reverse(name, args=args)
        except NoReverseMatch:
            return True
        return False

    mine = any(
        missing(name, [1])
        for name in ("campaigns_import", "campaigns_template", "campaigns_export")
    )
    households = missing("campaigns_households:index", [])
    if not (mine or households):
        return
    patterns = []
    if mine:
        patterns.append(path("admin/", include(spreadsheet_views.urlpatterns)))
    if households:
        stand_in = [path("", _households_stand_in, name="index")]
        patterns.append(
            path("admin/campaigns/households/", include((stand_in, "campaigns_households")))
        )
    _urls.urlpatterns = [*patterns, *project_urls.urlpatterns]
    settings.ROOT_URLCONF = _urls.__name__


def _build_world(commune):
    campaign = make_campaign(commune=commune)
    east = make_hamlet(commune=commune, name="Thôn Đông")
    west = make_hamlet(commune=commune, name="Thôn Đoài")
    d1 = make_segment(campaign=campaign, code="D1", name="Cầu Trắng – Chợ Xã", hamlets=[east])
    d2 = make_segment(campaign=campaign, code="D2", name="Chợ Xã – Trường Tiểu học", hamlets=[west])
    return SimpleNamespace(
        commune=commune,
        campaign=campaign,
        east=east,
        west=west,
        d1=d1,
        d2=d2,
        official=make_official(commune=commune, full_name="Trần Thị Lan"),
        cell=make_cell(commune=commune, code="CB01", name="Chi bộ thôn Đông", hamlet=east),
        lead=make_staff(commune=commune, role=Role.CAMPAIGN_LEAD),
    )


# Made once for the module's consecutive tests, a copy for each (xaso/conftest.py).
SHARED_WORLD = _build_world


@pytest.fixture
def world(shared_world):
    return shared_world


# Helpers ---------------------------------------------------------------------------------------


def vi(text):
    with translation.override("vi"):
        return str(text)


def heading(key):
    return vi(BY_KEY[key].label)


def export_heading(key):
    return vi(next(column.label for column in EXPORT_COLUMNS if column.key == key))


def save(workbook):
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def fill(campaign, rows):
    """The campaign's template with `rows` (dicts by column key) under its headings."""
    workbook = load_workbook(io.BytesIO(spreadsheet.template_workbook(campaign)))
    sheet = workbook[vi(SHEET_LABEL)]
    position = {column.key: index for index, column in enumerate(COLUMNS, start=1)}
    for number, row in enumerate(rows, start=2):
        for key, value in row.items():
            cell = sheet.cell(row=number, column=position[key], value=value)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # text, as Excel keeps it when typed after a '
    return save(workbook)


def row(code, **fields):
    values = {
        "code": code,
        "segment": "D1",
        "hamlet": "Thôn Đông",
        "head_name": f"Nguyễn Văn {code}",
        "area_needed": 20,
        "strip_length": 10,
        "strip_width": 2,
    }
    return {**values, **fields}


def household_entries():
    content_type = ContentType.objects.get_for_model(Household)
    return ModelLogEntry.objects.filter(content_type=content_type)


def snapshot(campaign):
    """Every stored value of the campaign's households, `updated_at` included."""
    return list(Household.objects.filter(campaign=campaign).order_by("code").values())


def imported(world, rows, user=None):
    return spreadsheet.import_households(
        user=user or world.lead, campaign=world.campaign, file=fill(world.campaign, rows)
    )


def where(result):
    return [(problem.row, problem.column) for problem in result.errors]


def messages_of(result):
    return [str(problem) for problem in result.errors]


# The template ----------------------------------------------------------------------------------


def test_the_template_is_in_vietnamese_with_drop_downs_and_the_campaigns_lists(world):
    make_official(commune=world.commune, full_name="Trần Thị Lan", position="Phó Chủ tịch")
    workbook = load_workbook(io.BytesIO(spreadsheet.template_workbook(world.campaign)))
    assert workbook.sheetnames == [vi(SHEET_LABEL), vi(GUIDE_LABEL)]
    sheet = workbook[vi(SHEET_LABEL)]
    assert [cell.value for cell in sheet[1]] == [heading(column.key) for column in COLUMNS]
    assert sheet.max_row == 1  # no example row that would be imported by mistake
    formulas = {
        str(v.sqref).split(":")[0][:-1]: v.formula1 for v in sheet.data_validations.dataValidation
    }
    letter = {
        column.key: sheet.cell(row=1, column=i).column_letter for i, column in enumerate(COLUMNS, 1)
    }
    assert formulas[letter["side"]] == '"{}"'.format(
        ",".join([vi(Side.LEFT.label), vi(Side.RIGHT.label)])
    )
    assert vi(LandType.RESIDENTIAL.label) in formulas[letter["land_type"]]
    assert formulas[letter["honour_consent"]] == f'"{vi(_("Yes"))},{vi(_("No"))}"'
    for key in ("segment", "hamlet", "official", "cell"):
        assert formulas[letter[key]].startswith(f"{quote_sheetname(vi(GUIDE_LABEL))}!$A$")
    guide = [
        cell for line in workbook[vi(GUIDE_LABEL)].iter_rows(values_only=True) for cell in line
    ]
    for expected in ("D1", "Cầu Trắng – Chợ Xã", "D2", "Thôn Đông", "Thôn Đoài", "CB01"):
        assert expected in guide
    # Two officials share a name: each is written with their position.
    assert "Trần Thị Lan – Phó Chủ tịch" in guide and "Trần Thị Lan – Công chức" in guide
    assert all(heading(column.key) in guide for column in COLUMNS)


def test_the_template_filled_in_imports_every_field(world):
    rows = [
        row(
            "H0001",
            head_name="Nguyễn Văn Hùng",
            address="Số 12, đường trục xã",
            phone="0912345678",
            parcel_ref="Tờ 12, thửa 345",
            side=vi(Side.LEFT.label),
            land_type=vi(LandType.RESIDENTIAL.label),
            area_needed=25.5,
            area_donated=0,
            strip_length=12.25,
            strip_width=2.1,
            wall_m=12,
            gates=1,
            trees=3,
            other_structures="Mái che tôn",
            support_kind=vi(SupportKind.CASH.label),
            support_amount=2_500_000,
            official="Trần Thị Lan",
            cell="CB01",
            honour_consent=vi(_("Yes")),
            latitude=20.930512,
            longitude=106.665034,
        ),
        row("H0002", segment="D2", hamlet="Thôn Đoài", head_name="Lê Thị Hoa"),
    ]
    result = imported(world, rows)
    assert (result.created, result.updated, result.unchanged, result.errors) == (2, 0, 0, [])
    first = Household.objects.get(campaign=world.campaign, code="H0001")
    assert (first.segment, first.hamlet, first.official, first.cell) == (
        world.d1,
        world.east,
        world.official,
        world.cell,
    )
    assert (first.head_name, first.address, first.phone, first.parcel_ref) == (
        "Nguyễn Văn Hùng",
        "Số 12, đường trục xã",
        "0912345678",
        "Tờ 12, thửa 345",
    )
    assert (first.side, first.land_type, first.support_kind) == (
        Side.LEFT,
        LandType.RESIDENTIAL,
        SupportKind.CASH,
    )
    assert (first.area_needed, first.area_donated, first.strip_length, first.strip_width) == (
        Decimal("25.5"),
        Decimal(0),
        Decimal("12.25"),
        Decimal("2.1"),
    )
    assert (first.wall_m, first.gates, first.trees, first.support_amount) == (12, 1, 3, 2_500_000)
    assert first.other_structures == "Mái che tôn"
    assert first.honour_consent is True and first.honour_consent_on is not None
    assert (first.latitude, first.longitude) == (Decimal("20.930512"), Decimal("106.665034"))
    assert first.status == Status.NOT_CONTACTED and first.commune == world.commune
    second = Household.objects.get(campaign=world.campaign, code="H0002")
    assert (second.segment, second.hamlet, second.head_name) == (world.d2, world.west, "Lê Thị Hoa")
    # Blank optional cells: the model's defaults.
    assert (second.official, second.cell, second.honour_consent, second.support_kind) == (
        None,
        None,
        False,
        SupportKind.NONE,
    )
    entries = household_entries().filter(object_id__in=[str(first.pk), str(second.pk)])
    assert sorted(entries.values_list("action", flat=True)) == ["wagtail.create"] * 2
    assert {entry.user_id for entry in entries} == {world.lead.pk}
    assert all(entry.data["commune"] == world.commune.pk for entry in entries)
    assert len({entry.uuid for entry in entries}) == 1  # one import, one action


def test_vietnamese_numbers_folded_labels_moved_columns_and_legacy_text_are_read(world):
    make_official(commune=world.commune, full_name="Vũ Đức Long")
    workbook = Workbook()
    sheet = workbook.active
    # Headings in another order, in capitals or without accents, without their unit.
    sheet.append(
        [
            fold(heading("head_name")),
            heading("code").upper(),
            heading("segment"),
            fold(heading("hamlet")).upper(),
            heading("area_needed").replace("(m²)", "").strip(),
            fold(heading("strip_length")),
            heading("strip_width"),
            heading("land_type"),
            heading("side"),
            heading("support_kind"),
        ]
    )
    sheet.append(
        [
            "NguyÔn V¨n Hïng",
            "H1",
            "d1",
            "THON DONG",
            "1.234,5",
            "12,25",
            "2.5",
            "dat o",
            "PHAI",
            "tien mat",
        ]
    )
    sheet.append(
        [
            "Lª ThÞ Hoa",
            "H2",
            "Cầu Trắng – Chợ Xã",
            "thôn đoài",
            20,
            10.5,
            "1,234.5",
            "garden",
            "left",
            "in_kind",
        ]
    )
    # A second sheet, its headings in English.
    english = workbook.create_sheet("Khác")
    keys = ["code", "segment", "hamlet", "head_name", "area_needed", "strip_length", "strip_width"]
    keys += ["support_amount", "support_kind", "official", "phone"]
    with translation.override("en"):
        english.append([str(BY_KEY[key].label) for key in keys])
    english.append(
        [
            "H3",
            "D2",
            "Thôn Đoài",
            "Ngô Trọng Hùng",
            "0,5",
            1,
            1,
            "1.500.000",
            "Tiền mặt",
            "vu duc long",
            912345678,
        ]
    )
    english.append(["H4", "D2", "Thôn Đoài", "Lê Văn Tám", 3, 1, 1, "150.000", "cash", "", ""])
    result = spreadsheet.import_households(
        user=world.lead, campaign=world.campaign, file=save(workbook)
    )
    assert result.errors == [] and result.created == 4
    households = {h.code: h for h in Household.objects.filter(campaign=world.campaign)}
    h1, h2, h3, h4 = (households[code] for code in ("H1", "H2", "H3", "H4"))
    assert h1.head_name == "Nguyễn Văn Hùng" and h2.head_name == "Lê Thị Hoa"  # TCVN3 converted
    assert (h1.segment, h1.hamlet, h2.segment, h2.hamlet) == (
        world.d1,
        world.east,
        world.d1,
        world.west,
    )
    assert (h1.area_needed, h1.strip_length, h1.strip_width) == (
        Decimal("1234.5"),
        Decimal("12.25"),
        Decimal("2.5"),
    )
    assert (h2.area_needed, h2.strip_length, h2.strip_width) == (
        Decimal(20),
        Decimal("10.5"),
        Decimal("1234.5"),
    )
    assert (h1.land_type, h1.side, h1.support_kind) == (
        LandType.RESIDENTIAL,
        Side.RIGHT,
        SupportKind.CASH,
    )
    assert (h2.land_type, h2.side, h2.support_kind) == (
        LandType.GARDEN,
        Side.LEFT,
        SupportKind.IN_KIND,
    )
    assert (h3.area_needed, h3.support_kind, h3.support_amount) == (
        Decimal("0.5"),
        SupportKind.CASH,
        1_500_000,
    )
    assert h4.support_amount == 150_000  # thousands grouped by a lone dot in a whole number
    assert h3.official.full_name == "Vũ Đức Long"
    assert h3.phone == "0912345678"  # typed as a number, its leading 0 restored


# A file with errors ---------------------------------------------------------------------------


def test_a_file_with_errors_writes_nothing_and_reports_each_error_with_its_row(world):
    known = make_household(segment=world.d1, hamlet=world.east, code="H0", head_name="Cũ")
    before, entries = snapshot(world.campaign), household_entries().count()
    rows = [
        row("H1"),  # 2: good
        row("H2", segment="D9"),  # 3
        row("H3", hamlet="Thôn Bắc", area_needed="nhiều"),  # 4: two errors
        row("H4", head_name=""),  # 5
        row("H1"),  # 6: the code of row 2 again
        row("H6", official="Người Lạ"),  # 7
        row("H7", cell="CB99"),  # 8
        row("H8", side="Giữa"),  # 9
        row("H9", support_amount=500_000),  # 10: cash, without cash support
        row("H10", latitude=20.93),  # 11: without the longitude
        row("H11", area_needed=-5),  # 12
        row("H12", gates="2,5"),  # 13
        row("H13", honour_consent="có lẽ"),  # 14
        row("X" * 31),  # 15
        row("H15", strip_width=1.234),  # 16
        row("H16", area_donated=100),  # 17: five times the area asked for
        row("H0", head_name="Mới"),  # 18: a change to a recorded household, good in itself
    ]
    result = imported(world, rows)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 0)
    assert where(result) == [
        (3, heading("segment")),
        (4, heading("hamlet")),
        (4, heading("area_needed")),
        (5, heading("head_name")),
        (6, heading("code")),
        (7, heading("official")),
        (8, heading("cell")),
        (9, heading("side")),
        (10, heading("support_amount")),
        (11, heading("latitude")),
        (12, heading("area_needed")),
        (13, heading("gates")),
        (14, heading("honour_consent")),
        (15, heading("code")),
        (16, heading("strip_width")),
        (17, heading("area_donated")),
    ]
    first = result.errors[0]
    assert str(first) == _("Row %(row)s, column “%(column)s”: %(message)s") % {
        "row": 3,
        "column": heading("segment"),
        "message": first.message,
    }
    assert "D9" in first.message and "D1" in first.message  # names what it is and what may be
    assert _("this cell must be filled in.") in messages_of(result)[3]
    assert _("“%(value)s” is not a number.") % {"value": "nhiều"} in messages_of(result)[2]
    assert _("A cash amount is recorded only for cash support.") in messages_of(result)[8]
    # Nothing written: no household, no change, no audit entry.
    assert snapshot(world.campaign) == before
    assert household_entries().count() == entries
    known.refresh_from_db()
    assert known.head_name == "Cũ"


def test_rows_that_read_well_but_break_the_rules_are_reported_by_row_too(world):
    rows = [
        row("H1"),
        row("H2", support_amount=500_000),  # 3: cash, without cash support
        row("H3", area_donated=100),  # 4: five times the area asked for
        row("H4", longitude=106.6),  # 5: without the latitude
        row("H5", area_needed=-5),  # 6
    ]
    expected = [
        (3, heading("support_amount")),
        (4, heading("area_donated")),
        (5, heading("latitude")),
        (6, heading("area_needed")),
    ]
    # Checked by the service that writes them (the import) or by the reader alone.
    assert where(imported(world, rows)) == expected
    with pytest.raises(spreadsheet.WorkbookInvalid) as caught:
        spreadsheet.read_households(fill(world.campaign, rows), campaign=world.campaign)
    assert [(p.row, p.column) for p in caught.value.problems] == expected
    assert not Household.objects.filter(campaign=world.campaign).exists()
    assert not household_entries().exists()


def test_a_household_added_meanwhile_with_the_same_code_stops_the_import(world):
    rows = spreadsheet.read_households(
        fill(world.campaign, [row("H1"), row("H2")]), campaign=world.campaign
    )
    make_household(segment=world.d1, hamlet=world.east, code="H2")  # by someone else, meanwhile
    with pytest.raises(services.HouseholdsRefused) as caught:
        services.households_import(
            user=world.lead,
            campaign=world.campaign,
            rows=[(r.household, r.changed) for r in rows],
        )
    assert list(caught.value.refused) == [1]
    assert set(caught.value.refused[1].message_dict) == {"code"}
    assert list(
        Household.objects.filter(campaign=world.campaign).values_list("code", flat=True)
    ) == ["H2"]


def test_problems_in_a_workbook_of_several_sheets_name_their_sheet(world):
    imported(world, [row("H1"), row("H2", segment="D2", hamlet="Thôn Đoài")])
    content = spreadsheet.export_households(world.campaign, households=Household.objects.all())
    workbook = load_workbook(io.BytesIO(content))
    first, second = workbook.worksheets[:2]
    column = [c.value for c in first[1]].index(heading("hamlet")) + 1
    second.cell(row=2, column=column, value="Thôn Bắc")
    first.cell(row=2, column=column + 1, value="")  # the head of household
    result = spreadsheet.import_households(
        user=world.lead, campaign=world.campaign, file=save(workbook)
    )
    assert [(p.sheet, p.row, p.column) for p in result.errors] == [
        (first.title, 2, heading("head_name")),
        (second.title, 2, heading("hamlet")),
    ]
    assert str(result.errors[1]).startswith(
        _("Sheet “%(sheet)s”, row %(row)s, column “%(column)s”: %(message)s")
        % {"sheet": second.title, "row": 2, "column": heading("hamlet"), "message": ""}
    )


def test_a_missing_heading_and_an_empty_or_headless_file_are_named(world):
    workbook = load_workbook(io.BytesIO(fill(world.campaign, [row("H1")])))
    workbook[vi(SHEET_LABEL)].cell(row=1, column=4, value="Tên gọi khác")
    result = spreadsheet.import_households(
        user=world.lead, campaign=world.campaign, file=save(workbook)
    )
    assert where(result) == [(1, heading("head_name"))]
    assert result.errors[0].message == _("the heading is missing from the first row.")

    empty = spreadsheet.import_households(
        user=world.lead, campaign=world.campaign, file=spreadsheet.template_workbook(world.campaign)
    )
    assert len(empty.errors) == 1 and empty.errors[0].row is None
    headless = Workbook()
    headless.active.append(["H1", "D1", "Thôn Đông", "Nguyễn Văn A", 1, 1, 1])
    result = spreadsheet.import_households(
        user=world.lead, campaign=world.campaign, file=save(headless)
    )
    assert len(result.errors) == 1 and result.errors[0].row is None
    assert not Household.objects.filter(campaign=world.campaign).exists()


# Importing again ------------------------------------------------------------------------------


def test_the_same_file_twice_changes_nothing_the_second_time(world):
    rows = [row(f"H{n}", segment=("D1", "D2")[n % 2], official="Trần Thị Lan") for n in range(30)]
    file = fill(world.campaign, rows)
    first = spreadsheet.import_households(user=world.lead, campaign=world.campaign, file=file)
    assert (first.created, first.updated, first.unchanged) == (30, 0, 0)
    before, entries = snapshot(world.campaign), household_entries().count()
    again = spreadsheet.import_households(user=world.lead, campaign=world.campaign, file=file)
    assert (again.created, again.updated, again.unchanged, again.errors) == (0, 0, 30, [])
    assert snapshot(world.campaign) == before  # updated_at included: not even saved
    assert household_entries().count() == entries


def test_a_changed_row_updates_that_household_only_and_never_its_status(world):
    rows = [row("H1"), row("H2"), row("H3", official="Trần Thị Lan")]
    imported(world, rows)
    moved = Household.objects.get(campaign=world.campaign, code="H2")
    services.household_move(user=None, household=moved, to_status=Status.MOBILISING, note="Gặp")
    before = {h["code"]: h for h in snapshot(world.campaign)}
    entries = household_entries().count()
    rows[1] = row("H2", head_name="Nguyễn Văn Hai", area_donated="4,5")
    rows[2] = row("H3", official="")
    result = imported(world, rows)
    assert (result.created, result.updated, result.unchanged) == (0, 2, 1)
    after = {h["code"]: h for h in snapshot(world.campaign)}
    assert after["H1"] == before["H1"]
    assert (after["H2"]["head_name"], after["H2"]["area_donated"]) == (
        "Nguyễn Văn Hai",
        Decimal("4.5"),
    )
    assert after["H2"]["status"] == Status.MOBILISING  # the pipeline's, not the file's
    assert after["H2"]["updated_at"] > before["H2"]["updated_at"]
    assert after["H3"]["official_id"] is None
    new_entries = household_entries().order_by("pk")[entries:]
    assert sorted(e.object_id for e in new_entries) == sorted(
        str(after[code]["id"]) for code in ("H2", "H3")
    )
    assert {e.action for e in new_entries} == {"wagtail.edit"}


def test_a_file_leaving_out_a_column_leaves_that_field_alone(world):
    imported(world, [row("H1", phone="0912000111", official="Trần Thị Lan")])
    workbook = Workbook()
    keys = ["code", "segment", "hamlet", "head_name", "area_needed", "strip_length", "strip_width"]
    workbook.active.append([heading(key) for key in keys])
    workbook.active.append(["H1", "D1", "Thôn Đông", "Nguyễn Văn H1", 20, 10, 3])
    result = spreadsheet.import_households(
        user=world.lead, campaign=world.campaign, file=save(workbook)
    )
    assert (result.updated, result.errors) == (1, [])
    household = Household.objects.get(campaign=world.campaign, code="H1")
    assert household.strip_width == 3
    assert (household.phone, household.official) == ("0912000111", world.official)


# The export -----------------------------------------------------------------------------------


def test_the_export_has_a_sheet_per_segment_with_status_dates_visits_and_imports_back_unchanged(
    world,
):
    imported(
        world,
        [
            row("H1", support_kind="cash", support_amount=1_234_567, area_needed="1234,5"),
            row(
                "H2",
                segment="D2",
                hamlet="Thôn Đoài",
                honour_consent="có",
                latitude=20.9,
                longitude=106.6,
            ),
            row("H3", official="Trần Thị Lan", cell="CB01", phone="+84912000111"),
        ],
    )
    h1 = Household.objects.get(campaign=world.campaign, code="H1")
    for status in (Status.MOBILISING, Status.AGREED, Status.SIGNED, Status.HANDED_OVER):
        services.household_move(user=None, household=h1, to_status=status, note="Đã làm")
    services.visit_record(
        visit=Visit(
            household=h1,
            visited_on=timezone.localdate(),
            kind="visit",
            people="Tổ công tác",
            outcome="Đồng ý",
        )
    )
    content = spreadsheet.export_households(
        world.campaign, households=Household.objects.filter(campaign=world.campaign)
    )
    workbook = load_workbook(io.BytesIO(content))
    assert workbook.sheetnames == [
        "D1 Cầu Trắng – Chợ Xã",
        "D2 Chợ Xã – Trường Tiểu học"[:31],
        vi(GUIDE_LABEL),
    ]
    sheet = workbook["D1 Cầu Trắng – Chợ Xã"]
    headings = [cell.value for cell in sheet[1]]
    assert headings == [vi(column.label) for column in (*COLUMNS, *EXPORT_COLUMNS)]
    rows = {
        line[0].value: {h: c for h, c in zip(headings, line, strict=False)}
        for line in sheet.iter_rows(min_row=2)
    }
    assert set(rows) == {"H1", "H3"}
    first = rows["H1"]
    assert first[export_heading("status")].value == vi(Status.HANDED_OVER.label)
    for key in ("status_changed", "signed_on", "handed_over_on", "last_visit"):
        cell = first[export_heading(key)]
        assert cell.value.date() == timezone.localdate() and cell.number_format == "dd/mm/yyyy"
    assert first[export_heading("visits")].value == 1
    area = first[heading("area_needed")]
    assert area.value == 1234.5 and area.data_type == "n" and area.number_format == "#,##0.0"
    assert first[heading("support_amount")].value == 1_234_567
    assert rows["H3"][heading("official")].value == "Trần Thị Lan"
    phone = rows["H3"][heading("phone")]  # shown as typed, never a formula
    assert (phone.value, phone.data_type, phone.quotePrefix) == ("+84912000111", "s", True)
    assert rows["H3"][heading("cell")].value == "CB01"
    assert rows["H3"][export_heading("status")].value == vi(Status.NOT_CONTACTED.label)

    before, entries = snapshot(world.campaign), household_entries().count()
    result = spreadsheet.import_households(user=world.lead, campaign=world.campaign, file=content)
    assert (result.created, result.updated, result.unchanged, result.errors) == (0, 0, 3, [])
    assert snapshot(world.campaign) == before
    assert household_entries().count() == entries


def test_an_export_edited_by_hand_updates_what_was_edited(world):
    imported(world, [row("H1"), row("H2", segment="D2", hamlet="Thôn Đoài")])
    workbook = load_workbook(
        io.BytesIO(
            spreadsheet.export_households(
                world.campaign, households=Household.objects.all(), segments=[world.d2]
            )
        )
    )
    assert workbook.sheetnames[0].startswith("D2 ")
    sheet = workbook.worksheets[0]
    assert sheet.max_row == 2  # H2 only
    column = [c.value for c in sheet[1]].index(heading("trees")) + 1
    sheet.cell(row=2, column=column, value=7)
    status = [c.value for c in sheet[1]].index(export_heading("status")) + 1
    sheet.cell(row=2, column=status, value=vi(Status.RECORDED.label))  # ignored
    result = spreadsheet.import_households(
        user=world.lead, campaign=world.campaign, file=save(workbook)
    )
    assert (result.created, result.updated, result.unchanged) == (0, 1, 0)
    h2 = Household.objects.get(campaign=world.campaign, code="H2")
    assert (h2.trees, h2.status) == (7, Status.NOT_CONTACTED)


# Hostile files --------------------------------------------------------------------------------


def refused(world, file):
    before = Household.objects.count()
    result = spreadsheet.import_households(user=world.lead, campaign=world.campaign, file=file)
    assert Household.objects.count() == before
    assert result.errors and (result.created, result.updated) == (0, 0)
    return messages_of(result)


def test_what_is_not_a_workbook_is_refused_with_one_message(world):
    not_xlsx = _("The file is not an Excel workbook (.xlsx), or it cannot be read.")
    assert refused(world, b"Ma ho,Chu ho\nH1,A\n") == [not_xlsx]
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as handle:
        handle.writestr("word/document.xml", "<w:document/>")
    assert refused(world, archive.getvalue()) == [not_xlsx]
    whole = fill(world.campaign, [row("H1")])
    assert refused(world, whole[: len(whole) // 2]) == [not_xlsx]
    assert refused(world, b"") == [not_xlsx]


def test_a_zip_bomb_and_an_oversized_file_are_refused_unopened(world):
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as member:
            chunk = b"\0" * (1024 * 1024)
            for _n in range(spreadsheet.MAX_UNPACKED_BYTES // len(chunk) + 1):
                member.write(chunk)
    assert len(bomb.getvalue()) < spreadsheet.MAX_BYTES  # small packed, huge unpacked
    assert refused(world, bomb.getvalue()) == [_("The workbook is too large once unpacked.")]
    oversized = b"PK\x03\x04" + b"\0" * spreadsheet.MAX_BYTES
    assert refused(world, oversized) == [
        _("The file is %(size)s; a workbook may be at most %(limit)s.")
        % {"size": filesizeformat(len(oversized)), "limit": filesizeformat(spreadsheet.MAX_BYTES)}
    ]


def test_more_than_ten_thousand_rows_are_refused_with_one_message(world):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    keys = ["code", "segment", "hamlet", "head_name", "area_needed", "strip_length", "strip_width"]
    sheet.append([heading(key) for key in keys])
    for n in range(spreadsheet.MAX_ROWS + 1):
        sheet.append([f"H{n}", "D1", "Thôn Đông", "Nguyễn Văn A", 20, 10, 2])
    assert refused(world, save(workbook)) == [
        _(
            "The workbook has more than %(count)s households: split it into files of at most "
            "%(count)s rows."
        )
        % {"count": formats.number_format(spreadsheet.MAX_ROWS, force_grouping=True)}
    ]


def test_html_and_formulas_are_kept_as_text_never_run_and_exported_as_text(world):
    script = '<script>alert("x")</script><b>Lê</b>'
    hyperlink = '=HYPERLINK("http://example.com/?q="&A1,"Bấm vào đây")'
    rows = [
        row("H1", head_name=script, other_structures=hyperlink, address="@SUM(A1:A9)"),
        row("H2", parcel_ref="-2+3", address="+1"),
    ]
    workbook = load_workbook(io.BytesIO(fill(world.campaign, rows)))
    sheet = workbook[vi(SHEET_LABEL)]
    # A real formula typed in a cell: only its computed value could be read, and there is none.
    sheet.cell(
        row=3, column=[c.key for c in COLUMNS].index("other_structures") + 1
    ).value = '=HYPERLINK("http://example.com","x")'
    assert (
        sheet.cell(row=3, column=[c.key for c in COLUMNS].index("other_structures") + 1).data_type
        == "f"
    )
    result = spreadsheet.import_households(
        user=world.lead, campaign=world.campaign, file=save(workbook)
    )
    assert result.errors == [] and result.created == 2
    h1 = Household.objects.get(campaign=world.campaign, code="H1")
    h2 = Household.objects.get(campaign=world.campaign, code="H2")
    assert (h1.head_name, h1.other_structures, h1.address) == (script, hyperlink, "@SUM(A1:A9)")
    assert (h2.parcel_ref, h2.address, h2.other_structures) == ("-2+3", "+1", "")

    content = spreadsheet.export_households(world.campaign, households=Household.objects.all())
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    headings = [cell.value for cell in sheet[1]]
    cells = {
        line[0].value: dict(zip(headings, line, strict=False))
        for line in sheet.iter_rows(min_row=2)
    }
    for code, key, text in (
        ("H1", "other_structures", hyperlink),
        ("H1", "address", "@SUM(A1:A9)"),
        ("H2", "parcel_ref", "-2+3"),
        ("H2", "address", "+1"),
    ):
        cell = cells[code][heading(key)]
        assert (cell.value, cell.data_type, cell.quotePrefix) == (text, "s", True)
    assert cells["H1"][heading("head_name")].value == script
    assert b"<f>" not in zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml")
    again = spreadsheet.import_households(user=world.lead, campaign=world.campaign, file=content)
    assert (again.updated, again.unchanged, again.errors) == (0, 2, [])


# Scale ----------------------------------------------------------------------------------------


def big_workbook(count, segments, hamlet):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append([heading(column.key) for column in COLUMNS])
    for n in range(count):
        sheet.append(
            [
                f"H{n:05d}",
                segments[n % len(segments)].code,
                hamlet.name,
                f"Hộ số {n}",
                f"Số {n}, thôn Đông",
                f"09{n:08d}",
                f"Tờ {n // 100}, thửa {n}",
                "Trái" if n % 2 else "Phải",
                "Đất ở",
                20.5,
                0,
                10,
                2,
                5,
                1,
                n % 4,
                "",
                "Không có",
                0,
                "",
                "",
                "Không",
                None,
                None,
            ]
        )
    return save(workbook)


def test_five_thousand_rows_import_fully_and_in_a_few_queries(world):
    segments = [world.d1, world.d2] + [make_segment(campaign=world.campaign) for _n in range(4)]
    small = big_workbook(20, segments, world.east)
    spreadsheet.check_allowed(world.lead, world.campaign)  # the user's permissions, read once
    with CaptureQueriesContext(connection) as few:
        result = spreadsheet.import_households(user=world.lead, campaign=world.campaign, file=small)
    assert result.created == 20
    Household.objects.filter(campaign=world.campaign).delete()
    content = big_workbook(5000, segments, world.east)
    with CaptureQueriesContext(connection) as many:
        result = spreadsheet.import_households(
            user=world.lead, campaign=world.campaign, file=content
        )
    assert (result.created, result.updated, result.unchanged, result.errors) == (5000, 0, 0, [])
    assert Household.objects.filter(campaign=world.campaign).count() == 5000
    assert household_entries().filter(action="wagtail.create").count() == 5020

    # The same reads for 5,000 rows as for 20; the writes in batches (as many rows each as the
    # database takes parameters for), never one statement a row.
    def reads(queries):
        return [q["sql"] for q in queries.captured_queries if not q["sql"].startswith("INSERT")]

    assert len(reads(many)) == len(reads(few))
    assert len(many) - len(reads(many)) < 5000 / 10
    assert set(
        Household.objects.filter(campaign=world.campaign).values_list("segment", flat=True)
    ) == {segment.pk for segment in segments}
    again = spreadsheet.import_households(user=world.lead, campaign=world.campaign, file=content)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 5000)


def test_who_may_import(world, other_commune):
    file = fill(world.campaign, [row("H1")])
    official = make_staff(commune=world.commune, role=Role.CAMPAIGN_OFFICIAL)
    with pytest.raises(PermissionDenied):
        spreadsheet.import_households(user=official, campaign=world.campaign, file=file)
    elsewhere = make_campaign(commune=other_commune)
    with pytest.raises(PermissionDenied):
        spreadsheet.import_households(user=world.lead, campaign=elsewhere, file=file)
    assert not Household.objects.exists()


# The admin pages -----------------------------------------------------------------------------


def upload(content, name="ho-gia-dinh.xlsx"):
    return {"file": SimpleUploadedFile(name, content, XLSX)}


def test_the_lead_imports_a_good_file_through_the_page(client, world):
    client.force_login(world.lead)
    url = reverse("campaigns_import", args=[world.campaign.pk])
    page = client.get(url)
    assert page.status_code == 200
    soup = BeautifulSoup(page.content.decode(), "html.parser")
    assert soup.select_one('input[type="file"][name="file"]') is not None
    links = {a["href"] for a in soup.select("a[href]")}
    assert reverse("campaigns_template", args=[world.campaign.pk]) in links
    assert reverse("campaigns_export", args=[world.campaign.pk]) in links
    response = client.post(url, upload(fill(world.campaign, [row("H1"), row("H2")])))
    assert response.status_code == 302
    assert response["Location"] == (
        f"{reverse('campaigns_households:index')}?campaign={world.campaign.pk}"
    )
    assert Household.objects.filter(campaign=world.campaign).count() == 2
    response = client.post(url, upload(fill(world.campaign, [row("H1"), row("H2")])))
    shown = [str(message).strip() for message in get_messages(response.wsgi_request)]
    assert shown[-1] == (
        _("Households imported: %(created)s new, %(updated)s updated, %(unchanged)s unchanged.")
        % {"created": 0, "updated": 0, "unchanged": 2}
    )


def test_a_bad_file_comes_back_with_a_table_of_its_errors_and_writes_nothing(client, world):
    client.force_login(world.lead)
    url = reverse("campaigns_import", args=[world.campaign.pk])
    rows = [row("H1"), row("H2", segment="D9"), row("H3", area_needed="abc", hamlet="Không có")]
    response = client.post(url, upload(fill(world.campaign, rows)))
    assert response.status_code == 200
    assert not Household.objects.filter(campaign=world.campaign).exists()
    problems = response.context["import_errors"]
    assert [(p.row, p.column) for p in problems] == [
        (3, heading("segment")),
        (4, heading("hamlet")),
        (4, heading("area_needed")),
    ]
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    table_rows = soup.select("#campaigns-import-errors tbody tr")
    assert [tr["data-row"] for tr in table_rows] == ["3", "4", "4"]
    assert [tr.select("td")[1].get_text(strip=True) for tr in table_rows] == [
        heading("segment"),
        heading("hamlet"),
        heading("area_needed"),
    ]
    # Not a workbook: the form's own error, never a server error.
    cases: list[dict[str, Any]] = [
        upload(b"khong phai excel"),
        upload(b"a,b\n1,2", name="ho.csv"),
        {},
    ]
    for data in cases:
        response = client.post(url, data)
        assert response.status_code == 200 and "file" in response.context["form"].errors
    assert not Household.objects.filter(campaign=world.campaign).exists()


def test_an_official_cannot_import_and_another_communes_campaign_is_not_found(
    client, world, other_commune
):
    official = make_staff(commune=world.commune, role=Role.CAMPAIGN_OFFICIAL)
    client.force_login(official)
    url = reverse("campaigns_import", args=[world.campaign.pk])
    assert client.get(url).status_code in (302, 403)
    response = client.post(url, upload(fill(world.campaign, [row("H1")])))
    assert response.status_code in (302, 403)
    assert not Household.objects.exists()
    # An official may still download the template and their own households.
    assert client.get(reverse("campaigns_template", args=[world.campaign.pk])).status_code == 200

    elsewhere = other_commune
    far = make_campaign(commune=elsewhere)
    client.force_login(world.lead)
    for name in ("campaigns_import", "campaigns_template", "campaigns_export"):
        assert client.get(reverse(name, args=[far.pk])).status_code == 404, name
    response = client.post(reverse("campaigns_import", args=[far.pk]), upload(fill(far, [])))
    assert response.status_code == 404
    assert client.get(reverse("campaigns_import", args=[999_999])).status_code == 404


def test_the_template_and_export_downloads(client, world):
    imported(
        world, [row("H1", official="Trần Thị Lan"), row("H2", segment="D2", hamlet="Thôn Đoài")]
    )
    official_user = make_staff(commune=world.commune, role=Role.CAMPAIGN_OFFICIAL)
    world.official.user = official_user
    world.official.save()

    client.force_login(world.lead)
    template = client.get(reverse("campaigns_template", args=[world.campaign.pk]))
    assert template.status_code == 200 and template["Content-Type"] == XLSX
    assert "attachment" in template["Content-Disposition"]
    assert load_workbook(io.BytesIO(template.content)).sheetnames[0] == vi(SHEET_LABEL)

    def codes(response):
        assert response.status_code == 200 and response["Content-Type"] == XLSX
        book = load_workbook(io.BytesIO(response.content))
        return {
            line[0]
            for sheet in book.worksheets
            if sheet.title != vi(GUIDE_LABEL)
            for line in sheet.iter_rows(min_row=2, values_only=True)
        }

    export = reverse("campaigns_export", args=[world.campaign.pk])
    assert codes(client.get(export)) == {"H1", "H2"}
    assert codes(client.get(export, {"segment": world.d2.pk})) == {"H2"}
    for bad in (
        "abc",
        "99999999",
        str(make_segment(campaign=make_campaign(commune=world.commune)).pk),
    ):
        assert client.get(export, {"segment": bad}).status_code == 404
    # An official: only the households assigned to them.
    client.force_login(official_user)
    assert codes(client.get(export)) == {"H1"}
    # Someone who may not see households: not found.
    client.force_login(make_staff(commune=world.commune, role=Role.EDITOR))
    assert client.get(export).status_code == 404
    assert client.get(reverse("campaigns_template", args=[world.campaign.pk])).status_code == 404


# Names like formulas, numbers as typed -------------------------------------------------------
# A household named like a formula (`=1+1`, `=HYPERLINK(…)`, `+1`, `-1`, `@x`) is exported to
# Excel and to CSV as text that never runs, reads back exactly, and imports back unchanged; and
# numbers typed in a campaign's workbook read as they do in a New Rural one.

NAMES = ["=1+1", '=HYPERLINK("http://x","y")', "+1", "-1", "@x"]


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
    (`xaso.ntm.tests.test_spreadsheet`)."""
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
