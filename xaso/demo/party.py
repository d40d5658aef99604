"""The demo commune's party-cell work, from the reference article's facts: each village cell has
a commune official in charge (they moved from the agency cell in 2012), each Standing Committee
member supervises five cells, officials cross-check each other's areas, and cells 6, 8 and 9 —
where meetings were perfunctory — improve once officials join them. Issues include clearing land
to widen the roads to Thiểm Khê, Thụ Khê, Quỳ Khê, thôn 9 and thôn 10.

The year of meetings runs up to the current month, so the dashboards always have a present.
Names of officials are made up; no Party member is named. Created through the services; a
second run changes nothing.
"""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from xaso.communes.models import Commune, Hamlet, Official
from xaso.communes.services import official_create
from xaso.party import services
from xaso.party.choices import AssignmentRole, CellKind, MeetingKind, MeetingQuality, TaskStatus
from xaso.party.models import Assignment, Cell, Meeting, Task
from xaso.party.selectors import add_months, month_start

# Officials in charge of a cell (besides the public leaders): commune civil servants.
CIVIL_SERVANTS = [
    ("Nguyễn Văn Thành", "Công chức Địa chính - Xây dựng"),
    ("Phạm Thị Hằng", "Công chức Tư pháp - Hộ tịch"),
    ("Trần Văn Dũng", "Công chức Văn hóa - Xã hội"),
    ("Lê Thị Mai", "Công chức Tài chính - Kế toán"),
    ("Vũ Đức Long", "Công chức Địa chính - Nông nghiệp"),
    ("Đặng Thị Hoa", "Công chức Văn phòng - Thống kê"),
    ("Hoàng Minh Tuấn", "Phó Chỉ huy trưởng Ban Chỉ huy Quân sự xã"),
    ("Ngô Văn Bình", "Công chức Văn hóa - Thông tin"),
    ("Bùi Văn Hải", "Phó Trưởng Công an xã"),
    ("Trịnh Thị Nga", "Chủ tịch Hội Liên hiệp Phụ nữ xã"),
    ("Đỗ Minh Quang", "Bí thư Đoàn Thanh niên xã"),
    ("Phan Thị Yến", "Công chức Tư pháp - Hộ tịch"),
]
# Standing Committee members, each supervising five cells at most.
SUPERVISORS = ["Lê Minh Hòa", "Nguyễn Tiến Tập", "Đỗ Văn Khánh"]
# Cells where meetings were weak until an official joined them (the article's 6, 8 and 9).
IMPROVING = {6, 8, 9}
MEMBERS = [18, 22, 25, 16, 19, 21, 17, 24, 20, 23, 15]

ISSUES = [
    (9, "Ba hộ đoạn qua thôn 9 chưa đồng ý hiến đất mở rộng đường trục xã", 5, False),
    (1, "Giải phóng mặt bằng tuyến đường vào làng Thiểm Khê: di dời cột điện", 7, True),
    (2, "Tường rào hai hộ lấn hành lang tuyến đường vào làng Thụ Khê", 6, True),
    (3, "Thống nhất phương án hỗ trợ cây cối trên tuyến đường vào làng Quỳ Khê", 4, True),
    (10, "Vận động hộ gia đình tháo dỡ cổng để mở rộng đường thôn 10", 3, False),
    (6, "Rác thải tồn đọng ở khu vực ven đê thôn 6", 2, True),
    (8, "Hệ thống tiêu nước vụ mùa khu đồng thôn 8", 1, False),
]


def _officials(commune: Commune) -> list[Official]:
    found = []
    for name, position in CIVIL_SERVANTS:
        official = Official.objects.filter(commune=commune, full_name=name).first()
        if official is None:
            official = official_create(
                commune=commune, full_name=name, position=position, sort_order=100
            )
        found.append(official)
    return found


