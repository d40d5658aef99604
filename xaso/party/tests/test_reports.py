"""The monthly and quarterly reports of party-cell work, read back from the Excel and PDF files:
the month's figures per cell and for the commune, a quarter adding up its three months, a cell's
report month by month; who may download which report; bad arguments are "not found"."""

from __future__ import annotations

import datetime
import gettext as gettext_module
import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import trans_real
from openpyxl import load_workbook
from pypdf import PdfReader

from xaso.accounts.choices import Role
from xaso.accounts.tests.factories import make_staff
from xaso.communes.tests.factories import make_commune

from .. import reports, services
from ..choices import AssignmentRole, Flag, MeetingKind
from ..models import Meeting, Task
from ..views.reports import report
from .factories import make_cell, make_official

pytestmark = pytest.mark.django_db

D = datetime.date
TODAY = D(2026, 11, 28)
REGULAR, THEMATIC, COMBINED = MeetingKind.REGULAR, MeetingKind.THEMATIC, MeetingKind.COMBINED

# The report's fixed wording as the Vietnamese catalogue is to render it (the form of a Party
# document). Strings the catalogue already translates keep its translation.
VIETNAMESE = {
    "Report on party-cell activities in %(period)s": (
        "Báo cáo tình hình sinh hoạt chi bộ %(period)s"
    ),
    "month %(month)s/%(year)s": "tháng %(month)s/%(year)s",
    "quarter %(quarter)s/%(year)s": "quý %(quarter)s/%(year)s",
    "Party organisation of %(commune)s": "Đảng bộ %(commune)s",
    "Party committee office": "Văn phòng Đảng ủy",
    "Communist Party of Vietnam": "Đảng Cộng sản Việt Nam",
    "On behalf of the Party committee": "T/M Đảng ủy",
    "%(place)s, %(day)s/%(month)s/%(year)s": "%(place)s, ngày %(day)s tháng %(month)s năm %(year)s",
}


class _Wording(gettext_module.NullTranslations):
    def __init__(self, fallback):
        super().__init__()
        if fallback is not None:
            self.add_fallback(fallback)

    def gettext(self, message):
        if message in VIETNAMESE:
            return VIETNAMESE[message]
        return super().gettext(message)


@pytest.fixture(autouse=True)
def vietnamese(monkeypatch):
    catalogue = trans_real.translation("vi")
    monkeypatch.setattr(catalogue, "_fallback", _Wording(catalogue._fallback))
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: TODAY)


def _meeting(cell, day, kind, minutes, present, absent, attended, **extra):
    start = datetime.time(19, 30)
    end = (datetime.datetime.combine(day, start) + datetime.timedelta(minutes=minutes)).time()
    return services.meeting_save(
        meeting=Meeting(
            cell=cell,
            month=day.replace(day=1),
            kind=kind,
            planned_on=day,
            held_on=day,
            starts_at=start,
            ends_at=end,
            present_count=present,
            absent_count=absent,
            official_attended=attended,
            **extra,
        )
    )


def _task(cell, owner, title, raised, due):
    return services.task_save(
        task=Task(cell=cell, owner=owner, title=title, raised_on=raised, due_on=due)
    )


def _resolve(task, resolution, day):
    # As the resolving official does: on the task as it stands now (perhaps escalated since).
    task = Task.objects.get(pk=task.pk)
    return services.task_resolve(task=task, resolution=resolution, resolved_on=day)


