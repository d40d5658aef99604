"""Kinds of disclosure and public holidays, shared by every commune: the province's alone,
saved through their services (permission, validation, audit entry), from the services and
from the admin."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.models import ModelLogEntry

from xaso.accounts.choices import Role
from xaso.accounts.tests.factories import make_staff
from xaso.disclosures import services
from xaso.disclosures.models import DisclosureKind, Holiday

pytestmark = pytest.mark.django_db
DAY = datetime.date(2031, 9, 3)


@pytest.fixture
def province(django_user_model):
    return django_user_model.objects.create_superuser("tinh", "tinh@example.com", "x")


def test_holidays_are_the_provinces(commune, province, django_user_model):
    administrator = make_staff(commune=commune, role=Role.ADMINISTRATOR)
    administrator.user_permissions.add(*Permission.objects.filter(codename="add_holiday"))
    administrator = django_user_model.objects.get(pk=administrator.pk)
    with pytest.raises(PermissionDenied):
        services.holiday_save(user=administrator, holiday=Holiday(date=DAY, name="Nghỉ"))

    holiday = services.holiday_save(user=province, holiday=Holiday(date=DAY, name="Nghỉ bù"))
    entries = ModelLogEntry.objects.for_instance(holiday)
    assert entries.filter(action="wagtail.create", user_id=province.pk).exists()
    with pytest.raises(ValidationError):  # one holiday a day
        services.holiday_save(user=province, holiday=Holiday(date=DAY, name="Trùng"))


def test_a_holiday_moves_the_working_day_deadline(province):
    from xaso.core.calendar import working_days_between, working_days_later

    start, end = datetime.date(2031, 9, 1), datetime.date(2031, 9, 5)  # Monday to Friday
    before = working_days_between(start, end)
    due = working_days_later(start, 2)
    services.holiday_save(user=province, holiday=Holiday(date=DAY, name="Nghỉ bù"))
    # Counted through core's calendar, as feedback counts its deadlines.
    assert working_days_between(start, end) == before - 1
    assert working_days_later(start, 2) == due + datetime.timedelta(days=1)


def test_kinds_are_the_provinces(commune, province):
    administrator = make_staff(commune=commune, role=Role.ADMINISTRATOR)
    with pytest.raises(PermissionDenied):
        services.disclosure_kind_save(
            user=administrator, kind=DisclosureKind(number=99, name="Mới")
        )
    kind = services.disclosure_kind_save(user=province, kind=DisclosureKind(number=99, name="Mới"))
    entries = ModelLogEntry.objects.for_instance(kind)
    assert entries.filter(action="wagtail.create", user_id=province.pk).exists()


def test_holidays_and_kinds_saved_in_the_admin_go_through_the_services(client, province):
    client.force_login(province)

    response = client.post("/admin/holiday/new/", {"date": "2031-09-03", "name": "Nghỉ bù"})
    assert response.status_code == 302, response.content.decode()[:3000]
    holiday = Holiday.objects.get(date=DAY)
    entries = ModelLogEntry.objects.for_instance(holiday)
    assert entries.filter(action="wagtail.create", user_id=province.pk).count() == 1

    response = client.post(
        "/admin/disclosurekind/new/",
        {
            "number": 98,
            "name": "Mục thử",
            "section": "",
            "posting_days": 30,
            "loudspeaker_days": 0,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    kind = DisclosureKind.objects.get(number=98)
    assert ModelLogEntry.objects.for_instance(kind).filter(action="wagtail.create").exists()