def load_party_demo(commune: Commune, today: datetime.date | None = None) -> None:
    if Cell.objects.filter(commune=commune).exists():
        return
    today = today or timezone.localdate()
    rng = random.Random(2012)
    first_month = add_months(month_start(today), -11)
    start = add_months(first_month, -1)
    joined = add_months(first_month, 3)  # officials join cells 6, 8 and 9

    cells: list[Cell] = []
    hamlets = list(Hamlet.objects.filter(commune=commune).order_by("sort_order"))
    for number, hamlet in enumerate(hamlets, start=1):
        cells.append(
            services.cell_save(
                cell=Cell(
                    commune=commune,
                    code=f"CB{number:02d}",
                    name=f"Chi bộ {number} ({hamlet.name})",
                    kind=CellKind.VILLAGE,
                    hamlet=hamlet,
                    member_count=MEMBERS[(number - 1) % len(MEMBERS)],
                    secretary_name=f"Bí thư Chi bộ {number}",
                    active_from=datetime.date(2012, 6, 1),
                    sort_order=number,
                )
            )
        )
    cells.append(
        services.cell_save(
            cell=Cell(
                commune=commune,
                code="CBCQ",
                name="Chi bộ Cơ quan xã",
                kind=CellKind.AGENCY,
                member_count=14,
                secretary_name="Bí thư Chi bộ Cơ quan",
                active_from=datetime.date(2012, 6, 1),
                sort_order=99,
            )
        )
    )

    officials = _officials(commune)
    for index, cell in enumerate(cells):
        number = index + 1
        services.assignment_start(
            cell=cell,
            official=officials[index % len(officials)],
            role=AssignmentRole.IN_CHARGE,
            valid_from=joined if number in IMPROVING else start,
        )
    members = [Official.objects.get(commune=commune, full_name=name) for name in SUPERVISORS]
    for index, cell in enumerate(cells):
        services.assignment_start(
            cell=cell,
            official=members[index // 5],
            role=AssignmentRole.SUPERVISOR,
            valid_from=start,
        )

    for offset in range(12):
        month = add_months(first_month, offset)
        for index, cell in enumerate(cells):
            _month_of_meetings(cell, index + 1, month, today, joined, rng)

    _tasks(commune, cells, today)
    for quarter_offset in (1, 0):
        day = add_months(month_start(today), -3 * quarter_offset)
        quarter = (day.month - 1) // 3 + 1
        plan = services.cross_check_plan_generate(commune=commune, year=day.year, quarter=quarter)
        if quarter_offset:
            for check in plan.checks.all():
                check.checked_on = services.quarter_start(day.year, quarter) + datetime.timedelta(
                    days=40 + check.pk % 20
                )
                check.findings = "Chi bộ duy trì sinh hoạt định kỳ; sổ sách ghi chép đầy đủ."
                check.follow_up = "Tiếp tục nâng cao chất lượng sinh hoạt chuyên đề."
                services.cross_check_save(check=check)
    services.tasks_escalate(today=today, communes=[commune])
    _logins(commune)


# The demo logins (demo.loader.DEMO_USERS) of a Standing Committee member and of an
# official in charge of a cell, linked to their official records.
LOGINS = {"btv": "Nguyễn Tiến Tập", "phutrach": "Bùi Văn Hải"}


def _logins(commune: Commune) -> None:
    from django.contrib.auth import get_user_model

    for username, name in LOGINS.items():
        user = get_user_model().objects.filter(username=username).first()
        official = Official.objects.filter(commune=commune, full_name=name).first()
        if user is not None and official is not None and official.user_id is None:
            official.user = user
            official.save(update_fields=["user"])


def _month_of_meetings(
    cell: Cell,
    number: int,
    month: datetime.date,
    today: datetime.date,
    joined: datetime.date,
    rng: random.Random,
) -> None:
    weak = number in IMPROVING and month < joined
    combined = month.month % 3 == 2  # the thematic meeting, in the quarter's middle month
    day = month.replace(day=5 + number % 4)
    if day > today:  # this month's meeting is still ahead
        services.meeting_save(
            meeting=Meeting(
                cell=cell,
                month=month,
                kind=MeetingKind.COMBINED if combined else MeetingKind.REGULAR,
                planned_on=day,
            )
        )
        return
    if weak and month.month % 4 == 0:
        return  # a month without a meeting, as the article says happened
    if weak:
        minutes = rng.choice([60, 70, 75, 80])
    elif combined:
        minutes = rng.choice([120, 125, 135, 150])
    else:
        minutes = rng.choice([90, 95, 100, 110, 120, 85 if rng.random() < 0.1 else 95])
    starts = datetime.time(19, 30)
    ends = (datetime.datetime.combine(day, starts) + datetime.timedelta(minutes=minutes)).time()
    present = cell.member_count - (rng.randint(4, 8) if weak else rng.randint(0, 3))
    services.meeting_save(
        meeting=Meeting(
            cell=cell,
            month=month,
            kind=MeetingKind.COMBINED if combined and not weak else MeetingKind.REGULAR,
            planned_on=day,
            held_on=day,
            starts_at=starts,
            ends_at=ends,
            present_count=present,
            absent_count=cell.member_count - present,
            absence_reasons="Đi làm ăn xa; ốm" if not weak else "Đi làm ăn xa; không lý do",
            official_attended=None if weak else rng.random() > 0.08,
            topics=(
                "Quán triệt nghị quyết của Đảng ủy xã; tình hình thực hiện nông thôn mới"
                if not combined
                else "Chuyên đề: học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"
            ),
            issues_raised="Tiến độ vận động hiến đất mở rộng đường"
            if number in (1, 2, 3, 9, 10)
            else "",
            conclusion="Giao nhiệm vụ tháng sau cho từng đảng viên",
            quality=MeetingQuality.AVERAGE if weak else MeetingQuality.GOOD,
        )
    )


def _tasks(commune: Commune, cells: list[Cell], today: datetime.date) -> None:
    for number, title, months_ago, resolved in ISSUES:
        cell = cells[number - 1]
        owner = (
            Assignment.objects.filter(cell=cell, role=AssignmentRole.IN_CHARGE)
            .latest("valid_from")
            .official
        )
        raised = add_months(month_start(today), -months_ago).replace(day=10)
        meeting = Meeting.objects.filter(cell=cell, month=month_start(raised)).first()
        due = raised + datetime.timedelta(days=45 if not resolved else 30)
        task = services.task_save(
            task=Task(
                cell=cell,
                meeting=meeting,
                title=title,
                raised_on=raised,
                owner=owner,
                due_on=due,
                status=TaskStatus.IN_PROGRESS if not resolved else TaskStatus.OPEN,
            )
        )
        if resolved:
            services.task_resolve(
                task=task,
                resolution="Cán bộ phụ trách cùng chi bộ đối thoại với các hộ; đã thống nhất, "
                "bàn giao mặt bằng.",
                resolved_on=min(due, today),
                reported_to_cell_on=min(due + datetime.timedelta(days=10), today),
            )