def _build_world(commune):
    """Two village cells of Liên Khê, each with its official, both supervised by one Standing
    Committee member; a third quarter and a November of meetings and issues."""
    phuc_loc = make_cell(commune=commune, number=9, name="Chi bộ thôn Phúc Lộc", member_count=20)
    dong_hoa = make_cell(commune=commune, number=2, name="Chi bộ thôn Đồng Hòa", member_count=15)
    hung = make_official(commune=commune, full_name="Nguyễn Văn Hùng")
    lan = make_official(commune=commune, full_name="Lê Thị Lan")
    mai = make_official(commune=commune, full_name="Trần Thị Mai", position="Phó Bí thư")
    for cell, official in ((phuc_loc, hung), (dong_hoa, lan)):
        for person, role in (
            (official, AssignmentRole.IN_CHARGE),
            (mai, AssignmentRole.SUPERVISOR),
        ):
            services.assignment_start(
                cell=cell, official=person, role=role, valid_from=D(2025, 1, 1)
            )

    # The third quarter: no thematic meeting in Đồng Hòa, and no meeting at all there in August.
    _meeting(phuc_loc, D(2026, 7, 5), REGULAR, 120, 18, 2, True)
    _meeting(phuc_loc, D(2026, 8, 6), COMBINED, 130, 19, 1, True)
    _meeting(phuc_loc, D(2026, 9, 7), REGULAR, 100, 17, 3, False)
    _meeting(dong_hoa, D(2026, 7, 10), REGULAR, 90, 12, 3, True)
    _meeting(dong_hoa, D(2026, 9, 12), REGULAR, 95, 13, 2, True)
    road = _task(
        phuc_loc, hung, "Giải phóng mặt bằng mở rộng đường trục xã", D(2026, 7, 5), D(2026, 8, 31)
    )
    canal = _task(dong_hoa, lan, "Nạo vét kênh tiêu nội đồng", D(2026, 7, 10), D(2026, 9, 30))
    services.tasks_escalate(today=D(2026, 9, 1))  # the road: overdue, to the supervisor
    _resolve(canal, "Đã nạo vét xong", D(2026, 9, 20))
    _resolve(road, "Đã bàn giao mặt bằng", D(2026, 10, 10))

    # November: the official misses Phúc Lộc's thematic meeting; Đồng Hòa's is too short.
    _meeting(
        phuc_loc, D(2026, 11, 5), REGULAR, 120, 18, 2, True, absence_reasons="Đi làm ăn xa tỉnh"
    )
    _meeting(phuc_loc, D(2026, 11, 20), THEMATIC, 105, 17, 3, False)
    _meeting(dong_hoa, D(2026, 11, 10), REGULAR, 75, 12, 3, True)
    _task(
        phuc_loc,
        hung,
        "Vướng mắc bồi thường hộ giáp đường liên thôn",
        D(2026, 11, 5),
        D(2026, 11, 20),
    )
    drain = _task(
        phuc_loc, hung, "Sửa chữa cống thoát nước cuối thôn", D(2026, 11, 5), D(2026, 12, 15)
    )
    _task(dong_hoa, lan, "Lắp đèn chiếu sáng ngõ xóm", D(2026, 11, 10), D(2026, 12, 31))
    services.tasks_escalate(today=D(2026, 11, 21))
    _resolve(drain, "Đã sửa xong", D(2026, 11, 25))

    office = make_staff(commune=commune, role=Role.PARTY_OFFICE)
    for official, staff_role in (
        (hung, Role.PARTY_OFFICIAL),
        (lan, Role.PARTY_OFFICIAL),
        (mai, Role.PARTY_SUPERVISOR),
    ):
        official.user = make_staff(commune=commune, role=staff_role)
        official.save()
    return {
        "commune": commune,
        "phuc_loc": phuc_loc,
        "dong_hoa": dong_hoa,
        "office": office,
        "hung": hung.user,
        "mai": mai.user,
    }


# Made once for the module's consecutive tests, a copy for each (xaso/conftest.py).
SHARED_WORLD = _build_world


@pytest.fixture
def world(shared_world):
    return shared_world


def _get(user, scope, year, period, fmt):
    request = RequestFactory().get(f"/admin/party/reports/{scope}/{year}/{period}.{fmt}")
    request.user = user
    return report(request, scope, year, period, fmt)


def _sheet(response):
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(response.content)).active


def _table(sheet):
    """The main table: its header row's titles → each row's values, keyed by the row label."""
    with translation.override("vi"):
        number = _("No.")
    header = next(row[0].row for row in sheet.iter_rows() if row[0].value == number)
    titles = [cell.value for cell in sheet[header]]
    rows = {}
    for row in sheet.iter_rows(min_row=header + 1):
        if row[1].value is None:
            break
        rows[row[1].value] = dict(zip(titles, [cell.value for cell in row], strict=False))
    return rows


def _columns(**figures):
    names = {
        "members": "Members",
        "regular": "Regular meetings",
        "thematic": "Thematic meetings",
        "combined": "Combined meetings",
        "minutes": "Average length (minutes)",
        "present": "Members present",
        "absent": "Members absent",
        "attendance": "Attendance",
        "official": "Official in charge",
        "attended": "Meetings the official attended",
        "flags": "Flags",
        "raised": "Issues raised",
        "resolved": "Resolved",
        "open": "Open",
        "overdue": "Overdue",
        "escalated": "Escalated",
    }
    with translation.override("vi"):
        return {_(names[key]): value for key, value in figures.items()}


