"""The party-cell admin: who sees which rows, saves through the services, refusals shown on the
form, the rotation action, an official resolving their task, and no screen for anyone else."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from wagtail.models import ModelLogEntry

from xaso.accounts.choices import Role
from xaso.communes.tests.factories import make_commune
from xaso.testing.clients import log_in_as

from .. import services
from ..choices import AssignmentRole, Flag, MeetingKind, TaskStatus
from ..models import Assignment, Cell, CrossCheckPlan, Meeting, Task
from .factories import make_cell, make_official

pytestmark = pytest.mark.django_db

D = datetime.date
SINCE = D(2025, 1, 1)


def _shown(text):
    """`text` as the admin renders it: in Vietnamese where translated, escaped."""
    with translation.override("vi"):
        return escape(str(text))


def _meeting(cell, month, **fields):
    defaults = {"kind": MeetingKind.REGULAR, "held_on": month.replace(day=10)}
    defaults.update(fields)
    return services.meeting_save(
        meeting=Meeting(commune=cell.commune, cell=cell, month=month, **defaults)
    )


def _task(cell, owner, title, **fields):
    defaults = {"raised_on": D(2026, 10, 10), "due_on": D(2026, 12, 31)}
    defaults.update(fields)
    return services.task_save(
        task=Task(commune=cell.commune, cell=cell, owner=owner, title=title, **defaults)
    )


def _build_party(commune):
    """Three cells of our commune, each with its official in charge, one Standing Committee
    member supervising the first two; another commune with a cell of its own."""
    cells = [make_cell(commune=commune, name=f"Chi bộ thôn Đông {n}") for n in (1, 2, 3)]
    officials = [make_official(commune=commune, full_name=f"Nguyễn Văn {n}") for n in "ABC"]
    for cell, official in zip(cells, officials, strict=True):
        services.assignment_start(
            cell=cell, official=official, role=AssignmentRole.IN_CHARGE, valid_from=SINCE
        )
    member = make_official(commune=commune, full_name="Trần Thị Thường Vụ")
    for cell in cells[:2]:
        services.assignment_start(
            cell=cell, official=member, role=AssignmentRole.SUPERVISOR, valid_from=SINCE
        )
    other = make_commune(name="Lưu Kiếm")
    far_cell = make_cell(commune=other, name="Chi bộ thôn Xa")
    far_official = make_official(commune=other, full_name="Lê Văn Xa")
    services.assignment_start(
        cell=far_cell, official=far_official, role=AssignmentRole.IN_CHARGE, valid_from=SINCE
    )
    month = D(2026, 10, 1)
    return SimpleNamespace(
        commune=commune,
        other=other,
        cells=cells,
        officials=officials,
        member=member,
        far_cell=far_cell,
        meetings=[_meeting(cell, month, topics=f"Họp {cell.name}") for cell in cells],
        far_meeting=_meeting(far_cell, month, topics="Họp thôn Xa"),
        tasks=[
            _task(cell, official, f"Giải phóng mặt bằng {cell.name}")
            for cell, official in zip(cells, officials, strict=True)
        ],
        far_task=_task(far_cell, far_official, "Việc của xã bạn"),
    )


# Made once for the module's consecutive tests, a copy for each (xaso/conftest.py).
SHARED_WORLD = _build_party
SHARED_WORLD_FIXTURE = "party"


@pytest.fixture
def party(shared_world):
    return shared_world


def _meeting_post(cell, **fields):
    data = {
        "cell": cell.pk,
        "month": "2026-11-01",
        "kind": MeetingKind.REGULAR,
        "planned_on": "",
        "held_on": "2026-11-12",
        "starts_at": "08:00",
        "ends_at": "10:00",
        "present_count": "15",
        "absent_count": "2",
        "absence_reasons": "Đi làm ăn xa",
        "official_attended": "true",
        "topics": "Sơ kết quý",
        "issues_raised": "",
        "conclusion": "",
        "quality": "",
    }
    data.update(fields)
    return data


def _task_post(task, **fields):
    data = {
        "cell": task.cell_id,
        "meeting": "",
        "title": task.title,
        "details": task.details,
        "owner": task.owner_id,
        "raised_on": task.raised_on.isoformat(),
        "due_on": task.due_on.isoformat(),
        "status": task.status,
        "resolution": "",
        "resolved_on": "",
        "reported_to_cell_on": "",
    }
    data.update(fields)
    return data


def _cell_post(cell, **fields):
    data = {
        "commune": cell.commune_id,
        "code": cell.code,
        "name": cell.name,
        "kind": cell.kind,
        "hamlet": cell.hamlet_id or "",
        "member_count": cell.member_count,
        "secretary_name": cell.secretary_name,
        "secretary_phone": "",
        "active_from": cell.active_from.isoformat(),
        "active_to": "",
        "sort_order": cell.sort_order,
    }
    data.update(fields)
    return data


# The party committee office ----------------------------------------------------------------


def test_the_office_lists_its_communes_cells_meetings_and_tasks(client, party):
    log_in_as(client, party.commune, Role.PARTY_OFFICE)
    cells = client.get("/admin/party/cells/").content.decode()
    assert all(cell.name in cells for cell in party.cells)
    assert party.far_cell.name not in cells
    assert "Nguyễn Văn A" in cells  # the official in charge column
    meetings = client.get("/admin/party/meetings/").content.decode()
    assert all(cell.name in meetings for cell in party.cells)
    assert party.far_cell.name not in meetings
    tasks = client.get("/admin/party/tasks/").content.decode()
    assert all(task.title in tasks for task in party.tasks)
    assert party.far_task.title not in tasks
    assert client.get(f"/admin/party/meetings/edit/{party.far_meeting.pk}/").status_code == 404
    assert client.get(f"/admin/party/tasks/edit/{party.far_task.pk}/").status_code == 404


def test_the_office_edits_a_cell_a_meeting_and_a_task_through_the_services(client, party):
    log_in_as(client, party.commune, Role.PARTY_OFFICE)
    cell, meeting, task = party.cells[0], party.meetings[0], party.tasks[0]
    response = client.post(
        f"/admin/party/cells/edit/{cell.pk}/", _cell_post(cell, name="  Chi bộ thôn Mới  ")
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Cell.objects.get(pk=cell.pk).name == "Chi bộ thôn Mới"  # stripped by the form

    data = _meeting_post(
        cell, month=meeting.month.isoformat(), held_on="2026-10-10", topics="Chủ đề đã sửa"
    )
    response = client.post(f"/admin/party/meetings/edit/{meeting.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Meeting.objects.get(pk=meeting.pk).topics == "Chủ đề đã sửa"

    response = client.post(
        f"/admin/party/tasks/edit/{task.pk}/",
        _task_post(task, status=TaskStatus.IN_PROGRESS, due_on="2027-01-15"),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    task.refresh_from_db()
    assert (task.status, task.due_on) == (TaskStatus.IN_PROGRESS, D(2027, 1, 15))
    # Audited by the services.
    assert ModelLogEntry.objects.filter(object_id=str(task.pk), action="wagtail.edit").exists()


def test_a_meeting_recorded_on_any_day_of_the_month_is_filed_under_its_first_day(client, party):
    log_in_as(client, party.commune, Role.PARTY_OFFICE)
    response = client.post(
        "/admin/party/meetings/new/", _meeting_post(party.cells[2], month="2026-11-17")
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Meeting.objects.get(cell=party.cells[2], month=D(2026, 11, 1)).topics == "Sơ kết quý"


# Officials and supervisors -------------------------------------------------------------------


def test_an_official_sees_only_their_own_cells_rows(client, party):
    log_in_as(client, party.commune, Role.PARTY_OFFICIAL, official=party.officials[0])
    mine, theirs = party.cells[0], party.cells[1]
    cells = client.get("/admin/party/cells/").content.decode()
    assert mine.name in cells and theirs.name not in cells
    meetings = client.get("/admin/party/meetings/").content.decode()
    assert mine.name in meetings and theirs.name not in meetings
    tasks = client.get("/admin/party/tasks/").content.decode()
    assert party.tasks[0].title in tasks and party.tasks[1].title not in tasks
    assert client.get(f"/admin/party/meetings/edit/{party.meetings[0].pk}/").status_code == 200
    assert client.get(f"/admin/party/tasks/inspect/{party.tasks[0].pk}/").status_code == 200
    for url in (
        f"/admin/party/meetings/edit/{party.meetings[1].pk}/",
        f"/admin/party/meetings/inspect/{party.meetings[1].pk}/",
        f"/admin/party/tasks/inspect/{party.tasks[1].pk}/",
        f"/admin/party/cells/inspect/{theirs.pk}/",
    ):
        assert client.get(url).status_code == 404, url
    response = client.post(
        f"/admin/party/meetings/edit/{party.meetings[1].pk}/",
        _meeting_post(theirs, month="2026-10-01", held_on="2026-10-10", topics="Sửa trộm"),
    )
    assert response.status_code == 404
    assert Meeting.objects.get(pk=party.meetings[1].pk).topics != "Sửa trộm"


def test_an_official_records_a_meeting_for_their_own_cell_only(client, party):
    log_in_as(client, party.commune, Role.PARTY_OFFICIAL, official=party.officials[0])
    form = client.get("/admin/party/meetings/new/").content.decode()
    assert party.cells[0].name in form and party.cells[1].name not in form
    response = client.post("/admin/party/meetings/new/", _meeting_post(party.cells[1]))
    assert response.status_code == 200  # the form again: that cell is not a choice
    assert not Meeting.objects.filter(cell=party.cells[1], month=D(2026, 11, 1)).exists()
    response = client.post("/admin/party/meetings/new/", _meeting_post(party.cells[0]))
    assert response.status_code == 302
    assert Meeting.objects.filter(cell=party.cells[0], month=D(2026, 11, 1)).exists()


def test_a_supervisor_sees_only_the_cells_they_supervise(client, party):
    log_in_as(client, party.commune, Role.PARTY_SUPERVISOR, official=party.member)
    cells = client.get("/admin/party/cells/").content.decode()
    assert party.cells[0].name in cells and party.cells[1].name in cells
    assert party.cells[2].name not in cells
    meetings = client.get("/admin/party/meetings/").content.decode()
    assert party.cells[2].name not in meetings and party.cells[1].name in meetings
    assert client.get(f"/admin/party/meetings/inspect/{party.meetings[1].pk}/").status_code == 200
    assert client.get(f"/admin/party/meetings/inspect/{party.meetings[2].pk}/").status_code == 404
    assert client.get(f"/admin/party/tasks/inspect/{party.tasks[2].pk}/").status_code == 404
    # Reading only: no edit screen.
    refused = client.get(f"/admin/party/meetings/edit/{party.meetings[0].pk}/")
    assert refused.status_code in (302, 403)  # Wagtail sends a refusal back to the dashboard
    assert party.meetings[0].topics not in refused.content.decode()


# Assignments -------------------------------------------------------------------------------


def test_a_limit_broken_through_the_assignment_form_is_a_form_error(client, party):
    log_in_as(client, party.commune, Role.PARTY_OFFICE)
    before = Assignment.objects.count()
    busy = party.officials[0]  # already in charge of the first cell
    response = client.post(
        "/admin/party/assignments/new/",
        {
            "cell": party.cells[2].pk,
            "role": AssignmentRole.IN_CHARGE,
            "official": busy.pk,
            "valid_from": "2026-11-01",
            "note": "",
        },
    )
    assert response.status_code == 200
    message = _("%(name)s is already in charge of %(count)s cell(s); the commune allows %(limit)s.")
    assert response.context["form"].errors["official"] == [
        str(message) % {"name": busy.full_name, "count": 1, "limit": 1}
    ]
    assert _shown(message) % {"name": escape(busy.full_name), "count": 1, "limit": 1} in (
        response.content.decode()
    )
    assert Assignment.objects.count() == before  # nothing saved, nobody relieved
    assert not Assignment.objects.filter(cell=party.cells[2], valid_to__isnull=False).exists()


def test_an_assignment_is_created_through_the_service_relieving_the_previous_holder(client, party):
    log_in_as(client, party.commune, Role.PARTY_OFFICE)
    newcomer = make_official(commune=party.commune, full_name="Phạm Văn Mới")
    response = client.post(
        "/admin/party/assignments/new/",
        {
            "cell": party.cells[2].pk,
            "role": AssignmentRole.IN_CHARGE,
            "official": newcomer.pk,
            "valid_from": "2026-11-01",
            "note": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    previous = Assignment.objects.get(cell=party.cells[2], official=party.officials[2])
    assert previous.valid_to == D(2026, 10, 31)
    assert Assignment.objects.get(cell=party.cells[2], official=newcomer).valid_to is None


def test_editing_an_assignment_only_ends_it(client, party):
    log_in_as(client, party.commune, Role.PARTY_OFFICE)
    assignment = Assignment.objects.get(cell=party.cells[0], role=AssignmentRole.IN_CHARGE)
    form = client.get(f"/admin/party/assignments/edit/{assignment.pk}/").content.decode()
    assert 'name="valid_to"' in form and 'name="official"' not in form
    response = client.post(
        f"/admin/party/assignments/edit/{assignment.pk}/",
        {
            "valid_to": "2026-12-31",
            "official": party.officials[1].pk,
            "cell": party.cells[2].pk,
            "role": AssignmentRole.SUPERVISOR,
        },
    )
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.valid_to == D(2026, 12, 31)
    assert (assignment.official, assignment.cell, assignment.role) == (
        party.officials[0],
        party.cells[0],
        AssignmentRole.IN_CHARGE,
    )


# Bad input ----------------------------------------------------------------------------------


def test_bad_input_comes_back_as_form_errors_never_a_server_error(client, party):
    log_in_as(client, party.commune, Role.PARTY_OFFICE)
    assignment = Assignment.objects.get(cell=party.cells[0], role=AssignmentRole.IN_CHARGE)
    response = client.post(
        f"/admin/party/assignments/edit/{assignment.pk}/", {"valid_to": "2024-12-31"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["valid_to"]
    assert Assignment.objects.get(pk=assignment.pk).valid_to is None

    # Ends before it starts: refused by the form.
    response = client.post(
        "/admin/party/meetings/new/",
        _meeting_post(party.cells[2], starts_at="10:00", ends_at="08:00"),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["ends_at"]
    # Held in another month: refused by the service, shown on its field.
    response = client.post(
        "/admin/party/meetings/new/", _meeting_post(party.cells[2], held_on="2026-12-02")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["held_on"]
    # More present than members: refused by the service too.
    response = client.post(
        "/admin/party/meetings/new/",
        _meeting_post(party.cells[2], present_count="30", absent_count="5"),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["absent_count"]
    assert not Meeting.objects.filter(cell=party.cells[2], month=D(2026, 11, 1)).exists()

    task = party.tasks[0]
    response = client.post(
        f"/admin/party/tasks/edit/{task.pk}/", _task_post(task, due_on="2026-01-01")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["due_on"]
    response = client.post(
        f"/admin/party/tasks/edit/{task.pk}/", _task_post(task, status=TaskStatus.RESOLVED)
    )
    assert response.status_code == 200
    assert response.context["form"].errors["resolved_on"]
    assert Task.objects.get(pk=task.pk).status == TaskStatus.OPEN

    cell = party.cells[0]
    response = client.post(
        f"/admin/party/cells/edit/{cell.pk}/", _cell_post(cell, active_to="2024-01-01")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["active_to"]
    assert Cell.objects.get(pk=cell.pk).active_to is None


# Cross-check rotation ----------------------------------------------------------------------


def test_the_office_generates_the_quarters_cross_check_plan(client, party):
    log_in_as(client, party.commune, Role.PARTY_OFFICE)
    assert client.get("/admin/party/cross-check-plans/new/").status_code == 200
    response = client.post(
        "/admin/party/cross-check-plans/new/",
        {"commune": party.commune.pk, "year": "2026", "quarter": "4"},
    )
    plan = CrossCheckPlan.objects.get(commune=party.commune, year=2026, quarter=4)
    assert response.status_code == 302
    assert response["Location"] == reverse("party_crosscheckplans:inspect", args=[plan.pk])
    own = dict(zip(party.officials, party.cells, strict=True))
    checks = list(plan.checks.select_related("official", "cell"))
    assert {check.official for check in checks} == set(party.officials)
    assert all(check.cell != own[check.official] for check in checks)
    page = client.get(response["Location"]).content.decode()
    assert all(official.full_name in page for official in party.officials)

    # A check's result recorded, and a check of one's own cell refused on the form.
    check = checks[0]
    response = client.post(
        f"/admin/party/cross-checks/edit/{check.pk}/",
        {
            "cell": check.cell_id,
            "checked_on": "2026-11-20",
            "findings": "Sổ sách đầy đủ",
            "follow_up": "",
        },
    )
    assert response.status_code == 302
    check.refresh_from_db()
    assert check.findings == "Sổ sách đầy đủ"
    response = client.post(
        f"/admin/party/cross-checks/edit/{check.pk}/",
        {"cell": own[check.official].pk, "checked_on": "", "findings": "", "follow_up": ""},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["cell"]

    # The same quarter again: the service's refusal, shown on the form.
    response = client.post(
        "/admin/party/cross-check-plans/new/",
        {"commune": party.commune.pk, "year": "2026", "quarter": "4"},
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert CrossCheckPlan.objects.filter(commune=party.commune).count() == 1


def test_only_the_office_generates_plans(client, party):
    log_in_as(client, party.commune, Role.PARTY_OFFICIAL, official=party.officials[0])
    response = client.post(
        "/admin/party/cross-check-plans/new/",
        {"commune": party.commune.pk, "year": "2026", "quarter": "4"},
    )
    assert response.status_code == 403
    assert not CrossCheckPlan.objects.exists()


# Resolving a task --------------------------------------------------------------------------


def test_the_owner_resolves_their_task(client, party):
    log_in_as(client, party.commune, Role.PARTY_OFFICIAL, official=party.officials[0])
    task = party.tasks[0]
    url = reverse("party_task_resolve", args=[task.pk])
    assert url == f"/admin/party/tasks/{task.pk}/resolve/"
    assert url in client.get("/admin/party/tasks/").content.decode()  # offered in the list
    page = client.get(url)
    assert page.status_code == 200 and task.title in page.content.decode()
    # A date before the issue was raised: back to the form.
    response = client.post(url, {"resolution": "Đã xong", "resolved_on": "2026-01-01"})
    assert response.status_code == 200
    assert response.context["form"].errors["resolved_on"]
    response = client.post(
        url,
        {
            "resolution": "Đã vận động các hộ bàn giao mặt bằng",
            "resolved_on": "2026-11-20",
            "reported_to_cell_on": "2026-11-25",
        },
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == TaskStatus.RESOLVED
    assert (task.resolved_on, task.reported_to_cell_on) == (D(2026, 11, 20), D(2026, 11, 25))


def test_another_official_may_not_resolve_the_task(client, party):
    log_in_as(client, party.commune, Role.PARTY_OFFICIAL, official=party.officials[1])
    task = party.tasks[0]
    url = reverse("party_task_resolve", args=[task.pk])
    assert client.get(url).status_code == 403
    response = client.post(url, {"resolution": "Giả mạo", "resolved_on": "2026-11-20"})
    assert response.status_code == 403
    assert Task.objects.get(pk=task.pk).status == TaskStatus.OPEN
    # Another commune's task is not even found.
    far = reverse("party_task_resolve", args=[party.far_task.pk])
    assert client.get(far).status_code == 404


# Nobody else -------------------------------------------------------------------------------


def test_an_editor_has_no_party_screen(client, party):
    log_in_as(client, party.commune, Role.EDITOR)
    urls = [
        "/admin/party/cells/",
        f"/admin/party/cells/edit/{party.cells[0].pk}/",
        "/admin/party/assignments/",
        "/admin/party/assignments/new/",
        "/admin/party/meetings/",
        f"/admin/party/meetings/inspect/{party.meetings[0].pk}/",
        "/admin/party/tasks/",
        f"/admin/party/tasks/inspect/{party.tasks[0].pk}/",
        reverse("party_task_resolve", args=[party.tasks[0].pk]),
        "/admin/party/cross-check-plans/",
        "/admin/party/cross-check-plans/new/",
        "/admin/party/cross-checks/",
        "/admin/party/rules/",
        reverse("party_dashboard"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code in (302, 403, 404), url
        assert party.cells[0].name not in response.content.decode(), url
    assert reverse("party_dashboard") not in client.get("/admin/").content.decode()


def test_the_menu_offers_the_overview_to_party_roles(client, party):
    log_in_as(client, party.commune, Role.PARTY_SUPERVISOR, official=party.member)
    home = client.get("/admin/").content.decode()
    overview, cells = f'"{reverse("party_dashboard")}"', '"/admin/party/cells/"'
    assert overview in home and cells in home
    assert home.index(overview) < home.index(cells)  # at the top of the group
    assert '"/admin/party/rules/"' not in home  # the commune's rules are the office's


def test_the_rules_are_the_communes_and_edited_by_the_office(client, party):
    log_in_as(client, party.commune, Role.PARTY_OFFICE)
    listing = client.get("/admin/party/rules/").content.decode()
    rules = services.party_settings(party.commune)
    assert party.commune.name in listing and party.other.name not in listing
    response = client.post(
        f"/admin/party/rules/edit/{rules.pk}/",
        {
            "max_cells_per_official": "0",
            "max_cells_per_supervisor": "5",
            "min_minutes": "90",
            "min_minutes_combined": "120",
        },
    )
    assert response.status_code == 200  # at least one cell per official
    assert response.context["form"].errors["max_cells_per_official"]
    response = client.post(
        f"/admin/party/rules/edit/{rules.pk}/",
        {
            "max_cells_per_official": "2",
            "max_cells_per_supervisor": "5",
            "min_minutes": "90",
            "min_minutes_combined": "120",
        },
    )
    assert response.status_code == 302
    rules.refresh_from_db()
    assert rules.max_cells_per_official == 2
    far_rules = services.party_settings(party.other)
    assert client.get(f"/admin/party/rules/edit/{far_rules.pk}/").status_code in (403, 404)


def test_lists_flag_short_meetings_and_overdue_tasks(client, party):
    log_in_as(client, party.commune, Role.PARTY_OFFICE)
    cell = party.cells[2]
    short = party.meetings[2]
    short.starts_at, short.ends_at = datetime.time(8, 0), datetime.time(9, 0)
    services.meeting_save(meeting=short)
    listing = client.get("/admin/party/meetings/", {"cell": cell.pk}).content.decode()
    assert _shown(Flag.TOO_SHORT.label) in listing
    assert _shown(Flag.OFFICIAL_ABSENT.label) not in listing
    assert "60" in listing  # its length in minutes
    _meeting(cell, D(2026, 11, 1), kind=MeetingKind.THEMATIC)
    november = client.get(
        "/admin/party/meetings/", {"cell": cell.pk, "month_from": "2026-11-01"}
    ).content.decode()
    assert _shown(MeetingKind.THEMATIC.label) in november
    assert _shown(Flag.TOO_SHORT.label) not in november
    late = _task(cell, party.officials[2], "Việc quá hạn", raised_on=D(2026, 1, 5))
    Task.objects.filter(pk=late.pk).update(due_on=timezone.localdate() - datetime.timedelta(1))
    overdue = client.get("/admin/party/tasks/", {"overdue": "true"}).content.decode()
    assert late.title in overdue and party.tasks[0].title not in overdue


def test_a_supervisor_sees_the_overdue_task_escalated_to_them(client, party):
    log_in_as(client, party.commune, Role.PARTY_SUPERVISOR, official=party.member)
    late = party.tasks[1]
    Task.objects.filter(pk=late.pk).update(due_on=D(2026, 10, 31))
    assert services.tasks_escalate(today=D(2026, 11, 2), communes=[party.commune]) == 1
    overdue = client.get("/admin/party/tasks/", {"escalated": "true"}).content.decode()
    assert late.title in overdue and party.tasks[0].title not in overdue
    assert party.member.full_name in overdue
    # Supervising is reading: no resolve button for a task they do not own.
    assert reverse("party_task_resolve", args=[late.pk]) not in overdue


def test_list_pages_do_not_query_row_by_row(client, party):
    log_in_as(client, party.commune, Role.PARTY_OFFICE)
    urls = [
        "/admin/party/cells/",
        "/admin/party/assignments/",
        "/admin/party/meetings/",
        "/admin/party/tasks/",
        "/admin/party/cross-checks/",
    ]
    services.cross_check_plan_generate(commune=party.commune, year=2026, quarter=4)

    def counts():
        client.get(urls[0])  # warm the per-process caches (content types, settings)
        found = []
        for url in urls:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            found.append(len(queries))
        return found

    before = counts()
    for number in range(4):
        cell = make_cell(commune=party.commune, name=f"Chi bộ thêm {number}")
        official = make_official(commune=party.commune)
        services.assignment_start(
            cell=cell, official=official, role=AssignmentRole.IN_CHARGE, valid_from=SINCE
        )
        _meeting(cell, D(2026, 10, 1))
        _task(cell, official, f"Việc thêm {number}")
    services.cross_check_plan_generate(commune=party.commune, year=2027, quarter=1)
    assert counts() == before


def test_the_task_form_lists_recent_meetings_of_the_tasks_cell(client, party):
    from ..forms import RECENT_MEETING_MONTHS
    from ..selectors import add_months, month_start

    this_month = month_start(timezone.localdate())
    recent = _meeting(party.cells[0], this_month, kind=MeetingKind.THEMATIC, topics="Gần đây")
    old_month = add_months(this_month, -RECENT_MEETING_MONTHS - 2)
    old = _meeting(party.cells[0], old_month, kind=MeetingKind.THEMATIC, held_on=None)
    other_cells = _meeting(party.cells[1], this_month, kind=MeetingKind.THEMATIC, held_on=None)
    log_in_as(client, party.commune, Role.PARTY_OFFICE)

    def offered(url):
        form = client.get(url).content.decode()
        select = form[
            form.index('name="meeting"') : form.index("</select>", form.index('name="meeting"'))
        ]
        return {
            meeting.pk
            for meeting in (recent, old, other_cells)
            if f'value="{meeting.pk}"' in select
        }

    # A new task: the recent meetings of the office's cells, not those of long ago.
    assert offered("/admin/party/tasks/new/") == {recent.pk, other_cells.pk}
    # A task of the first cell: that cell's recent meetings only.
    task = party.tasks[0]
    assert offered(f"/admin/party/tasks/edit/{task.pk}/") == {recent.pk}
    # The old meeting a task was raised at stays on its form.
    Task.objects.filter(pk=task.pk).update(meeting=old)
    assert offered(f"/admin/party/tasks/edit/{task.pk}/") == {recent.pk, old.pk}
