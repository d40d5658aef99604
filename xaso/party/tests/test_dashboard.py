"""The party-cell dashboards: who sees which cells, the month's flags, open and overdue tasks,
the month picker, and the accessible SVG charts."""

from __future__ import annotations

import datetime
import sys
import types
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import PermissionDenied
from django.urls import NoReverseMatch, path, reverse
from django.utils import translation

from xaso.accounts.choices import Role
from xaso.core import charts
from xaso.testing.clients import log_in_as

from .. import selectors, services
from ..choices import AssignmentRole, Flag, MeetingKind
from ..models import Meeting, Task
from ..views import dashboard as views
from .factories import make_cell, make_official

D = datetime.date
TODAY = D(2026, 4, 10)
FEBRUARY = D(2026, 2, 1)
DASHBOARD = "/admin/party/"
SVG = "{http://www.w3.org/2000/svg}"


# No reports, no task screen, no admin: what the dashboard's links meet before those exist.
_bare = types.ModuleType("xaso_party_dashboard_bare_urls")
_bare.urlpatterns = [path("party/", views.dashboard, name="party_dashboard")]
sys.modules[_bare.__name__] = _bare

pytestmark = pytest.mark.django_db


def _xml(text: str) -> ET.Element:
    """Parse as XML (a browser would forgive what this refuses)."""
    return ET.fromstring(text)  # noqa: S314 — our own output, not untrusted input


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr(views.timezone, "localdate", lambda *args, **kwargs: TODAY)


def _assign(cell, official, role=AssignmentRole.IN_CHARGE):
    services.assignment_start(cell=cell, official=official, role=role, valid_from=D(2025, 1, 1))


def _meeting(cell, month, minutes=120, **fields):
    start = datetime.time(19, 30)
    end = (datetime.datetime.combine(month, start) + datetime.timedelta(minutes=minutes)).time()
    values = {
        "kind": MeetingKind.REGULAR,
        "planned_on": month.replace(day=5),
        "held_on": month.replace(day=5),
        "starts_at": start,
        "ends_at": end,
        "present_count": 18,
        "absent_count": 2,
        "official_attended": True,
    }
    values.update(fields)
    return services.meeting_save(meeting=Meeting(cell=cell, month=month, **values))


@pytest.fixture
def party(commune):
    """Four cells in February 2026: one met too briefly, one did not meet, one met without its
    official, one has no official at all. Two Standing Committee members share them; a task of
    the first cell is overdue and escalated, one of the third is open, one of the second done."""
    short = make_cell(commune=commune, number=61, name="Chi bộ thôn Đông")
    missing = make_cell(commune=commune, number=62, name="Chi bộ thôn Tây")
    absent = make_cell(commune=commune, number=63, name="Chi bộ thôn Nam")
    bare = make_cell(commune=commune, number=64, name="Chi bộ thôn Bắc")
    officials = {
        name: make_official(commune=commune, full_name=name)
        for name in (
            "Nguyễn Văn An",
            "Trần Thị Bình",
            "Lê Văn Cường",
            "Phạm Ủy Viên",
            "Hoàng Ủy Viên",
        )
    }
    first, second, third, member, other_member = officials.values()
    _assign(short, first)
    _assign(missing, second)
    _assign(absent, third)
    for cell in (short, missing):
        _assign(cell, member, AssignmentRole.SUPERVISOR)
    for cell in (absent, bare):
        _assign(cell, other_member, AssignmentRole.SUPERVISOR)
    _meeting(short, FEBRUARY, minutes=60)
    _meeting(absent, FEBRUARY, official_attended=False)
    overdue = services.task_save(
        task=Task(
            cell=short,
            title="Giải phóng mặt bằng mở rộng đường trục xã",
            raised_on=D(2026, 2, 5),
            owner=first,
            due_on=D(2026, 3, 1),
        )
    )
    waiting = services.task_save(
        task=Task(
            cell=absent,
            title="Sửa cống thoát nước xóm Nam",
            raised_on=D(2026, 2, 5),
            owner=third,
            due_on=D(2026, 5, 1),
        )
    )
    done = services.task_save(
        task=Task(
            cell=missing,
            title="Lắp đèn đường ngõ 3",
            raised_on=D(2026, 1, 10),
            owner=second,
            due_on=D(2026, 3, 1),
        )
    )
    services.task_resolve(task=done, resolution="Đã lắp 12 bóng", resolved_on=D(2026, 2, 20))
    assert services.tasks_escalate(today=TODAY) == 1
    return {
        "cells": {"short": short, "missing": missing, "absent": absent, "bare": bare},
        "officials": officials,
        "member": member,
        "tasks": {"overdue": overdue, "waiting": waiting, "done": done},
    }