def _flags(*flags):
    with translation.override("vi"):
        return "; ".join(str(flag.label) for flag in flags)


def _texts(sheet):
    return [cell.value for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)]


def _pdf_text(response):
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(page.extract_text() for page in reader.pages).replace("\n", " ")


def _subset(row, expected):
    return {key: row[key] for key in expected}


# The month -------------------------------------------------------------------------------------


def test_the_monthly_workbook_holds_each_cells_figures_and_the_communes(world):
    response = _get(world["office"], "commune", 2026, "11", "xlsx")
    assert response["Content-Disposition"] == 'attachment; filename="bao-cao-chi-bo-2026-11.xlsx"'
    sheet = _sheet(response)
    texts = _texts(sheet)
    assert texts[:2] == ["ĐẢNG BỘ XÃ LIÊN KHÊ", "ĐẢNG CỘNG SẢN VIỆT NAM"]
    assert "Liên Khê, ngày 28 tháng 11 năm 2026" in texts
    assert "BÁO CÁO TÌNH HÌNH SINH HOẠT CHI BỘ THÁNG 11/2026" in texts
    signature = texts.index("T/M ĐẢNG ỦY")
    assert "VĂN PHÒNG ĐẢNG ỦY" in texts[signature:]
    rows = _table(sheet)
    assert list(rows) == ["Chi bộ thôn Đồng Hòa", "Chi bộ thôn Phúc Lộc", _("Total")]
    phuc_loc = _columns(
        members=20, regular=1, thematic=1, combined=0, minutes=112.5, present=35, absent=5,
        attendance=0.875, official="Nguyễn Văn Hùng", attended=1,
        flags=_flags(Flag.OFFICIAL_ABSENT), raised=2, resolved=1, open=1, overdue=1, escalated=1,
    )  # fmt: skip
    assert _subset(rows["Chi bộ thôn Phúc Lộc"], phuc_loc) == phuc_loc
    dong_hoa = _columns(
        members=15, regular=1, thematic=0, combined=0, minutes=75, present=12, absent=3,
        attendance=0.8, official="Lê Thị Lan", attended=1, flags=_flags(Flag.TOO_SHORT),
        raised=1, resolved=0, open=1, overdue=0, escalated=0,
    )  # fmt: skip
    assert _subset(rows["Chi bộ thôn Đồng Hòa"], dong_hoa) == dong_hoa
    total = rows[_("Total")]
    assert total[_("Members present")] == 47 and total[_("Members absent")] == 8
    assert total[_("Average length (minutes)")] == 100
    assert total[_("Issues raised")] == 3 and total[_("Overdue")] == 1
    assert total[_("Attendance")] == pytest.approx(47 / 55)

    # The issues, overdue first, on a sheet of their own.
    with translation.override("vi"):
        tasks = load_workbook(io.BytesIO(response.content))[_("Issues and tasks")]
        overdue, still_open, resolved = _("Overdue"), _("Open"), _("Resolved")
    listed = [[cell.value for cell in row] for row in tasks.iter_rows(min_row=3)]
    at = datetime.datetime
    assert listed == [
        [1, "Chi bộ thôn Phúc Lộc", "Vướng mắc bồi thường hộ giáp đường liên thôn",
         "Nguyễn Văn Hùng", at(2026, 11, 5), at(2026, 11, 20), overdue, None, "Trần Thị Mai"],
        [2, "Chi bộ thôn Đồng Hòa", "Lắp đèn chiếu sáng ngõ xóm", "Lê Thị Lan",
         at(2026, 11, 10), at(2026, 12, 31), still_open, None, None],
        [3, "Chi bộ thôn Phúc Lộc", "Sửa chữa cống thoát nước cuối thôn", "Nguyễn Văn Hùng",
         at(2026, 11, 5), at(2026, 12, 15), resolved, at(2026, 11, 25), None],
    ]  # fmt: skip


