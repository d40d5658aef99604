"""Successions (which units merged into or were renamed as which): recorded through
`services.commune_succession_record` by the province alone, audited; no unit succeeds itself
nor closes a cycle, refused in Vietnamese; the admin's screens go through the service."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation
from wagtail.models import ModelLogEntry

from xaso.accounts.choices import Role
from xaso.accounts.tests.factories import make_province_viewer, make_staff
from xaso.communes.models import CommuneSuccession
from xaso.communes.services import commune_succession_record, commune_succession_remove
from xaso.communes.tests.factories import make_commune

pytestmark = pytest.mark.django_db
DAY = datetime.date(2025, 7, 1)


@pytest.fixture
def province(django_user_model):
    return django_user_model.objects.create_superuser("tinh", "tinh@example.vn", "x")


@pytest.fixture
def units(commune, other_commune):
    return commune, other_commune, make_commune(name="Lưu Kỳ")


def _record(user, predecessor, successor):
    succession = CommuneSuccession(predecessor=predecessor, successor=successor, effective_on=DAY)
    return commune_succession_record(user=user, succession=succession)


def test_the_province_records_a_succession_audited(province, units):
    old, new, _third = units
    succession = _record(province, old, new)
    assert CommuneSuccession.objects.get() == succession
    entry = ModelLogEntry.objects.for_instance(succession).get(action="wagtail.create")
    assert entry.user_id == province.pk and entry.object_id == str(succession.pk)
    succession.legal_basis = "Nghị quyết 1680/NQ-UBTVQH15"
    commune_succession_record(user=province, succession=succession)
    edits = ModelLogEntry.objects.for_instance(succession).filter(action="wagtail.edit")
    assert edits.count() == 1
    commune_succession_remove(user=province, succession=succession)
    assert not CommuneSuccession.objects.exists()


@pytest.mark.parametrize("who", ["administrator", "viewer"])
def test_a_commune_administrator_and_the_viewer_are_refused(units, who):
    old, new, _third = units
    if who == "administrator":
        user = make_staff(commune=old, role=Role.ADMINISTRATOR)
        # Even holding the model permission, a commune's staff change no province data.
        from django.contrib.auth.models import Permission

        user.user_permissions.add(*Permission.objects.filter(codename__endswith="succession"))
        user = type(user).objects.get(pk=user.pk)
        assert user.has_perm("communes.add_communesuccession")
    else:
        user = make_province_viewer()
    with pytest.raises(PermissionDenied):
        _record(user, old, new)
    assert not CommuneSuccession.objects.exists()
    assert not ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(CommuneSuccession)
    ).exists()


def _refusal(callable_):
    with translation.override("vi"), pytest.raises(ValidationError) as raised:
        callable_()
    return " ".join(raised.value.message_dict["successor"])


def test_no_unit_succeeds_itself_nor_closes_a_cycle(province, units):
    first, second, third = units
    message = _refusal(lambda: _record(province, first, first))
    assert message == "Một đơn vị không thể kế thừa chính nó."
    _record(province, first, second)
    _record(province, second, third)
    # Third already succeeds first through second: first cannot succeed third.
    message = _refusal(lambda: _record(province, third, first))
    assert "vòng lặp" in message and third.name in message and first.name in message
    # Changing a succession into one that closes a cycle is refused too (third → second, as
    # second → third stands); saving it unchanged is not.
    direct = CommuneSuccession.objects.get(predecessor=first, successor=second)
    commune_succession_record(user=province, succession=direct)
    direct.predecessor = third
    assert "vòng lặp" in _refusal(
        lambda: commune_succession_record(user=province, succession=direct)
    )
    assert CommuneSuccession.objects.count() == 2


def test_the_admin_screens_go_through_the_service(client, province, units):
    old, new, _third = units
    client.force_login(province)
    data = {
        "predecessor": old.pk,
        "successor": new.pk,
        "kind": "whole",
        "effective_on": "2025-07-01",
        "legal_basis": "",
    }
    response = client.post(reverse("communesuccession:add"), data)
    assert response.status_code == 302, response.content[:800]
    succession = CommuneSuccession.objects.get()
    assert ModelLogEntry.objects.for_instance(succession).filter(action="wagtail.create").exists()
    # A cycle is refused on the form, nothing saved.
    data |= {"predecessor": new.pk, "successor": old.pk}
    with translation.override("vi"):
        response = client.post(reverse("communesuccession:add"), data, HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 200
    assert "vòng lặp" in response.content.decode()
    assert CommuneSuccession.objects.count() == 1
    # A commune's administrator does not reach the screens.
    client.force_login(make_staff(commune=old, role=Role.ADMINISTRATOR))
    assert client.get(reverse("communesuccession:add")).status_code in (302, 403, 404)