def _page(client, query="?thang=2026-02"):
    response = client.get(DASHBOARD + query)
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def _grid(soup, table_id="party-grid"):
    """Cell name → its row's status text and flag labels."""
    table = soup.find("caption", id=table_id).find_parent("table")
    rows = {}
    for row in table.tbody.find_all("tr"):
        rows[row.th.get_text(strip=True)] = {
            "status": row.select_one(".party-status").get_text(strip=True),
            "flags": [li.get_text(strip=True) for li in row.select(".party-flag")],
            "text": row.get_text(" ", strip=True),
        }
    return rows


def _title(task_row):
    return task_row.select_one(".party-task__title").get_text(strip=True)


def _tasks(soup, table_id):
    table = soup.find("caption", id=table_id).find_parent("table")
    return table.tbody.find_all("tr")


# The party committee office ------------------------------------------------------------------


def test_the_office_sees_every_cell_with_its_flags(client, commune, party):
    log_in_as(client, commune, Role.PARTY_OFFICE)
    soup = _page(client)
    grid = _grid(soup)
    assert set(grid) == {
        "Chi bộ thôn Đông",
        "Chi bộ thôn Tây",
        "Chi bộ thôn Nam",
        "Chi bộ thôn Bắc",
    }
    assert grid["Chi bộ thôn Đông"]["flags"] == [str(Flag.TOO_SHORT.label)]
    assert (
        "60" in grid["Chi bộ thôn Đông"]["text"]
        and "05/02/2026" in grid["Chi bộ thôn Đông"]["text"]
    )
    assert "Nguyễn Văn An" in grid["Chi bộ thôn Đông"]["text"]
    assert "Phạm Ủy Viên" in grid["Chi bộ thôn Đông"]["text"]
    assert grid["Chi bộ thôn Tây"]["flags"] == [str(Flag.NO_REGULAR.label)]
    assert grid["Chi bộ thôn Nam"]["flags"] == [str(Flag.OFFICIAL_ABSENT.label)]
    assert grid["Chi bộ thôn Bắc"]["flags"] == [
        str(Flag.NO_REGULAR.label),
        str(Flag.NOT_COVERED.label),
    ]
    with translation.override("vi"):
        flagged = views._status_label("flagged")
    assert all(row["status"] == flagged for row in grid.values())
    counts = {
        row.th.get_text(strip=True): int(row.td.get_text(strip=True))
        for row in soup.select(".party-flag-counts tbody tr")
    }
    assert counts == {
        str(Flag.NO_REGULAR.label): 2,
        str(Flag.NO_THEMATIC.label): 0,
        str(Flag.TOO_SHORT.label): 1,
        str(Flag.OFFICIAL_ABSENT.label): 1,
        str(Flag.NOT_COVERED.label): 1,
    }
    uncovered = soup.find(id="party-uncovered-title").find_parent("section").get_text(" ")
    assert "Chi bộ thôn Bắc" in uncovered and "Chi bộ thôn Nam" not in uncovered


def test_the_office_sees_open_tasks_overdue_first_with_whom_they_were_escalated_to(
    client, commune, party
):
    log_in_as(client, commune, Role.PARTY_OFFICE)
    rows = _tasks(_page(client), "party-tasks")
    titles = [_title(row) for row in rows]
    assert titles == [party["tasks"]["overdue"].title, party["tasks"]["waiting"].title]
    overdue, waiting = rows
    assert "party-task--overdue" in overdue["class"]
    assert overdue.select_one(".party-badge--overdue") is not None
    assert "Phạm Ủy Viên" in overdue.get_text() and "10/04/2026" in overdue.get_text()
    assert waiting.select_one(".party-badge--overdue") is None
    assert "party-row--mine" not in overdue["class"]  # the office is not the member