def test_the_monthly_pdf_shows_the_title_the_cells_and_their_figures(world):
    response = _get(world["office"], "commune", 2026, "11", "pdf")
    assert response["Content-Disposition"] == 'attachment; filename="bao-cao-chi-bo-2026-11.pdf"'
    text = _pdf_text(response)
    for expected in (
        "ĐẢNG BỘ XÃ LIÊN KHÊ",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Liên Khê, ngày 28 tháng 11 năm 2026",
        "BÁO CÁO TÌNH HÌNH SINH HOẠT CHI BỘ THÁNG 11/2026",
        "Phúc Lộc",
        "Nguyễn Văn Hùng",
        "20 1 1 0 112,5 35 5 87,5%",  # members, meetings by kind, length, attendance
        "15 1 0 0 75,0 12 3 80,0%",
        "35 2 1 0 100,0 47 8 85,5%",
        "Vướng mắc bồi thường hộ giáp đường liên thôn",
        "Trần Thị Mai",  # escalated to
        "T/M ĐẢNG ỦY",
    ):
        assert expected in text, expected
    # Members are counted, never named; reasons for absence stay in the meeting's record.
    assert "Bí thư thôn 9" not in text and "Đi làm ăn xa" not in text


# The quarter -----------------------------------------------------------------------------------


def test_the_quarterly_report_adds_up_its_three_months(world):
    response = _get(world["office"], "commune", 2026, "q3", "xlsx")
    assert response["Content-Disposition"].endswith('filename="bao-cao-chi-bo-2026-q3.xlsx"')
    sheet = _sheet(response)
    assert "BÁO CÁO TÌNH HÌNH SINH HOẠT CHI BỘ QUÝ III/2026" in _texts(sheet)
    rows = _table(sheet)
    phuc_loc = _columns(
        regular=2, thematic=0, combined=1, minutes=pytest.approx(350 / 3), present=54, absent=6,
        attendance=0.9, attended=2, flags=_flags(Flag.OFFICIAL_ABSENT),
        raised=1, resolved=0, open=1, overdue=1, escalated=1,
    )  # fmt: skip
    assert _subset(rows["Chi bộ thôn Phúc Lộc"], phuc_loc) == phuc_loc
    # August without a meeting, and a quarter without a thematic one.
    dong_hoa = _columns(
        regular=2, minutes=92.5, present=25, absent=5, attended=2,
        flags=_flags(Flag.NO_REGULAR, Flag.NO_THEMATIC),
        raised=1, resolved=1, open=0, overdue=0, escalated=0,
    )  # fmt: skip
    assert _subset(rows["Chi bộ thôn Đồng Hòa"], dong_hoa) == dong_hoa
    total = _columns(
        members=35, regular=4, combined=1, minutes=107, present=79, absent=11, attended=4,
        raised=2, resolved=1, open=1, overdue=1, escalated=1,
    )  # fmt: skip
    assert _subset(rows[_("Total")], total) == total


def test_a_cells_quarterly_report_has_a_row_per_month(world):
    cell = world["phuc_loc"]
    response = _get(world["hung"], f"cell-{cell.pk}", 2026, "q3", "pdf")
    assert response["Content-Disposition"].endswith('filename="bao-cao-chi-bo-cb09-2026-q3.pdf"')
    text = _pdf_text(response)
    assert "BÁO CÁO TÌNH HÌNH SINH HOẠT CHI BỘ QUÝ III/2026" in text
    assert "Chi bộ thôn Phúc Lộc" in text and "Đồng Hòa" not in text
    for month, figures in (
        ("Tháng 07/2026", "20 1 0 0 120,0 18 2 90,0%"),
        ("Tháng 08/2026", "20 0 0 1 130,0 19 1 95,0%"),
        ("Tháng 09/2026", "20 1 0 0 100,0 17 3 85,0%"),
    ):
        assert f"{month} {figures}" in text, month
    assert "20 2 0 1 116,7 54 6 90,0%" in text  # the quarter

    built = reports.report_build(
        commune=world["commune"], period=reports.parse_period(2026, "q3"), today=TODAY, cell=cell
    )
    july, august, september = (row.figures for row in built.rows)
    assert (july.raised, july.open, july.overdue) == (1, 1, 0)
    assert (august.open, august.overdue, august.escalated) == (1, 0, 0)  # due on its last day
    assert (september.open, september.overdue, september.escalated) == (1, 1, 1)
    assert september.flags == {Flag.OFFICIAL_ABSENT: 1}
    assert (built.total.raised, built.total.open, built.total.overdue) == (1, 1, 1)


def test_a_period_is_a_month_or_a_quarter():
    period = reports.parse_period(2026, "11")
    assert (period.first, period.last) == (D(2026, 11, 1), D(2026, 11, 30))
    quarter = reports.parse_period(2026, "q4")
    assert quarter.months == [D(2026, 10, 1), D(2026, 11, 1), D(2026, 12, 1)]
    assert quarter.last == D(2026, 12, 31) and quarter.slug == "2026-q4"
    assert reports.as_of(quarter.last, TODAY) == TODAY


