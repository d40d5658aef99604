"""Party-cell work as the three roles do it, in Debian's Chromium: the office records a month's
meetings and sees the flags; an official sees only their cell and closes a task; a Standing
Committee member sees a cell's overdue task escalated to them."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from xaso.demo.loader import DEMO_PASSWORD
from xaso.testing.browser import assert_accessible, log_in

from ..choices import TaskStatus
from ..models import Cell, Meeting, Task
from ..selectors import add_months, month_start

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(demo_site: str) -> str:
    return demo_site


def _login(desktop: Any, base: str, username: str) -> Any:
    """A page of a fresh browser session (cookies of its own) logged in as `username`."""
    context = desktop.browser.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN")
    context.set_default_timeout(10_000)
    page = context.new_page()
    log_in(page, base, username, DEMO_PASSWORD)
    return page


def _record(page: Any, base: str, cell: Cell, month: str, day: str, start: str, end: str) -> None:
    page.goto(base + "/admin/party/meetings/new/")
    page.select_option("#id_cell", str(cell.pk))
    page.fill("#id_month", month)
    page.select_option("#id_kind", "regular")
    page.fill("#id_planned_on", day)
    page.fill("#id_held_on", day)
    page.fill("#id_starts_at", start)
    page.fill("#id_ends_at", end)
    page.fill("#id_present_count", "15")
    page.fill("#id_absent_count", "2")
    page.select_option("#id_official_attended", "false")
    page.fill("#id_topics", "Triển khai kế hoạch vận động hiến đất mở rộng đường")
    page.keyboard.press("Escape")  # close any date picker left open
    page.get_by_role("button", name="Tạo", exact=True).click()
    expect(page.locator(".messages")).to_contain_text(cell.name)


def test_office_records_meetings_official_closes_a_task_supervisor_sees_escalation(demo, desktop):
    today = timezone.localdate()
    last_month = add_months(month_start(today), -1)
    cells = {cell.code: cell for cell in Cell.objects.all()}

    # The party committee office records last month's meeting of two cells again, as held:
    # one an hour long, the other without its official.
    office = _login(desktop, demo, "vpdu")
    Meeting.objects.filter(month=last_month, cell__code__in=["CB02", "CB03"]).delete()
    day = last_month.replace(day=12).strftime("%d/%m/%Y")
    month = last_month.strftime("%d/%m/%Y")
    _record(office, demo, cells["CB02"], month, day, "19:30", "20:30")
    _record(office, demo, cells["CB03"], month, day, "19:30", "21:30")
    office.goto(f"{demo}/admin/party/?thang={last_month:%Y-%m}")
    expect(office.locator("h1")).to_be_visible()
    short = office.locator("tr[data-cell='CB02']")
    expect(short).to_contain_text("60")
    expect(short.locator(".party-flag--too_short")).to_be_visible()
    expect(short.locator(".party-flag--official_absent")).to_be_visible()
    absent = office.locator("tr[data-cell='CB03']")
    expect(absent.locator(".party-flag--official_absent")).to_be_visible()
    expect(absent.locator(".party-flag--too_short")).to_have_count(0)
    assert Meeting.objects.filter(cell__code="CB02", month=last_month).get().minutes == 60
    # The dashboard is usable by everyone (WCAG 2.1 AA).
    assert_accessible(office)
    office.context.close()

    # The official in charge of cell 9 sees their cell only, and closes their open task.
    official = _login(desktop, demo, "phutrach")
    official.goto(demo + "/admin/party/")
    expect(official.locator("tr[data-cell='CB09']")).to_be_visible()
    expect(official.locator("tr[data-cell]")).to_have_count(1)
    official.goto(demo + "/admin/party/cells/")
    expect(official.locator("main")).to_contain_text("Chi bộ 9")
    expect(official.locator("main")).not_to_contain_text("Chi bộ 8")
    task = Task.objects.get(title__contains="thôn 9")
    other = Task.objects.exclude(cell__code="CB09").first()
    assert other is not None
    response = official.goto(f"{demo}/admin/party/tasks/edit/{other.pk}/")
    # Another cell's task: not found, or (no right to edit tasks at all) back to the admin home.
    assert response is not None
    assert response.status == 404 or response.url == demo + "/admin/"
    expect(official.locator("main")).not_to_contain_text(other.title)
    official.goto(demo + "/admin/party/")
    official.locator("a.party-resolve").first.click()
    official.fill("#id_resolution", "Đối thoại với 3 hộ; các hộ đã ký cam kết hiến đất.")
    official.fill("#id_resolved_on", today.strftime("%d/%m/%Y"))
    official.fill("#id_reported_to_cell_on", today.strftime("%d/%m/%Y"))
    official.keyboard.press("Escape")
    official.locator("form button[type=submit]").last.click()
    expect(official.locator(".messages")).to_be_visible()
    task.refresh_from_db()
    assert task.status == TaskStatus.RESOLVED and task.resolved_on == today
    official.context.close()

    # The Standing Committee member supervising cells 6–10 sees the overdue task of cell 10
    # escalated to them, and only their five cells.
    member = _login(desktop, demo, "btv")
    member.goto(demo + "/admin/party/")
    expect(member.locator("tr[data-cell]")).to_have_count(5)
    escalated = Task.objects.get(title__contains="thôn 10")
    assert escalated.escalated_to is not None and escalated.is_overdue(today)
    row = member.locator("tr", has_text=escalated.title)
    expect(row.locator(".party-badge--overdue")).to_be_visible()
    expect(row.locator(".party-badge--mine")).to_be_visible()
    expect(member.locator("main")).not_to_contain_text("Chi bộ 1 (")
    member.context.close()