def test_the_office_sees_attendance_and_links_to_the_reports(client, commune, party):
    log_in_as(client, commune, Role.PARTY_OFFICE)
    soup = _page(client)
    attendance = {
        row.th.get_text(strip=True): [td.get_text(strip=True) for td in row.find_all("td")]
        for row in soup.select(".party-attendance tbody tr")
    }
    assert attendance["Nguyễn Văn An"] == ["Chi bộ thôn Đông", "1", "1", "100%"]
    assert attendance["Lê Văn Cường"] == ["Chi bộ thôn Nam", "1", "0", "0%"]
    assert attendance["Trần Thị Bình"] == ["Chi bộ thôn Tây", "0", "0", "–"]
    links = {a["href"] for a in soup.select(".party-reports a")}
    short = party["cells"]["short"]
    assert reverse("party_report", args=["commune", 2026, "02", "xlsx"]) in links
    assert reverse("party_report", args=["commune", 2026, "q1", "pdf"]) in links
    assert reverse("party_report", args=[f"cell-{short.pk}", 2026, "02", "pdf"]) in links
    assert len(links) == 5 * 4  # the commune and four cells, month and quarter, two formats
    later = _page(client, "?thang=2026-06")  # no report yet of a month still to come
    assert later.select(".party-reports a") == [] and len(_grid(later)) == 4


@pytest.mark.urls("xaso_party_dashboard_bare_urls")
def test_links_to_screens_not_installed_are_left_out(commune, party):
    with pytest.raises(NoReverseMatch):
        reverse("party_report", args=["commune", 2026, "02", "xlsx"])
    assert views._report_rows(FEBRUARY, TODAY, list(party["cells"].values()), True, "") == []
    (row,) = views._task_rows([party["tasks"]["overdue"]], TODAY, resolve=True)
    assert row.overdue and row.resolve_url is None


# A Standing Committee member -----------------------------------------------------------------


def test_a_supervisor_sees_only_their_cells_and_the_task_escalated_to_them(client, commune, party):
    log_in_as(client, commune, Role.PARTY_SUPERVISOR, official=party["member"])
    soup = _page(client)
    grid = _grid(soup)
    assert set(grid) == {"Chi bộ thôn Đông", "Chi bộ thôn Tây"}
    assert grid["Chi bộ thôn Tây"]["flags"] == [str(Flag.NO_REGULAR.label)]
    text = soup.get_text(" ")
    assert "Chi bộ thôn Nam" not in text and "Chi bộ thôn Bắc" not in text
    assert party["tasks"]["waiting"].title not in text
    (row,) = _tasks(soup, "party-tasks")
    assert _title(row) == party["tasks"]["overdue"].title
    assert "party-row--mine" in row["class"]
    assert row.select_one(".party-badge--mine") is not None
    assert row.select_one(".party-badge--overdue") is not None
    attendance = [row.th.get_text(strip=True) for row in soup.select(".party-attendance tbody tr")]
    assert sorted(attendance) == ["Nguyễn Văn An", "Trần Thị Bình"]
    cells = party["cells"]
    assert {a["href"] for a in soup.select(".party-reports a")} == {
        reverse("party_report", args=[f"cell-{cell.pk}", 2026, period, fmt])
        for cell in (cells["short"], cells["missing"])
        for period in ("02", "q1")
        for fmt in ("xlsx", "pdf")
    }
    assert soup.find(id="party-uncovered-title") is None


def test_a_supervisors_trend_counts_only_their_cells(client, commune, party):
    log_in_as(client, commune, Role.PARTY_SUPERVISOR, official=party["member"])
    soup = _page(client)
    table = soup.select(".party-charts table")[0]
    february = [th.get_text(strip=True) for th in table.thead.find_all("th")].index(
        charts.month_label(FEBRUARY)
    )
    row = table.tbody.find_all("tr")[0]  # cells that held a regular meeting
    assert row.find_all("td")[february].get_text(strip=True) == "1"  # not the Nam cell's
    flagged = table.tbody.find_all("tr")[2]
    assert flagged.find_all("td")[february].get_text(strip=True) == "2"


# An official in charge -----------------------------------------------------------------------


def test_an_official_sees_only_their_cell_and_their_tasks_with_a_link_to_resolve(
    client, commune, party
):
    first = party["officials"]["Nguyễn Văn An"]
    log_in_as(client, commune, Role.PARTY_OFFICIAL, official=first)
    soup = _page(client)
    grid = _grid(soup, "party-own-grid")
    assert list(grid) == ["Chi bộ thôn Đông"]
    assert grid["Chi bộ thôn Đông"]["flags"] == [str(Flag.TOO_SHORT.label)]
    text = soup.get_text(" ")
    for other in ("Chi bộ thôn Tây", "Chi bộ thôn Nam", "Chi bộ thôn Bắc"):
        assert other not in text
    assert party["tasks"]["waiting"].title not in text
    assert soup.find(id="party-grid") is None  # no commune or supervisor grid
    (row,) = _tasks(soup, "party-own-tasks")
    task = party["tasks"]["overdue"]
    assert _title(row) == task.title
    link = row.th.find("a")  # next to the title, in view on a phone too
    assert link["href"] == reverse("party_task_resolve", args=[task.pk])
    assert task.title in link.get_text()  # the link says which task