# Who downloads what ----------------------------------------------------------------------------


def _status(user, scope, period="11", fmt="xlsx"):
    try:
        return _get(user, scope, 2026, period, fmt).status_code
    except Http404:
        return 404


def test_the_office_downloads_the_communes_report_and_every_cells(world):
    office = world["office"]
    assert _status(office, "commune") == 200
    assert _status(office, f"cell-{world['phuc_loc'].pk}", fmt="pdf") == 200
    assert _status(office, f"cell-{world['dong_hoa'].pk}", period="q3") == 200


def test_an_official_downloads_only_their_cells_report(world):
    hung = world["hung"]
    assert _status(hung, f"cell-{world['phuc_loc'].pk}") == 200
    assert _status(hung, f"cell-{world['dong_hoa'].pk}") == 404
    assert _status(hung, "commune") == 404


def test_a_supervisor_downloads_the_cells_they_supervise_only(world, commune):
    mai = world["mai"]
    assert _status(mai, f"cell-{world['phuc_loc'].pk}") == 200
    assert _status(mai, f"cell-{world['dong_hoa'].pk}") == 200
    assert _status(mai, "commune") == 404
    unsupervised = make_cell(commune=commune, number=12)
    assert _status(mai, f"cell-{unsupervised.pk}") == 404


def test_nobody_else_downloads_anything(world):
    phuc_loc = f"cell-{world['phuc_loc'].pk}"
    editor = make_staff(commune=world["commune"], role=Role.EDITOR)
    for user in (AnonymousUser(), editor):
        assert _status(user, "commune") == 404
        assert _status(user, phuc_loc) == 404


def test_another_communes_office_sees_its_own_commune_only(world):
    other = make_commune(name="Lưu Kiếm")
    their_office = make_staff(commune=other, role=Role.PARTY_OFFICE)
    assert _status(their_office, f"cell-{world['phuc_loc'].pk}") == 404
    text = _pdf_text(_get(their_office, "commune", 2026, "11", "pdf"))
    assert "ĐẢNG BỘ XÃ LƯU KIẾM" in text and "Phúc Lộc" not in text


@pytest.fixture
def office(commune):
    return make_staff(commune=commune, role=Role.PARTY_OFFICE)


@pytest.mark.parametrize(
    ("scope", "year", "period", "fmt"),
    [
        ("commune", 2026, "11", "csv"),
        ("commune", 2026, "11", "XLSX"),
        ("commune", 2026, "13", "xlsx"),
        ("commune", 2026, "00", "xlsx"),
        ("commune", 2026, "1", "pdf"),
        ("commune", 2026, "q5", "pdf"),
        ("commune", 2026, "Q3", "pdf"),
        ("commune", 2026, "q3 ", "pdf"),
        ("commune", 0, "11", "xlsx"),
        ("commune", 99999, "11", "xlsx"),
        ("commune", 2027, "01", "xlsx"),  # not yet begun
        ("commune", 2026, "12", "xlsx"),
        ("town", 2026, "11", "xlsx"),
        ("cell-", 2026, "11", "xlsx"),
        ("cell-0", 2026, "11", "xlsx"),
        ("cell-x", 2026, "11", "xlsx"),
        ("cell-007", 2026, "11", "xlsx"),
        ("cell-99999999999999999999", 2026, "11", "xlsx"),
        ("cell-424242", 2026, "11", "xlsx"),
    ],
)
def test_a_bad_argument_is_not_found(office, scope, year, period, fmt):
    assert _status(office, "commune") == 200  # the same request, well formed
    with pytest.raises(Http404):
        _get(office, scope, year, period, fmt)


def test_the_admin_serves_the_reports_at_their_address(world, client):
    client.force_login(world["office"])
    address = reverse("party_report", args=["commune", 2026, "q3", "pdf"])
    assert address == "/admin/party/reports/commune/2026/q3.pdf"
    response = client.get(address)
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="bao-cao-chi-bo-2026-q3.pdf"'
    assert "QUÝ III/2026" in _pdf_text(response)
    client.force_login(world["hung"])
    for scope, period, fmt in (("commune", "q3", "pdf"), ("cell-x", "11", "pdf")):
        response = client.get(reverse("party_report", args=[scope, 2026, period, fmt]))
        assert response.status_code == 404
