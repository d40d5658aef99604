"""Controls of the admin that people found broken, used in Debian's Chromium: the commune
administrator adds a slogan and a link banner; the date picker of the campaign visit form and of
the party task's resolve form opens, and the date picked in it is the one saved."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from xaso.campaigns.choices import Status
from xaso.campaigns.models import Household
from xaso.demo.loader import DEMO_PASSWORD
from xaso.party.choices import TaskStatus
from xaso.party.models import Task
from xaso.portal.models import LinkBanner, Slogan
from xaso.testing.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _page(desktop: Any, base: str, username: str) -> Any:
    """A page of a browser session of its own, signed in as `username`, failing on any script
    error (a dead widget writes `ReferenceError` in the console and nothing on the page)."""
    context = desktop.browser.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN")
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.script_errors = errors
    log_in(page, base, username, DEMO_PASSWORD)
    return page


def _pick_first_of_month(page: Any, field: str) -> datetime.date:
    """Open the date picker of `field` and pick the first day of the month it shows."""
    page.locator(field).click()
    picker = page.locator(".xdsoft_datetimepicker:visible")
    expect(picker).to_be_visible()
    today = timezone.localdate()
    day = picker.locator(
        f"td.xdsoft_date[data-date='1'][data-month='{today.month - 1}'][data-year='{today.year}']"
    )
    day.click()
    return today.replace(day=1)


def test_the_administrator_adds_a_slogan_and_a_link_banner(demo_site, desktop):
    page = _page(desktop, demo_site, "quantri")

    page.goto(demo_site + "/admin/snippets/portal/slogan/add/")
    page.locator("#id_text").fill("Chung tay xây dựng nông thôn mới kiểu mẫu")
    picked = _pick_first_of_month(page, "#id_starts_on")
    page.keyboard.press("Escape")
    page.locator("#main button.button-longrunning[type=submit]").first.click()
    expect(page.locator(".messages")).to_be_visible()
    slogan = Slogan.objects.get(text="Chung tay xây dựng nông thôn mới kiểu mẫu")
    assert slogan.starts_on == picked

    page.goto(demo_site + "/admin/snippets/portal/linkbanner/add/")
    page.locator("#id_title").fill("Cổng Dịch vụ công thành phố")
    page.locator("#id_url").fill("https://dichvucong.haiphong.gov.vn/")
    page.locator("#main button.button-longrunning[type=submit]").first.click()
    expect(page.locator(".messages")).to_be_visible()
    assert LinkBanner.objects.filter(title="Cổng Dịch vụ công thành phố").exists()
    assert page.script_errors == []


def test_the_date_pickers_of_the_visit_and_task_forms_open_and_save(demo_site, desktop):
    household = (
        Household.objects.filter(official__user__username="vandong", status=Status.MOBILISING)
        .order_by("code")
        .first()
    )
    assert household is not None
    official = _page(desktop, demo_site, "vandong")
    official.goto(demo_site + reverse("campaigns_visit", args=[household.pk]))
    picked = _pick_first_of_month(official, "#id_visited_on")
    official.keyboard.press("Escape")
    official.fill("#id_people", "Vũ Đức Long")
    official.fill("#id_outcome", "Gia đình hẹn gặp lại sau khi bàn với con cháu.")
    official.locator("form button[type=submit]").last.click()
    expect(official.locator(".messages")).to_contain_text(household.code)
    assert household.visits.filter(visited_on=picked, people="Vũ Đức Long").exists()
    assert official.script_errors == []

    task = Task.objects.exclude(status=TaskStatus.RESOLVED).order_by("pk").first()
    assert task is not None
    # Raised before the day to be picked, so that the picked day is a valid resolution date.
    raised = timezone.localdate().replace(day=1) - datetime.timedelta(days=40)
    Task.objects.filter(pk=task.pk).update(raised_on=raised, due_on=raised)
    office = _page(desktop, demo_site, "vpdu")
    office.goto(demo_site + reverse("party_task_resolve", args=[task.pk]))
    office.fill("#id_resolution", "Đã đối thoại với các hộ.")
    picked = _pick_first_of_month(office, "#id_resolved_on")
    office.keyboard.press("Escape")
    office.locator("form button[type=submit]").last.click()
    expect(office.locator(".messages")).to_be_visible()
    task.refresh_from_db()
    assert task.status == TaskStatus.RESOLVED and task.resolved_on == picked
    assert office.script_errors == []