def test_a_resolved_task_has_no_resolve_link(client, commune, party):
    second = party["officials"]["Trần Thị Bình"]
    log_in_as(client, commune, Role.PARTY_OFFICIAL, official=second)
    (row,) = _tasks(_page(client), "party-own-tasks")
    assert _title(row) == party["tasks"]["done"].title
    assert row.find("a") is None and "20/02/2026" in row.get_text()


def test_an_official_without_a_login_link_is_told_so(client, commune, party):
    log_in_as(client, commune, Role.PARTY_OFFICIAL)
    soup = _page(client)
    assert soup.select(".party-grid") == [] and soup.select(".party-note")


# Access and parameters -----------------------------------------------------------------------


def test_an_editor_and_a_visitor_get_no_access(client, rf, commune, party):
    response = client.get(DASHBOARD)
    assert response.status_code == 302 and response.url.startswith("/admin/login/")
    editor = log_in_as(client, commune, Role.EDITOR)
    response = client.get(DASHBOARD)  # the admin turns the refusal into a message
    assert response.status_code == 302 and response.url == "/admin/"
    request = rf.get(DASHBOARD)
    request.user = editor
    with pytest.raises(PermissionDenied):
        views.dashboard(request)


@pytest.mark.parametrize(
    "value",
    ["", "abc", "2026-13", "2026-00", "0000-01", "99999-01", "2026-02-01", "2026-1x", "-1-1"],
)
def test_a_bad_month_shows_the_current_one(client, commune, party, value):
    log_in_as(client, commune, Role.PARTY_OFFICE)
    soup = _page(client, f"?thang={value}")
    assert soup.find("input", attrs={"name": "thang"})["value"] == "2026-04"
    assert len(_grid(soup)) == 4


def test_the_month_can_be_written_without_a_leading_zero(client, commune, party):
    log_in_as(client, commune, Role.PARTY_OFFICE)
    soup = _page(client, "?thang=2026-2")
    assert soup.find("input", attrs={"name": "thang"})["value"] == "2026-02"
    previous = soup.find("a", rel="prev")["href"]
    assert previous == "?thang=2026-01"


def test_a_superuser_picks_the_commune(client, commune, other_commune, party, django_user_model):
    other = other_commune
    make_cell(commune=other, number=65, name="Chi bộ Lưu Kiếm")
    admin = django_user_model.objects.create_superuser("tinh", "t@example.com", "mat-khau-123")
    client.force_login(admin)
    assert "Chi bộ thôn Đông" in _grid(_page(client))
    assert list(_grid(_page(client, f"?thang=2026-02&xa={other.pk}"))) == ["Chi bộ Lưu Kiếm"]
    assert "Chi bộ thôn Đông" in _grid(_page(client, "?thang=2026-02&xa=nope"))
    soup = _page(client, f"?thang=2026-02&xa={other.pk}")
    assert soup.find("a", rel="next")["href"] == f"?thang=2026-03&xa={other.pk}"


# Charts --------------------------------------------------------------------------------------


def test_the_trend_charts_are_svg_with_title_desc_and_the_same_numbers(client, commune, party):
    log_in_as(client, commune, Role.PARTY_OFFICE)
    soup = _page(client)
    figures = soup.select(".party-charts figure")
    assert len(figures) == 2
    points = selectors.trend(commune, FEBRUARY, TODAY)
    expected = [
        [
            [p.held_regular for p in points],
            [p.official_attended for p in points],
            [p.flagged for p in points],
        ],
        [[p.tasks_opened for p in points], [p.tasks_resolved for p in points]],
    ]
    labels = [charts.month_label(p.month) for p in points]
    for figure, numbers in zip(figures, expected, strict=True):
        svg = _xml(str(figure.svg))
        assert svg.get("role") == "img"
        title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
        assert title is not None and title.text and desc is not None and desc.text
        assert svg.get("aria-labelledby") == title.get("id")
        table = figure.table
        assert table.caption.get_text() == title.text
        assert [th.get_text() for th in table.thead.find_all("th")] == labels
        rows = [[td.get_text() for td in row.find_all("td")] for row in table.tbody.find_all("tr")]
        assert rows == [[str(n) for n in series] for series in numbers]
    assert expected[1][0][labels.index(charts.month_label(FEBRUARY))] == 2  # two raised in Feb


def _parse(chart: charts.Chart) -> tuple[ET.Element, BeautifulSoup]:
    return _xml(str(chart.svg)), BeautifulSoup(str(chart.table), "html.parser")


def test_a_line_chart_draws_each_value_and_tabulates_it():
    chart = charts.line_chart(
        title="Họp chi bộ",
        description="Số chi bộ họp mỗi tháng",
        labels=["T1/2026", "T2/2026", "T3/2026"],
        series=[charts.Series("Đã họp", [3, None, 7]), charts.Series("Vắng", [0, 2, 1.5])],
        ident="c1",
    )
    svg, table = _parse(chart)
    assert svg.get("viewBox", "").startswith("0 0 ") and svg.get("width") == "100%"
    assert svg.get("aria-describedby") == "c1-desc"
    tips = [el.text for el in svg.iter(f"{SVG}title")][1:]  # after the chart's own title
    assert tips == [
        "T1/2026 – Đã họp: 3",
        "T3/2026 – Đã họp: 7",
        "T1/2026 – Vắng: 0",
        "T2/2026 – Vắng: 2",
        "T3/2026 – Vắng: 1,5",
    ]
    # The gap splits the first line: no segment joins T1 to T3 through the missing month.
    polylines = list(svg.iter(f"{SVG}polyline"))
    assert len(polylines) == 1 and polylines[0].get("stroke") == charts.COLOURS[1]
    axis = [el.text for el in svg.iter(f"{SVG}text")]
    assert {"T1/2026", "T2/2026", "T3/2026"} <= set(axis)
    cells = [[td.get_text() for td in row.find_all("td")] for row in table.tbody.find_all("tr")]
    assert cells == [["3", "–", "7"], ["0", "2", "1,5"]]
    element = table.find("table")
    assert element is not None and "w-sr-only" in element.get_attribute_list("class")


def test_a_bar_chart_scales_bars_to_their_values():
    chart = charts.bar_chart(
        title="Vấn đề",
        description="Nêu và giải quyết",
        labels=["T1/2026", "T2/2026"],
        series=[charts.Series("Nêu", [4, 8]), charts.Series("Giải quyết", [2, 0])],
    )
    svg, _table = _parse(chart)
    bars = [el for el in svg.iter(f"{SVG}rect") if el.find(f"{SVG}title") is not None]
    heights = {el.find(f"{SVG}title").text: float(el.get("height")) for el in bars}
    assert heights["T2/2026 – Nêu: 8"] == pytest.approx(2 * heights["T1/2026 – Nêu: 4"])
    assert heights["T2/2026 – Nêu: 8"] == pytest.approx(charts.PLOT_HEIGHT)
    assert heights["T2/2026 – Giải quyết: 0"] == 0


def test_chart_text_is_escaped():
    hostile = '<script>alert("x")</script> & "quotes"'
    chart = charts.bar_chart(
        title=hostile, description=hostile, labels=[hostile], series=[charts.Series(hostile, [1])]
    )
    svg, table = _parse(chart)  # still well-formed XML
    assert svg.find(f"{SVG}title").text == hostile
    assert "<script>" not in str(chart) and table.caption.get_text() == hostile


def test_series_must_match_the_labels():
    with pytest.raises(ValueError):
        charts.line_chart(
            title="t", description="d", labels=["a", "b"], series=[charts.Series("s", [1])]
        )
    with pytest.raises(ValueError):
        charts.bar_chart(title="t", description="d", labels=["a"], series=[])


def test_the_colours_stand_out_against_white():
    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    for colour in (*charts.COLOURS, charts.TEXT):
        assert 1.05 / (luminance(colour) + 0.05) >= 4.5, colour


def test_the_axis_rounds_up_to_a_round_number():
    assert charts.nice_scale(7) == (8.0, 2.0)
    assert charts.nice_scale(13) == (15.0, 5.0)
    assert charts.nice_scale(0) == (1.0, 1.0)
    assert charts.nice_scale(0.37) == pytest.approx((0.4, 0.1))


def test_month_labels_come_from_the_translation_catalogue():
    with translation.override("en"):
        assert charts.month_label(D(2026, 1, 1)) == "1/2026"
        assert charts.month_label(D(2026, 11, 1)) == "11/2026"
